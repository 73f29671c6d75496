from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "hearth.access"
    label = "access"
    verbose_name = "Access"

    def ready(self) -> None:
        from hearth.access.history import register_case_records

        register_case_records()
