"""Periodic jobs of the funding app (declared in settings.CELERY_BEAT_SCHEDULE with the others)."""

from celery import shared_task

from outcomes.funding import services


@shared_task(acks_late=True)
def ledger_post() -> dict:
    """Nightly: post the payment ledger from verified milestones (idempotent; see services.ledger_post)."""
    return services.ledger_post()
