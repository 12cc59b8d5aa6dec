"""Who the user is, and the helpers every view and API uses to refuse what they may not see.

Another provider's record answers 404 (no hint that it exists), a too-low role 403, a job seeker sees only
their own record, ministry analysts see only aggregates. Which job seekers a staff member may see lives one
floor up, in clients/access.py, built on these helpers.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from espportal import audit
from espportal.models import Membership, Provider, Role, User

# The role sets, defined once: every app's access module names its rules from these.
CASE_ROLES = frozenset({Role.COUNSELLOR, Role.JOB_DEVELOPER, Role.MANAGER})  # work on cases and employers
ALL_STAFF_ROLES = frozenset(Role.values)  # read what the provider may see, register, record consent
MANAGER_ROLES = frozenset({Role.MANAGER})
ASSESS_ROLES = frozenset({Role.COUNSELLOR, Role.MANAGER})  # assess a job seeker, override a segment
JOB_DEVELOPMENT_ROLES = frozenset({Role.JOB_DEVELOPER, Role.MANAGER})  # change employers and leads


@dataclass(frozen=True)
class Actor:
    user: User | None
    membership: Membership | None = None

    @property
    def kind(self) -> str | None:
        if self.user is None or not self.user.is_authenticated:
            return None
        return self.user.kind

    @property
    def provider(self) -> Provider | None:
        return self.membership.provider if self.membership else None

    @property
    def role(self) -> str | None:
        return self.membership.role if self.membership else None

    @property
    def is_staff_member(self) -> bool:
        return self.kind == User.Kind.STAFF and self.membership is not None

    @property
    def is_manager(self) -> bool:
        return self.is_staff_member and self.role == Role.MANAGER

    @property
    def is_job_seeker(self) -> bool:
        return self.kind == User.Kind.JOB_SEEKER

    @property
    def is_ministry(self) -> bool:
        return self.kind == User.Kind.MINISTRY


def actor_for_user(user) -> Actor:
    if user is None or not user.is_authenticated:
        return Actor(user=None)
    membership = None
    if user.kind == User.Kind.STAFF:
        membership = (
            Membership.objects.active().select_related("provider").filter(user=user).order_by("-active_from").first()
        )
    return Actor(user=user, membership=membership)


def actor_for(request) -> Actor:
    """The request's Actor, computed once per request."""
    actor = getattr(request, "_esp_actor", None)
    if actor is None or actor.user is not (request.user if request.user.is_authenticated else None):
        actor = actor_for_user(request.user)
        request._esp_actor = actor
        request.actor = actor
    return actor


def require_staff(request, roles=ALL_STAFF_ROLES) -> Actor:
    """The staff member behind the request, or 403 when they are not staff or their role is too low."""
    actor = actor_for(request)
    if not actor.is_staff_member or actor.role not in roles:
        raise PermissionDenied
    return actor


def require_job_seeker(request) -> Actor:
    actor = actor_for(request)
    if not actor.is_job_seeker:
        raise PermissionDenied
    return actor


def require_ministry(request) -> Actor:
    actor = actor_for(request)
    if not actor.is_ministry:
        raise PermissionDenied
    return actor


# Apps above know more (who the person's counsellor is, why a record was shared): each registers a refiner
# `refine(actor, client, reason) -> key | None` at start-up (AppConfig.ready), so no import goes upward.
_OPEN_REASON_REFINERS: list = []


def open_reason_refiner(refine):
    """Register `refine(actor, client, reason)`: given the coarse reason ("care" or "shared"), a more precise
    audit.OPEN_REASONS key, or None to leave it. Registering one function twice keeps one."""
    if refine not in _OPEN_REASON_REFINERS:
        _OPEN_REASON_REFINERS.append(refine)
    return refine


def open_reason(actor: Actor, client) -> str | None:
    """Why a staff member opens a person's record, as an audit.OPEN_REASONS key: "care" at the provider serving
    the person now (`client.current_provider_id`), "shared" at a provider that sees it through the person's
    consent, each made precise by the registered refiners ("own_counsellor"; "transfer", "referral"); None
    for anyone else (the caller names it: "qa", "complaint", "self"...). May cost a query per refiner: pass it
    to audit.record_open as a callable, so it runs only when an event is written."""
    if not actor.is_staff_member:
        return None
    reason = "care" if getattr(client, "current_provider_id", None) == actor.provider.pk else "shared"
    for refine in _OPEN_REASON_REFINERS:
        better = refine(actor, client, reason)
        if better:
            return better
    return reason


def get_or_404(request, queryset, *, code, client_of=None, what: str = "record", reason=None, lookup: str = "code"):
    """Fetch one row by code (the field named by `lookup`, "code" unless the row is reached by another opaque
    code) from an already scoped queryset; a miss is audited and answers 404.

    `client_of(obj)` names the job seeker the row belongs to; when given, the successful open is audited too,
    once per visit (audit.record_open); `reason` is a callable `reason(obj) -> key | None` (called only when
    the open is written) or a key.
    """
    try:
        obj = queryset.get(**{lookup: code})
    except (queryset.model.DoesNotExist, ValueError, ValidationError):  # a malformed code is a miss too
        audit.record(action="access.denied", request=request, detail={"what": what, "code": str(code)})
        raise Http404 from None
    if client_of is not None:
        why = (lambda: reason(obj)) if callable(reason) else reason
        audit.record_open(request=request, client=client_of(obj), target=obj, what=what, reason=why)
    return obj
