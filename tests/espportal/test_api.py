"""The building's API: who am I, my notifications, and how the API refuses bad requests."""

import json

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from espportal.models import Notification


def test_it_tells_a_counsellor_who_they_are(web, counsellor_a, provider_a):
    web.force_login(counsellor_a)
    response = web.get(reverse("api:me-list"))

    assert response.status_code == 200
    assert response.json() == {
        "code": str(counsellor_a.code),
        "email": "counsellor.a@example.test",
        "username": None,
        "name": counsellor_a.get_full_name(),
        "kind": "staff",
        "preferred_language": "en",
        "provider": str(provider_a.code),
        "role": "counsellor",
    }


def test_it_tells_a_job_seeker_they_have_no_provider_role(web, seeker_a):
    web.force_login(seeker_a)
    me = web.get(reverse("api:me-list")).json()
    assert (me["kind"], me["provider"], me["role"]) == ("job_seeker", None, None)


def test_it_refuses_anonymous_callers(db, web):
    for url in (reverse("api:me-list"), reverse("api:notification-list")):
        response = web.get(url)
        assert response.status_code == 403
        assert response.json() == {"detail": "Authentication credentials were not provided."}
    assert web.post(reverse("api:notification-mark-read"), {}, content_type="application/json").status_code == 403


def test_it_lists_only_my_delivered_notifications(web, seeker_a, seeker_b):
    now = timezone.now()
    Notification.objects.create(recipient=seeker_a, subject="Mine", sent_at=now)
    Notification.objects.create(recipient=seeker_a, subject="Mine, not delivered yet")
    Notification.objects.create(recipient=seeker_b, subject="Someone else's", sent_at=now)
    web.force_login(seeker_a)

    response = web.get(reverse("api:notification-list"))

    assert [row["subject"] for row in response.json()["results"]] == ["Mine"]


def test_it_refuses_an_oversized_body_with_413(web, seeker_a):
    web.force_login(seeker_a)
    body = json.dumps({"codes": ["0" * 36] * 60_000})
    assert len(body) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE

    response = web.post(reverse("api:notification-mark-read"), body, content_type="application/json")

    assert response.status_code == 413
    assert response.json() == {"detail": "Request body is too large."}


def test_it_refuses_malformed_json_with_400(web, seeker_a):
    web.force_login(seeker_a)
    response = web.post(reverse("api:notification-mark-read"), '{"codes": [', content_type="application/json")

    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


def test_it_refuses_a_body_that_is_not_a_list_of_codes(web, seeker_a):
    web.force_login(seeker_a)
    response = web.post(reverse("api:notification-mark-read"), {"codes": ["nope"]}, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"codes": {"0": ["Must be a valid UUID."]}}


def test_the_openapi_schema_is_valid_and_documents_every_app(tmp_path):
    from django.core.management import call_command

    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = target.read_text()
    for path in ("/api/v1/clients/", "/api/v1/cases/", "/api/v1/leads/", "/api/v1/matches/", "/api/v1/placements/",
                 "/api/v1/retention-checks/", "/api/v1/support-requests/", "/api/v1/notes/", "/api/v1/transfers/"):
        assert f"{path}:" in schema, path
