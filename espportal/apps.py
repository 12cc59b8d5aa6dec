from django.apps import AppConfig


class EspPortalConfig(AppConfig):
    name = "espportal"
    verbose_name = "ESP Portal"

    def ready(self):
        from espportal import signals  # noqa: F401  (login audit receivers)

        _discover_messages()


def _discover_messages() -> None:
    """Import every project app's `messages` module so its @message definitions are registered (project apps only:
    third-party apps may have unrelated modules of that name)."""
    from importlib import import_module

    from django.apps import apps
    from django.conf import settings
    from django.utils.module_loading import module_has_submodule

    for config in apps.get_app_configs():
        if str(config.path).startswith(str(settings.BASE_DIR)) and module_has_submodule(config.module, "messages"):
            import_module(f"{config.name}.messages")
