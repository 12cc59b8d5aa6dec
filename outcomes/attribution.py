"""Who gets credit for a hire, computed from what happened before it, never from what anyone declares.

- direct: by the start date the provider moved a match for a lead at this employer along its pipeline (every stage
  from "shared" onward: shared, interested, applied, interview, offer, hired is the provider's help), or arranged an
  internship, work placement or hiring event with this employer that the client attended;
- assisted: by the start date the provider delivered (completed) resume, interview practice, training or
  mentoring services on the client's plan;
- self_found: neither.

"By the start date" includes the start day itself: a pipeline moved and a placement recorded the same morning the
person starts is still the provider's help. A pipeline stage also counts when it was recorded the same day as that
match's hire (the day it was moved to "hired"; the "hired" step itself counts only by the start date): a developer who catches the pipeline up on the day of the hire,
for a placement back-dated to an earlier start, recorded real help late. A stage recorded on another day after the
start date does not count (help given after someone started work did not get them the job).

`attribute()` is pure: it classifies plain facts. `history_for()` gathers those facts from the database.
The evidence list is the chain a reviewer reads: every fact found, strongest first.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from clients.models import Client, PlanItem, ServiceCatalogueEntry
from employers.models import EngagementActivity, Match, MatchEvent
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


PIPELINE_STAGES = ("shared", "interested", "applied", "interview", "offer", "hired")


@dataclass(frozen=True)
class Stage:
    """One pipeline step of a match: its status, the local day it was recorded, and the provider(s) whose staff
    recorded it."""

    status: str
    on: dt.date
    provider_ids: frozenset


@dataclass(frozen=True)
class SharedMatch:
    ref: str
    employer_id: int
    provider_ids: frozenset  # the lead's provider and the provider(s) of the person who shared it
    shared_on: dt.date | None
    title: str
    stages: tuple = ()  # Stage rows after "shared" (interested ... hired), oldest first


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


def _pipeline_evidence(m: SharedMatch, *, provider_id: int, start_date: dt.date) -> list:
    """The stages of one match that count for `provider_id`: recorded by its staff on or before the start date,
    or on the day the match was moved to hired."""
    hired_on = next((s.on for s in m.stages if s.status == "hired"), None)

    def counts(on, status=""):
        # The hire itself is the outcome, not help towards it: it counts only when recorded by the start date.
        return on is not None and (on <= start_date or (on == hired_on and status != "hired"))

    found = []
    if m.shared_on is not None and provider_id in m.provider_ids and counts(m.shared_on):
        found.append(_evidence("match_shared", m.shared_on, f"Lead shared with the client: {m.title}", m.ref))
    for stage in m.stages:
        if stage.status != "shared" and provider_id in stage.provider_ids and counts(stage.on, stage.status):
            found.append(_evidence(f"match_{stage.status}", stage.on, f"Pipeline: {stage.status}: {m.title}", m.ref))
    return found


def attribute(*, history: History, provider_id: int, employer_id: int | None, start_date: dt.date) -> tuple[str, list]:
    """(attribution class, evidence list) for a hire at `employer_id` starting `start_date`, credited to
    `provider_id`. What happened on or before the start date counts (see the module docstring for the hire-day
    rule of pipeline stages); evidence items are dicts {kind, date (ISO), description, ref}."""
    direct = []
    if employer_id is not None:
        for m in history.matches:
            if m.employer_id == employer_id:
                direct += _pipeline_evidence(m, provider_id=provider_id, start_date=start_date)
        for a in history.activities:
            if (a.kind in DIRECT_ACTIVITY_KINDS and a.employer_id == employer_id and a.provider_id == provider_id
                    and a.date <= start_date):
                direct.append(_evidence(a.kind, a.date, a.label, a.ref))
    assisted = [
        _evidence("plan_item", s.completed_on, f"{s.title} ({s.kind}) delivered", s.ref)
        for s in history.services
        if s.kind in ASSISTING_SERVICE_KINDS and s.provider_id == provider_id and s.completed_on is not None
        and s.completed_on <= start_date
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


def _stages_by_match(client: Client, *, provider_id: int, employer_id: int) -> dict:
    """{match id: (Stage, ...)} for the pipeline steps of the client's matches at this employer, one query. A step
    counts for the provider whose staff recorded it; for the lead's provider when the account is gone."""
    by_here = Membership.objects.filter(user_id=OuterRef("by_id"), provider_id=provider_id)
    events = (
        MatchEvent.objects.filter(match__client=client, match__lead__employer_id=employer_id,
                                  status__in=PIPELINE_STAGES)
        .annotate(by_here=Exists(by_here))
        .values_list("match_id", "status", "at", "by_id", "by_here", "match__lead__provider_id")
        .order_by("at", "id")
    )
    stages: dict = {}
    for match_id, status, at, by_id, by_here, lead_provider_id in events:
        providers = frozenset({provider_id}) if by_here else (
            frozenset({lead_provider_id}) if by_id is None else frozenset())
        stages.setdefault(match_id, []).append(Stage(status=status, on=_local_date(at), provider_ids=providers))
    return {key: tuple(value) for key, value in stages.items()}


def history_for(client: Client, *, provider_id: int, employer_id: int | None,
                hiring_match_id: int | None = None) -> History:
    """The facts attribute() weighs, read in four queries. `hiring_match_id` names the match this placement is
    about to move to hired (today), so its hire day is known before the move is written."""
    matches = ()
    activities = ()
    if employer_id is not None:
        sharer_here = Membership.objects.filter(user_id=OuterRef("shared_by_id"), provider_id=provider_id)
        stages = _stages_by_match(client, provider_id=provider_id, employer_id=employer_id)
        if hiring_match_id is not None and not any(s.status == "hired" for s in stages.get(hiring_match_id, ())):
            stages[hiring_match_id] = (*stages.get(hiring_match_id, ()),
                                       Stage(status="hired", on=timezone.localdate(),
                                             provider_ids=frozenset({provider_id})))
        rows = (
            Match.objects.filter(client=client, lead__employer_id=employer_id)
            .filter(Q(shared_at__isnull=False) | Q(pk__in=list(stages)))
            .annotate(sharer_here=Exists(sharer_here))
            .select_related("lead")
        )
        matches = tuple(
            SharedMatch(ref=str(m.code), employer_id=m.lead.employer_id, shared_on=_local_date(m.shared_at),
                        title=m.lead.title, provider_ids=_sharers(m, provider_id), stages=stages.get(m.pk, ()))
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
