from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    name = "hearth.synthetic"
    label = "synthetic"
    verbose_name = "Synthetic council"
