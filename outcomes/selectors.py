"""Reads for outcomes: named queries that views, the API and the services share."""

import datetime as dt
import uuid

from django.db.models import Exists, OuterRef, QuerySet, Subquery

from caseload.models import Assignment
from clients.access import rows_for
from clients.models import PlanItem
from employers.models import EngagementActivity, Match
from espportal.access import Actor
from outcomes.models import Placement, RetentionCheck
from outcomes.quality.models import AttributionReview

ESCALATE_AFTER_DAYS = 14  # a due check unanswered this many days goes to the manager


def checks_due_for(actor: Actor) -> QuerySet[RetentionCheck]:
    """Check-ins waiting for an answer, soonest due first: a counsellor's own cases; a manager's whole provider
    (read in order from the index retention_check_provider_open)."""
    if not actor.is_staff_member:
        return RetentionCheck.objects.none()
    queryset = rows_for(actor, RetentionCheck.objects.select_related("placement", "client")).filter(
        status__in=[RetentionCheck.Status.DUE, RetentionCheck.Status.ESCALATED], provider_id=actor.provider.pk)
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


def retention_checks_due(today: dt.date) -> QuerySet[RetentionCheck]:
    """Pending retention checks whose due date (a date) is today or past: the nightly job makes them due, oldest
    first (outcomes.services.retention_checks_fall_due)."""
    return RetentionCheck.objects.filter(status=RetentionCheck.Status.PENDING, due_on__lte=today)


def retention_checks_overdue(today: dt.date) -> QuerySet[RetentionCheck]:
    """Due, unescalated checks whose due date is ESCALATE_AFTER_DAYS or more before `today`: the nightly job
    escalates them to the manager, oldest first (outcomes.services.retention_checks_escalate)."""
    return RetentionCheck.objects.filter(
        status=RetentionCheck.Status.DUE, escalated_at__isnull=True,
        due_on__lte=today - dt.timedelta(days=ESCALATE_AFTER_DAYS),
    )


def attribution_decision(placement: Placement):
    """The QA decision on the placement's contested attribution (outcomes.quality AttributionReview), or None while
    it is not contested or still under review. A placement is decided once (attribution_review_once)."""
    if not placement.attribution_contested:
        return None
    return placement.attribution_reviews.first()


def with_review_decision(placements):
    """Placements annotated with `review_decision`: "upheld", "changed" (AttributionReview.Decision) or None while
    not decided, in the same query."""
    decision = AttributionReview.objects.filter(placement=OuterRef("pk")).values("decision")[:1]
    return placements.annotate(review_decision=Subquery(decision))
