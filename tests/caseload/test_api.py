from django.urls import reverse
from django.utils import timezone

from caseload.models import Appointment, CaseNote, Referral, Transfer
from espportal.models import AuditEvent


def test_it_lists_only_cases_the_provider_may_see(case_a, case_b, counsellor_a, login):
    data = login(counsellor_a).get(reverse("caseload_api:case-list")).json()
    assert [row["code"] for row in data["results"]] == [str(case_a.code)]


def test_other_providers_rows_are_404(case_b, counsellor_a, login, provider_b, counsellor_b):
    from caseload import services

    note = services.note_add(case=case_b, author=counsellor_b, kind="contact", body="B", visibility="team")
    web = login(counsellor_a)
    assert web.get(reverse("caseload_api:case-detail", args=[case_b.code])).status_code == 404
    assert web.get(reverse("caseload_api:note-detail", args=[note.code])).status_code == 404
    response = web.post(reverse("caseload_api:note-list"), {"case": str(case_b.code), "kind": "contact",
                                                            "visibility": "team", "body": "x"},
                        content_type="application/json")
    assert response.status_code == 404  # like every other lookup of a record provider A may not see
    assert CaseNote.objects.count() == 1
    # one for the GET of the case above, one for the note naming it
    assert AuditEvent.objects.filter(action="access.denied", actor_code=counsellor_a.code,
                                     detail__code=str(case_b.code)).count() == 2


def test_it_adds_and_amends_notes_through_the_services(case_a, counsellor_a, login):
    web = login(counsellor_a)
    response = web.post(reverse("caseload_api:note-list"), {"case": str(case_a.code), "kind": "advice",
                                                            "visibility": "team", "body": "Tailor the resume"},
                        content_type="application/json")
    assert response.status_code == 201, response.content
    code = response.json()["code"]
    response = web.post(reverse("caseload_api:note-amend", args=[code]), {"body": "Tailor the resume and CV"},
                        content_type="application/json")
    assert response.status_code == 201
    assert response.json()["amends"] == code
    assert CaseNote.objects.get(code=code).body == "Tailor the resume"


def test_it_refuses_an_empty_note_with_its_message(case_a, counsellor_a, counsellor_a2, login):
    response = login(counsellor_a2).post(reverse("caseload_api:note-list"), {
        "case": str(case_a.code), "kind": "advice", "visibility": "team", "body": "Hi"},
        content_type="application/json")
    assert response.status_code == 400
    assert "not assigned" in str(response.json())


def test_it_completes_own_tasks(task_a, counsellor_a, login):
    response = login(counsellor_a).post(reverse("caseload_api:task-complete", args=[task_a.code]))
    assert response.status_code == 200 and response.json()["done_at"]


def test_job_seekers_and_ministry_are_refused(seeker_a, ministry, login, web):
    assert login(seeker_a).get(reverse("caseload_api:case-list")).status_code == 403
    web.logout()
    assert login(ministry).get(reverse("caseload_api:note-list")).status_code == 403


def _post(web, name, payload):
    return web.post(reverse(name), payload, content_type="application/json")


def test_it_schedules_an_appointment_through_the_service(case_a, counsellor_a, login):
    starts = (timezone.now() + timezone.timedelta(days=3)).isoformat()
    response = _post(login(counsellor_a), "caseload_api:appointment-list",
                     {"case": str(case_a.code), "staff": str(counsellor_a.code), "mode": "phone", "starts_at": starts})
    assert response.status_code == 201, response.content
    assert Appointment.objects.get(code=response.json()["code"]).case == case_a


def test_it_refuses_an_appointment_in_the_past_and_keeps_nothing(case_a, counsellor_a, login):
    starts = (timezone.now() - timezone.timedelta(days=1)).isoformat()
    response = _post(login(counsellor_a), "caseload_api:appointment-list",
                     {"case": str(case_a.code), "staff": str(counsellor_a.code), "mode": "phone", "starts_at": starts})
    assert response.status_code == 400
    assert response.json()["detail"]
    assert not Appointment.objects.exists()


def test_another_providers_case_is_404_for_api_writes(case_a, counsellor_b, login):
    starts = (timezone.now() + timezone.timedelta(days=3)).isoformat()
    web = login(counsellor_b)
    response = _post(web, "caseload_api:appointment-list",
                     {"case": str(case_a.code), "staff": str(counsellor_b.code), "mode": "phone", "starts_at": starts})
    assert response.status_code == 404
    response = _post(web, "caseload_api:referral-list",
                     {"case": str(case_a.code), "specialist": str(counsellor_b.code), "reason": "x"})
    assert response.status_code == 404
    assert AuditEvent.objects.filter(action="access.denied", actor_code=counsellor_b.code).count() == 2


def test_it_requests_a_transfer_with_the_clients_consent_and_refuses_the_same_provider(
        case_a, counsellor_a, provider_a, provider_b, login):
    web = login(counsellor_a)
    same = _post(web, "caseload_api:transfer-list",
                 {"client": str(case_a.client.code), "to_provider": str(provider_a.code), "record_consent": True})
    assert same.status_code == 400 and not Transfer.objects.exists()
    response = _post(web, "caseload_api:transfer-list",
                     {"client": str(case_a.client.code), "to_provider": str(provider_b.code), "record_consent": True,
                      "reason": "Moving north"})
    assert response.status_code == 201, response.content
    transfer = Transfer.objects.get()
    assert (transfer.to_provider, transfer.status) == (provider_b, "requested")


def test_it_refers_to_a_specialist_through_the_service(case_a, counsellor_a, counsellor_a2, login):
    response = _post(login(counsellor_a), "caseload_api:referral-list",
                     {"case": str(case_a.code), "specialist": str(counsellor_a2.code), "reason": "Resume help"})
    assert response.status_code == 201, response.content
    assert Referral.objects.get().specialist == counsellor_a2
