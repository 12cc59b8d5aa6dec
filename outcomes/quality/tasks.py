"""Periodic jobs of the quality app (declared in settings.CELERY_BEAT_SCHEDULE with the others)."""

from celery import shared_task
from django.utils import timezone

from outcomes.quality.services import complaints


@shared_task(acks_late=True)
def complaints_escalate() -> dict:
    """Daily: open complaints past their response deadline are escalated, each once (a conditional UPDATE claims
    it), so reruns and a second worker change nothing."""
    today = timezone.localdate()
    escalated = sum(complaints.complaint_escalate(complaint_id=pk) for pk in complaints.complaints_overdue(today))
    return {"escalated": escalated}
