"""Periodic jobs of the quality app (declared in settings.CELERY_BEAT_SCHEDULE with the others)."""

import datetime as dt

from celery import shared_task
from django.utils import timezone

from outcomes.quality import selectors
from outcomes.quality.services import complaints


@shared_task(acks_late=True)
def complaints_escalate() -> dict:
    """Daily: open complaints past their response deadline are escalated, each once (a conditional UPDATE claims
    it), so reruns and a second worker change nothing."""
    today = timezone.localdate()
    escalated = sum(complaints.complaint_escalate(complaint_id=pk) for pk in selectors.complaints_overdue(today))
    return {"escalated": escalated}


@shared_task(acks_late=True)
def qa_sample_quarter() -> dict:
    """On the first day of each quarter: draw every provider's interview sample for the quarter that just ended
    (each drawn once: a rerun returns the samples already drawn)."""
    from outcomes.quality.services import qa

    last_quarter, _start, _end = qa.quarter_of(timezone.localdate() - dt.timedelta(days=1))
    return {"quarter": last_quarter, "drawn": qa.qa_samples_draw_quarter(quarter=last_quarter)}


@shared_task(acks_late=True)
def surveys_issue() -> dict:
    """Daily: a survey for each key moment of the last 30 days that has none yet (idempotent: one per moment)."""
    from outcomes.quality.services import surveys

    return {"issued": surveys.surveys_issue()}


@shared_task(acks_late=True)
def employer_surveys_deliver() -> dict:
    """Every 5 minutes: e-mail employer surveys not yet delivered (each claimed once; a failure is retried)."""
    from django.conf import settings

    from outcomes.quality.services import surveys

    return {"sent": surveys.employer_surveys_deliver(base_url=settings.ESP_BASE_URL)}
