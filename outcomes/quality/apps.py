from django.apps import AppConfig


class QualityConfig(AppConfig):
    """QA samples and findings, attribution reviews, satisfaction surveys, complaints and the ombudsperson."""

    name = "outcomes.quality"
    label = "quality"
