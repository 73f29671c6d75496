from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "hearth.assessment"
    label = "assessment"
    verbose_name = "Assessment"
