from django.apps import AppConfig


class CaseloadConfig(AppConfig):
    name = "caseload"

    def ready(self):
        from caseload import access  # noqa: F401  (registers its open-reason refiner)
