from celery import shared_task
from django.utils import timezone

from outcomes import selectors, services


@shared_task(acks_late=True)
def retention_checks_run() -> dict:
    """Daily: checks falling due become a counsellor task and a client notification; checks unanswered 14 days
    after falling due go to the manager. Each check is claimed with a conditional UPDATE in its own transaction,
    so a second run, or a rerun after a worker died mid-way, finishes the rest without doubling anything."""
    today = timezone.localdate()
    due = sum(services.retention_check_fall_due(check_id=pk) for pk in selectors.retention_checks_due(today))
    escalated = sum(services.retention_check_escalate(check_id=pk) for pk in selectors.retention_checks_overdue(today))
    return {"due": due, "escalated": escalated}
