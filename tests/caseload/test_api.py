from django.urls import reverse

from caseload.models import CaseNote


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
    assert response.status_code == 400  # an unknown case, as far as provider A knows
    assert CaseNote.objects.count() == 1


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
