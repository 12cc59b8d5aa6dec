"""Delivery of the outbox. A row is claimed with a conditional UPDATE, so two workers never send it twice."""

import datetime as dt
import logging

from django.core.mail import send_mail
from django.db.models import F, Q
from django.utils import timezone

from espportal.models import Notification

logger = logging.getLogger(__name__)
CLAIM_SECONDS = 300
MAX_ATTEMPTS = 10


def claim(notification_id: int) -> bool:
    now = timezone.now()
    return (
        Notification.objects.filter(pk=notification_id, sent_at__isnull=True, due_at__lte=now)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + dt.timedelta(seconds=CLAIM_SECONDS), attempts=F("attempts") + 1)
        == 1
    )


def deliver(notification_id: int) -> bool:
    """Deliver one notification if it is still pending; True when this call delivered it."""
    if not claim(notification_id):
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    try:
        if notification.channel == Notification.Channel.EMAIL:
            subject, body = notification.rendered(language=notification.recipient.preferred_language)
            send_mail(
                subject=subject,
                message=body,
                from_email=None,
                recipient_list=[notification.recipient.email],
            )
    except Exception as exc:
        logger.warning("Delivery of notification %s failed: %s", notification_id, exc)
        Notification.objects.filter(pk=notification_id).update(claimed_until=None, last_error=str(exc)[:2000])
        return False
    Notification.objects.filter(pk=notification_id).update(sent_at=timezone.now(), claimed_until=None, last_error="")
    return True


def pending_ids(limit: int = 500) -> list[int]:
    now = timezone.now()
    return list(
        Notification.objects.filter(sent_at__isnull=True, due_at__lte=now, attempts__lt=MAX_ATTEMPTS)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("due_at")
        .values_list("pk", flat=True)[:limit]
    )
