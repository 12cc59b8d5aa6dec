from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "clients"

    def ready(self):
        from clients import access  # noqa: F401  (registers its open-reason refiner)
