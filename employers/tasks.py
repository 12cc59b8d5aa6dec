"""Celery entry points: each takes ids and calls a service; running one twice changes nothing more."""

from celery import shared_task

from employers import services
from employers.models import JobLead


@shared_task(acks_late=True)
def leads_expire() -> int:
    return services.leads_expire()


@shared_task(acks_late=True)
def lead_match_new(lead_id: int) -> int:
    lead = JobLead.objects.select_related("employer", "provider").filter(pk=lead_id).first()
    if lead is None:
        return 0
    return services.lead_match_new(lead=lead)
