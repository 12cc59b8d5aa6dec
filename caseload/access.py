"""Which case files a staff member may open, built on the one door (clients.access).

A provider sees the case files of the clients it may see (its own clients and those who consented to share
with it), plus its own past episodes of service: a sending provider keeps read access to the case file it
held, so after a transfer it still answers for its own notes and outcomes, and cannot write (403).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from caseload.models import CaseFile
from clients.access import clients_for
from espportal import access
from espportal.access import ALL_STAFF_ROLES, CASE_ROLES, Actor


def cases_for(actor: Actor) -> QuerySet[CaseFile]:
    if not actor.is_staff_member:
        return CaseFile.objects.none()
    return CaseFile.objects.filter(
        Q(client__in=clients_for(actor).values("pk")) | Q(provider_id=actor.provider.pk)
    )


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
    queryset = cases_for(actor).select_related("client", "client__user", "client__current_provider", "provider")
    case = access.get_or_404(request, queryset, code=code, client_of=lambda c: c.client, what="case")
    if write and not may_write(actor, case):
        raise PermissionDenied
    return case


def rows_of_cases(actor: Actor, queryset: QuerySet, case_field: str = "case") -> QuerySet:
    """Scope rows hanging off a case (appointments, referrals) the same way as the case files."""
    return queryset.filter(**{f"{case_field}__in": cases_for(actor).values("pk")})
