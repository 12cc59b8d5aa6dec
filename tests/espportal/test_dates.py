"""One rule per kind of date (espportal.dates), the same on pages and API, and Toronto's clock changes: a time in
the spring-forward gap is refused, a time in the fall-back fold is asked (issue 13, section 5)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from caseload.models import Appointment, Task
from espportal.dates import bounds, date_rule, local_datetime

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 30)


# --- the rules themselves, hand-computed for 30 November 2026 ----------------------------------------------------

@pytest.mark.parametrize("kind,earliest,latest", [
    ("birth", dt.date(1906, 11, 30), TODAY),             # 120 years of 365.25 days back
    ("appointment", dt.date(2025, 11, 30), dt.date(2028, 11, 29)),  # 730 days ahead (2028 is a leap year)
    ("due", dt.date(2025, 11, 30), dt.date(2031, 11, 30)),
    ("placement_start", dt.date(2024, 11, 30), dt.date(2027, 1, 29)),  # 60 days ahead
    ("closing", dt.date(2000, 1, 1), dt.date(2028, 11, 29)),
    ("meeting", dt.date(1940, 1, 1), TODAY),
    ("past_event", dt.date(1940, 1, 1), TODAY),
])
def test_each_kind_of_date_has_one_range(kind, earliest, latest):
    assert bounds(kind, TODAY) == (earliest, latest)
    with time_machine.travel(dt.datetime(2026, 11, 30, 17, 0, tzinfo=dt.UTC), tick=False):
        date_rule(kind)(earliest)
        date_rule(kind)(latest)
        for outside in (earliest - dt.timedelta(days=1), latest + dt.timedelta(days=1)):
            with pytest.raises(ValidationError):
                date_rule(kind)(outside)


def test_toronto_wall_clock_times_around_the_clock_changes():
    with pytest.raises(ValidationError, match="02:30 on 2026-03-08 does not exist in Toronto"):
        local_datetime(dt.datetime(2026, 3, 8, 2, 30))
    with pytest.raises(ValidationError, match="01:30 on 2026-11-01 happens twice in Toronto"):
        local_datetime(dt.datetime(2026, 11, 1, 1, 30))
    assert local_datetime(dt.datetime(2026, 11, 1, 1, 30), which="first").astimezone(dt.UTC) == \
        dt.datetime(2026, 11, 1, 5, 30, tzinfo=dt.UTC)   # EDT, UTC-4
    assert local_datetime(dt.datetime(2026, 11, 1, 1, 30), which="second").astimezone(dt.UTC) == \
        dt.datetime(2026, 11, 1, 6, 30, tzinfo=dt.UTC)   # EST, UTC-5
    assert local_datetime(dt.datetime(2026, 11, 1, 3, 30)).astimezone(dt.UTC) == \
        dt.datetime(2026, 11, 1, 8, 30, tzinfo=dt.UTC)


# --- appointments in the gap and the fold: page and API -------------------------------------------------------

def _appointment_page(web, case, starts_at, **extra):
    return web.post(reverse("caseload:appointment_create", args=[case.code]), {
        "starts_at": starts_at, "mode": "phone", "duration_minutes": 30, "staff": str(case.assignments.get().staff.code),
        **extra})


def _appointment_api(web, case, starts_at):
    return web.post(reverse("caseload_api:appointment-list"), {
        "case": str(case.code), "staff": str(case.assignments.get().staff.code), "mode": "phone",
        "starts_at": starts_at}, content_type="application/json")


# The gap and the fold are checked before anything else (a past 2026 date gets the same answer as 2027's).
@pytest.mark.parametrize("starts_at", ["2026-03-08T02:30", "2027-03-14T02:30"])
def test_a_time_in_the_spring_forward_gap_is_refused_on_the_page_and_the_api(starts_at, case_a, counsellor_a, login):
    day = starts_at[:10]
    web = login(counsellor_a)
    page = _appointment_page(web, case_a, starts_at)
    api = _appointment_api(web, case_a, f"{starts_at}:00")
    message = f"02:30 on {day} does not exist in Toronto: the clocks jump from 2:00 to 3:00 that night."
    assert page.status_code == 422 and message in page.content.decode()
    assert api.status_code == 400 and api.json()["starts_at"][0].startswith(message)
    assert not Appointment.objects.exists()


@pytest.mark.parametrize("day", ["2026-11-01", "2027-11-07"])
def test_a_time_in_the_fall_back_fold_is_asked_on_the_page(day, case_a, counsellor_a, login):
    web = login(counsellor_a)
    asked = _appointment_page(web, case_a, f"{day}T01:30")
    assert asked.status_code == 422
    page = asked.content.decode()
    assert f"01:30 on {day} happens twice in Toronto" in page
    assert 'type="radio" name="starts_at_which" value="second"' in page
    assert not Appointment.objects.exists()


def test_the_page_takes_the_answer_to_which_one(case_a, counsellor_a, login):
    web = login(counsellor_a)
    assert _appointment_page(web, case_a, "2027-11-07T01:30", starts_at_which="second").status_code == 302
    assert _appointment_page(web, case_a, "2027-11-07T01:30", starts_at_which="first").status_code == 302
    assert sorted(Appointment.objects.values_list("starts_at", flat=True)) == [
        dt.datetime(2027, 11, 7, 5, 30, tzinfo=dt.UTC), dt.datetime(2027, 11, 7, 6, 30, tzinfo=dt.UTC)]


@pytest.mark.parametrize("day", ["2026-11-01", "2027-11-07"])
def test_a_time_in_the_fall_back_fold_needs_its_offset_on_the_api(day, case_a, counsellor_a, login):
    asked = _appointment_api(login(counsellor_a), case_a, f"{day}T01:30:00")
    assert asked.status_code == 400
    assert asked.json()["starts_at"] == [
        f"01:30 on {day} happens twice in Toronto (the clocks go back from 2:00 to 1:00 that night): say "
        "which one you mean. Send it with its UTC offset: -04:00 for the first (EDT), -05:00 for the second "
        "(EST)."]
    assert not Appointment.objects.exists()


def test_the_api_takes_the_offset_as_the_answer(case_a, counsellor_a, login):
    done = _appointment_api(login(counsellor_a), case_a, "2027-11-07T01:30:00-04:00")
    assert done.status_code == 201, done.json()
    assert Appointment.objects.get().starts_at == dt.datetime(2027, 11, 7, 5, 30, tzinfo=dt.UTC)


def test_an_ordinary_local_time_means_toronto_time_on_both_routes(case_a, counsellor_a, login):
    web = login(counsellor_a)
    assert _appointment_page(web, case_a, "2027-01-20T10:00").status_code == 302
    assert _appointment_api(web, case_a, "2027-07-21T10:00:00").status_code == 201
    assert sorted(Appointment.objects.values_list("starts_at", flat=True)) == [
        dt.datetime(2027, 1, 20, 15, 0, tzinfo=dt.UTC), dt.datetime(2027, 7, 21, 14, 0, tzinfo=dt.UTC)]


# --- each kind of date, on its pages and its API ------------------------------------------------------------

def test_an_appointment_in_year_9999_is_refused_on_the_page_and_the_api(case_a, counsellor_a, login):
    web = login(counsellor_a)
    message = "An appointment must be within two years from today."
    page = _appointment_page(web, case_a, "9999-01-01T10:00")
    assert page.status_code == 422 and message in page.content.decode()
    api = _appointment_api(web, case_a, "9999-01-01T10:00:00")
    assert api.status_code == 400 and api.json()["starts_at"] == [message]


@pytest.mark.parametrize("born,message", [
    ("0001-01-01", "Enter a date of birth within the last 120 years."),
    ("2099-01-01", "The date of birth cannot be in the future."),
])
def test_a_birth_date_nobody_has_is_refused_on_the_intake_page_and_the_api(born, message, counsellor_a, login):
    web = login(counsellor_a)
    page = web.post(reverse("clients:intake_step", args=["identity"]), {
        "first_name": "Amara", "last_name": "Okonkwo", "date_of_birth": born, "preferred_language": "en",
        "postal_code": "M6H 1A1", "action": "next"})
    assert page.status_code == 422 and page.context["form"].errors["date_of_birth"] == [message]
    api = web.post("/api/v1/clients/", {"first_name": "Noor", "last_name": "Haddad", "date_of_birth": born,
                                        "postal_code": "L5B 3C2"}, content_type="application/json")
    assert api.status_code == 400 and api.json()["date_of_birth"] == [message]


def test_a_task_or_plan_step_due_in_year_9999_is_refused(case_a, counsellor_a, login):
    from clients.services import plan_open

    plan_open(client=case_a.client, opened_by=counsellor_a, provider=case_a.provider)
    web = login(counsellor_a)
    task = web.post(reverse("caseload:task_create", args=[case_a.code]), {
        "title": "Call", "due_on": "9999-12-31", "assignee": str(counsellor_a.code)})
    assert task.status_code == 422 and "A due date must be within five years from today." in task.content.decode()
    assert not Task.objects.exists()
    step = web.post(reverse("clients:plan_item_add", args=[case_a.client.code]), {
        "title": "Resume clinic", "provider": str(case_a.provider.code), "due_on": "9999-12-31",
        "status": "planned"})
    assert step.status_code == 422 and "A due date must be within five years from today." in step.content.decode()


@pytest.mark.parametrize("start,message", [
    ("9999-01-01", "A start date may be at most 60 days ahead."),
    ("0001-01-01", "A start date may be at most two years back."),
])
def test_a_placement_start_nobody_means_is_refused(start, message, case_a, counsellor_a, login):
    response = login(counsellor_a).post(reverse("outcomes:placement_create", args=[case_a.client.code]), {
        "employer_name": "Maple", "title": "Clerk", "noc": "14100", "start_date": start, "hours_per_week": "30",
        "hourly_pay": "20", "permanence": "permanent", "verification": "employer_confirmed"})
    assert response.status_code == 422 and message in response.content.decode()


def test_a_lead_closing_in_9999_and_an_activity_in_9999_are_refused(manager_a, employer, login):
    web = login(manager_a)
    lead = web.post(reverse("employers:lead_create", args=[employer.code]), {
        "title": "Cook", "noc": "63200", "postal_code": "M5V 2T6", "hours_per_week": "30", "permanence": "permanent",
        "positions": "1", "source": "job_developer", "closing_date": "9999-01-01", "accommodations_known": "no"})
    assert lead.status_code == 422
    assert "A closing date must be within two years from today." in lead.content.decode()
    activity = web.post(reverse("employers:activity_create", args=[employer.code]), {
        "kind": "site_visit", "date": "9999-01-01"})
    assert activity.status_code == 422 and "This date cannot be in the future." in activity.content.decode()


def test_a_first_meeting_in_year_1_or_in_the_gap_is_refused(case_a, counsellor_a, login):
    web = login(counsellor_a)
    url = reverse("caseload:first_meeting", args=[case_a.code])
    old = web.post(url, {"at": "0001-01-01T10:00"})
    assert old.status_code == 422 and "Enter a date after 1940." in old.content.decode()
    gap = web.post(url, {"at": "2026-03-08T02:15"})
    assert gap.status_code == 422 and "02:15 on 2026-03-08 does not exist in Toronto" in gap.content.decode()


def test_rescheduling_into_the_gap_or_the_fold_follows_the_same_rule(appointment_a, counsellor_a, login):
    web = login(counsellor_a)
    url = reverse("caseload:appointment_reschedule", args=[appointment_a.code])
    gap = web.post(url, {"starts_at": "2027-03-14T02:30"})
    assert gap.status_code == 422 and "02:30 on 2027-03-14 does not exist in Toronto" in gap.content.decode()
    fold = web.post(url, {"starts_at": "2027-11-07T01:30"})
    assert fold.status_code == 422 and "01:30 on 2027-11-07 happens twice in Toronto" in fold.content.decode()
    assert web.post(url, {"starts_at": "2027-11-07T01:30", "starts_at_which": "first"}).status_code == 302
    assert Appointment.objects.get(rescheduled_from=appointment_a).starts_at == \
        dt.datetime(2027, 11, 7, 5, 30, tzinfo=dt.UTC)
