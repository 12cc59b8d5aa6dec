"""Double submits and races: a double click, a retried request or two simultaneous ones make one row and get one
clean answer, on pages (submission token) and API (Idempotency-Key), and unique constraints never answer 500."""

import datetime as dt
import threading
import uuid

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from caseload.models import Appointment, CaseNote
from clients.models import Client, Consent
from outcomes.models import Placement
from tests.clients.test_intake import STEP_DATA
from tests.outcomes.test_pages import _form as placement_form

TOKEN = "submission_token"


def _twice(web, url, data):
    first = web.post(url, data)
    second = web.post(url, data)
    return first, second


def test_add_note_clicked_twice_adds_one_note(login, counsellor_a, case_a):
    data = {"kind": "advice", "visibility": "team", "body": "Bring two references.", TOKEN: str(uuid.uuid4())}

    first, second = _twice(login(counsellor_a), reverse("caseload:note_create", args=[case_a.code]), data)

    assert (first.status_code, second.status_code) == (302, 302)
    assert second.url == first.url
    assert CaseNote.objects.count() == 1


def test_the_same_form_sent_with_other_content_is_a_new_note(login, counsellor_a, case_a):
    web = login(counsellor_a)
    token = str(uuid.uuid4())
    url = reverse("caseload:note_create", args=[case_a.code])
    web.post(url, {"kind": "advice", "visibility": "team", "body": "First", TOKEN: token})
    web.post(url, {"kind": "advice", "visibility": "team", "body": "Second", TOKEN: token})

    assert sorted(CaseNote.objects.values_list("body", flat=True)) == ["First", "Second"]


def test_schedule_appointment_clicked_twice_schedules_one(login, counsellor_a, case_a):
    starts = (timezone.localtime() + dt.timedelta(days=3)).replace(hour=10, minute=0)
    data = {"starts_at": starts.strftime("%Y-%m-%dT%H:%M"), "mode": "phone", "duration_minutes": 30,
            "staff": str(counsellor_a.code), TOKEN: str(uuid.uuid4())}

    first, second = _twice(login(counsellor_a), reverse("caseload:appointment_create", args=[case_a.code]), data)

    assert (first.status_code, second.status_code) == (302, 302), first.content
    assert Appointment.objects.count() == 1


def test_record_placement_clicked_twice_records_one(login, counsellor_a, case_a):
    from tests.outcomes.test_pages import noc

    noc("11100")
    url = reverse("outcomes:placement_create", args=[case_a.client.code])

    first, second = _twice(login(counsellor_a), url, {**placement_form(), TOKEN: str(uuid.uuid4())})

    assert (first.status_code, second.status_code) == (302, 302)
    assert second.url == first.url == reverse("outcomes:placement", args=[Placement.objects.get().code])


def test_the_same_placement_recorded_again_is_refused_by_its_natural_key(login, counsellor_a, case_a):
    from tests.outcomes.test_pages import noc

    noc("11100")
    web = login(counsellor_a)
    url = reverse("outcomes:placement_create", args=[case_a.client.code])
    assert web.post(url, placement_form()).status_code == 302

    again = web.post(url, placement_form(employer_name="LAKESIDE BOOKS"))

    assert again.status_code == 422
    assert "This placement is already recorded: same client, employer and start date." in again.content.decode()
    assert Placement.objects.count() == 1


def test_register_clicked_twice_registers_one_client(login, counsellor_a):
    web = login(counsellor_a)
    for step, data in STEP_DATA.items():
        assert web.post(reverse("clients:intake_step", args=[step]), {**data, "action": "next"}).status_code == 302
    data = {"consents": ["statistics"], "action": "register", TOKEN: str(uuid.uuid4())}

    first, second = _twice(web, reverse("clients:intake_step", args=["consents"]), data)

    assert (first.status_code, second.status_code) == (302, 302)
    assert second.url == first.url
    assert Client.objects.count() == 1


def test_a_refused_submission_releases_its_token(login, counsellor_a, case_a):
    web = login(counsellor_a)
    url = reverse("caseload:note_create", args=[case_a.code])
    token = str(uuid.uuid4())
    assert web.post(url, {"kind": "advice", "visibility": "team", "body": "", TOKEN: token}).status_code == 422
    assert web.post(url, {"kind": "advice", "visibility": "team", "body": "", TOKEN: token}).status_code == 422

    assert not CaseNote.objects.exists()


def test_the_page_forms_carry_a_fresh_token(login, counsellor_a, case_a):
    html = login(counsellor_a).get(reverse("caseload:case", args=[case_a.code])).content.decode()

    assert html.count(f'name="{TOKEN}"') >= 5
    assert 'src="/static/js/submit-once.js"' in html


def _api_note(web, case, body, key):
    return web.post("/api/v1/notes/", {"case": str(case.code), "kind": "advice", "body": body},
                    content_type="application/json", headers={"Idempotency-Key": key})


def test_an_api_post_retried_with_its_idempotency_key_makes_one_note_and_the_same_answer(login, counsellor_a,
                                                                                         case_a):
    web = login(counsellor_a)
    first = _api_note(web, case_a, "Resume reviewed.", "retry-1")
    second = _api_note(web, case_a, "Resume reviewed.", "retry-1")

    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert CaseNote.objects.count() == 1


def test_an_idempotency_key_reused_for_another_body_is_refused(login, counsellor_a, case_a):
    web = login(counsellor_a)
    assert _api_note(web, case_a, "One", "reuse-1").status_code == 201

    response = _api_note(web, case_a, "Two", "reuse-1")

    assert response.status_code == 422
    assert response.json() == {"detail": "This Idempotency-Key was already used for a different request."}
    assert CaseNote.objects.count() == 1


def test_idempotency_keys_are_per_caller(login, counsellor_a, counsellor_a2, case_a, web):
    assert _api_note(login(counsellor_a), case_a, "Mine", "same-key").status_code == 201
    web.logout()
    other = _api_note(login(counsellor_a2), case_a, "Mine", "same-key")

    assert other.status_code == 400  # counsellor_a2 is not assigned: its own answer, not counsellor_a's replay
    assert CaseNote.objects.count() == 1


def test_a_malformed_idempotency_key_is_a_400(login, counsellor_a, case_a):
    response = _api_note(login(counsellor_a), case_a, "x", "k" * 101)

    assert response.status_code == 400
    assert CaseNote.objects.count() == 0


def test_purging_old_keys_is_harmless_twice(db):
    from espportal.models import SubmittedRequest
    from espportal.tasks import submissions_purge

    SubmittedRequest.objects.create(key="old", path="/", body_hash="", status_code=302,
                                    created_at=timezone.now() - dt.timedelta(days=3))
    SubmittedRequest.objects.create(key="new", path="/", body_hash="", status_code=302)

    assert (submissions_purge(), submissions_purge()) == (1, 0)
    assert list(SubmittedRequest.objects.values_list("key", flat=True)) == ["new"]


# --- simultaneous requests on PostgreSQL (SQLite serialises writers, so there is no race to lose) -----------

postgres_only = pytest.mark.skipif("connection.vendor != 'postgresql'",
                                   reason="a real race needs PostgreSQL's concurrent writers")


def _simultaneously(users, post):
    """Run post(web) for each user in its own thread with its own connection, released together."""
    barrier = threading.Barrier(len(users))
    results = [None] * len(users)

    def run(i, user):
        from django.db import connections

        web = HttpClient()
        web.force_login(user)
        try:
            barrier.wait()
            results[i] = post(web).status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, user)) for i, user in enumerate(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_two_simultaneous_grants_of_one_consent_make_one_row_and_no_500(counsellor_a, client_a, provider_b,
                                                                         attempt):
    url = reverse("clients:consent_grant", args=[client_a.code])

    statuses = _simultaneously([counsellor_a, counsellor_a],
                               lambda web: web.post(url, {"scope": "share_provider", "provider": str(provider_b.code)}))

    assert sorted(statuses) == [302, 302]
    assert Consent.objects.filter(client=client_a, scope="share_provider", withdrawn_at__isnull=True).count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_identical_placements_make_one_row_and_no_500(counsellor_a, case_a):
    from tests.outcomes.test_pages import noc

    noc("11100")
    url = reverse("outcomes:placement_create", args=[case_a.client.code])

    statuses = _simultaneously([counsellor_a, counsellor_a], lambda web: web.post(url, placement_form()))

    assert sorted(statuses) in ([302, 409], [302, 422])
    assert Placement.objects.count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_double_click_in_flight_gets_the_first_answer(counsellor_a, case_a):
    url = reverse("caseload:note_create", args=[case_a.code])
    data = {"kind": "advice", "visibility": "team", "body": "Once", TOKEN: str(uuid.uuid4())}

    statuses = _simultaneously([counsellor_a, counsellor_a], lambda web: web.post(url, data))

    assert statuses == [302, 302]
    assert CaseNote.objects.count() == 1
    assert connection.vendor == "postgresql"
