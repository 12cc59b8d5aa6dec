"""Reads on job seekers' records. Scoped reads start from clients.access; the few network-wide reads
(duplicate check, services completed anywhere for the same client) say so and return only what may be shown."""

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Lower
from django.db.models.lookups import Contains
from django.utils import timezone

from clients.access import client_branches, clients_for, visible_client_ids
from clients.models import (
    ActionPlan,
    Assessment,
    Client,
    ClientVisibility,
    Consent,
    Invitation,
    Occupation,
    PlanItem,
    ServiceCatalogueEntry,
    name_key,
    normalise_phone,
)
from clients.models.invitation import token_hash
from espportal.access import Actor
from espportal.db import ids_in
from espportal.models import Provider

OCCUPATION_SEARCH_LIMIT = 20

# What the plan proposes for each segment, by catalogue code (clients/migrations/0004_service_catalogue.py).
# Nothing here is a prerequisite: one-to-one coaching is open to everyone at any time.
SEGMENT_PROPOSALS = {
    1: ["resume-review", "ats-keywords-clinic", "linkedin-workshop", "mock-interview", "information-interviews"],
    2: ["coaching-one-to-one", "resume-workshop", "interview-skills-workshop", "job-search-strategies",
        "mentorship", "volunteer-placement"],
    3: ["coaching-one-to-one", "career-exploration-workshop", "digital-skills-basics", "money-management",
        "volunteer-placement"],
}
# Proposed whatever the segment when the profile calls for it.
CREDENTIAL_PROPOSAL = "credential-recognition-support"


def has_consent(client: Client, scope: str, provider: Provider | None = None) -> bool:
    return Consent.objects.filter(client=client, scope=scope, provider=provider, withdrawn_at__isnull=True).exists()


def occupation_search(query: str, *, limit: int = OCCUPATION_SEARCH_LIMIT) -> QuerySet[Occupation]:
    """Unit groups whose code starts with, or whose English or French title contains, the query."""
    query = (query or "").strip()
    units = Occupation.objects.filter(level=Occupation.Level.UNIT)
    if not query:
        return units.none()
    if query.isdigit():
        return units.filter(code__startswith=query)[:limit]
    condition = Q()
    for word in query.split()[:5]:
        condition &= Q(title__icontains=word) | Q(title_fr__icontains=word)
    return units.filter(condition)[:limit]


# The client list's order: by name, then id, so clients sharing a name keep their place from one page to the next.
# Date of birth before id: the (last_name, first_name, date_of_birth) index then presorts all but the id, so a page
# reads its 25 rows (0.8 ms at the province) instead of a whole name group for the incremental sort (3-9 ms).
LIST_ORDER = ("last_name", "first_name", "date_of_birth", "id")


def client_search(actor: Actor, query: str = "") -> QuerySet[Client]:
    """The staff client list's rows: what the actor may see (clients_for), by name (LIST_ORDER, on the
    `(last_name, first_name, date_of_birth)` index); with a `query`, only those clients_matching it, in the same
    order.

    The search is the match within each of clients.access.client_branches(actor), UNION ALL: each branch is one
    bitmap of the clients table (the provider's clients AND the trigram match), read without a second pass
    through the visibility table. A combined queryset: page it (count, slice), do not filter it further. A query
    no trigram can serve (only words of one or two letters: "Li", "Wu") matches many clients: it is read in the
    list's order from the name index instead, the match as a filter, and stops at the page."""
    clients = clients_for(actor).select_related("current_provider")
    query = (query or "").strip()[:100]
    if not query:
        return clients.order_by(*LIST_ORDER)
    condition, indexed = _match(query)
    if not indexed:
        return clients.filter(condition).order_by(*LIST_ORDER)
    parts = [branch.filter(condition).select_related("current_provider").order_by()
             for branch in client_branches(actor)]
    if not parts:
        return clients.none()
    return (parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]).order_by(*LIST_ORDER)


def clients_matching(clients: QuerySet[Client], query: str, *, actor: Actor | None = None) -> QuerySet[Client]:
    """Narrow already scoped clients to those whose name, e-mail, phone (any format) or code match `query`: every
    word in the first or last name (a substring, any case), or the whole query as the e-mail (any case, only when
    it holds an "@"), the phone's digits (4 or more, no letters) or a code (its first 8 to 32 hex digits).

    Each condition is one an index serves (trigram GIN on the names and phone digits, UPPER(email), the code's
    B-tree as a range), so their OR is a bitmap. With `actor`, the match is also taken within each of
    clients.access.client_branches(actor), so PostgreSQL ANDs it with the provider's own bitmap: "Singh" then
    reads the provider's 3,000 matching rows, not the network's 25,000 (issue 11, 500,000 clients)."""
    query = (query or "").strip()[:100]
    if not query:
        return clients
    condition, indexed = _match(query)
    if actor is None or not indexed:
        return clients.filter(condition)
    branches = [branch.filter(condition).order_by().values("pk") for branch in client_branches(actor)]
    if not branches:
        return clients.none()
    return clients.filter(pk__in=branches[0].union(*branches[1:], all=True) if len(branches) > 1 else branches[0])


def _match(query: str) -> tuple[Q, bool]:
    """The condition of clients_matching on the clients table, for a stripped, non-empty query, and whether an
    index serves it (a word of three letters or more: every other arm of the OR has its index).

    A word of one or two letters has no trigram: on UPPER(name) the planner would still read the whole trigram
    index for it and recheck every row of the provider (300 ms for "Li" at the province), so it is matched on
    LOWER(name), which no index has, and filters the rows the other conditions find."""
    condition = Q()
    words = query.split()[:4]
    for word in words:
        if len(word) >= 3:
            condition &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
        else:
            condition &= Q(Contains(Lower("first_name"), word.lower())) | Q(Contains(Lower("last_name"), word.lower()))
    indexed = any(len(word) >= 3 for word in words)
    if "@" in query:
        condition |= Q(email__iexact=query)
    digits = normalise_phone(query)
    if len(digits) >= 4 and not any(ch.isalpha() for ch in query):
        condition |= Q(phone_digits__contains=digits)
    compact = query.lower().replace("-", "")
    if 8 <= len(compact) <= 32 and all(ch in "0123456789abcdef" for ch in compact):
        # The codes that start with these hex digits are one range of UUIDs (a whole code is one client); more
        # hex digits than a code has is no code (a name search may still match).
        condition |= Q(code__gte=uuid.UUID(compact.ljust(32, "0")), code__lte=uuid.UUID(compact.ljust(32, "f")))
    return condition, indexed


def duplicate_candidates(*, first_name: str = "", last_name: str = "", date_of_birth=None, email: str = "",
                         phone: str = "", exclude: Client | None = None) -> QuerySet[Client]:
    """Every record in the network that may be the same person (name + date of birth, e-mail, or phone)."""
    condition = Q(pk=None)
    if first_name and last_name and date_of_birth:
        condition |= Q(name_key=name_key(first_name, last_name), date_of_birth=date_of_birth)
    if email:
        condition |= Q(email__iexact=email.strip())
    digits = normalise_phone(phone)
    if len(digits) >= 7:
        condition |= Q(phone_digits=digits)
    candidates = Client.objects.filter(condition)
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    return candidates


@dataclass
class DuplicateMatch:
    """A possible existing record. `client` is None when the actor may not see the record's details."""

    reasons: list[str]
    at_own_provider: bool
    visible: bool
    client: Client | None = None
    code: str = field(default="", repr=False)  # the hidden record's code, for the signed access request only


def possible_duplicates(
    actor: Actor, *, first_name: str = "", last_name: str = "", date_of_birth=None, email: str = "",
    phone: str = "", exclude: Client | None = None,
) -> list[DuplicateMatch]:
    """Records anywhere in the network with the same name and date of birth, the same e-mail or the same phone.

    Network-wide on purpose: a person must not get a second record at another provider. What is returned
    about a record the actor may not see is only that it exists and why it matched.
    """
    digits = normalise_phone(phone)
    candidates = duplicate_candidates(first_name=first_name, last_name=last_name, date_of_birth=date_of_birth,
                                      email=email, phone=phone, exclude=exclude)
    candidates = list(candidates.select_related("current_provider")[:10])
    if not candidates:
        return []
    visible_ids = set()
    if actor.is_staff_member:
        visible_ids = set(ClientVisibility.objects.filter(
            provider_id=actor.provider.pk, client__in=candidates).values_list("client_id", flat=True))
    matches = []
    for candidate in candidates:
        reasons = []
        if (date_of_birth and candidate.date_of_birth == date_of_birth
                and candidate.name_key == name_key(first_name, last_name)):
            reasons.append("name_dob")
        if email and candidate.email.lower() == email.strip().lower():
            reasons.append("email")
        if len(digits) >= 7 and candidate.phone_digits == digits:
            reasons.append("phone")
        visible = candidate.pk in visible_ids
        own = actor.is_staff_member and candidate.current_provider_id == actor.provider.pk
        matches.append(DuplicateMatch(reasons=reasons, at_own_provider=own, visible=visible,
                                      client=candidate if visible else None, code=str(candidate.code)))
    return matches


def current_plan(client: Client) -> ActionPlan | None:
    return ActionPlan.objects.filter(client=client, closed_at__isnull=True).select_related("provider").first()


def plan_items(plan: ActionPlan) -> list[PlanItem]:
    return list(plan.items.select_related("service", "provider", "completed_by")
                .order_by("due_on", "created_at", "id"))


def completed_services(client: Client) -> list[PlanItem]:
    """Services this client completed anywhere in the network, so nobody repeats a workshop.

    The client is already one the actor may see; these are that same client's rows at every provider.
    """
    return list(PlanItem.objects.filter(client=client, status=PlanItem.Status.COMPLETED)
                .select_related("service", "provider").order_by("-completed_at"))


def proposed_services(client: Client, *, segment: int | None, plan: ActionPlan | None = None,
                      completed: list[PlanItem] | None = None) -> list[ServiceCatalogueEntry]:
    """Catalogue entries the segment suggests, less those done anywhere or already open on the plan."""
    if segment is None:
        return []
    codes = list(SEGMENT_PROPOSALS.get(segment, []))
    if client.foreign_credentials and client.credential_recognition not in ("recognized", "n/a"):
        codes.append(CREDENTIAL_PROPOSAL)
    completed = completed_services(client) if completed is None else completed
    skip = {item.service_id for item in completed if item.service_id}
    if plan is not None:
        skip |= set(plan.items.filter(status__in=PlanItem.OPEN_STATUSES, service__isnull=False)
                    .values_list("service_id", flat=True))
    entries = {entry.code: entry for entry in ServiceCatalogueEntry.objects.filter(code__in=codes, active=True)}
    return [entries[code] for code in codes if code in entries and entries[code].pk not in skip]


def assessments_of(client: Client) -> list[Assessment]:
    return list(client.assessments.select_related("assessed_by", "overridden_by").order_by("-assessed_at", "-id"))


def segment_trend(assessments: list[Assessment]) -> list[dict]:
    """Oldest first: when each assessment happened and the segment it set."""
    return [{"at": a.assessed_at, "segment": a.segment, "overridden": a.override_segment is not None}
            for a in reversed(assessments)]


def segments_on(wanted: Iterable[tuple[int, dt.date]]) -> dict[tuple[int, dt.date], int | None]:
    """{(client id, day): the service segment in force on that day (1-3), or None when not assessed by then}.

    The segment in force is that of the client's latest assessment made on or before the day (local time):
    its override when the override was made on or before the day, else the instrument's computed segment.
    Assessments are history (a re-assessment adds a row), so a later change never rewrites an earlier day. A
    client with no assessment row at all (a record imported with its segment) has Client.segment on every day.
    Two queries whatever the number of pairs."""
    wanted = set(wanted)
    history: dict[int, list] = {}
    for client_id, assessed_at, computed, override, overridden_at in Assessment.objects.filter(
            ids_in("client_id", {client_id for client_id, _day in wanted})).order_by("assessed_at", "id").values_list(
            "client_id", "assessed_at", "computed_segment", "override_segment", "overridden_at"):
        history.setdefault(client_id, []).append((timezone.localdate(assessed_at), computed, override,
                                                  timezone.localdate(overridden_at) if overridden_at else None))
    unassessed = {client_id for client_id, _day in wanted} - set(history)
    stored = dict(Client.objects.filter(ids_in("pk", unassessed)).values_list("pk", "segment")) if unassessed else {}
    found = {}
    for client_id, day in wanted:
        if client_id not in history:
            found[(client_id, day)] = stored.get(client_id)
            continue
        segment = None
        for assessed_on, computed, override, overridden_on in history[client_id]:
            if assessed_on > day:
                break
            segment = override if override and overridden_on and overridden_on <= day else computed
        found[(client_id, day)] = segment
    return found


def active_consents(client: Client) -> list[Consent]:
    return list(client.consents.filter(withdrawn_at__isnull=True).select_related("provider"))


def consents_of(client: Client) -> list[Consent]:
    return list(client.consents.select_related("provider", "granted_by", "withdrawn_by")
                .order_by("withdrawn_at", "-granted_at"))


def plans_for(actor: Actor) -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(client__in=visible_client_ids(actor)).select_related(
        "client", "provider").prefetch_related(
        Prefetch("items", queryset=PlanItem.objects.select_related("service", "provider")))


def invitation_latest(client):
    """The client's most recent portal invitation (any state), or None."""
    return Invitation.objects.filter(client=client).order_by("-created_at", "-id").first()


def has_account(client: Client) -> bool:
    """True when the client's linked account can already sign in (it has a password)."""
    return client.user_id is not None and client.user.has_usable_password()


def invitation_find(token: str) -> Invitation | None:
    """The invitation a link or a typed code names, whatever its state; None when nothing matches."""
    if not token or len(token) > 100:
        return None
    return Invitation.objects.select_related("client", "client__user").filter(token_hash=token_hash(token)).first()
