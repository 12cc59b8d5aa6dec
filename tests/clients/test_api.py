"""The clients API: scoped by the access door, validation errors by field, documented errors."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clients.models import Client
from tests.clients.factories import ANSWERS_NONE, make_client, make_plan_item

NEW = {"first_name": "Noor", "last_name": "Haddad", "date_of_birth": "1985-02-20", "postal_code": "l5b 3c2",
       "email": "noor.haddad@example.test", "skills": ["customer-service"], "accommodations": ["quiet_workspace"]}


def test_it_registers_a_client_through_the_service(login, counsellor_a, provider_a):
    response = login(counsellor_a).post("/api/v1/clients/", NEW, content_type="application/json")
    assert response.status_code == 201, response.json()
    client = Client.objects.get(code=response.json()["code"])
    assert (client.postal_code, client.current_provider, response.json()["current_provider"]) == (
        "L5B 3C2", provider_a, str(provider_a.code))
    assert list(client.skills.values_list("code", flat=True)) == ["customer-service"]


def test_it_answers_bad_input_with_messages_by_field(login, counsellor_a):
    response = login(counsellor_a).post("/api/v1/clients/", {**NEW, "postal_code": "90210",
                                                             "date_of_birth": "2099-01-01"},
                                        content_type="application/json")
    assert response.status_code == 400
    assert response.json()["postal_code"] == ["Enter a Canadian postal code such as M5V 2T6."]
    assert response.json()["date_of_birth"] == ["The date of birth cannot be in the future."]


def test_it_refuses_a_duplicate_unless_confirmed(login, counsellor_a, client_a):
    web = login(counsellor_a)
    duplicate = {**NEW, "email": client_a.email}
    response = web.post("/api/v1/clients/", duplicate, content_type="application/json")
    assert response.status_code == 400
    assert "duplicate" in response.json()
    response = web.post("/api/v1/clients/", {**duplicate, "confirmed_not_duplicate": True},
                        content_type="application/json")
    assert response.status_code == 201


def test_job_seekers_cannot_register_and_see_only_themselves(login, seeker_a, client_a, client_b):
    web = login(seeker_a)
    assert web.post("/api/v1/clients/", NEW, content_type="application/json").status_code == 403
    assert [row["code"] for row in web.get("/api/v1/clients/").json()["results"]] == [str(client_a.code)]
    assert web.get(f"/api/v1/clients/{client_b.code}/").status_code == 404


def test_another_providers_records_are_404(login, counsellor_b, client_a, plan_item_a):
    web = login(counsellor_b)
    assert web.get(f"/api/v1/clients/{client_a.code}/").status_code == 404
    assert web.get(f"/api/v1/plans/{plan_item_a.plan.code}/").status_code == 404
    assert web.get("/api/v1/assessments/", {"client": str(client_a.code)}).json()["results"] == []
    response = web.post("/api/v1/assessments/", {"client": str(client_a.code), "answers": ANSWERS_NONE},
                        content_type="application/json")
    assert response.status_code == 404


def test_a_counsellor_assesses_through_the_api(login, counsellor_a, client_a):
    web = login(counsellor_a)
    answers = {**ANSWERS_NONE, "barriers": {**ANSWERS_NONE["barriers"], "housing": 3}}
    response = web.post("/api/v1/assessments/", {"client": str(client_a.code), "answers": answers},
                        content_type="application/json")
    assert response.status_code == 201, response.json()
    assert (response.json()["segment"], response.json()["reasons"][0]) == (2, "Housing: severe barrier (+3)")
    bad = web.post("/api/v1/assessments/", {"client": str(client_a.code), "answers": answers,
                                            "override_segment": 3}, content_type="application/json")
    assert bad.status_code == 400 and "override_reason" in bad.json()
    listed = web.get("/api/v1/assessments/", {"client": str(client_a.code)}).json()["results"]
    assert len(listed) == 1
    french = web.get("/api/v1/assessments/", {"client": str(client_a.code)}, HTTP_ACCEPT_LANGUAGE="fr").json()
    assert french["results"][0]["reasons"] == ["Logement : obstacle important (+3)",
                                               "Un obstacle important correspond au moins au segment 2"]


def test_intake_workers_may_not_assess(login, intake_a, client_a):
    response = login(intake_a).post("/api/v1/assessments/", {"client": str(client_a.code),
                                                             "answers": ANSWERS_NONE},
                                    content_type="application/json")
    assert response.status_code == 403


def test_plans_come_with_their_items(login, seeker_a, counsellor_a, plan_item_a):
    response = login(seeker_a).get(f"/api/v1/plans/{plan_item_a.plan.code}/")
    assert response.status_code == 200
    [item] = response.json()["items"]
    assert (item["code"], item["kind"], item["status"]) == (str(plan_item_a.code), "resume", "planned")


@pytest.mark.parametrize("url", ["/api/v1/clients/", "/api/v1/plans/", "/api/v1/assessments/"])
def test_lists_do_not_grow_in_queries(login, counsellor_a, provider_a, url):
    web = login(counsellor_a)

    def add(n):
        for _ in range(n):
            client = make_client(provider_a, registered_by=counsellor_a, skills=[])
            make_plan_item(client, by=counsellor_a)
            from clients import services
            services.assessment_record(client=client, answers=ANSWERS_NONE, assessed_by=counsellor_a)

    add(2)
    web.get(url)
    with CaptureQueriesContext(connection) as few:
        web.get(url)
    add(8)
    with CaptureQueriesContext(connection) as many:
        assert len(web.get(url).json()["results"]) == 10  # keyset pages: no count
    assert len(many) == len(few)


def test_the_schema_documents_the_error_responses(login, counsellor_a):
    schema = login(counsellor_a).get("/api/schema/", headers={"Accept": "application/vnd.oai.openapi+json"})
    assert schema.status_code == 200
    text = schema.content.decode()
    assert "/api/v1/clients/" in text and "/api/v1/assessments/" in text and "/api/v1/plans/{code}/" in text
    assert "No such record among those you may see." in text
    assert "Invalid input: messages by field." in text
