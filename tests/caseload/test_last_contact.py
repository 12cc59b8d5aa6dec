"""The case file's stored last contact: moved by what happened (contact and meeting notes, attended appointments,
the first meeting), never by plans or other kinds of notes, and never backwards."""

import datetime as dt

import time_machine
from django.utils import timezone

from caseload import services
from caseload.models import Appointment, CaseFile


def _stored(case) -> dt.datetime | None:
    return CaseFile.objects.get(pk=case.pk).last_contact_at


def test_a_contact_note_sets_it_and_an_advice_note_does_not(case_a, counsellor_a):
    assert _stored(case_a) is None
    services.note_add(case=case_a, author=counsellor_a, kind="advice", body="Resume tips", visibility="team")
    assert _stored(case_a) is None
    note = services.note_add(case=case_a, author=counsellor_a, kind="contact", body="Phoned", visibility="team")
    assert _stored(case_a) == note.created_at


def test_a_planned_appointment_is_not_contact_but_attending_it_is(case_a, counsellor_a):
    start = timezone.now() + dt.timedelta(days=2)
    appointment = services.appointment_schedule(case=case_a, staff=counsellor_a, mode="phone", starts_at=start,
                                                scheduled_by=counsellor_a)
    assert _stored(case_a) is None
    with time_machine.travel(start + dt.timedelta(hours=1)):
        services.appointment_record(appointment=appointment, status=Appointment.Status.ATTENDED,
                                    recorded_by=counsellor_a)
    assert _stored(case_a) == start


def test_an_earlier_moment_never_moves_it_back(case_a, counsellor_a):
    services.note_add(case=case_a, author=counsellor_a, kind="meeting", body="Met", visibility="team")
    latest = _stored(case_a)
    services.case_first_meeting_record(case=case_a, at=latest - dt.timedelta(days=3), recorded_by=counsellor_a)
    assert _stored(case_a) == latest


def test_recompute_rebuilds_it_from_notes_and_attended_appointments(case_a, counsellor_a):
    ten_days_ago = timezone.now() - dt.timedelta(days=10)
    with time_machine.travel(ten_days_ago, tick=False):
        services.note_add(case=case_a, author=counsellor_a, kind="contact", body="Phoned", visibility="team")
    CaseFile.objects.filter(pk=case_a.pk).update(last_contact_at=None)
    assert services.cases_last_contact_recompute(CaseFile.objects.filter(pk=case_a.pk)) == 1
    assert _stored(case_a) == ten_days_ago
    services.cases_last_contact_recompute()
    assert _stored(case_a) == ten_days_ago
