from celery import shared_task
from django.utils import timezone

from outcomes import services


@shared_task(acks_late=True)
def retention_checks_run() -> dict:
    """Daily: checks falling due become a counsellor task and a client notification; checks unanswered 14 days
    after falling due go to the manager. The checks are claimed in batches, each with its tasks and notifications in
    one transaction (outcomes.services.retention_checks_fall_due), so a second run, or a rerun after a worker died
    mid-way, finishes the rest without doubling anything."""
    today = timezone.localdate()
    due = services.retention_checks_fall_due(today=today)
    escalated = services.retention_checks_escalate(today=today)
    return {"due": due, "escalated": escalated}
