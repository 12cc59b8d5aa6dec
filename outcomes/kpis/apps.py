from django.apps import AppConfig


class KpisConfig(AppConfig):
    """The ministry's KPIs: one definition per KPI, nightly rollups, the /ministry/ dashboards, CSV and API."""

    name = "outcomes.kpis"
    label = "kpis"
    default_auto_field = "django.db.models.BigAutoField"
