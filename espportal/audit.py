"""The audit trail: one function records an event; nothing updates or deletes one."""

import uuid

from espportal.models import AuditEvent


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
    target_type = ""
    target_code = ""
    if target is not None:
        target_type = target._meta.label_lower if hasattr(target, "_meta") else type(target).__name__
        target_code = str(_code(target) or getattr(target, "pk", "") or "")
    return AuditEvent.objects.create(
        action=action,
        actor_code=_code(actor),
        actor_label=getattr(actor, "email", "") or "",
        provider_code=_code(provider),
        client_code=_code(client),
        target_type=target_type,
        target_code=target_code,
        ip=client_ip(request),
        detail=detail or {},
    )
