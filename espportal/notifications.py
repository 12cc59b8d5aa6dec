"""Delivery of the outbox, exactly once as far as the portal can know.

The guarantee (also in README, "Notifications"):
- an in-app notification is delivered exactly once: one conditional UPDATE claims and marks it;
- an e-mail is sent at most once by the portal, and every attempt of one notification carries the same
  Message-ID (`<notification code@ESP_MESSAGE_ID_DOMAIN>`), stored on the row before the send, so a mail server or
  client that sees it twice can tell it is one message;
- after a send, marking the row sent survives a dropped database connection (the connection is closed, reopened
  and the UPDATE retried);
- a row whose send began but was never marked (the worker died, or the database stayed unreachable) has an unknown
  outcome: the sweep leaves it alone and it is held for review (admin: "outcome unknown"), never re-sent blindly.
- a message with secret parameters (an invitation's one-time link) gets them made just before the send
  (espportal.messages.secret): the secret is in the e-mail only, never in the row; a message whose secret maker
  says it is withdrawn (the invitation was revoked before the send) is not sent and not retried.
- a send the mail server refused (an exception before it accepted the message) is a known failure: the row is
  released and retried by the sweep, up to MAX_ATTEMPTS.
"""

import datetime as dt
import logging
import time

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import DatabaseError, close_old_connections, connection
from django.db.models import F, Q
from django.utils import timezone

from espportal.messages import secrets_for
from espportal.models import Notification

logger = logging.getLogger(__name__)
CLAIM_SECONDS = 300
MAX_ATTEMPTS = 10
MARK_RETRIES = 5
MARK_RETRY_SECONDS = 0.5
WITHDRAWN = "Withdrawn before sending: not sent, and not retried."


def message_id_for(notification: Notification) -> str:
    """The one Message-ID of a notification's e-mail: derived from its code, the same on every attempt."""
    return f"<{notification.code}@{settings.ESP_MESSAGE_ID_DOMAIN}>"


def _claimable(now):
    return (Notification.objects.filter(sent_at__isnull=True, send_started_at__isnull=True, due_at__lte=now)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)))


def claim(notification_id: int) -> bool:
    now = timezone.now()
    return _claimable(now).filter(pk=notification_id).update(
        claimed_until=now + dt.timedelta(seconds=CLAIM_SECONDS), attempts=F("attempts") + 1) == 1


def _with_reconnect(update) -> bool:
    """Run a small UPDATE, reconnecting when the database connection dropped; False if it never got through."""
    for attempt in range(MARK_RETRIES):
        try:
            update()
            return True
        except DatabaseError as exc:
            if connection.in_atomic_block:
                raise  # inside someone's transaction a reconnect would silently lose their work
            logger.warning("Outbox update failed (attempt %s): %s; reconnecting", attempt + 1, exc)
            connection.close()
            close_old_connections()
            time.sleep(MARK_RETRY_SECONDS * (attempt + 1))
    return False


def deliver(notification_id: int) -> bool:
    """Deliver one notification if it is still pending; True when this call delivered it."""
    if not claim(notification_id):
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    if notification.channel != Notification.Channel.EMAIL:
        Notification.objects.filter(pk=notification_id).update(sent_at=timezone.now(), claimed_until=None,
                                                               last_error="")
        return True
    message_id = message_id_for(notification)
    # Recorded before the send: from here on, a crash leaves the row "outcome unknown", not "pending".
    started = Notification.objects.filter(pk=notification_id, sent_at__isnull=True).update(
        message_id=message_id, send_started_at=timezone.now())
    if not started:
        return False
    try:
        secrets = secrets_for(notification.template, notification.context) if notification.template else {}
        if secrets is None:
            _with_reconnect(lambda: Notification.objects.filter(pk=notification_id).update(
                send_started_at=None, claimed_until=None, attempts=MAX_ATTEMPTS, last_error=WITHDRAWN))
            return False
        subject, body = notification.rendered(language=notification.recipient.preferred_language,
                                              secrets=secrets)
        EmailMessage(subject=subject, body=body, to=[notification.recipient.email],
                     headers={"Message-ID": message_id}).send()
    except Exception as exc:
        logger.warning("Delivery of notification %s failed: %s", notification_id, exc)
        error = str(exc)[:2000]
        _with_reconnect(lambda: Notification.objects.filter(pk=notification_id).update(
            send_started_at=None, claimed_until=None, last_error=error))
        return False
    marked = _with_reconnect(lambda: Notification.objects.filter(pk=notification_id).update(
        sent_at=timezone.now(), claimed_until=None, last_error=""))
    if not marked:
        logger.error("Notification %s was sent as %s but could not be marked sent: held for review",
                     notification_id, message_id)
    return True


def outcome_unknown():
    """Rows whose e-mail send began and was never marked, after their claim expired: held for review."""
    return Notification.objects.filter(sent_at__isnull=True, send_started_at__isnull=False).filter(
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=timezone.now()))


def release_for_resend(*, notification_ids) -> int:
    """After review: send these again (with the same Message-ID). Returns how many were released."""
    return Notification.objects.filter(pk__in=list(notification_ids), sent_at__isnull=True,
                                       send_started_at__isnull=False).update(send_started_at=None,
                                                                            claimed_until=None)


def pending_ids(limit: int = 500) -> list[int]:
    now = timezone.now()
    return list(_claimable(now).filter(attempts__lt=MAX_ATTEMPTS).order_by("due_at")
                .values_list("pk", flat=True)[:limit])
