"""Which job seekers a user may see: the only way any app fetches client-owned rows.

Staff see clients whose current provider is theirs and clients who consented to share with their provider
(both kept in ClientVisibility by clients.services); job seekers see themselves; ministry analysts see no
individual record. Built on espportal.access, which knows who the user is and answers 404/403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from clients.models import Client, ClientVisibility, Consent, PlanItem
from espportal import access, audit
from espportal.access import ALL_STAFF_ROLES, CASE_ROLES, Actor, open_reason, open_reason_refiner
from espportal.models import User

# Who may do what on a job seeker's record (reads are open to every staff role of a provider that sees it).
INTAKE_ROLES = ALL_STAFF_ROLES
ASSESS_ROLES = access.ASSESS_ROLES
PLAN_ROLES = CASE_ROLES
CONSENT_ROLES = ALL_STAFF_ROLES
PROFILE_ROLES = ALL_STAFF_ROLES
INVITE_ROLES = ALL_STAFF_ROLES


def clients_for(actor: Actor) -> QuerySet[Client]:
    if actor.is_staff_member:
        return Client.objects.filter(pk__in=visible_client_ids(actor))
    if actor.is_job_seeker:
        return Client.objects.filter(user_id=actor.user.pk)
    return Client.objects.none()


def visible_client_ids(actor: Actor) -> QuerySet:
    """The primary keys of the clients the actor may see (clients_for), as a subquery to filter on. For staff it
    reads ClientVisibility alone: going through the clients table as well made every scoped query scan it
    (a sequential scan of every client, on each count of the counsellor's home, issue 11)."""
    if actor.is_staff_member:
        return ClientVisibility.objects.filter(provider_id=actor.provider.pk).values("client_id")
    return clients_for(actor).values("pk")


def clients_at_provider(actor: Actor) -> QuerySet[Client]:
    """The clients whose current provider is the actor's: the part of clients_for(actor) that a condition on the
    clients table alone gives (its `current_provider_id` indexes, no visibility join), for reads about only those
    (the waiting list, the search's first branch). None for anyone but staff."""
    if not actor.is_staff_member:
        return Client.objects.none()
    return Client.objects.filter(current_provider_id=actor.provider.pk)


def client_is_visible(actor: Actor, client_field: str = "client") -> Exists:
    """A condition on a client-owned row: its client (`client_field`, a foreign key) is one the actor may see.
    A correlated EXISTS on ClientVisibility's (provider, client) index, for a condition ORed with another one
    (caseload.access.tasks_for), where `client__in=visible_client_ids(actor)` makes PostgreSQL hash every client
    the provider sees (63,000 at the province) to check a handful of rows. False for anyone but staff."""
    provider_id = actor.provider.pk if actor.is_staff_member else None
    return Exists(ClientVisibility.objects.filter(provider_id=provider_id, client_id=OuterRef(f"{client_field}_id")))


def client_branches(actor: Actor) -> list[QuerySet[Client]]:
    """clients_for(actor) cut into disjoint querysets of the clients table, each a condition a search can AND
    with its own on that table's indexes: for staff, the clients whose current provider is theirs (the
    `current_provider_id` index, so a trigram bitmap meets the provider's bitmap instead of every matching client
    of the network) and those who consented to share with them (ClientVisibility via consent: few); a job seeker's
    own record; nothing for anyone else. Together they are exactly clients_for(actor): ClientVisibility's
    "current" rows follow Client.current_provider (clients.services keeps them in step)."""
    if actor.is_staff_member:
        provider_id = actor.provider.pk
        shared = ClientVisibility.objects.filter(provider_id=provider_id, via=ClientVisibility.Via.CONSENT)
        return [clients_at_provider(actor),
                Client.objects.filter(pk__in=shared.values("client_id")).exclude(current_provider_id=provider_id)]
    if actor.is_job_seeker:
        return [Client.objects.filter(user_id=actor.user.pk)]
    return []


def clients_served_by(provider) -> QuerySet[Client]:
    """The clients whose current provider is `provider`: those its staff may record as attending its employer
    activities (clients.pickers). Narrower than clients_for: a client seen through a referral or a move is not
    the provider's to record."""
    return Client.objects.filter(current_provider=provider)


def rows_for(actor: Actor, queryset: QuerySet, client_field: str = "client") -> QuerySet:
    """Scope any client-owned queryset (plan items, notes, matches...) to the clients the actor may see."""
    return queryset.filter(**{f"{client_field}__in": visible_client_ids(actor)})


def rows_of_client(client: Client, queryset: QuerySet, client_field: str = "client") -> QuerySet:
    """The rows (consents, assessments, plan items...) of one job seeker's record that a door has just opened and
    audited for this request (client_for_staff, own_client); pass only a client a door returned."""
    return queryset.filter(**{client_field: client})


def rows_for_seeker(user, queryset: QuerySet, client_field: str = "client") -> QuerySet:
    """The job seeker's door: narrow any client-owned queryset to the rows of the record linked to `user`'s own
    account; empty for anyone who is not a job seeker. Each app's `<rows>_for_seeker(user)` is built on it, and the
    /me/ pages read through those (the open itself is audited by own_client)."""
    if getattr(user, "kind", None) != User.Kind.JOB_SEEKER:
        return queryset.none()
    return queryset.filter(**{f"{client_field}__user_id": user.pk})


def plan_items_for_seeker(user) -> QuerySet[PlanItem]:
    return rows_for_seeker(user, PlanItem.objects.all())


def consents_for_seeker(user) -> QuerySet[Consent]:
    return rows_for_seeker(user, Consent.objects.all())


def is_current_provider(actor: Actor, client: Client) -> bool:
    return actor.is_staff_member and client.current_provider_id == actor.provider.pk


@open_reason_refiner
def share_purpose_reason(actor: Actor, client, reason: str) -> str | None:
    """"transfer" or "referral" when a provider sees the record through the person's consent given for that
    (Consent.purpose); None when the purpose is not recorded. One query."""
    if reason != "shared":
        return None
    return (Consent.objects.filter(client=client, scope=Consent.Scope.SHARE_PROVIDER, provider_id=actor.provider.pk,
                                   withdrawn_at__isnull=True).exclude(purpose="")
            .values_list("purpose", flat=True).first())


def client_for_staff(request, code, *, roles=ALL_STAFF_ROLES, write: bool = False) -> Client:
    """A client a staff member may see, opened and audited; 404 when it is not theirs to see.

    `write=True` also requires the client to be with the actor's provider now: a provider that sees the
    record through the client's consent reads it but does not change it (403).
    """
    actor = access.require_staff(request, roles)
    client = access.get_or_404(request, clients_for(actor), code=code, client_of=lambda c: c, what="client",
                               reason=lambda c: open_reason(actor, c))
    if write and not is_current_provider(actor, client):
        raise PermissionDenied
    return client


def own_client_or_none(request) -> Client | None:
    """The signed-in job seeker's own record, or None while no record is linked to their account (403 for
    anyone who is not a job seeker)."""
    return clients_for(access.require_job_seeker(request)).first()


def own_client(request) -> Client:
    """The signed-in job seeker's own record, opened and audited (404 when none is linked yet)."""
    client = own_client_or_none(request)
    if client is None:
        raise Http404
    audit.record_open(request=request, client=client, target=client, reason="self")
    return client


def client_for_network_request(code) -> Client:
    """The one lookup across providers: a possible duplicate found at registration (named by a signed token the
    server issued), so that the provider holding it can be asked to seek the person's consent. The caller shows
    nothing of the record; the request itself is audited by clients.services.client_access_request."""
    client = Client.objects.filter(code=code).first()
    if client is None:
        raise Http404
    return client
