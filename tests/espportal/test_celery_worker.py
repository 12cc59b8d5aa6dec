"""A real Celery worker (in a thread) against the configured broker: memory:// locally, Redis when REDIS_URL is set."""

import contextlib
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from espportal import services, tasks
from espportal.celery import app
from espportal.models import Heartbeat, Notification
from tests.espportal.fixtures import reset_broker_pools

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def wait_for(condition, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def empty_queue():
    """Messages other tests published (and no worker consumed) must not run here."""
    app.control.purge()
    yield
    app.control.purge()


@pytest.fixture
def worker(empty_queue):
    @contextlib.contextmanager
    def _start():
        with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, loglevel="WARNING",
                          shutdown_timeout=10) as running:
            yield running
        reset_broker_pools(app)  # the worker closed the app's pool on its way out

    return _start


def drained():
    """Once a heartbeat queued now has run, everything queued before it has run too (one solo worker, FIFO)."""
    before = Heartbeat.objects.filter(name="celery").values_list("beats", flat=True).first() or 0
    tasks.heartbeat.delay()
    return wait_for(lambda: Heartbeat.objects.filter(name="celery", beats__gt=before).exists())


def test_it_runs_the_heartbeat_on_a_worker(worker):
    with worker():
        tasks.heartbeat.delay()
        assert wait_for(lambda: Heartbeat.objects.filter(name="celery", beats=1).exists())
        tasks.heartbeat.delay()
        assert wait_for(lambda: Heartbeat.objects.filter(name="celery", beats=2).exists())


def test_it_delivers_what_was_queued_while_no_worker_ran(worker, seeker_a, broker_down):
    notification = services.notification_send(recipient=seeker_a, subject="Appointment tomorrow",
                                              channel=Notification.Channel.EMAIL)
    broker_down.restore()
    # Two sweeps before any worker is up: the same notification is now queued twice.
    assert tasks.notifications_sweep() == 1
    assert tasks.notifications_sweep() == 1
    notification.refresh_from_db()
    assert notification.sent_at is None

    with worker():
        assert wait_for(lambda: Notification.objects.filter(pk=notification.pk, sent_at__isnull=False).exists())
        assert drained()

    assert [message.subject for message in mail.outbox] == ["Appointment tomorrow"]
    notification.refresh_from_db()
    assert notification.attempts == 1


def test_it_sweeps_on_the_worker_too(worker, seeker_a, broker_down):
    notification = services.notification_send(recipient=seeker_a, subject="A new lead")
    broker_down.restore()

    with worker():
        tasks.notifications_sweep.delay()
        tasks.notifications_sweep.delay()
        assert wait_for(lambda: Notification.objects.filter(pk=notification.pk, sent_at__isnull=False).exists())
        assert drained()

    notification.refresh_from_db()
    assert notification.attempts == 1
