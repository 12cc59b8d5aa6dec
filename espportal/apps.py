from django.apps import AppConfig


class EspPortalConfig(AppConfig):
    name = "espportal"
    verbose_name = "ESP Portal"

    def ready(self):
        from espportal import signals  # noqa: F401  (login audit receivers)
