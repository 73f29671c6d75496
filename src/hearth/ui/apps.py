from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "hearth.ui"
    label = "ui"
    verbose_name = "User interface"
