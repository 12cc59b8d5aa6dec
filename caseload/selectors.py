"""Reads for caseload: named queries that views, the API and other apps share."""

import datetime as dt

import holidays
from django.conf import settings
from django.db.models import (
    Exists,
    F,
    JSONField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from caseload.access import note_visibility, tasks_for
from caseload.filters import CASE_SORTS, NoteFilterSet
from caseload.models import (
    Appointment,
    Assignment,
    CaseFile,
    CaseNote,
    HandoffBrief,
    Referral,
    Task,
    Transfer,
)
from clients.access import clients_at_provider, rows_for
from clients.models import Client
from espportal import messages
from espportal.access import Actor
from espportal.db import hashed_subquery, subquery_count
from espportal.models import Membership, Provider, Role, User


def open_case_for(client: Client) -> CaseFile | None:
    return CaseFile.objects.filter(client=client).exclude(status=CaseFile.Status.CLOSED).select_related(
        "provider").first()


def current_assignee(case: CaseFile, role: str = Assignment.Role.COUNSELLOR) -> User | None:
    assignment = (
        Assignment.objects.filter(case=case, role=role, ended_at__isnull=True).select_related("staff").first()
    )
    return assignment.staff if assignment else None


def current_assignees(cases, role: str = Assignment.Role.COUNSELLOR) -> dict:
    """{case pk: the staff member current_assignee gives} for many cases in one query; cases without one are left
    out."""
    found = {}
    for assignment in (Assignment.objects.filter(case__in=[c.pk for c in cases], role=role, ended_at__isnull=True)
                       .select_related("staff").order_by("case_id", *Assignment._meta.ordering)):
        found.setdefault(assignment.case_id, assignment.staff)
    return found


def current_assignments(case: CaseFile):
    return Assignment.objects.filter(case=case, ended_at__isnull=True).select_related("staff")


def is_assigned(case: CaseFile, user: User) -> bool:
    return Assignment.objects.filter(case=case, staff=user, ended_at__isnull=True).exists()


def manager_of(provider: Provider) -> User | None:
    membership = (
        Membership.objects.active().filter(provider=provider, role=Role.MANAGER).select_related("user")
        .order_by("active_from", "id").first()
    )
    return membership.user if membership else None


def managers_of(provider_ids) -> dict:
    """{provider pk: the manager manager_of gives} for many providers in one query; providers without one are left
    out."""
    found = {}
    for membership in (Membership.objects.active().filter(provider__in=list(provider_ids), role=Role.MANAGER)
                       .select_related("user").order_by("provider_id", "active_from", "id")):
        found.setdefault(membership.provider_id, membership.user)
    return found


def pending_brief_for(case: CaseFile, user: User) -> HandoffBrief | None:
    return HandoffBrief.objects.filter(case=case, for_staff=user, acknowledged_at__isnull=True).first()


def is_business_day(day: dt.date) -> bool:
    """Monday to Friday, and not an Ontario statutory holiday (the `holidays` library's Canada, subdivision ON)."""
    return day.weekday() < 5 and day not in holidays.Canada(subdiv="ON", years=day.year)


def add_business_days(start: dt.date, days: int) -> dt.date:
    """`days` working days after `start`: weekends and Ontario holidays do not count (see is_business_day)."""
    current = start
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        if is_business_day(current):
            remaining -= 1
    return current


# --- Page queries: each is a fixed number of queries whatever the caseload or note count ---------------------

CONTACT_KINDS = (CaseNote.Kind.CONTACT, CaseNote.Kind.MEETING)
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

def with_case_facts(cases: QuerySet, today: dt.date) -> QuerySet:
    """Annotate cases with next action and overdue tasks in the same query (last contact is stored on the case
    file by the services that record contact)."""
    open_tasks = Task.objects.filter(case=OuterRef("pk"), done_at__isnull=True).order_by("due_on", "id")
    return cases.annotate(
        next_title=Subquery(open_tasks.values("title")[:1]),
        next_title_key=Subquery(open_tasks.values("title_key")[:1]),
        next_title_params=Subquery(open_tasks.values("title_params")[:1], output_field=JSONField()),
        next_due=Subquery(open_tasks.values("due_on")[:1]),
        overdue_count=subquery_count(Task.objects.filter(case=OuterRef("pk"), done_at__isnull=True,
                                                         due_on__lt=today)),
    )


def days_since(moment, now=None) -> int | None:
    """Whole days from `moment` to now, never negative (a moment in the future counts as today); None for none."""
    if moment is None or moment <= EPOCH:
        return None
    return max(((now or timezone.now()) - moment).days, 0)


def caseload_cases(actor: Actor, user) -> QuerySet[CaseFile]:
    """The open cases assigned to `user` at the actor's provider, with their facts (`with_case_facts`), next
    action first; the page narrows and re-sorts it with caseload.filters.CaseFilterSet, then paginates and calls
    `with_contact_days` on the page's rows."""
    mine = Assignment.objects.filter(staff=user, ended_at__isnull=True).values("case_id")
    cases = rows_for(actor, CaseFile.objects.filter(pk__in=mine, provider_id=actor.provider.pk)).exclude(
        status=CaseFile.Status.CLOSED).select_related("client")
    return with_case_facts(cases, timezone.localdate()).order_by(*CASE_SORTS["next"])


def with_contact_days(rows):
    """Label a page of cases from `with_case_facts` with days since last contact, whether the next action is
    overdue and `status_label` (the stage in the reader's language); returns the same rows."""
    today = timezone.localdate()
    now = timezone.now()
    stages = {value: str(label) for value, label in CaseFile.Status.choices}  # once, not get_status_display a row
    for case in rows:
        case.status_label = stages.get(case.status, case.status)
        case.days_since_contact = days_since(case.last_contact_at, now)
        if getattr(case, "next_title_key", ""):  # a system task: its title in the reader's language
            case.next_title = messages.render(case.next_title_key, case.next_title_params,
                                              fallback=(case.next_title, ""))[0]
        case.next_overdue = getattr(case, "next_due", None) is not None and case.next_due < today
    return rows


def waiting_list(actor: Actor) -> QuerySet[Client]:
    """Registered clients of the provider with no first meeting yet, longest wait first (the provider's own
    clients: clients.access.clients_at_provider, on the client_waiting_by_provider index alone)."""
    return clients_at_provider(actor).filter(first_meeting_at__isnull=True).order_by("registered_at", "pk")


def my_waiting_list(actor: Actor, user) -> QuerySet[Client]:
    """The provider's waiting clients whose open case is assigned to `user` now, longest wait first."""
    mine = Assignment.objects.filter(staff=user, ended_at__isnull=True, case__provider_id=actor.provider.pk)
    return waiting_list(actor).filter(pk__in=mine.values("case__client_id"))


def open_tasks_of(actor: Actor, user) -> QuerySet[Task]:
    return tasks_for(actor, user).filter(done_at__isnull=True).order_by("due_on", "id")


def timeline_notes(actor: Actor, user, case: CaseFile) -> QuerySet[CaseNote]:
    """The notes on a case's client this actor may read, newest first, each labelled with author and provider
    (narrowed by caseload.filters.NoteFilterSet; the caller paginates).

    Own provider: team and client notes; sensitive notes only for staff assigned to that case now and the
    provider's managers. Earlier providers: their team and client notes when the client has an active
    consent to share with the viewing provider (a consented transfer or referral); never their sensitive notes.
    """
    # `case` came through the door (caseload.access.case_for_staff); note_visibility narrows its client's notes.
    notes = CaseNote.objects.filter(client=case.client).filter(note_visibility(actor, user))
    return notes.select_related("author", "provider", "amends").annotate(
        amended=Exists(CaseNote.objects.filter(amends=OuterRef("pk")))).order_by("-created_at", "-id")


def timeline_for(actor: Actor, user, case: CaseFile, **filters) -> QuerySet[CaseNote]:
    """timeline_notes narrowed by caseload.filters.NoteFilterSet parameters (kind, q)."""
    return NoteFilterSet(filters or None, queryset=timeline_notes(actor, user, case)).qs


def case_page(actor: Actor, user, case: CaseFile) -> dict:
    """The case page's lists, a fixed number of queries whatever the case holds: assignments, the client's other
    cases, handoff briefs (and the one `user` has yet to acknowledge, from the same rows), open tasks, the latest
    100 appointments, transfers and referrals."""
    now = timezone.now()
    briefs = list(case.handoff_briefs.select_related("for_staff", "from_staff"))
    pending = [b for b in briefs if b.for_staff_id == user.pk and b.acknowledged_at is None]
    return {
        "assignments": list(case.assignments.select_related("staff", "assigned_by").order_by("-started_at", "-id")),
        "other_cases": list(
            CaseFile.objects.filter(client=case.client).exclude(pk=case.pk).select_related("provider")
        ),
        "pending_brief": min(pending, key=lambda b: b.pk, default=None),
        "briefs": briefs,
        "tasks": list(case.tasks.filter(done_at__isnull=True).select_related("assignee").order_by("due_on")),
        "appointments": list(case.appointments.select_related("staff").order_by("-starts_at")[:100]),
        "transfers": list(Transfer.objects.filter(client=case.client).select_related(
            "from_provider", "to_provider", "requested_by")),
        "referrals": list(case.referrals.select_related("specialist", "to_provider")),
        "now": now,
    }


def specialists() -> QuerySet[Membership]:
    """Every provider's staff with their expertise, for referrals across providers (narrowed by
    caseload.filters.SpecialistFilterSet)."""
    return Membership.objects.active().filter(role__in=[Role.COUNSELLOR, Role.JOB_DEVELOPER]).exclude(
        expertise_sectors=[], expertise_populations=[]).select_related("user", "provider").order_by(
        "provider__name", "user__last_name")


def referrals_for_specialist(actor: Actor, user) -> QuerySet[Referral]:
    return rows_for(actor, Referral.objects.filter(specialist=user)).select_related(
        "client", "case", "from_provider", "requested_by").order_by("-requested_at", "-pk")


def manager_page(actor: Actor) -> dict:
    """The manager's lists as ordered querysets (the view paginates each) and the team's average caseload.

    team: counsellors and job developers with `open_cases`; breaches: clients waiting longer than
    ESP_WAIT_BREACH_DAYS for a first meeting; stale: open cases with no contact in 30 days (opened more than
    30 days ago); transfers: requested transfers in or out. Label a page's rows with `label_team`,
    `with_contact_days` and `label_transfers`."""
    provider = actor.provider
    now = timezone.now()
    # The provider's open cases as one hashed set (hashed_subquery): a join probed the cases table once for each
    # open assignment of each member (16,000 at the province) to learn the case's provider and stage.
    provider_open = CaseFile.objects.filter(provider=provider).exclude(status=CaseFile.Status.CLOSED).order_by().values("pk")
    open_assignments = Assignment.objects.filter(
        staff=OuterRef("user"), ended_at__isnull=True, case_id__in=hashed_subquery(provider_open))
    members = Membership.objects.active().filter(provider=provider, role__in=[Role.COUNSELLOR, Role.JOB_DEVELOPER])
    team = members.select_related("user").annotate(open_cases=subquery_count(open_assignments)).order_by(
        "-open_cases", "user__last_name", "pk")
    held = Assignment.objects.filter(ended_at__isnull=True, case__provider=provider,
                                     staff__in=members.values("user_id")).exclude(
        case__status=CaseFile.Status.CLOSED).count()
    size = members.count()
    breach_days = settings.ESP_WAIT_BREACH_DAYS
    # The provider's own waiting clients: clients_at_provider (the `client_waiting_by_provider` index) is the part
    # of clients_for that this condition keeps, without hashing every client the provider sees (issue 11).
    breaches = clients_at_provider(actor).filter(
        first_meeting_at__isnull=True,
        registered_at__lt=now - dt.timedelta(days=breach_days)).order_by("registered_at", "pk")
    # The provider's own open cases are in cases_for(actor) by its own rule (held by the provider), and an open
    # case's client is always its provider's current client (caseload.services.cases: opening moves the client,
    # one open case per client), so no visibility check: as rows_for it hashed the provider's 63,000 visible
    # clients for the capped count of a few hundred stale cases (24-57 ms at the province, issue 11).
    open_cases = CaseFile.objects.filter(provider=provider).exclude(
        status=CaseFile.Status.CLOSED).select_related("client")
    month_ago = now - dt.timedelta(days=30)
    stale = open_cases.filter(Q(last_contact_at__lt=month_ago) | Q(last_contact_at__isnull=True),
                              opened_at__lt=month_ago).order_by(F("last_contact_at").asc(nulls_first=True), "pk")
    transfers = Transfer.objects.filter(
        Q(from_provider=provider) | Q(to_provider=provider), status=Transfer.Status.REQUESTED
    ).select_related("client", "from_provider", "to_provider").order_by("requested_at", "pk")
    return {"team": team, "average": held / size if size else 0, "breaches": breaches,
            "breach_days": breach_days, "stale": stale, "transfers": transfers, "now": now}


def label_team(rows, average: float):
    """Flag members holding more than 125% of the average caseload; returns the same rows."""
    for member in rows:
        member.over = bool(average) and member.open_cases > average * 1.25
    return rows


def label_transfers(rows, provider: Provider):
    """Label transfers with age in days, direction and whether the sending provider is late; returns the rows."""
    now = timezone.now()
    today = timezone.localdate()
    for transfer in rows:
        transfer.age_days = (now - transfer.requested_at).days
        transfer.incoming = transfer.to_provider_id == provider.pk
        transfer.overdue = transfer.due_on < today
    return rows


def seeker_case(client: Client) -> dict:
    """What a job seeker sees of their case: who helps them, what is next, notes shared with them."""
    case = open_case_for(client)
    if case is None:
        return {"case": None}
    return {
        "case": case,
        "counsellor": current_assignee(case),
        # One list of appointments, on "My appointments" (with confirm / another time); the case says what is next.
        "next_appointment": _upcoming_appointments(client).first(),
        "shared_notes": list(CaseNote.objects.filter(client=client, visibility=CaseNote.Visibility.CLIENT)
                             .select_related("author", "provider").order_by("-created_at")[:50]),
        "open_transfer": Transfer.objects.filter(client=client, status=Transfer.Status.REQUESTED)
        .select_related("to_provider").first(),
    }


def seeker_counsellors(client: Client) -> list[Assignment]:
    """Everyone who served the job seeker as counsellor, at any provider, newest first (current ones have no end)."""
    return list(Assignment.objects.filter(case__client=client, role=Assignment.Role.COUNSELLOR)
                .select_related("staff", "case__provider").order_by("-started_at", "-id")[:50])


def _upcoming_appointments(client: Client):
    return (Appointment.objects.filter(client=client, status=Appointment.Status.SCHEDULED,
                                       starts_at__gte=timezone.now())
            .select_related("staff", "case__provider").order_by("starts_at"))


def seeker_appointments(client: Client):
    """(upcoming scheduled appointments soonest first, past ones as a queryset newest first) of one job seeker."""
    upcoming = list(_upcoming_appointments(client)[:20])
    past = (Appointment.objects.filter(client=client).select_related("staff", "case__provider")
            .exclude(pk__in=[a.pk for a in upcoming]).order_by("-starts_at", "-id"))
    return upcoming, past
