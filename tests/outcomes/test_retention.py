import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError

from caseload.models import CaseFile, Task
from espportal.models import Notification
from outcomes import services
from outcomes.models import RetentionCheck
from outcomes.tasks import retention_checks_run
from tests.outcomes.factories import placement_for

TZ = ZoneInfo("America/Toronto")
# After the personas joined their provider (today); the 5th, so month arithmetic stays plain.
START = (dt.date.today() + relativedelta(months=1)).replace(day=5)


def _after(months=0, days=0) -> dt.date:
    return START + relativedelta(months=months, days=days)


def _at(day: dt.date, hour=6):
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, hour, tzinfo=TZ), tick=False)


@pytest.fixture
def placed(case_a, counsellor_a):
    with _at(START):
        return placement_for(case_a, by=counsellor_a, start_date=START)


def _retention_tasks():
    return Task.objects.filter(kind="retention_check")


def _retention_notifications():
    return Notification.objects.filter(dedupe_key__startswith="retention:")


def test_it_makes_nothing_before_a_check_falls_due(placed):
    with _at(_after(months=1, days=-1)):
        assert retention_checks_run() == {"due": 0, "escalated": 0}
    assert not _retention_tasks().exists()


def test_it_makes_one_task_and_one_notification_per_due_check_however_often_it_runs(placed, counsellor_a, seeker_a):
    with _at(_after(months=3, days=1)):  # the 1- and 3-month checks have fallen due
        assert retention_checks_run()["due"] == 2
        assert retention_checks_run()["due"] == 0
    # (the 1-month check is also past its 14 days by now, so it went on to the manager)
    checks = list(placed.checks.filter(task_created_at__isnull=False).order_by("milestone_months"))
    assert [c.milestone_months for c in checks] == [1, 3]
    assert sorted(_retention_tasks().values_list("source_key", "assignee")) == sorted(
        (f"retention:{c.code}", counsellor_a.pk) for c in checks)
    assert sorted(_retention_notifications().values_list("dedupe_key", "recipient")) == sorted(
        (f"retention:{c.code}:client", seeker_a.pk) for c in checks)
    assert all(c.task_created_at and c.notified_at for c in checks)


def test_it_finishes_the_rest_after_a_worker_died_mid_run(placed, monkeypatch):
    """Batches of one check: the worker dies inside the second batch, after its task was written and before its
    notification: that batch's claim and task roll back with it, and the rerun finishes it without doubling the
    first."""
    real = services.notifications_send
    calls = []

    def dies_on_the_second(items):
        calls.append([item["dedupe_key"] for item in items])
        if len(calls) == 2:
            raise SystemExit("worker killed")
        return real(items)

    monkeypatch.setattr(services, "RETENTION_BATCH", 1)
    with _at(_after(months=3, days=1)):
        with mock.patch.object(services, "notifications_send", dies_on_the_second), pytest.raises(SystemExit):
            retention_checks_run()
        assert (_retention_tasks().count(), _retention_notifications().count()) == (1, 1)
        assert placed.checks.filter(task_created_at__isnull=False).count() == 1
        assert retention_checks_run()["due"] == 1
        assert retention_checks_run()["due"] == 0
    assert (_retention_tasks().count(), _retention_notifications().count()) == (2, 2)
    assert placed.checks.filter(task_created_at__isnull=False).count() == 2


def test_a_dead_worker_loses_its_whole_batch_and_the_rerun_makes_it_once(placed):
    """One batch for both checks: dying before the notifications rolls back both claims and both tasks."""
    def dies(items):
        raise SystemExit("worker killed")

    with _at(_after(months=3, days=1)):
        with mock.patch.object(services, "notifications_send", dies), pytest.raises(SystemExit):
            retention_checks_run()
        assert (_retention_tasks().count(), _retention_notifications().count()) == (0, 0)
        assert placed.checks.filter(task_created_at__isnull=False).count() == 0
        assert retention_checks_run()["due"] == 2
        assert retention_checks_run()["due"] == 0
    assert (_retention_tasks().count(), _retention_notifications().count()) == (2, 2)


def test_it_claims_checks_in_batches_until_none_is_left(placed, monkeypatch, manager_a):
    monkeypatch.setattr(services, "RETENTION_BATCH", 1)
    with _at(_after(months=3, days=1)):  # two checks due; the 1-month one also 14+ days overdue
        assert retention_checks_run() == {"due": 2, "escalated": 1}
        assert retention_checks_run() == {"due": 0, "escalated": 0}
    assert _retention_tasks().count() == 2
    assert Task.objects.filter(kind="retention_overdue", assignee=manager_a).count() == 1


def test_a_check_made_pending_again_gets_no_second_task_or_notification(placed, counsellor_a, seeker_a):
    """The task's source key and the notification's dedupe key hold even if a check were claimed twice."""
    with _at(_after(months=1, days=1)):
        assert retention_checks_run()["due"] == 1
        RetentionCheck.objects.filter(placement=placed, milestone_months=1).update(status="pending")
        assert retention_checks_run()["due"] == 1  # claimed again, but nothing new is written for it
    assert list(_retention_tasks().values_list("assignee", flat=True)) == [counsellor_a.pk]
    assert list(_retention_notifications().values_list("recipient", flat=True)) == [seeker_a.pk]


def test_it_escalates_an_unanswered_check_to_the_manager_once(placed, manager_a):
    with _at(_after(months=1)):
        retention_checks_run()
    with _at(_after(months=1, days=13)):  # 13 days after falling due: not yet
        assert retention_checks_run()["escalated"] == 0
    with _at(_after(months=1, days=14)):
        assert retention_checks_run()["escalated"] == 1
        assert retention_checks_run()["escalated"] == 0
    check = placed.checks.get(milestone_months=1)
    assert check.status == "escalated" and check.escalated_at is not None
    assert list(Task.objects.filter(kind="retention_overdue").values_list("assignee", "source_key")) == [
        (manager_a.pk, f"retention:{check.code}:escalation")]


def test_it_does_not_escalate_an_answered_check(placed, manager_a, seeker_a):
    with _at(_after(months=1)):
        retention_checks_run()
        services.check_answer(check=placed.checks.get(milestone_months=1), status="employed_same",
                              evidence_kind="client_answer", evidence="Still there, same hours.",
                              answered_by=seeker_a)
    with _at(_after(months=1, days=24)):
        assert retention_checks_run()["escalated"] == 0
    assert placed.checks.get(milestone_months=1).status == "employed_same"  # answered, so never overdue


def test_it_counts_a_client_answer_as_confirmed(placed, seeker_a):
    check = placed.checks.get(milestone_months=1)
    answered = services.check_answer(check=check, status="employed_same", evidence_kind="client_answer",
                                     evidence="Going well.", answered_by=seeker_a)
    assert answered.confirmed and answered.answered_by == seeker_a


def test_it_refuses_an_answer_twice_and_keeps_the_first(placed, seeker_a, counsellor_a):
    check = placed.checks.get(milestone_months=1)
    services.check_answer(check=check, status="employed_same", evidence_kind="client_answer", evidence="Fine.",
                          answered_by=seeker_a)
    with pytest.raises(ValidationError):
        services.check_answer(check=check, status="not_employed", evidence_kind="call_note",
                              evidence="Changed my mind.", answered_by=counsellor_a)
    check.refresh_from_db()
    assert (check.status, check.evidence) == ("employed_same", "Fine.")


@pytest.mark.parametrize(("kind", "evidence", "by"), [
    ("", "Said fine.", "counsellor_a"),            # no contact named
    ("call_note", "   ", "counsellor_a"),          # nothing written down
    ("client_answer", "Fine.", "counsellor_a"),    # staff cannot answer as the client
    ("call_note", "Fine.", "seeker_a"),            # the client answers as themselves
])
def test_it_refuses_an_answer_without_two_way_evidence(request, placed, kind, evidence, by):
    check = placed.checks.get(milestone_months=1)
    with pytest.raises(ValidationError):
        services.check_answer(check=check, status="employed_same", evidence_kind=kind, evidence=evidence,
                              answered_by=request.getfixturevalue(by))
    check.refresh_from_db()
    assert check.status == "pending" and check.answered_at is None


def test_it_refuses_an_answer_from_another_provider(placed, counsellor_b):
    with pytest.raises(PermissionDenied):
        services.check_answer(check=placed.checks.first(), status="employed_same", evidence_kind="call_note",
                              evidence="?", answered_by=counsellor_b)


def test_it_reopens_the_job_search_on_job_loss(placed, counsellor_a):
    case = placed.case
    case.refresh_from_db()
    assert case.status == CaseFile.Status.PLACED
    services.check_answer(check=placed.checks.get(milestone_months=1), status="not_employed",
                          evidence_kind="call_note", evidence="Laid off last week.", answered_by=counsellor_a)
    case.refresh_from_db()
    assert case.status == CaseFile.Status.ACTIVE


def test_it_keeps_the_case_placed_when_still_employed(placed, counsellor_a):
    services.check_answer(check=placed.checks.get(milestone_months=1), status="employed_other",
                          evidence_kind="employer_confirmation", evidence="HR confirmed.", answered_by=counsellor_a)
    placed.case.refresh_from_db()
    assert placed.case.status == CaseFile.Status.PLACED
    assert RetentionCheck.objects.get(placement=placed, milestone_months=1).confirmed


def test_it_loses_nothing_when_the_broker_is_down(placed, broker_down, django_capture_on_commit_callbacks):
    from espportal import notifications, tasks

    with _at(_after(months=1)):
        with django_capture_on_commit_callbacks(execute=True):
            assert retention_checks_run()["due"] == 1
        notification = _retention_notifications().get()
        assert notification.sent_at is None
        assert _retention_tasks().count() == 1

        broker_down.restore()  # the outbox row waited; the periodic sweep re-queues it and it goes out once
        assert tasks.notifications_sweep() == 1
        assert [notifications.deliver(notification.pk) for _ in range(2)] == [True, False]
    notification.refresh_from_db()
    assert notification.sent_at is not None
