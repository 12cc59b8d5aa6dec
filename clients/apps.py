from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "clients"

    def ready(self):
        # registers its open-reason refiner, and the clients picker
        from clients import access, pickers  # noqa: F401
