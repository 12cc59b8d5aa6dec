import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from caseload import services
from caseload.models import Appointment, CaseFile
from espportal.models import AuditEvent, Notification


def test_it_refuses_an_appointment_in_the_past(case_a, counsellor_a, login):
    with pytest.raises(ValidationError, match="cannot start in the past"):
        services.appointment_schedule(case=case_a, staff=counsellor_a, mode="phone", scheduled_by=counsellor_a,
                                      starts_at=timezone.now() - dt.timedelta(hours=1))
    past = timezone.localtime() - dt.timedelta(days=1)
    response = login(counsellor_a).post(reverse("caseload:appointment_create", args=[case_a.code]), {
        "starts_at": past.strftime("%Y-%m-%dT%H:%M"), "mode": "phone", "duration_minutes": 30,
        "staff": str(counsellor_a.code)})
    assert response.status_code == 422
    assert "cannot start in the past" in response.content.decode()
    assert not Appointment.objects.exists()
    assert AuditEvent.objects.filter(action="appointment.refused").count() == 2


def test_it_queues_reminders_a_day_before_for_client_and_staff(appointment_a, seeker_a, counsellor_a):
    reminders = Notification.objects.filter(dedupe_key__startswith=f"appointment-reminder:{appointment_a.code}")
    assert {n.recipient for n in reminders} == {seeker_a, counsellor_a}
    assert all(n.due_at == appointment_a.starts_at - dt.timedelta(hours=24) for n in reminders)


def test_it_keeps_no_cap_on_appointments(case_a, counsellor_a):
    for day in range(1, 16):
        services.appointment_schedule(case=case_a, staff=counsellor_a, mode="video", scheduled_by=counsellor_a,
                                      starts_at=timezone.now() + dt.timedelta(days=day))
    assert Appointment.objects.filter(case=case_a).count() == 15


def test_it_reschedules_as_a_new_linked_row_and_drops_old_reminders(appointment_a, counsellor_a):
    new = services.appointment_reschedule(appointment=appointment_a, changed_by=counsellor_a,
                                          starts_at=appointment_a.starts_at + dt.timedelta(days=3))
    appointment_a.refresh_from_db()
    assert appointment_a.status == Appointment.Status.RESCHEDULED
    assert new.rescheduled_from == appointment_a and new.status == Appointment.Status.SCHEDULED
    assert not Notification.objects.filter(dedupe_key__startswith=f"appointment-reminder:{appointment_a.code}")
    assert Notification.objects.filter(dedupe_key__startswith=f"appointment-reminder:{new.code}").count() == 2


def test_attending_the_first_meeting_stops_the_wait_clock(case_a, counsellor_a, developer_a):
    appointment = services.appointment_schedule(case=case_a, staff=developer_a, mode="in_person",
                                                scheduled_by=counsellor_a,
                                                starts_at=timezone.now() + dt.timedelta(minutes=5))
    Appointment.objects.filter(pk=appointment.pk).update(starts_at=timezone.now() - dt.timedelta(minutes=30))
    appointment.refresh_from_db()
    services.appointment_record(appointment=appointment, status="attended", recorded_by=developer_a)
    case_a.client.refresh_from_db()
    case_a.refresh_from_db()
    assert case_a.client.first_meeting_at == appointment.starts_at
    assert case_a.status == CaseFile.Status.ACTIVE
    # The counsellor hears at once that the step happened.
    assert Notification.objects.filter(recipient=counsellor_a, dedupe_key=f"appointment-attended:{appointment.code}")


def test_it_refuses_to_record_attendance_before_the_appointment(appointment_a, counsellor_a):
    with pytest.raises(ValidationError, match="not happened yet"):
        services.appointment_record(appointment=appointment_a, status="attended", recorded_by=counsellor_a)


@pytest.mark.parametrize("typed", ["abc", "next tuesday", "2027-02-30T10:00", "13/45/2027 99:99"])
def test_a_date_and_time_the_form_cannot_read_is_a_422_that_keeps_what_was_typed(
        case_a, counsellor_a, appointment_a, login, typed):
    # Found by a fresh tester: an unreadable box reached a Django helper the forms module does not export (a 500).
    web = login(counsellor_a)
    response = web.post(reverse("caseload:appointment_create", args=[case_a.code]), {
        "starts_at": typed, "mode": "phone", "duration_minutes": 30, "purpose": "Résumé review",
        "staff": str(counsellor_a.code)})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Enter a valid date/time." in page
    assert "Résumé review" in page
    assert Appointment.objects.count() == 1  # appointment_a only
    response = web.post(reverse("caseload:appointment_reschedule", args=[appointment_a.code]), {"starts_at": typed})
    assert response.status_code == 422
    assert Appointment.objects.count() == 1
    response = web.post(reverse("caseload:first_meeting", args=[case_a.code]), {"at": typed})
    assert response.status_code == 422
    case_a.client.refresh_from_db()
    assert case_a.client.first_meeting_at is None


def test_a_date_and_time_in_the_locales_input_format_is_read(case_a, counsellor_a, login):
    # The positive counterpart: without a picker, "MM/DD/YYYY HH:MM" (an English input format) is a time.
    when = (timezone.localtime() + dt.timedelta(days=7)).replace(hour=10, minute=0, second=0, microsecond=0)
    response = login(counsellor_a).post(reverse("caseload:appointment_create", args=[case_a.code]), {
        "starts_at": when.strftime("%m/%d/%Y %H:%M"), "mode": "phone", "duration_minutes": 30,
        "staff": str(counsellor_a.code)})
    assert response.status_code == 302
    assert Appointment.objects.get().starts_at == when


def test_a_second_booking_of_the_same_case_person_and_time_is_refused(case_a, counsellor_a, login):
    # Found by a fresh tester: a fresh form (a new submission token) or the API without an Idempotency-Key booked
    # the same appointment twice (issue 13 §2: the natural key of a booking).
    when = (timezone.localtime() + dt.timedelta(days=7)).replace(hour=10, minute=0, second=0, microsecond=0)
    services.appointment_schedule(case=case_a, staff=counsellor_a, mode="phone", starts_at=when,
                                  scheduled_by=counsellor_a)
    web = login(counsellor_a)
    response = web.post(reverse("caseload:appointment_create", args=[case_a.code]), {
        "starts_at": when.strftime("%Y-%m-%dT%H:%M"), "mode": "phone", "duration_minutes": 30,
        "staff": str(counsellor_a.code)})
    assert response.status_code == 422
    assert "already booked for that time" in response.content.decode()
    response = web.post(reverse("caseload_api:appointment-list"), {
        "case": str(case_a.code), "staff": str(counsellor_a.code), "mode": "phone",
        "starts_at": when.isoformat()}, content_type="application/json")
    assert response.status_code in (400, 409, 422), response.content
    assert "already booked for that time" in response.content.decode()
    assert Appointment.objects.count() == 1
    # Another time is another appointment.
    later = when + dt.timedelta(hours=2)
    response = web.post(reverse("caseload:appointment_create", args=[case_a.code]), {
        "starts_at": later.strftime("%Y-%m-%dT%H:%M"), "mode": "phone", "duration_minutes": 30,
        "staff": str(counsellor_a.code)})
    assert response.status_code == 302
    assert Appointment.objects.count() == 2
