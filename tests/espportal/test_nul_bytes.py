"""NUL characters: PostgreSQL refuses them in text, so none reaches a view, a draft or the database."""

import datetime as dt
import json

from django.urls import reverse
from django.utils import timezone

from caseload.models import CaseNote
from clients.models import IntakeDraft
from tests.clients.test_intake import STEP_DATA


def test_the_intake_draft_keeps_the_name_without_its_nul(login, counsellor_a):
    web = login(counsellor_a)

    response = web.post(reverse("clients:intake_step", args=["identity"]),
                        {**STEP_DATA["identity"], "first_name": "abc\x00def", "action": "next"})

    assert response.status_code == 302
    assert IntakeDraft.objects.get().data["identity"]["first_name"] == ["abcdef"]


def test_a_nul_in_a_url_encoded_body_is_stripped(login, counsellor_a):
    web = login(counsellor_a)
    body = "&".join(f"{key}={value}" for key, value in {**STEP_DATA["identity"], "first_name": "abc%00def",
                                                        "action": "next"}.items())

    response = web.post(reverse("clients:intake_step", args=["identity"]), body,
                        content_type="application/x-www-form-urlencoded")

    assert response.status_code == 302
    assert IntakeDraft.objects.get().data["identity"]["first_name"] == ["abcdef"]


def test_a_search_with_a_nul_answers_normally(login, counsellor_a, client_a):
    response = login(counsellor_a).get(reverse("clients:list"), {"q": f"{client_a.last_name[:4]}\x00"})

    assert response.status_code == 200
    assert client_a.last_name in response.content.decode()


def test_an_api_body_with_a_nul_is_refused_with_a_400(login, counsellor_a, case_a):
    response = login(counsellor_a).post("/api/v1/notes/", {"case": str(case_a.code), "kind": "advice",
                                                           "body": "before\x00after"},
                                        content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"detail": "Text may not contain NUL characters (\\u0000)."}
    assert not CaseNote.objects.exists()


def test_an_api_body_with_an_escaped_backslash_u0000_is_text_not_a_nul(login, counsellor_a, case_a):
    body = json.dumps({"case": str(case_a.code), "kind": "advice", "body": "C:\\u0000"})
    assert "\\\\u0000" in body  # an escaped backslash, then the letters u0000
    response = login(counsellor_a).post("/api/v1/notes/", body, content_type="application/json")

    assert response.status_code == 201, response.content
    assert CaseNote.objects.get().body == "C:\\u0000"


def test_a_note_typed_with_a_nul_on_the_page_is_saved_without_it(login, counsellor_a, case_a):
    web = login(counsellor_a)
    response = web.post(reverse("caseload:note_create", args=[case_a.code]),
                        {"kind": "advice", "visibility": "team", "body": "Call\x00 back"})

    assert response.status_code in (200, 302), response.status_code
    assert CaseNote.objects.get().body == "Call back"
    assert timezone.now() - CaseNote.objects.get().created_at < dt.timedelta(minutes=1)
