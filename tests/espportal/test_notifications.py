"""The notification outbox: a row first, delivered once, never lost when the broker is down."""

import time

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from espportal import notifications, services, tasks
from espportal.models import Notification


def send(recipient, **kwargs):
    return services.notification_send(recipient=recipient, subject=kwargs.pop("subject", "Your plan changed"),
                                      **kwargs)


def test_it_stores_one_pending_row(seeker_a):
    notification = send(seeker_a, body="See your plan.", link="/me/")

    stored = Notification.objects.get()
    assert stored == notification
    assert (stored.recipient, stored.subject, stored.sent_at, stored.attempts) == (seeker_a, "Your plan changed",
                                                                                   None, 0)


def test_it_adds_nothing_the_second_time_with_the_same_dedupe_key(seeker_a):
    first = send(seeker_a, dedupe_key="retention:42:3m")
    second = send(seeker_a, subject="Different words", dedupe_key="retention:42:3m")

    assert second.pk == first.pk
    assert Notification.objects.count() == 1
    assert Notification.objects.get().subject == "Your plan changed"


def test_it_queues_delivery_after_commit(seeker_a, django_capture_on_commit_callbacks, monkeypatch):
    published = []
    monkeypatch.setattr(tasks.deliver_notification, "apply_async",
                        lambda args, kwargs, retry: published.append(args))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = send(seeker_a)
    assert published == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    assert published == [(notification.pk,)]


def test_it_does_not_queue_what_is_not_due_yet(seeker_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        notification = send(seeker_a, due_at=timezone.now() + timezone.timedelta(days=1))
    assert callbacks == []
    assert notification.pk not in notifications.pending_ids()
    with django_capture_on_commit_callbacks() as callbacks:  # the counterpart: one due now is queued at once
        send(seeker_a)
    assert len(callbacks) == 1


def test_it_delivers_an_email_exactly_once(seeker_a):
    notification = send(seeker_a, channel=Notification.Channel.EMAIL, body="Your appointment is tomorrow.")

    assert notifications.deliver(notification.pk) is True
    assert notifications.deliver(notification.pk) is False

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [seeker_a.email]
    assert mail.outbox[0].subject == "Your plan changed"
    notification.refresh_from_db()
    assert notification.sent_at is not None
    assert notification.attempts == 1
    assert notifications.pending_ids() == []


def test_it_does_not_deliver_a_row_another_worker_has_claimed(seeker_a):
    notification = send(seeker_a, channel=Notification.Channel.EMAIL)
    assert notifications.claim(notification.pk) is True  # a worker that is still sending it

    assert notifications.deliver(notification.pk) is False
    assert mail.outbox == []
    assert notification.pk not in notifications.pending_ids()


def test_it_keeps_a_failed_delivery_pending_for_the_next_sweep(seeker_a, settings):
    settings.EMAIL_BACKEND = "tests.espportal.test_outbox_exactly_once.RefusingBackend"
    notification = send(seeker_a, channel=Notification.Channel.EMAIL)

    assert notifications.deliver(notification.pk) is False

    notification.refresh_from_db()
    assert (notification.sent_at, notification.claimed_until, notification.last_error) == (
        None, None, "mail server refused")
    assert notifications.pending_ids() == [notification.pk]


def test_it_loses_nothing_when_the_broker_is_down(seeker_a, broker_down, django_capture_on_commit_callbacks, caplog):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = send(seeker_a, channel=Notification.Channel.EMAIL)
    assert len(callbacks) == 1  # the publish ran, failed, and did not raise
    assert "Could not enqueue espportal.tasks.deliver_notification" in caplog.text
    assert time.monotonic() - started < 2  # the request that sent it is not held up

    notification.refresh_from_db()
    assert notification.sent_at is None
    assert mail.outbox == []

    # The broker is back: the periodic sweep publishes the row again, and however many times its message
    # arrives (a sweep that ran twice, a redelivery), it is delivered exactly once.
    broker_down.restore()
    assert tasks.notifications_sweep() == 1
    assert tasks.notifications_sweep() == 1
    assert [notifications.deliver(notification.pk) for _ in range(2)] == [True, False]
    assert len(mail.outbox) == 1
    assert tasks.notifications_sweep() == 0


# --- in the portal -------------------------------------------------------------------------------------------


@pytest.fixture
def delivered(seeker_a):
    notification = send(seeker_a, body="A counsellor shared a job lead.")
    notifications.deliver(notification.pk)
    return notification


def test_it_shows_the_unread_count_in_the_header(web, seeker_a, delivered):
    send(seeker_a, subject="Not delivered yet")  # pending rows are not counted
    web.force_login(seeker_a)
    page = web.get(reverse("clients:me")).content.decode()
    assert '<span class="badge">1<span class="visually-hidden"> unread</span></span>' in page


def test_it_lists_delivered_notifications_only(web, seeker_a, delivered):
    send(seeker_a, subject="Not delivered yet")
    web.force_login(seeker_a)
    page = web.get(reverse("espportal:notifications")).content.decode()
    assert "Your plan changed" in page
    assert "Not delivered yet" not in page


def test_it_marks_a_notification_read(web, seeker_a, delivered):
    web.force_login(seeker_a)
    response = web.post(reverse("espportal:notification_read", args=[delivered.code]), follow=True)

    assert response.redirect_chain == [(reverse("espportal:notifications"), 302)]
    delivered.refresh_from_db()
    assert delivered.read_at is not None
    page = response.content.decode()
    assert 'class="badge"' not in page
    assert "Mark as read" not in page


def test_it_marks_a_notification_read_with_htmx(web, seeker_a, delivered):
    web.force_login(seeker_a)
    response = web.post(reverse("espportal:notification_read", args=[delivered.code]), HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    fragment = response.content.decode()
    assert fragment.lstrip().startswith(f'<li class="card" id="n-{delivered.code}">')
    assert "<html" not in fragment
    assert "Mark as read" not in fragment
    delivered.refresh_from_db()
    assert delivered.read_at is not None


def test_it_marks_notifications_read_through_the_api(web, seeker_a, seeker_b, delivered):
    theirs = send(seeker_b)
    notifications.deliver(theirs.pk)
    web.force_login(seeker_a)

    response = web.post(reverse("api:notification-mark-read"),
                        {"codes": [str(delivered.code), str(theirs.code)]}, content_type="application/json")

    assert response.status_code == 200
    assert response.json()["marked"] == 1
    delivered.refresh_from_db()
    theirs.refresh_from_db()
    assert delivered.read_at is not None
    assert theirs.read_at is None
