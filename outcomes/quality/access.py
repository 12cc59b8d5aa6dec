"""Who may see which quality rows, built on clients.access and espportal.access.

Complaints: the ministry (ombudsperson) sees every complaint; a job seeker sees the complaints filed for their
own record (whoever filed them); staff see none here (they file on a client's behalf, and the client follows it).
Another person's complaint is a 404 (get_or_404), never a hint that it exists.
"""

from django.db.models import QuerySet

from clients.access import clients_for
from espportal.access import Actor
from outcomes.quality.models import Complaint


def complaints_for(actor: Actor) -> QuerySet[Complaint]:
    if actor.is_ministry:
        return Complaint.objects.all()
    if actor.is_job_seeker:
        return Complaint.objects.filter(client__in=clients_for(actor).values("pk"))
    return Complaint.objects.none()
