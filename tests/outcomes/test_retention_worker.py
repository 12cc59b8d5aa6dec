"""The daily job against the configured broker and a real Celery worker: memory:// locally, Redis when REDIS_URL
is set (as in CI, with PostgreSQL). A broker outage during the run loses nothing; once the broker is back, the
sweep (however often it runs) gets each notification delivered once."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import OperationalError

from caseload.models import Task
from espportal import tasks
from espportal.celery import app
from espportal.models import Heartbeat, Notification
from outcomes.models import RetentionCheck
from outcomes.tasks import retention_checks_run
from tests.espportal.test_celery_worker import empty_queue, wait_for, worker  # noqa: F401
from tests.outcomes.factories import placement_for

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]
TZ = ZoneInfo("America/Toronto")
START = (dt.date.today() + relativedelta(months=1)).replace(day=5)


def eventually(condition) -> bool:
    """wait_for, reading while the worker thread writes: SQLite's shared in-memory test database answers "table
    is locked" to a read that meets a write in progress, which only means "not yet"."""

    def safely():
        try:
            return condition()
        except OperationalError:
            return False

    return wait_for(safely)


def drained() -> bool:
    """Once a heartbeat queued now has run, everything queued before it has run too (one solo worker, FIFO)."""
    before = []
    assert eventually(lambda: before.append(
        Heartbeat.objects.filter(name="celery").values_list("beats", flat=True).first() or 0) is None)
    tasks.heartbeat.delay()
    return eventually(lambda: Heartbeat.objects.filter(name="celery", beats__gt=before[0]).exists())


def _retention_notifications():
    return Notification.objects.filter(dedupe_key__startswith="retention:")


def _redis_messages(queue: str) -> int:
    import redis

    return redis.Redis.from_url(settings.REDIS_URL).llen(queue)


@pytest.fixture
def three_months_in(case_a, counsellor_a):
    """A placement starting START; the clock then stands three months and a day later (and keeps ticking)."""
    with time_machine.travel(dt.datetime.combine(START, dt.time(9), tzinfo=TZ), tick=False):
        placement = placement_for(case_a, by=counsellor_a, start_date=START)
    later = START + relativedelta(months=3, days=1)
    with time_machine.travel(dt.datetime.combine(later, dt.time(6), tzinfo=TZ), tick=True):
        yield placement


def test_it_loses_nothing_while_the_broker_is_down_and_delivers_each_once_after(
        worker, three_months_in, broker_down, seeker_a, counsellor_a):  # noqa: F811
    # Broker down: the job still completes; every publish fails quietly and the rows wait in the outbox.
    assert retention_checks_run() == {"due": 2, "escalated": 1}
    assert retention_checks_run() == {"due": 0, "escalated": 0}
    assert Task.objects.filter(kind="retention_check", assignee=counsellor_a).count() == 2
    pending = list(_retention_notifications().filter(recipient=seeker_a))
    assert len(pending) == 2 and all(n.sent_at is None for n in pending)
    assert RetentionCheck.objects.filter(placement=three_months_in, task_created_at__isnull=False).count() == 2

    broker_down.restore()
    if settings.REDIS_URL:  # CI: the real Redis receives what the sweep publishes
        assert app.conf.broker_url == settings.REDIS_URL
        queued_before = _redis_messages(settings.CELERY_TASK_DEFAULT_QUEUE)
    assert tasks.notifications_sweep() == 2
    assert tasks.notifications_sweep() == 2  # a second sweep before any worker ran: each is queued twice
    if settings.REDIS_URL:
        assert _redis_messages(settings.CELERY_TASK_DEFAULT_QUEUE) == queued_before + 4

    with worker():
        assert eventually(lambda: not _retention_notifications().filter(sent_at__isnull=True).exists())
        assert drained()

    delivered = list(_retention_notifications().order_by("pk"))
    assert [(n.recipient_id, n.attempts, n.sent_at is not None) for n in delivered] == [(seeker_a.pk, 1, True)] * 2
    assert tasks.notifications_sweep() == 0


def test_it_runs_the_daily_job_on_a_real_worker_once_per_check(three_months_in, worker):  # noqa: F811
    with worker():
        retention_checks_run.delay()
        retention_checks_run.delay()  # beat fired twice (a restart, a second beat): nothing doubles
        assert eventually(lambda: RetentionCheck.objects.filter(placement=three_months_in,
                                                              task_created_at__isnull=False).count() == 2)
        assert drained()
    assert Task.objects.filter(kind="retention_check").count() == 2
    assert _retention_notifications().count() == 2
