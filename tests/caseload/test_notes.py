from django.urls import reverse

from caseload import selectors, services
from caseload.models import CaseNote
from espportal.access import actor_for_user
from espportal.models import AuditEvent


def _timeline(user, case, **kw):
    return [n.body for n in selectors.timeline_for(actor_for_user(user), user, case, **kw)]


def test_it_shows_sensitive_notes_only_to_assigned_staff_and_managers(case_a, counsellor_a, counsellor_a2,
                                                                       manager_a):
    services.note_add(case=case_a, author=counsellor_a, kind="meeting", body="Private matter",
                      visibility="sensitive")
    services.note_add(case=case_a, author=counsellor_a, kind="meeting", body="Team matter", visibility="team")
    assert _timeline(counsellor_a, case_a) == ["Team matter", "Private matter"]
    assert _timeline(manager_a, case_a) == ["Team matter", "Private matter"]
    assert _timeline(counsellor_a2, case_a) == ["Team matter"]


def test_it_filters_the_timeline_by_kind_and_text(case_a, counsellor_a, login):
    services.note_add(case=case_a, author=counsellor_a, kind="advice", body="Resume advice", visibility="team")
    services.note_add(case=case_a, author=counsellor_a, kind="contact", body="Phoned", visibility="team")
    assert _timeline(counsellor_a, case_a, kind="advice") == ["Resume advice"]
    assert _timeline(counsellor_a, case_a, q="phon") == ["Phoned"]
    response = login(counsellor_a).get(reverse("caseload:case", args=[case_a.code]),
                                       {"partial": "timeline", "kind": "contact"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert "Phoned" in body and "Resume advice" not in body


def test_it_refuses_an_empty_note_from_the_page_and_keeps_what_was_typed(case_a, counsellor_a, login):
    response = login(counsellor_a).post(reverse("caseload:note_create", args=[case_a.code]),
                                        {"kind": "advice", "visibility": "team", "body": "   "})
    assert response.status_code == 422
    assert not CaseNote.objects.exists()


def test_it_refuses_a_note_on_someone_elses_case_and_audits_it(case_a, counsellor_a2, login):
    response = login(counsellor_a2).post(reverse("caseload:note_create", args=[case_a.code]),
                                         {"kind": "advice", "visibility": "team", "body": "Hello"})
    assert response.status_code == 422
    assert "not assigned" in response.content.decode()
    assert not CaseNote.objects.exists()
    assert AuditEvent.objects.filter(action="note.refused", client_code=case_a.client.code).exists()


def test_it_adds_a_note_from_the_page(case_a, counsellor_a, login):
    response = login(counsellor_a).post(reverse("caseload:note_create", args=[case_a.code]),
                                        {"kind": "advice", "visibility": "client", "body": "Try the job fair"})
    assert response.status_code == 302
    note = CaseNote.objects.get()
    assert (note.author, note.provider, note.visibility) == (counsellor_a, case_a.provider, "client")


def test_it_hides_other_providers_notes_without_consent(case_b, counsellor_b, provider_a, counsellor_a):
    services.note_add(case=case_b, author=counsellor_b, kind="contact", body="At B", visibility="team")
    services.case_set_status(case=case_b, status="closed", changed_by=counsellor_b, reason="moved")
    case = services.case_open(client=case_b.client, provider=provider_a, opened_by=counsellor_a,
                              counsellor=counsellor_a)
    assert _timeline(counsellor_a, case) == []
    assert CaseNote.objects.filter(client=case.client, visibility=CaseNote.Visibility.TEAM).count() == 1
