"""Which case files a staff member may open, built on the one door (clients.access).

A provider sees the case files of the clients it may see (its own clients and those who consented to share
with it), plus its own past episodes of service: a sending provider keeps read access to the case file it
held, so after a transfer it still answers for its own notes and outcomes, and cannot write (403).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet

from caseload.models import Appointment, Assignment, CaseFile, CaseNote, Task
from clients.access import client_is_visible, rows_for, rows_for_seeker, visible_client_ids
from clients.models import Consent
from espportal import access
from espportal.access import ALL_STAFF_ROLES, CASE_ROLES, Actor, open_reason, open_reason_refiner
from espportal.pagination import Branches


def cases_for(actor: Actor, *, few: bool = False) -> QuerySet[CaseFile]:
    """The cases the actor may see: of a client their provider sees, or held by their provider.

    `few=True` when the caller narrows to a handful of rows (one case by its code, one client's cases): the client
    check is then a correlated EXISTS on ClientVisibility's index per row, where the list form (client__in, ORed)
    makes PostgreSQL hash every client the provider sees (63,000 at the province, 27 ms) to check one case. A
    whole list keeps the hash (EXISTS per row made the province's case API 4x slower)."""
    if not actor.is_staff_member:
        return CaseFile.objects.none()
    client_seen = Q(client_is_visible(actor)) if few else Q(client__in=visible_client_ids(actor))
    return CaseFile.objects.filter(client_seen | Q(provider_id=actor.provider.pk))


def case_branches(actor: Actor) -> Branches:
    """The same cases as cases_for, as two disjoint querysets the API reads as a UNION ALL
    (espportal.pagination.Branches): as one OR the planner read and sorted every case the provider may see for
    each page (0.9 s at province scale, issue 11). The provider's own cases walk `case_provider_opened` newest
    first; the other providers' cases of clients this provider sees (a transferred or shared client's earlier
    cases) are few."""
    if not actor.is_staff_member:
        return Branches([CaseFile.objects.none()], CaseFile.objects.all())
    own = CaseFile.objects.filter(provider_id=actor.provider.pk)
    elsewhere = CaseFile.objects.filter(client__in=visible_client_ids(actor)).exclude(provider_id=actor.provider.pk)
    return Branches([own, elsewhere], CaseFile.objects.all())


def may_write(actor: Actor, case: CaseFile) -> bool:
    """Writing on a case needs a case role at the provider that holds it now, on a case still open."""
    return (
        actor.is_staff_member and actor.role in CASE_ROLES and case.is_open
        and case.provider_id == actor.provider.pk and case.client.current_provider_id == actor.provider.pk
    )


def case_for_staff(request, code, *, write: bool = False) -> CaseFile:
    """A case file the staff member may see, opened and audited; 404 across providers, 403 to write where
    they may only read."""
    actor = access.require_staff(request, ALL_STAFF_ROLES)
    queryset = cases_for(actor, few=True).select_related("client", "client__user", "client__current_provider",
                                                         "provider")
    case = access.get_or_404(request, queryset, code=code, client_of=lambda c: c.client, what="case",
                                reason=lambda c: open_reason(actor, c.client))
    if write and not may_write(actor, case):
        raise PermissionDenied
    return case


@open_reason_refiner
def own_counsellor_reason(actor: Actor, client, reason: str) -> str | None:
    """"own_counsellor" when the provider serving the person opens it through their assigned counsellor (an
    open assignment on an open case there); None otherwise. One query."""
    if reason != "care":
        return None
    mine = Assignment.objects.filter(case__client=client, case__provider_id=actor.provider.pk,
                                     case__closed_at__isnull=True, staff_id=actor.user.pk,
                                     role=Assignment.Role.COUNSELLOR, ended_at__isnull=True)
    return "own_counsellor" if mine.exists() else None


def tasks_for(actor: Actor, user) -> QuerySet[Task]:
    """The staff member's own tasks; one about a client only while that client is still visible to their provider
    (a transferred client's old tasks drop out). The inbox, the task API and task completion all start here."""
    if not actor.is_staff_member:
        return Task.objects.none()
    # EXISTS, not client__in: ORed, an IN would hash every client the provider sees to check a page of tasks.
    visible = Q(client__isnull=True) | Q(client_is_visible(actor))
    return Task.objects.filter(visible, assignee=user).select_related("case", "client")


def task_branches(actor: Actor, user) -> Branches:
    """The same tasks as tasks_for, as two disjoint querysets the API reads as a UNION ALL
    (espportal.pagination.Branches): inside the OR, PostgreSQL hashed every client the provider sees to check
    the person's few tasks (issue 11); each branch now walks `task_assignee_due`, the tasks about a client probing
    the client's visibility one task at a time."""
    if not actor.is_staff_member:
        return Branches([Task.objects.none()], Task.objects.all())
    mine = Task.objects.filter(assignee=user)
    return Branches([mine.filter(client__isnull=True), mine.filter(client__in=visible_client_ids(actor))],
                    Task.objects.all())


def _note_rules(actor: Actor, user) -> tuple[Q, Q]:
    """(own provider's notes the actor may read, other providers' notes they may read): disjoint conditions.

    Own provider: every note for a manager; for others every note but the sensitive ones, which only the staff
    assigned to the case read. Other providers: their non-sensitive notes on clients who consented to share with
    this provider (the rules are on timeline_for)."""
    own = Q(provider_id=actor.provider.pk)
    if not actor.is_manager:
        mine = Assignment.objects.filter(staff=user, ended_at__isnull=True).values("case_id")
        own &= ~Q(visibility=CaseNote.Visibility.SENSITIVE) | Q(case_id__in=mine)
    consented = Consent.objects.filter(client=OuterRef("client"), scope=Consent.Scope.SHARE_PROVIDER,
                                       provider_id=actor.provider.pk, withdrawn_at__isnull=True)
    shared = ~Q(provider_id=actor.provider.pk) & ~Q(visibility=CaseNote.Visibility.SENSITIVE) & Exists(consented)
    return own, shared


def note_visibility(actor: Actor, user) -> Q:
    """Which notes an actor may read, as one condition (for one client's timeline, where it is cheap)."""
    own, shared = _note_rules(actor, user)
    return own | shared


def notes_for(actor: Actor, user) -> QuerySet[CaseNote]:
    """Every note the actor may read, across the clients the access door lets them see."""
    if not actor.is_staff_member:
        return CaseNote.objects.none()
    return rows_for(actor, CaseNote.objects.filter(note_visibility(actor, user)))


def note_branches(actor: Actor, user) -> Branches:
    """The same notes as notes_for, as two disjoint querysets the API reads as a UNION ALL
    (espportal.pagination.Branches): across a whole provider the OR of the rules kept the planner off
    `note_provider_newest`, so it read and sorted every visible note (6.7 s at province scale, issue 11). The
    own provider's branch walks that index newest first; the other providers' branch starts from the few
    consents to share with this provider."""
    if not actor.is_staff_member:
        return Branches([CaseNote.objects.none()], CaseNote.objects.all())
    return Branches([rows_for(actor, CaseNote.objects.filter(rule)) for rule in _note_rules(actor, user)],
                    CaseNote.objects.all())


def rows_of_cases(actor: Actor, queryset: QuerySet, case_field: str = "case") -> QuerySet:
    """Scope rows hanging off a case (appointments, referrals) the same way as the case files."""
    return queryset.filter(**{f"{case_field}__in": cases_for(actor).values("pk")})


def appointments_for_seeker(user) -> QuerySet[Appointment]:
    """The job seeker's own appointments (clients.access.rows_for_seeker); none for anyone else."""
    return rows_for_seeker(user, Appointment.objects.select_related("case", "staff", "client"))
