from django.apps import AppConfig


class AdoptionConfig(AppConfig):
    name = "hearth.adoption"
    label = "adoption"
    verbose_name = "Adoption"
