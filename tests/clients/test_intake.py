"""The intake wizard: a draft saved on every step, errors next to the field, one record at the end."""

import datetime as dt

import time_machine
from django.urls import reverse

from clients.models import Client, Consent, IntakeDraft
from espportal.models import AuditEvent

STEP_DATA = {
    "identity": {"first_name": "Amara", "last_name": "Okonkwo", "date_of_birth": "1994-07-12",
                 "email": "amara.okonkwo@example.test", "phone": "647 555 0142", "preferred_language": "en",
                 "postal_code": "m6h 1a1"},
    "education": {"education_level": "bachelor", "education_field": "Accounting", "education_country": "Nigeria",
                  "foreign_credentials": "on", "credential_recognition": "in_progress",
                  "work_1_employer": "Lagos Traders Ltd", "work_1_title": "Accounts clerk", "work_1_noc": "14200",
                  "work_1_from": "2016-01-01", "work_1_to": "2021-06-30"},
    "goals": {"short_term_goal_1": "12200 Accounting technicians and bookkeepers", "long_term_goal": "11100",
              "skills": ["bookkeeping", "spreadsheets"], "other_skills": "Sage 50, payroll"},
    "preferences": {"accepts_permanent": "on", "wants_full_time": "on", "min_hourly_wage": "22.50",
                    "max_commute_km": "25", "accommodations": ["flexible_hours"]},
    "self_id": {"self_identification": ["newcomer", "racialized"]},
}


def fill_all_steps(web, identity=None, consents=("share_employers", "statistics")):
    """Walk the wizard as a counsellor would; returns the response to "Register"."""
    for step, data in STEP_DATA.items():
        data = {**data, **(identity or {})} if step == "identity" else data
        response = web.post(reverse("clients:intake_step", args=[step]), {**data, "action": "next"})
        assert response.status_code == 302, (step, response.context and response.context["form"].errors)
    return web.post(reverse("clients:intake_step", args=["consents"]),
                    {"consents": list(consents), "action": "register"})


def test_it_registers_everything_typed_in_one_go(login, counsellor_a, provider_a):
    web = login(counsellor_a)
    response = fill_all_steps(web)
    client = Client.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("clients:detail", args=[client.code])
    assert (client.postal_code, client.current_provider, client.registered_by) == ("M6H 1A1", provider_a,
                                                                                   counsellor_a)
    assert client.phone_digits == "6475550142"
    assert [(job.employer_name, job.occupation.code) for job in client.work_history.all()] == [
        ("Lagos Traders Ltd", "14200")]
    assert sorted((g.occupation.code, g.horizon) for g in client.goals.all()) == [("11100", "long"),
                                                                                  ("12200", "short")]
    assert sorted(client.skills.values_list("code", flat=True)) == ["bookkeeping", "spreadsheets"]
    assert client.other_skills == ["Sage 50", "payroll"]
    assert client.accommodations == ["flexible_hours"]
    assert client.self_identification == ["newcomer", "racialized"]
    assert sorted(Consent.objects.filter(client=client).values_list("scope", flat=True)) == [
        "share_employers", "statistics"]
    assert not IntakeDraft.objects.exists()
    assert AuditEvent.objects.filter(action="client.registered", client_code=client.code).exists()


def test_it_keeps_what_was_typed_and_shows_the_error_next_to_the_field(login, counsellor_a):
    web = login(counsellor_a)
    data = {**STEP_DATA["identity"], "postal_code": "12345", "date_of_birth": "2031-01-01", "action": "next"}
    response = web.post(reverse("clients:intake_step", args=["identity"]), data)
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert errors["postal_code"] == ["Enter a Canadian postal code such as M5V 2T6."]
    assert errors["date_of_birth"] == ["The date of birth cannot be in the future."]
    assert 'value="Amara"' in response.content.decode()
    assert IntakeDraft.objects.get().data["identity"]["first_name"] == ["Amara"]
    assert not Client.objects.exists()


@time_machine.travel(dt.datetime(2027, 3, 10, 17, tzinfo=dt.UTC))
def test_it_refuses_people_under_fifteen(login, counsellor_a):
    web = login(counsellor_a)
    response = web.post(reverse("clients:intake_step", args=["identity"]),
                        {**STEP_DATA["identity"], "date_of_birth": "2012-03-11"})
    assert response.context["form"].errors["date_of_birth"] == [
        "Employment services are for people aged 15 or older."]
    response = web.post(reverse("clients:intake_step", args=["identity"]),
                        {**STEP_DATA["identity"], "date_of_birth": "2012-03-10"})
    assert response.status_code == 302


def test_it_refuses_unknown_noc_codes_and_too_long_text(login, counsellor_a):
    web = login(counsellor_a)
    response = web.post(reverse("clients:intake_step", args=["goals"]),
                        {"short_term_goal_1": "99999", "other_skills": "x" * 501})
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert "not a known NOC 2021 unit group" in errors["short_term_goal_1"][0]
    assert "at most 500 characters" in errors["other_skills"][0]


def test_it_resumes_the_draft_where_it_was_left(login, counsellor_a):
    web = login(counsellor_a)
    web.post(reverse("clients:intake_step", args=["identity"]), {**STEP_DATA["identity"], "action": "next"})
    web.post(reverse("clients:intake_step", args=["education"]), {"education_field": "Half-typed"})

    response = web.get(reverse("clients:intake"))  # the tab was closed; the counsellor comes back
    assert response.url == reverse("clients:intake_step", args=["education"])
    page = web.get(response.url).content.decode()
    assert 'value="Half-typed"' in page


def test_it_goes_back_without_validating_and_keeps_the_step(login, counsellor_a):
    web = login(counsellor_a)
    response = web.post(reverse("clients:intake_step", args=["education"]),
                        {"work_1_employer": "Acme", "work_1_to": "not a date", "action": "back"})
    assert response.url == reverse("clients:intake_step", args=["identity"])
    assert IntakeDraft.objects.get().data["education"]["work_1_employer"] == ["Acme"]


def test_it_will_not_register_with_a_step_left_empty(login, counsellor_a):
    web = login(counsellor_a)
    web.post(reverse("clients:intake_step", args=["identity"]), {**STEP_DATA["identity"], "action": "next"})
    response = web.post(reverse("clients:intake_step", args=["consents"]), {"action": "register"})
    assert response.status_code == 422
    assert response.context["step"].name == "education"
    assert not Client.objects.exists()


def test_each_staff_member_has_their_own_draft(login, counsellor_a, counsellor_a2):
    login(counsellor_a).post(reverse("clients:intake_step", args=["identity"]), {"first_name": "Mine"})
    response = login(counsellor_a2).get(reverse("clients:intake_step", args=["identity"]))
    assert response.status_code == 200 and "Mine" not in response.content.decode()
    assert "Mine" in login(counsellor_a).get(reverse("clients:intake_step", args=["identity"])).content.decode()


def test_it_searches_occupations_as_you_type(login, counsellor_a):
    web = login(counsellor_a)
    page = web.get(reverse("clients:occupation_search"), {"short_term_goal_1": "software"}).content.decode()
    assert "21231 Software engineers and designers" in page
    assert "21232 Software developers and programmers" in page
    assert web.get(reverse("clients:occupation_search"), {"q": "2123"}).content.decode().count("<option") == 4
    assert web.get(reverse("clients:occupation_search"), {"q": "a"}).content.decode().count("<option") == 20
