"""The API's one error path and its honesty: bad input is a JSON 4xx with messages, every detail route audits the
open naming the client once, a record the caller may not see is a 404 however it is named, and the schema says so."""

import pytest
from django.urls import reverse

from caseload.models import CaseNote
from clients.models import Assessment
from espportal.models import AuditEvent
from tests.clients.factories import ANSWERS_NONE


def _post(web, url, payload):
    return web.post(url, payload, content_type="application/json")


@pytest.mark.parametrize("answers", [[1, 2], "severe", {"barriers": [1]}, {"barriers": {"housing": "x"}},
                                     {**ANSWERS_NONE, "interests": [{"a": 1}]}, None, 7])
def test_an_assessment_whose_answers_are_not_the_instruments_shape_is_a_400(login, counsellor_a, client_a, answers):
    response = _post(login(counsellor_a), "/api/v1/assessments/", {"client": str(client_a.code), "answers": answers})

    assert response.status_code == 400, response.content
    assert "answers" in response.json()
    assert not Assessment.objects.exists()


def test_an_assessment_names_the_barrier_that_is_out_of_range(login, counsellor_a, client_a):
    answers = {**ANSWERS_NONE, "barriers": {**ANSWERS_NONE["barriers"], "housing": 9}}
    response = _post(login(counsellor_a), "/api/v1/assessments/", {"client": str(client_a.code), "answers": answers})

    assert response.status_code == 400
    assert response.json() == {"answers": {"barriers": {"housing": ["Ensure this value is less than or equal to 3."]}}}


def test_a_note_without_visibility_takes_the_models_default(login, counsellor_a, case_a):
    response = _post(login(counsellor_a), "/api/v1/notes/", {"case": str(case_a.code), "kind": "advice",
                                                             "body": "Bring two references."})

    assert response.status_code == 201, response.content
    assert response.json()["visibility"] == "team"
    assert CaseNote.objects.get().visibility == CaseNote.Visibility.TEAM


def test_a_note_on_another_providers_case_is_a_404_and_audited_like_any_other_lookup(login, counsellor_b, case_a):
    response = _post(login(counsellor_b), "/api/v1/notes/", {"case": str(case_a.code), "kind": "advice",
                                                             "visibility": "team", "body": "Hello"})

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert AuditEvent.objects.filter(action="access.denied", actor_code=counsellor_b.code,
                                     detail__code=str(case_a.code)).count() == 1
    assert not CaseNote.objects.exists()


def test_a_malformed_related_code_is_a_400_naming_the_field(login, counsellor_a, case_a):
    response = _post(login(counsellor_a), "/api/v1/notes/", {"case": "not-a-code", "kind": "advice", "body": "x"})

    assert response.status_code == 400
    assert response.json() == {"case": ["Must be a valid UUID."]}


@pytest.mark.parametrize("path", ["/api/v1/cases/not-a-code/", "/api/v1/clients/123/", "/api/v1/notes/%20/",
                                  "/api/v1/placements/00000000-0000-0000-0000-00000000000g/"])
def test_a_malformed_code_on_an_api_route_is_an_audited_json_404(login, counsellor_a, path):
    response = login(counsellor_a).get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}
    assert AuditEvent.objects.filter(action="access.denied", actor_code=counsellor_a.code).count() == 1


def test_an_unknown_api_path_is_a_json_404(login, counsellor_a):
    response = login(counsellor_a).get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_pages_keep_their_html_404(login, counsellor_a):
    response = login(counsellor_a).get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


# (route, fixture, who reads it, how to reach the client from the row)
DETAIL_ROUTES = [
    ("clients_api:client-detail", "client_a", "counsellor_a", ""),
    ("clients_api:plan-detail", "plan_a", "counsellor_a", "client"),
    ("caseload_api:case-detail", "case_a", "counsellor_a", "client"),
    ("caseload_api:note-detail", "note_a", "counsellor_a", "case.client"),
    ("caseload_api:task-detail", "task_a", "counsellor_a", "client"),
    ("caseload_api:appointment-detail", "appointment_a", "counsellor_a", "case.client"),
    ("caseload_api:transfer-detail", "transfer_a", "counsellor_a", "client"),
    ("caseload_api:referral-detail", "referral_a", "counsellor_a", "case.client"),
    ("employers_api:match-detail", "match_a", "counsellor_a", "client"),
    ("employers_api:activity-detail", "activity_a", "developer_a", None),
    ("outcomes_api:placement-detail", "placement_a", "counsellor_a", "client"),
    ("outcomes_api:retention-check-detail", "retention_check_due_a", "counsellor_a", "placement.client"),
    ("outcomes_api:support-request-detail", "support_request_a", "counsellor_a", "client"),
]


def _client_of(row, path):
    for name in filter(None, path.split(".")):
        row = getattr(row, name)
    return row


@pytest.mark.parametrize(("route", "fixture", "persona", "path"), DETAIL_ROUTES)
def test_every_api_detail_route_audits_the_open_naming_the_client_once(db, request, login, route, fixture, persona,
                                                                       path):
    row = request.getfixturevalue(fixture)
    reader = request.getfixturevalue(persona)
    client = row.attendance.get().client if path is None else _client_of(row, path)
    before = AuditEvent.objects.filter(action__endswith=".opened").count()

    response = login(reader).get(reverse(route, args=[row.code]))

    assert response.status_code == 200, response.content
    opened = AuditEvent.objects.filter(action__endswith=".opened").order_by("id")[before:]
    assert [(event.client_code, event.actor_code, event.target_code) for event in opened] == [
        (client.code, reader.code, str(row.code))]


def _schema(web):
    response = web.get("/api/schema/", headers={"Accept": "application/vnd.oai.openapi+json"})
    assert response.status_code == 200
    return response.json()


def test_me_is_documented_as_one_object(login, seeker_a):
    schema = _schema(login(seeker_a))

    body = schema["paths"]["/api/v1/me/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/Me"}


def test_every_operation_documents_its_json_errors(login, counsellor_a):
    schema = _schema(login(counsellor_a))
    checked = 0
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            expected = {"403"} | ({"404"} if "{" in path or method == "post" else set()) | (
                {"400", "409", "422"} if method == "post" else {"400"})
            documented = set(operation["responses"])
            assert expected <= documented, (method, path, expected - documented)
            headers = {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}
            # Found by a fresh tester: the Idempotency-Key header every write honours was not in the schema.
            assert ("Idempotency-Key" in headers) == (method == "post"), (method, path)
            for code in expected:
                assert "application/json" in operation["responses"][code]["content"], (method, path, code)
            checked += 1
    assert checked > 30
