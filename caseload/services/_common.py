"""Helpers the caseload services share: who a user works for, refusing with an audited reason, telling people once."""

from django.core.exceptions import ValidationError

from espportal import audit
from espportal.access import CASE_ROLES, actor_for_user
from espportal.models import Provider, User
from espportal.services import notification_send


def provider_of(user: User) -> Provider | None:
    return actor_for_user(user).provider


def is_manager_of(user: User, provider: Provider) -> bool:
    actor = actor_for_user(user)
    return actor.is_manager and actor.provider.pk == provider.pk


def is_staff_of(user: User, provider: Provider, roles=None) -> bool:
    actor = actor_for_user(user)
    return actor.is_staff_member and actor.provider.pk == provider.pk and (roles is None or actor.role in roles)


CASE_WORKER_ROLES = CASE_ROLES


def refuse(message, *, action: str, actor=None, client=None, target=None, provider=None, detail=None):
    """Record why a write on a client's record was refused, then refuse it.

    Callers refuse before their atomic block opens, so the audit row survives the refusal.
    """
    audit.record(action=action, actor=actor, client=client, target=target, provider=provider,
                 detail={"reason": str(message), **(detail or {})})
    raise ValidationError(message)


def tell_each_once(recipients, *, skip: User | None, message: str, params: dict, dedupe_key: str) -> None:
    """Send `message` (a key of espportal.messages, with `params`) in-app to each person of `recipients`, an
    iterable of (user or None, link) pairs, once each: None, a repeat and `skip` (the person who acted) are passed
    over. Each row's dedupe key is f"{dedupe_key}:{user.code}", so a rerun sends nothing twice."""
    told = {getattr(skip, "pk", None)}
    for recipient, link in recipients:
        if recipient is None or recipient.pk in told:
            continue
        told.add(recipient.pk)
        notification_send(recipient=recipient, message=message, params=params, link=link,
                          dedupe_key=f"{dedupe_key}:{recipient.code}")
