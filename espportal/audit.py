"""The audit trail: one function records an event; nothing updates or deletes one.

Opens of a person's record go through `record_open`, which writes one "opened" event per visit: the client file
shell and the panels it loads lazily are one visit, not eight events.
"""

import datetime as dt
import uuid

from django.conf import settings
from django.utils import timezone

from espportal.models import AuditEvent

# Why a record was opened, when known; stored as keys, shown in the reader's language (OpenReason in
# espportal.vocab). "own_counsellor": the person's assigned counsellor; "care": someone else at the provider
# serving the person; "transfer" / "referral": a provider the person consented to share with for that purpose;
# "shared": such a provider when the purpose is not recorded; "qa": a ministry quality review; "complaint": the
# ministry investigating the person's complaint; "system": a scheduled job; "self": the person.
OPEN_REASONS = ("own_counsellor", "care", "shared", "transfer", "referral", "qa", "complaint", "system", "self")
# The routes by which a record is opened. A visit is deduplicated within its route, so an API read after a page
# view is still its own event; an export is never folded into another event.
OPEN_ROUTES = ("page", "api", "export", "system")


def _code(obj):
    if obj is None:
        return None
    if isinstance(obj, uuid.UUID):
        return obj
    return getattr(obj, "code", None)


def client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(
    *,
    action: str,
    actor=None,
    request=None,
    provider=None,
    client=None,
    target=None,
    detail: dict | None = None,
) -> AuditEvent:
    """Append an audit event.

    `actor`, `provider`, `client` and `target` may be model instances (their `code` is kept) or UUIDs; the
    acting user defaults to the request's. Nothing here holds a foreign key, so events outlive their records.
    """
    user = getattr(request, "user", None) if request is not None else None
    if actor is None and user is not None and user.is_authenticated:
        actor = user
    if provider is None and user is not None and user.is_authenticated:
        from espportal.access import actor_for  # access records through audit; import at call time

        provider = actor_for(request).provider
    return AuditEvent.objects.create(**_fields(action=action, actor=actor, provider=provider, client=client,
                                               target=target, detail=detail, ip=client_ip(request)))


def _fields(*, action, actor, provider, client, target, detail, ip=None) -> dict:
    target_type = ""
    target_code = ""
    if target is not None:
        target_type = target._meta.label_lower if hasattr(target, "_meta") else type(target).__name__
        target_code = str(_code(target) or getattr(target, "pk", "") or "")
    return {"action": action, "actor_code": _code(actor),
            "actor_label": getattr(actor, "email", "") or getattr(actor, "username", "") or "",
            "provider_code": _code(provider), "client_code": _code(client), "target_type": target_type,
            "target_code": target_code, "ip": ip, "detail": detail or {}}


def record_many(events: list[dict]) -> list[AuditEvent]:
    """Append several events of a scheduled job (no request) in one insert. Each item: record's keywords
    (action, and optionally actor, provider, client, target, detail), kept the same way."""
    rows = [AuditEvent(**_fields(action=e["action"], actor=e.get("actor"), provider=e.get("provider"),
                                 client=e.get("client"), target=e.get("target"), detail=e.get("detail")))
            for e in events]
    return AuditEvent.objects.bulk_create(rows) if rows else []


def _route_of(request) -> str:
    if request is None:
        return "system"
    return "api" if request.path.startswith("/api/") else "page"


def record_open(
    *,
    client,
    request=None,
    actor=None,
    target=None,
    what: str = "client",
    route: str | None = None,
    reason=None,
) -> AuditEvent | None:
    """Record that `actor` (default: the request's user) opened `client`'s record, once per visit.

    A visit is every open of the same client by the same person through the same route ("page": the file shell
    and its panels, /me/ and its fragments; "api"; "export"; "system") within ESP_AUDIT_OPEN_WINDOW_SECONDS (default
    300 s). The first open of a visit writes the event `<what>.opened` (`<what>.exported` for an export) with detail {"route", "reason", "role"};
    later opens in the window write nothing and return None. Exports are never folded. `reason` is one of
    OPEN_REASONS, None (unknown), or a callable returning one, called only when the event is written (finding
    the reason may cost a query); ValueError for a route or reason outside the lists.
    """
    route = route or _route_of(request)
    if route not in OPEN_ROUTES:
        raise ValueError(f"unknown open route {route!r}")
    user = getattr(request, "user", None) if request is not None else None
    if actor is None and user is not None and user.is_authenticated:
        actor = user
    role = ""
    if actor is not None:
        from espportal.access import actor_for, actor_for_user  # access records through audit; call time

        who = actor_for(request) if request is not None and actor is user else actor_for_user(actor)
        role = who.role or actor.kind
    if route != "export":
        since = timezone.now() - dt.timedelta(seconds=settings.ESP_AUDIT_OPEN_WINDOW_SECONDS)
        recent = AuditEvent.objects.filter(client_code=_code(client), actor_code=_code(actor), at__gte=since,
                                           detail__route=route)
        if recent.exists():
            return None
    if callable(reason):
        reason = reason()
    if reason is not None and reason not in OPEN_REASONS:
        raise ValueError(f"unknown open reason {reason!r}")
    action = f"{what}.exported" if route == "export" else f"{what}.opened"
    return record(action=action, actor=actor, request=request, client=client, target=target,
                  detail={"route": route, "reason": reason, "role": role})
