"""The outbox's delivery guarantee: one Message-ID per notification stored before the send, marking it sent
survives a dropped database connection, and a send whose outcome is unknown is held for review, not re-sent."""

import datetime as dt

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection
from django.utils import timezone

from espportal import notifications, services, tasks
from espportal.models import Notification


def _email(recipient):
    return services.notification_send(recipient=recipient, subject="Your appointment is tomorrow",
                                      body="10:00 with Alice.", channel=Notification.Channel.EMAIL)


class RecordingBackend(EmailBackend):
    """The test mail server: notes what the outbox row said at the moment the message was handed over."""

    rows_at_send = []

    def send_messages(self, messages):
        for message in messages:
            code = message.extra_headers["Message-ID"].strip("<>").split("@")[0]
            row = Notification.objects.get(code=code)
            RecordingBackend.rows_at_send.append((row.message_id, row.send_started_at is not None, row.sent_at))
        return super().send_messages(messages)


def test_the_message_id_is_on_the_row_before_the_mail_leaves(seeker_a, settings):
    settings.EMAIL_BACKEND = "tests.espportal.test_outbox_exactly_once.RecordingBackend"
    RecordingBackend.rows_at_send = []
    notification = _email(seeker_a)

    assert notifications.deliver(notification.pk) is True

    expected = f"<{notification.code}@espportal.invalid>"
    assert RecordingBackend.rows_at_send == [(expected, True, None)]
    [message] = mail.outbox
    assert message.extra_headers["Message-ID"] == expected
    notification.refresh_from_db()
    assert (notification.message_id, notification.sent_at is not None) == (expected, True)


def test_a_send_with_an_unknown_outcome_is_held_for_review_not_resent(seeker_a):
    notification = _email(seeker_a)
    # A worker claimed it and began the send, then died before marking it: its claim has long expired.
    Notification.objects.filter(pk=notification.pk).update(
        attempts=1, send_started_at=timezone.now() - dt.timedelta(hours=1),
        claimed_until=timezone.now() - dt.timedelta(minutes=30), message_id=notifications.message_id_for(notification))

    assert notification.pk not in notifications.pending_ids()
    assert tasks.notifications_sweep() == 0
    assert notifications.deliver(notification.pk) is False
    assert mail.outbox == []
    assert list(notifications.outcome_unknown()) == [notification]

    assert notifications.release_for_resend(notification_ids=[notification.pk]) == 1
    assert notifications.deliver(notification.pk) is True
    [message] = mail.outbox
    assert message.extra_headers["Message-ID"] == f"<{notification.code}@espportal.invalid>"


class RefusingBackend(EmailBackend):
    """A mail server that refuses the connection: a known failure, retried by the sweep."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server refused")


class ConnectionKillingBackend(EmailBackend):
    """The drill: the mail server accepts the message, then the worker's database connection is killed (from
    another connection, as a failover or a network cut would) before the row is marked sent."""

    killed = []

    def send_messages(self, messages):
        import psycopg

        sent = super().send_messages(messages)
        pid = connection.connection.info.backend_pid
        params = connection.settings_dict
        with psycopg.connect(dbname=params["NAME"], user=params["USER"], password=params["PASSWORD"],
                             host=params["HOST"], port=params["PORT"] or None, autocommit=True) as other:
            other.execute("SELECT pg_terminate_backend(%s)", [pid])
        ConnectionKillingBackend.killed.append(pid)
        return sent


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="kills a PostgreSQL backend")
@pytest.mark.django_db(transaction=True)
def test_marking_sent_survives_a_connection_killed_between_send_and_mark(seeker_a, settings):
    settings.EMAIL_BACKEND = "tests.espportal.test_outbox_exactly_once.ConnectionKillingBackend"
    ConnectionKillingBackend.killed = []
    notification = _email(seeker_a)

    assert notifications.deliver(notification.pk) is True

    assert len(ConnectionKillingBackend.killed) == 1
    notification.refresh_from_db()
    assert notification.sent_at is not None and notification.send_started_at is not None
    # Nothing is left for the sweep, however often it runs after the claim would have expired.
    Notification.objects.filter(pk=notification.pk).update(claimed_until=timezone.now() - dt.timedelta(hours=1))
    assert notifications.pending_ids() == []
    assert notifications.deliver(notification.pk) is False
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [f"<{notification.code}@espportal.invalid>"]
