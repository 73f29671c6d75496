from django.apps import AppConfig


class LeavingcareConfig(AppConfig):
    name = "hearth.leavingcare"
    label = "leavingcare"
    verbose_name = "Leaving care"
