"""Who gets credit for a hire, computed from what happened before it, never from what anyone declares.

- direct: before the start date the provider shared a match with the client for a lead at this employer, or
  arranged an internship, work placement or hiring event with this employer that the client attended;
- assisted: before the start date the provider delivered (completed) resume, interview practice, training or
  mentoring services on the client's plan;
- self_found: neither.

`attribute()` is pure: it classifies plain facts. `history_for()` gathers those facts from the database.
The evidence list is the chain a reviewer reads: every fact found, strongest first.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from clients.models import Client, PlanItem, ServiceCatalogueEntry
from employers.models import EngagementActivity, Match
from espportal.models import Membership

DIRECT_ACTIVITY_KINDS = (
    EngagementActivity.Kind.INTERNSHIP,
    EngagementActivity.Kind.WORK_PLACEMENT,
    EngagementActivity.Kind.HIRING_EVENT,
)
ASSISTING_SERVICE_KINDS = (
    ServiceCatalogueEntry.Kind.RESUME,
    ServiceCatalogueEntry.Kind.INTERVIEW_PRACTICE,
    ServiceCatalogueEntry.Kind.TRAINING,
    ServiceCatalogueEntry.Kind.MENTORING,
)


@dataclass(frozen=True)
class SharedMatch:
    ref: str
    employer_id: int
    provider_ids: frozenset  # the lead's provider and the provider(s) of the person who shared it
    shared_on: dt.date | None
    title: str


@dataclass(frozen=True)
class Activity:
    ref: str
    kind: str
    employer_id: int
    provider_id: int
    date: dt.date
    label: str


@dataclass(frozen=True)
class DeliveredService:
    ref: str
    kind: str
    provider_id: int
    completed_on: dt.date | None
    title: str


@dataclass(frozen=True)
class History:
    matches: tuple = ()
    activities: tuple = ()
    services: tuple = ()


def _evidence(kind: str, date: dt.date, description: str, ref: str) -> dict:
    return {"kind": kind, "date": date.isoformat(), "description": description, "ref": ref}


def attribute(*, history: History, provider_id: int, employer_id: int | None, start_date: dt.date) -> tuple[str, list]:
    """(attribution class, evidence list) for a hire at `employer_id` starting `start_date`, credited to
    `provider_id`. Only what happened strictly before the start date counts."""
    direct = []
    if employer_id is not None:
        for m in history.matches:
            if (m.shared_on is not None and m.shared_on < start_date and m.employer_id == employer_id
                    and provider_id in m.provider_ids):
                direct.append(_evidence("match_shared", m.shared_on, f"Lead shared with the client: {m.title}", m.ref))
        for a in history.activities:
            if (a.kind in DIRECT_ACTIVITY_KINDS and a.employer_id == employer_id and a.provider_id == provider_id
                    and a.date < start_date):
                direct.append(_evidence(a.kind, a.date, a.label, a.ref))
    assisted = [
        _evidence("plan_item", s.completed_on, f"{s.title} ({s.kind}) delivered", s.ref)
        for s in history.services
        if s.kind in ASSISTING_SERVICE_KINDS and s.provider_id == provider_id and s.completed_on is not None
        and s.completed_on < start_date
    ]
    direct.sort(key=lambda e: e["date"])
    assisted.sort(key=lambda e: e["date"])
    if direct:
        return "direct", direct + assisted
    if assisted:
        return "assisted", assisted
    return "self_found", []


def _local_date(value) -> dt.date | None:
    return timezone.localdate(value) if value is not None else None


def _sharers(match: Match, provider_id: int) -> frozenset:
    """Who shared the match: the provider the sharer works for; the lead's provider when the sharer's account is
    gone (shared_by was cleared)."""
    if match.sharer_here:
        return frozenset({provider_id})
    return frozenset({match.lead.provider_id}) if match.shared_by_id is None else frozenset()


def history_for(client: Client, *, provider_id: int, employer_id: int | None) -> History:
    """The facts attribute() weighs, read in three queries."""
    matches = ()
    activities = ()
    if employer_id is not None:
        sharer_here = Membership.objects.filter(user_id=OuterRef("shared_by_id"), provider_id=provider_id)
        rows = (
            Match.objects.filter(client=client, lead__employer_id=employer_id, shared_at__isnull=False)
            .annotate(sharer_here=Exists(sharer_here))
            .select_related("lead")
        )
        matches = tuple(
            SharedMatch(ref=str(m.code), employer_id=m.lead.employer_id, shared_on=_local_date(m.shared_at),
                        title=m.lead.title,
                        provider_ids=_sharers(m, provider_id))
            for m in rows
        )
        activities = tuple(
            Activity(ref=str(a.code), kind=a.kind, employer_id=a.employer_id, provider_id=a.provider_id,
                     date=a.date, label=str(a.get_kind_display()))
            for a in EngagementActivity.objects.filter(employer_id=employer_id, attendance__client=client,
                                                       kind__in=DIRECT_ACTIVITY_KINDS)
        )
    services = tuple(
        DeliveredService(ref=str(i.code), kind=i.service.kind, provider_id=i.provider_id,
                         completed_on=_local_date(i.completed_at), title=i.title)
        for i in PlanItem.objects.filter(
            Q(client=client, status=PlanItem.Status.COMPLETED, service__kind__in=ASSISTING_SERVICE_KINDS)
        ).select_related("service")
    )
    return History(matches=matches, activities=activities, services=services)
