"""Reads for caseload: named queries that views, the API and other apps share."""

import datetime as dt

from django.conf import settings
from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    JSONField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

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
from clients.access import clients_for, rows_for
from clients.models import Client, Consent
from espportal import messages
from espportal.access import Actor
from espportal.models import Membership, Provider, Role, User


def open_case_for(client: Client) -> CaseFile | None:
    return CaseFile.objects.filter(client=client).exclude(status=CaseFile.Status.CLOSED).select_related(
        "provider").first()


def current_assignee(case: CaseFile, role: str = Assignment.Role.COUNSELLOR) -> User | None:
    assignment = (
        Assignment.objects.filter(case=case, role=role, ended_at__isnull=True).select_related("staff").first()
    )
    return assignment.staff if assignment else None


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


def pending_brief_for(case: CaseFile, user: User) -> HandoffBrief | None:
    return HandoffBrief.objects.filter(case=case, for_staff=user, acknowledged_at__isnull=True).first()


def add_business_days(start: dt.date, days: int) -> dt.date:
    """`days` working days (Monday to Friday) after `start`."""
    current = start
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


# --- Page queries: each is a fixed number of queries whatever the caseload or note count ---------------------

CONTACT_KINDS = (CaseNote.Kind.CONTACT, CaseNote.Kind.MEETING)
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

HOME_SORTS = {
    "name": ("client__last_name", "client__first_name"),
    "stage": ("status", "client__last_name"),
    "next": (F("next_due").asc(nulls_last=True), "client__last_name"),
    "contact": ("last_contact_at", "client__last_name"),
    "overdue": ("-overdue_count", "client__last_name"),
}


def _count(queryset, field: str):
    """A correlated COUNT(*) for use in annotate()."""
    return Coalesce(
        Subquery(queryset.order_by().values(field).annotate(n=Count("pk")).values("n")[:1],
                 output_field=IntegerField()),
        Value(0),
    )


def with_case_facts(cases: QuerySet, today: dt.date) -> QuerySet:
    """Annotate cases with next action, overdue tasks and last contact (latest contact/meeting note or
    attended appointment) in the same query."""
    open_tasks = Task.objects.filter(case=OuterRef("pk"), done_at__isnull=True).order_by("due_on", "id")
    # Contact is what happened: a future appointment, even one marked attended by mistake, is not contact.
    now = timezone.now()
    last_note = CaseNote.objects.filter(client=OuterRef("client"), kind__in=CONTACT_KINDS,
                                        created_at__lte=now).order_by().values(
        "client").annotate(m=Max("created_at")).values("m")[:1]
    last_visit = Appointment.objects.filter(
        client=OuterRef("client"), status=Appointment.Status.ATTENDED, starts_at__lte=now).order_by().values(
        "client").annotate(
        m=Max("starts_at")).values("m")[:1]
    return cases.annotate(
        next_title=Subquery(open_tasks.values("title")[:1]),
        next_title_key=Subquery(open_tasks.values("title_key")[:1]),
        next_title_params=Subquery(open_tasks.values("title_params")[:1], output_field=JSONField()),
        next_due=Subquery(open_tasks.values("due_on")[:1]),
        overdue_count=_count(Task.objects.filter(case=OuterRef("pk"), done_at__isnull=True, due_on__lt=today),
                             "case"),
        last_contact_at=Greatest(
            Coalesce(Subquery(last_note, output_field=DateTimeField()), Value(EPOCH)),
            Coalesce(Subquery(last_visit, output_field=DateTimeField()), Value(EPOCH)),
        ),
    )


def days_since(moment, now=None) -> int | None:
    """Whole days from `moment` to now, never negative (a moment in the future counts as today); None for none."""
    if moment is None or moment <= EPOCH:
        return None
    return max(((now or timezone.now()) - moment).days, 0)


def caseload_of(actor: Actor, user, *, stage: str = "", overdue: bool = False, q: str = "",
                sort: str = "next") -> list[CaseFile]:
    today = timezone.localdate()
    mine = Assignment.objects.filter(staff=user, ended_at__isnull=True).values("case_id")
    cases = rows_for(actor, CaseFile.objects.filter(pk__in=mine, provider_id=actor.provider.pk)).exclude(
        status=CaseFile.Status.CLOSED).select_related("client")
    if stage in CaseFile.Status.values:
        cases = cases.filter(status=stage)
    if q:
        cases = cases.filter(Q(client__last_name__icontains=q) | Q(client__first_name__icontains=q))
    cases = with_case_facts(cases, today)
    if overdue:
        cases = cases.filter(overdue_count__gt=0)
    rows = list(cases.order_by(*HOME_SORTS.get(sort, HOME_SORTS["next"])))
    now = timezone.now()
    for case in rows:
        case.days_since_contact = days_since(case.last_contact_at, now)
        if case.next_title_key:  # a system task: its title in the reader's language
            case.next_title = messages.render(case.next_title_key, case.next_title_params,
                                              fallback=(case.next_title, ""))[0]
        case.next_overdue = case.next_due is not None and case.next_due < today
    return rows


def waiting_list(actor: Actor):
    """Registered clients of the provider with no first meeting yet, longest wait first."""
    clients = clients_for(actor).filter(current_provider_id=actor.provider.pk, first_meeting_at__isnull=True)
    return list(clients.order_by("registered_at"))


def open_tasks_of(actor: Actor, user):
    tasks = Task.objects.filter(assignee=user, done_at__isnull=True).select_related("client", "case")
    # Tasks about a client are shown only while the client is still visible to the assignee's provider.
    visible = Q(client__isnull=True) | Q(client__in=clients_for(actor).values("pk"))
    return list(tasks.filter(visible).order_by("due_on", "id")[:200])


def note_visibility(actor: Actor, user) -> Q:
    """Which notes an actor may read, as a condition (the rules are on timeline_for)."""
    own = Q(provider_id=actor.provider.pk)
    sensitive = Q(visibility=CaseNote.Visibility.SENSITIVE)
    allowed = own & ~sensitive
    if actor.is_manager:
        allowed |= own & sensitive
    else:
        mine = Assignment.objects.filter(staff=user, ended_at__isnull=True).values("case_id")
        allowed |= own & sensitive & Q(case_id__in=mine)
    consented = Consent.objects.filter(client=OuterRef("client"), scope=Consent.Scope.SHARE_PROVIDER,
                                       provider_id=actor.provider.pk, withdrawn_at__isnull=True)
    return allowed | (~own & ~sensitive & Exists(consented))


def notes_for(actor: Actor, user) -> QuerySet[CaseNote]:
    """Every note the actor may read, across the clients the access door lets them see (the API's list)."""
    if not actor.is_staff_member:
        return CaseNote.objects.none()
    return rows_for(actor, CaseNote.objects.filter(note_visibility(actor, user)))


def timeline_for(actor: Actor, user, case: CaseFile, *, kind: str = "", q: str = "") -> list[CaseNote]:
    """The notes on a client this actor may read, newest first, each labelled with author and provider.

    Own provider: team and client notes; sensitive notes only for staff assigned to that case now and the
    provider's managers. Earlier providers: their team and client notes when the client has an active
    consent to share with the viewing provider (a consented transfer or referral); never their sensitive notes.
    """
    client = case.client
    # `case` came through the door (caseload.access.case_for_staff); note_visibility narrows its client's notes.
    notes = CaseNote.objects.filter(client=client).filter(note_visibility(actor, user))
    if kind in CaseNote.Kind.values:
        notes = notes.filter(kind=kind)
    if q:
        notes = notes.filter(body__icontains=q)
    notes = notes.select_related("author", "provider", "amends").annotate(
        amended=Exists(CaseNote.objects.filter(amends=OuterRef("pk"))))
    return list(notes.order_by("-created_at", "-id")[:500])


def case_page(actor: Actor, user, case: CaseFile) -> dict:
    now = timezone.now()
    return {
        "assignments": list(case.assignments.select_related("staff", "assigned_by").order_by("-started_at", "-id")),
        "other_cases": list(
            CaseFile.objects.filter(client=case.client).exclude(pk=case.pk).select_related("provider")
        ),
        "pending_brief": pending_brief_for(case, user),
        "briefs": list(case.handoff_briefs.select_related("for_staff", "from_staff")),
        "tasks": list(case.tasks.filter(done_at__isnull=True).select_related("assignee").order_by("due_on")),
        "appointments": list(case.appointments.select_related("staff").order_by("-starts_at")[:100]),
        "transfers": list(Transfer.objects.filter(client=case.client).select_related(
            "from_provider", "to_provider", "requested_by")),
        "referrals": list(case.referrals.select_related("specialist", "to_provider")),
        "now": now,
    }


def specialists(*, sector: str = "", population: str = "", language: str = ""):
    """Every provider's staff with their expertise, for referrals across providers."""
    members = Membership.objects.active().filter(role__in=[Role.COUNSELLOR, Role.JOB_DEVELOPER]).exclude(
        expertise_sectors=[], expertise_populations=[]).select_related("user", "provider")
    rows = list(members.order_by("provider__name", "user__last_name"))

    def match(values, wanted):
        return not wanted or wanted in (values or [])

    return [m for m in rows if match(m.expertise_sectors, sector) and match(m.expertise_populations, population)
            and match(m.expertise_languages, language)]


def referrals_for_specialist(actor: Actor, user):
    return list(rows_for(actor, Referral.objects.filter(specialist=user)).select_related(
        "client", "case", "from_provider", "requested_by").order_by("-requested_at"))


def manager_page(actor: Actor) -> dict:
    provider = actor.provider
    now = timezone.now()
    today = timezone.localdate()
    open_assignments = Assignment.objects.filter(
        staff=OuterRef("user"), ended_at__isnull=True, case__provider=provider).exclude(
        case__status=CaseFile.Status.CLOSED)
    team = list(
        Membership.objects.active().filter(provider=provider, role__in=[Role.COUNSELLOR, Role.JOB_DEVELOPER])
        .select_related("user").annotate(open_cases=_count(open_assignments, "staff"))
        .order_by("-open_cases", "user__last_name")
    )
    sizes = [m.open_cases for m in team]
    average = sum(sizes) / len(sizes) if sizes else 0
    for member in team:
        member.over = average and member.open_cases > average * 1.25
    breach_days = settings.ESP_WAIT_BREACH_DAYS
    breaches = list(clients_for(actor).filter(
        current_provider=provider, first_meeting_at__isnull=True,
        registered_at__lt=now - dt.timedelta(days=breach_days)).order_by("registered_at"))
    open_cases = rows_for(actor, CaseFile.objects.filter(provider=provider)).exclude(
        status=CaseFile.Status.CLOSED).select_related("client")
    stale = []
    for case in with_case_facts(open_cases, today).filter(
            last_contact_at__lt=now - dt.timedelta(days=30), opened_at__lt=now - dt.timedelta(days=30)
    ).order_by("last_contact_at"):
        case.days_since_contact = days_since(case.last_contact_at, now)
        stale.append(case)
    transfers = list(
        Transfer.objects.filter(Q(from_provider=provider) | Q(to_provider=provider), status=Transfer.Status.REQUESTED)
        .select_related("client", "from_provider", "to_provider").order_by("requested_at")
    )
    for transfer in transfers:
        transfer.age_days = (now - transfer.requested_at).days
        transfer.incoming = transfer.to_provider_id == provider.pk
        transfer.overdue = transfer.due_on < today
    return {"team": team, "average": average, "breaches": breaches, "breach_days": breach_days, "stale": stale,
            "transfers": transfers, "now": now}


def seeker_case(client: Client) -> dict:
    """What a job seeker sees of their case: who helps them, what is next, notes shared with them."""
    case = open_case_for(client)
    if case is None:
        return {"case": None}
    return {
        "case": case,
        "counsellor": current_assignee(case),
        "appointments": list(Appointment.objects.filter(
            client=client, status=Appointment.Status.SCHEDULED, starts_at__gte=timezone.now()
        ).select_related("staff").order_by("starts_at")[:20]),
        "shared_notes": list(CaseNote.objects.filter(client=client, visibility=CaseNote.Visibility.CLIENT)
                             .select_related("author", "provider").order_by("-created_at")[:50]),
        "open_transfer": Transfer.objects.filter(client=client, status=Transfer.Status.REQUESTED)
        .select_related("to_provider").first(),
    }
