import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from caseload import services
from caseload.models import Assignment, CaseNote, HandoffBrief
from espportal.models import AuditEvent, Notification
from tests.caseload.factories import make_case


def test_it_writes_a_brief_from_the_record_when_the_counsellor_changes(case_a, counsellor_a, counsellor_a2,
                                                                        manager_a):
    services.note_add(case=case_a, author=counsellor_a, kind="advice", body="Shorten the resume to one page.",
                      visibility="team")
    services.note_add(case=case_a, author=counsellor_a, kind="contact", body="Phoned about the job fair.",
                      visibility="team")
    services.note_add(case=case_a, author=counsellor_a, kind="contact", body="Health matter.",
                      visibility="sensitive")
    services.task_create(assignee=counsellor_a, kind="retention_check", title="1-month check-in", case=case_a,
                         due_on=case_a.opened_at.date())
    assignment = services.assignment_change(case=case_a, role="counsellor", staff=counsellor_a2,
                                            reason="staff_left", changed_by=manager_a)
    brief = assignment.handoff_brief
    assert brief.for_staff == counsellor_a2 and brief.from_staff == counsellor_a
    assert [a["body"] for a in brief.snapshot["advice"]] == ["Shorten the resume to one page."]
    assert [c["body"] for c in brief.snapshot["last_contacts"]] == ["Phoned about the job fair."]
    assert [c["title"] for c in brief.snapshot["check_ins"]] == ["1-month check-in"]
    ended = Assignment.objects.get(case=case_a, staff=counsellor_a)
    assert ended.ended_at is not None


def test_it_tells_the_client_who_their_new_counsellor_is(brief_a, seeker_a):
    notice = Notification.objects.get(recipient=seeker_a)
    assert "Aaron" in notice.subject


def test_it_refuses_notes_until_the_brief_is_acknowledged(brief_a, case_a, counsellor_a2):
    with pytest.raises(ValidationError, match="acknowledge the handoff brief"):
        services.note_add(case=case_a, author=counsellor_a2, kind="contact", body="Hello", visibility="team")
    services.handoff_brief_acknowledge(brief=brief_a, user=counsellor_a2)
    note = services.note_add(case=case_a, author=counsellor_a2, kind="contact", body="Hello", visibility="team")
    assert note.author == counsellor_a2


def test_it_refuses_to_let_someone_else_acknowledge_a_brief(brief_a, counsellor_a, login, case_a):
    with pytest.raises(ValidationError):
        services.handoff_brief_acknowledge(brief=brief_a, user=counsellor_a)
    brief_a.refresh_from_db()
    assert brief_a.acknowledged_at is None
    assert AuditEvent.objects.filter(action="handoff_brief.refused", target_code=str(brief_a.code)).exists()
    response = login(counsellor_a).post(reverse("caseload:brief_acknowledge", args=[brief_a.code]))
    assert response.status_code == 403


def test_it_shows_the_brief_first_and_the_whole_history_after(note_a, brief_a, case_a, counsellor_a, counsellor_a2,
                                                               login):
    web = login(counsellor_a2)
    page = web.get(reverse("caseload:case", args=[case_a.code])).content.decode()
    assert "Handoff brief: read this first" in page
    assert 'id="note-form"' not in page
    web.post(reverse("caseload:brief_acknowledge", args=[brief_a.code]))
    page = web.get(reverse("caseload:case", args=[case_a.code])).content.decode()
    assert "Handoff brief: read this first" not in page
    assert "Called about the resume." in page and 'id="note-form"' in page


def test_it_reassigns_all_open_cases_of_a_leaving_counsellor_in_one_action(provider_a, counsellor_a,
                                                                          counsellor_a2, manager_a, login):
    cases = [make_case(provider_a, counsellor=counsellor_a) for _ in range(4)]
    other = make_case(provider_a, counsellor=counsellor_a2)
    response = login(manager_a).post(reverse("caseload:bulk_reassign"), {
        "from_staff": str(counsellor_a.code), "to_staff": [str(counsellor_a2.code), str(manager_a.code)],
        "reason": "staff_left"})
    assert response.status_code == 302
    current = Assignment.objects.filter(case__in=cases, role="counsellor", ended_at__isnull=True)
    assert sorted(a.staff.email for a in current) == sorted([counsellor_a2.email] * 2 + [manager_a.email] * 2)
    assert HandoffBrief.objects.filter(case__in=cases).count() == 4
    assert Assignment.objects.get(case=other, ended_at__isnull=True).staff == counsellor_a2


def test_it_refuses_a_bulk_reassign_to_the_leaver(provider_a, counsellor_a, manager_a, login):
    make_case(provider_a, counsellor=counsellor_a)
    response = login(manager_a).post(reverse("caseload:bulk_reassign"), {
        "from_staff": str(counsellor_a.code), "to_staff": [str(counsellor_a.code)], "reason": "staff_left"})
    assert response.status_code == 422
    assert not HandoffBrief.objects.exists()


def test_it_shows_an_amended_note_with_its_original(note_a, counsellor_a, case_a, login):
    web = login(counsellor_a)
    response = web.post(reverse("caseload:note_amend", args=[note_a.code]), {"body": "Called about the CV."})
    assert response.status_code == 302
    page = web.get(reverse("caseload:case", args=[case_a.code])).content.decode()
    assert "Called about the resume." in page and "Called about the CV." in page and "amended" in page
    assert CaseNote.objects.count() == 2
