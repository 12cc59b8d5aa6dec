"""Which placements, retention checks and support requests a user may see, built on clients/access.py.

Placements and checks follow the job seeker (clients.access); support requests are confidential: the client,
the staff assigned to their case now and the provider's managers.
"""

from django.db.models import Exists, OuterRef, QuerySet

from caseload.models import Assignment
from clients.access import rows_for, rows_for_seeker
from espportal.access import Actor, actor_for_user
from espportal.models import User
from outcomes.models import Placement, RetentionCheck, SupportRequest


def placements_for(actor: Actor) -> QuerySet[Placement]:
    return rows_for(actor, Placement.objects.select_related("employer", "occupation", "provider"))


def retention_checks_for(actor: Actor) -> QuerySet[RetentionCheck]:
    return rows_for(actor, RetentionCheck.objects.select_related("placement"))


def support_requests_for(actor: Actor) -> QuerySet[SupportRequest]:
    """Confidential: the client themselves, the staff assigned to the case now, and the provider's managers.
    Other staff of the same provider, other providers and ministry see none of them."""
    queryset = rows_for(actor, SupportRequest.objects.select_related("client", "provider"))
    if actor.is_job_seeker:
        return queryset.filter(client__user_id=actor.user.pk)
    if not actor.is_staff_member:
        return queryset.none()
    mine = queryset.filter(provider_id=actor.provider.pk)
    if actor.is_manager:
        return mine
    assigned = Assignment.objects.filter(case_id=OuterRef("case_id"), staff_id=actor.user.pk, ended_at__isnull=True)
    return mine.filter(Exists(assigned))


def placements_for_seeker(user) -> QuerySet[Placement]:
    """The job seeker's own placements (clients.access.rows_for_seeker); none for anyone else."""
    return rows_for_seeker(user, Placement.objects.all())


def support_requests_for_seeker(user) -> QuerySet[SupportRequest]:
    """The job seeker's own support requests, whoever opened them; none for anyone else."""
    return rows_for_seeker(user, SupportRequest.objects.all())


def may_see_support_request(user: User, support_request: SupportRequest) -> bool:
    return support_requests_for(actor_for_user(user)).filter(pk=support_request.pk).exists()


def may_open_support(user: User, client, case) -> bool:
    """The client themselves, the staff assigned to their case now, or their provider's manager."""
    if case is None:
        return False
    if client.user_id is not None and client.user_id == user.pk:
        return True
    actor = actor_for_user(user)
    if not actor.is_staff_member or actor.provider.pk != case.provider_id:
        return False
    return actor.is_manager or Assignment.objects.filter(case=case, staff=user, ended_at__isnull=True).exists()
