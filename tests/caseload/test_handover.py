"""On a counsellor change, the previous counsellor's open tasks and upcoming appointments on the case move to the
new counsellor (unless the manager leaves them), their reminders follow, and the handoff brief lists them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from caseload import services
from caseload.models import Appointment, HandoffBrief, Task
from espportal.models import AuditEvent, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(case_a, counsellor_a, manager_a, appointment_a, task_a):
    """counsellor_a's task and appointment on case_a, and the manager's own task on it (which never moves)."""
    own = services.task_create(assignee=manager_a, kind="follow_up", title="Check funding", case=case_a,
                               due_on=timezone.localdate())
    return {"task": task_a, "appointment": appointment_a, "manager_task": own}


def test_the_work_moves_with_the_case_and_the_brief_lists_it(work, case_a, counsellor_a, counsellor_a2, manager_a,
                                                             login):
    response = login(manager_a).post(reverse("caseload:case_reassign", args=[case_a.code]), {
        "role": "counsellor", "staff": str(counsellor_a2.code), "reason": "staff_left"})
    assert response.status_code == 302
    assert Task.objects.get(pk=work["task"].pk).assignee == counsellor_a2
    assert Task.objects.get(pk=work["manager_task"].pk).assignee == manager_a
    assert Appointment.objects.get(pk=work["appointment"].pk).staff == counsellor_a2
    # The reminder still to go out names and reaches the new counsellor; the old one gets none.
    reminders = Notification.objects.filter(template="caseload.appointment_reminder_staff", sent_at__isnull=True)
    assert [n.recipient for n in reminders] == [counsellor_a2]
    client_reminder = Notification.objects.get(template="caseload.appointment_reminder_client")
    assert client_reminder.context["staff"] == counsellor_a2.display_name
    brief = HandoffBrief.objects.get(case=case_a)
    assert brief.snapshot["moved"] == {"tasks": 1, "appointments": 1}
    assert sorted((t["title"], t["assignee"]) for t in brief.snapshot["open_tasks"]) == [
        ("Call back", counsellor_a2.display_name), ("Check funding", manager_a.display_name)]
    assert [a["with"] for a in brief.snapshot["upcoming_appointments"]] == [counsellor_a2.display_name]
    assert AuditEvent.objects.get(action="assignment.work_moved").detail == {"tasks": 1, "appointments": 1}
    page = login(counsellor_a2).get(reverse("caseload:case", args=[case_a.code])).content.decode()
    assert "1 open task moved to you with the case; 1 upcoming appointment moved to you." in page


def test_the_manager_may_leave_the_work_with_the_previous_counsellor(work, case_a, counsellor_a, counsellor_a2,
                                                                    manager_a, login):
    response = login(manager_a).post(reverse("caseload:case_reassign", args=[case_a.code]), {
        "role": "counsellor", "staff": str(counsellor_a2.code), "reason": "leave", "keep_work": "on"})
    assert response.status_code == 302
    assert Task.objects.get(pk=work["task"].pk).assignee == counsellor_a
    assert Appointment.objects.get(pk=work["appointment"].pk).staff == counsellor_a
    assert HandoffBrief.objects.get(case=case_a).snapshot["moved"] == {"tasks": 0, "appointments": 0}
    assert not AuditEvent.objects.filter(action="assignment.work_moved").exists()


def test_a_bulk_reassignment_moves_each_cases_work_too(work, provider_a, case_a, counsellor_a, counsellor_a2,
                                                       manager_a, login):
    response = login(manager_a).post(reverse("caseload:bulk_reassign"), {
        "from_staff": str(counsellor_a.code), "to_staff": [str(counsellor_a2.code)], "reason": "staff_left"})
    assert response.status_code == 302
    assert Task.objects.get(pk=work["task"].pk).assignee == counsellor_a2
    assert Appointment.objects.get(pk=work["appointment"].pk).staff == counsellor_a2
