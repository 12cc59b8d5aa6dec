from django.apps import AppConfig


class FundingConfig(AppConfig):
    """Funding models (versioned parameters), the per-provider payment ledger and the what-if comparison."""

    name = "outcomes.funding"
    label = "funding"
