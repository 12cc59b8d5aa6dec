"""The audit trail is append-only: in the ORM, and in the database itself (migration 0002's triggers)."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from espportal import audit
from espportal.models import AuditEvent

PASSWORD = "correct horse battery"  # tests/factories.py

pytestmark = pytest.mark.usefixtures("fresh_cache")


@pytest.fixture
def event(db, counsellor_a, provider_a):
    return audit.record(action="client.opened", actor=counsellor_a, provider=provider_a, detail={"why": "test"})


def test_it_records_who_did_what_by_code(event, counsellor_a, provider_a):
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.action == "client.opened"
    assert stored.actor_code == counsellor_a.code
    assert stored.actor_label == counsellor_a.email
    assert stored.provider_code == provider_a.code
    assert stored.detail == {"why": "test"}


def test_it_refuses_to_save_an_existing_event(event):
    event.action = "something.else"
    with pytest.raises(PermissionError):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).action == "client.opened"


def test_it_refuses_to_delete_an_event(event):
    with pytest.raises(PermissionError):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_it_refuses_queryset_update_and_delete(event):
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="rewritten")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "client.opened"


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE espportal_auditevent SET action = 'rewritten' WHERE id = %s",
        "DELETE FROM espportal_auditevent WHERE id = %s",
    ],
    ids=["update", "delete"],
)
def test_it_refuses_raw_sql_changes_in_the_database(event, statement):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [event.pk])
    with connection.cursor() as cursor:
        cursor.execute("SELECT action FROM espportal_auditevent WHERE id = %s", [event.pk])
        assert cursor.fetchone() == ("client.opened",)


def test_it_records_a_sign_in(web, seeker_a):
    response = web.post(reverse("account_login"), {"login": seeker_a.email, "password": PASSWORD})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="auth.login")
    assert event.actor_code == seeker_a.code
    assert event.ip == "127.0.0.1"


def test_it_records_a_failed_sign_in_without_a_session(web, seeker_a):
    response = web.post(reverse("account_login"), {"login": seeker_a.email, "password": "wrong password"})
    assert response.status_code == 200
    assert "_auth_user_id" not in web.session
    event = AuditEvent.objects.get(action="auth.login_failed")
    assert event.detail == {"email": seeker_a.email}
    assert event.actor_code is None
    assert not AuditEvent.objects.filter(action="auth.login").exists()


def test_it_records_a_sign_out(web, seeker_a):
    web.force_login(seeker_a)
    web.post(reverse("account_logout"))
    assert AuditEvent.objects.get(action="auth.logout").actor_code == seeker_a.code


@pytest.mark.django_db(transaction=True)
def test_it_keeps_the_triggers_across_transactional_tests(counsellor_a):
    # Transactional tests lift the triggers to flush and put them back (tests/conftest.py); prove they are back.
    event = audit.record(action="client.opened", actor=counsellor_a)
    with pytest.raises(DatabaseError, match="append-only"), connection.cursor() as cursor:
        cursor.execute("DELETE FROM espportal_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()
