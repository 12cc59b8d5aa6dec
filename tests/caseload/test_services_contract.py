import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from caseload import selectors, services
from caseload.models import Assignment, CaseFile, CaseNote, Task
from espportal.models import AuditEvent, Notification


def test_it_opens_a_case_and_moves_the_client(case_a, provider_a, counsellor_a):
    case_a.client.refresh_from_db()
    assert case_a.client.current_provider == provider_a
    assert case_a.status == CaseFile.Status.WAITING
    assert selectors.open_case_for(case_a.client) == case_a
    assert selectors.current_assignee(case_a) == counsellor_a


def test_it_refuses_a_second_open_case(case_a, provider_b, counsellor_b):
    with pytest.raises(ValidationError):
        services.case_open(client=case_a.client, provider=provider_b, opened_by=counsellor_b)
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseFile.objects.create(client=case_a.client, provider=provider_b)


def test_it_creates_a_task_once_per_source_key(case_a, counsellor_a):
    first = services.task_create(assignee=counsellor_a, kind="match", title="New match", case=case_a,
                                 due_on=timezone.localdate(), source_key="match:1")
    second = services.task_create(assignee=counsellor_a, kind="match", title="New match", case=case_a,
                                  due_on=timezone.localdate(), source_key="match:1")
    assert first.pk == second.pk
    assert Task.objects.filter(source_key="match:1").count() == 1
    assert first.client == case_a.client


def test_it_notifies_the_counsellor_when_someone_else_finishes_a_task(case_a, counsellor_a, developer_a):
    task = services.task_create(assignee=developer_a, kind="workshop_done", title="Resume workshop",
                                case=case_a, due_on=timezone.localdate())
    services.task_complete(task=task, done_by=developer_a)
    services.task_complete(task=task, done_by=developer_a)
    assert task.done_at is not None
    assert Notification.objects.filter(recipient=counsellor_a, dedupe_key=f"task-done:{task.code}").count() == 1


def test_it_does_not_notify_the_counsellor_of_their_own_task(task_a, counsellor_a):
    services.task_complete(task=task_a, done_by=counsellor_a)
    task_a.refresh_from_db()
    assert task_a.done_at is not None  # done, and nobody told: the counterpart notifies (the test above)
    assert not Notification.objects.filter(dedupe_key=f"task-done:{task_a.code}").exists()


def test_it_sets_status_and_closing_moves_the_client_out(case_a, counsellor_a):
    services.case_set_status(case=case_a, status=CaseFile.Status.PLACED, changed_by=counsellor_a)
    services.case_set_status(case=case_a, status=CaseFile.Status.CLOSED, changed_by=counsellor_a,
                             reason="completed")
    case_a.refresh_from_db()
    case_a.client.refresh_from_db()
    assert case_a.closed_at is not None and case_a.close_reason == "completed"
    assert case_a.client.current_provider is None
    assert not Assignment.objects.filter(case=case_a, ended_at__isnull=True).exists()
    with pytest.raises(ValidationError):
        services.case_set_status(case=case_a, status=CaseFile.Status.ACTIVE, changed_by=counsellor_a)


def test_it_refuses_a_note_from_someone_not_assigned_and_audits_it(case_a, counsellor_a2):
    with pytest.raises(ValidationError, match="not assigned"):
        services.note_add(case=case_a, author=counsellor_a2, kind="contact", body="Hi", visibility="team")
    assert not CaseNote.objects.exists()
    assert AuditEvent.objects.filter(action="note.refused", client_code=case_a.client.code).exists()


def test_it_refuses_an_empty_note(case_a, counsellor_a):
    with pytest.raises(ValidationError, match="Write something"):
        services.note_add(case=case_a, author=counsellor_a, kind="contact", body="   ", visibility="team")
    assert not CaseNote.objects.exists()


def test_it_keeps_the_original_when_a_note_is_amended(note_a, counsellor_a):
    amendment = services.note_amend(note=note_a, author=counsellor_a, body="Called about the resume and cover.")
    note_a.refresh_from_db()
    assert note_a.body == "Called about the resume."
    assert amendment.amends == note_a
    with pytest.raises(PermissionError):
        note_a.save()
    with pytest.raises(PermissionError):
        note_a.delete()


def test_it_finds_the_manager(provider_a, manager_a):
    assert selectors.manager_of(provider_a) == manager_a


def test_it_counts_business_days():
    friday = dt.date(2026, 11, 27)
    assert selectors.add_business_days(friday, 1) == dt.date(2026, 11, 30)
    assert selectors.add_business_days(friday, 5) == dt.date(2026, 12, 4)
