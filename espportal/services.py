"""Writes for the building: people, providers, memberships and the notification outbox."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from espportal import audit
from espportal.models import Membership, Notification, Provider, User
from espportal.queue import enqueue_on_commit


@transaction.atomic
def user_create(
    *,
    email: str | None,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    kind: str = User.Kind.STAFF,
    preferred_language: str = "en",
    created_by: User | None = None,
    username: str | None = None,
) -> User:
    """Make an account. `email` (lower-cased) or `username` must be given; empty ones are stored as NULL.
    ValidationError for a malformed or taken e-mail or username."""
    user = User(
        email=(email or "").strip().lower() or None,
        username=(username or "").strip().lower() or None,
        first_name=first_name,
        last_name=last_name,
        kind=kind,
        preferred_language=preferred_language,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    audit.record(action="user.created", actor=created_by, target=user)
    return user


def user_set_language(*, user: User, language: str) -> None:
    """The language switch remembers the choice on the account, so every device and e-mail follows it."""
    if user.preferred_language != language:
        user.preferred_language = language
        user.full_clean(exclude=["password"])
        user.save(update_fields=["preferred_language"])


@transaction.atomic
def provider_create(*, name: str, region: str, languages: list[str], populations=(), sectors=(), created_by=None):
    provider = Provider(name=name, region=region, languages=list(languages), populations=list(populations),
                        sectors=list(sectors))
    provider.full_clean()
    provider.save()
    audit.record(action="provider.created", actor=created_by, provider=provider, target=provider)
    return provider


@transaction.atomic
def membership_grant(
    *,
    user: User,
    provider: Provider,
    role: str,
    active_from: dt.date | None = None,
    expertise_sectors=(),
    expertise_populations=(),
    expertise_languages=(),
    granted_by: User | None = None,
) -> Membership:
    membership = Membership(
        user=user,
        provider=provider,
        role=role,
        active_from=active_from or timezone.localdate(),
        expertise_sectors=list(expertise_sectors),
        expertise_populations=list(expertise_populations),
        expertise_languages=list(expertise_languages),
    )
    membership.full_clean()
    membership.save()
    audit.record(action="membership.granted", actor=granted_by, provider=provider, target=membership,
                 detail={"user": str(user.code), "role": role})
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, on: dt.date, ended_by: User | None = None) -> Membership:
    membership.active_to = on
    membership.full_clean()
    membership.save(update_fields=["active_to"])
    audit.record(action="membership.ended", actor=ended_by, provider=membership.provider, target=membership)
    return membership


def save_once(row, **natural_key) -> tuple:
    """Save the new `row` in a savepoint and return (row, True). When a unique constraint on `natural_key` was won by
    a simultaneous request (IntegrityError), return (the row holding `natural_key`, False) instead: the same answer
    the sequential case gets from the caller's look-up. Without a natural key (every value empty) the IntegrityError
    propagates. Call inside the caller's transaction, after full_clean (which leaves the key to the constraint)."""
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        if not any(value not in (None, "") for value in natural_key.values()):
            raise
        return type(row)._default_manager.get(**natural_key), False
    return row, True


def notification_send(
    *,
    recipient: User,
    message: str = "",
    params: dict | None = None,
    subject: str = "",
    body: str = "",
    channel: str = Notification.Channel.IN_APP,
    link: str = "",
    due_at: dt.datetime | None = None,
    dedupe_key: str | None = None,
) -> Notification:
    """Put a message in the outbox. With a dedupe_key, a second call for the same message returns the first row.

    `message` is a key declared with espportal.messages.message and `params` its parameters: the text is rendered
    in the reader's language when shown, and in the recipient's preferred language when e-mailed; the copy kept
    in subject/body (the recipient's language now) is only a fallback. A literal subject/body without a key is
    for text a person typed. Raises ValueError for an unknown key."""
    from espportal.messages import encode, is_known, render
    from espportal.tasks import deliver_notification

    if message:
        if not is_known(message):
            raise ValueError(f"Unknown message {message!r}")
        params = encode(params)
        subject, body = render(message, params, language=recipient.preferred_language)

    if channel == Notification.Channel.EMAIL and not recipient.email:
        channel = Notification.Channel.IN_APP  # a job seeker without e-mail reads it in the portal
    if dedupe_key:
        existing = Notification.objects.filter(dedupe_key=dedupe_key).first()
        if existing:
            return existing
    notification = Notification(
        recipient=recipient,
        channel=channel,
        subject=subject[:200],
        body=body,
        template=message,
        context=params or {},
        link=link,
        due_at=due_at or timezone.now(),
        dedupe_key=dedupe_key,
    )
    notification.full_clean(exclude=["dedupe_key"])
    notification, created = save_once(notification, dedupe_key=dedupe_key)
    if not created:
        return notification
    if notification.due_at <= timezone.now():
        enqueue_on_commit(deliver_notification, notification.pk)
    return notification


def notifications_send(items: list[dict]) -> list[Notification]:
    """notification_send for many in-app messages at once (a daily job's batch, inside its transaction): the same
    rows, rendered in each recipient's preferred language, each queued for delivery once the transaction commits;
    a dedupe_key already in the outbox makes nothing new. Two queries however many (the keys already there, one
    insert). Each item: recipient, message (a declared key), params, link, dedupe_key. Returns the new rows.
    Raises ValueError for an unknown key. A simultaneous sender of the same key makes the insert fail (the
    dedupe_key is unique): the caller's transaction rolls back whole and its rerun finds the row."""
    from espportal.messages import encode, is_known, render
    from espportal.tasks import deliver_notification

    keys = [item["dedupe_key"] for item in items if item.get("dedupe_key")]
    sent = set(Notification.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True)) if keys else set()
    now = timezone.now()
    rows = []
    for item in items:
        if item.get("dedupe_key") in sent:
            continue
        if not is_known(item["message"]):
            raise ValueError(f"Unknown message {item['message']!r}")
        params = encode(item.get("params"))
        subject, body = render(item["message"], params, language=item["recipient"].preferred_language)
        rows.append(Notification(recipient=item["recipient"], channel=Notification.Channel.IN_APP,
                                 subject=subject[:200], body=body, template=item["message"], context=params,
                                 link=item.get("link", ""), due_at=now, dedupe_key=item.get("dedupe_key")))
    created = Notification.objects.bulk_create(rows) if rows else []
    for notification in created:
        enqueue_on_commit(deliver_notification, notification.pk)
    return created


def notification_mark_read(*, notification: Notification, user: User) -> None:
    Notification.objects.filter(pk=notification.pk, recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notifications_mark_read(*, user: User, codes) -> int:
    """Mark several of one person's delivered in-app notifications read; returns how many changed."""
    return Notification.objects.filter(
        recipient=user, channel=Notification.Channel.IN_APP, sent_at__isnull=False, code__in=list(codes),
        read_at__isnull=True,
    ).update(read_at=timezone.now())
