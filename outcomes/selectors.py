"""Reads for outcomes: named queries that views, the API and the services share."""

import uuid

from django.db.models import Exists, OuterRef, QuerySet

from caseload.models import Assignment
from clients.access import rows_for
from clients.models import PlanItem
from employers.models import EngagementActivity, Match
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


def checks_due_for(actor: Actor) -> QuerySet[RetentionCheck]:
    """Check-ins waiting for an answer: a counsellor's own cases; a manager's whole provider."""
    if not actor.is_staff_member:
        return RetentionCheck.objects.none()
    queryset = rows_for(actor, RetentionCheck.objects.select_related("placement", "client")).filter(
        status__in=[RetentionCheck.Status.DUE, RetentionCheck.Status.ESCALATED],
        placement__provider_id=actor.provider.pk,
    )
    if not actor.is_manager:
        assigned = Assignment.objects.filter(case_id=OuterRef("placement__case_id"), staff_id=actor.user.pk,
                                             ended_at__isnull=True)
        queryset = queryset.filter(Exists(assigned))
    return queryset.order_by("due_on", "id")


def pending_checks_of(client) -> QuerySet[RetentionCheck]:
    """What the job seeker is asked about: checks that fell due and wait for an answer."""
    return (RetentionCheck.objects.filter(client=client, status__in=[RetentionCheck.Status.DUE,
                                                                     RetentionCheck.Status.ESCALATED])
            .select_related("placement").order_by("due_on", "id"))


def evidence_chain(actor: Actor, placement: Placement) -> list[dict]:
    """The stored evidence, read back from the records it names (through the access door), so the page shows
    today's titles in the reader's language rather than the English written at the time."""
    refs = [item.get("ref") for item in placement.evidence]
    matches = {str(m.code): m for m in rows_for(actor, Match.objects.filter(code__in=_uuids(refs))
                                                .select_related("lead__employer"))}
    items = {str(i.code): i for i in rows_for(actor, PlanItem.objects.filter(code__in=_uuids(refs))
                                              .select_related("service"))}
    activities = {str(a.code): a for a in EngagementActivity.objects.filter(
        code__in=_uuids(refs), employer_id=placement.employer_id).select_related("employer")}
    chain = []
    for item in placement.evidence:
        ref = item.get("ref")
        detail = ""
        if ref in matches:
            detail = f"{matches[ref].lead.title} · {matches[ref].lead.employer.name}"
        elif ref in items:
            service = items[ref].service
            detail = f"{items[ref].title}" + (f" · {service.get_kind_display()}" if service else "")
        elif ref in activities:
            detail = activities[ref].employer.name
        chain.append({"kind": item.get("kind"), "date": item.get("date"), "detail": detail})
    return chain


def _uuids(values) -> list[str]:
    found = []
    for value in values:
        try:
            found.append(str(uuid.UUID(str(value))))
        except ValueError:
            continue
    return found
