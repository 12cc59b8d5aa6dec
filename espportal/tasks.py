import logging

from celery import shared_task
from django.db.models import F
from django.utils import timezone

from espportal import notifications
from espportal.models import Heartbeat

logger = logging.getLogger(__name__)


@shared_task
def heartbeat() -> int:
    """Proves beat and the worker are alive: /healthz/ shows the last beat."""
    now = timezone.now()
    updated = Heartbeat.objects.filter(name="celery").update(last_beat_at=now, beats=F("beats") + 1)
    if not updated:
        Heartbeat.objects.get_or_create(name="celery", defaults={"last_beat_at": now, "beats": 1})
    beat = Heartbeat.objects.get(name="celery")
    logger.info("heartbeat %s at %s", beat.beats, now.isoformat())
    return beat.beats


@shared_task
def deliver_notification(notification_id: int) -> bool:
    return notifications.deliver(notification_id)


@shared_task
def notifications_sweep() -> int:
    """Re-queue what is due and undelivered (a lost message, a broker outage, a worker that died)."""
    ids = notifications.pending_ids()
    for notification_id in ids:
        deliver_notification.apply_async(args=[notification_id], retry=False)
    return len(ids)


@shared_task
def submissions_purge() -> int:
    """Forget idempotency keys older than KEEP_HOURS (espportal/idempotency.py); harmless when run twice."""
    import datetime as dt

    from espportal.idempotency import KEEP_HOURS
    from espportal.models import SubmittedRequest

    cutoff = timezone.now() - dt.timedelta(hours=KEEP_HOURS)
    deleted, _by_model = SubmittedRequest.objects.filter(created_at__lt=cutoff).delete()
    return deleted
