"""Appointments: schedule with outbox reminders, reschedule as a new linked row, record attendance."""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from caseload.models import Appointment, CaseFile
from caseload.selectors import current_assignee
from caseload.services._common import is_staff_of, provider_of, refuse
from caseload.services.cases import case_set_status
from caseload.services.contact import case_contact_record
from caseload.services.reminders import reminder_keys, reminders_send
from clients.services import client_first_meeting_record
from espportal import audit
from espportal.models import Notification, User
from espportal.services import notification_send


def _check_schedulable(*, case: CaseFile, staff: User, starts_at, by: User) -> None:
    def no(message):
        refuse(message, action="appointment.refused", actor=by, client=case.client, target=case,
               provider=provider_of(by))

    if not case.is_open:
        no(_("This case is closed."))
    if starts_at is None or starts_at <= timezone.now():
        no(_("An appointment cannot start in the past; choose a later date and time."))
    if not is_staff_of(staff, case.provider):
        no(_("The appointment must be with a staff member of this provider."))


def appointment_schedule(
    *,
    case: CaseFile,
    staff: User,
    starts_at: dt.datetime,
    mode: str,
    scheduled_by: User,
    duration_minutes: int = 60,
    purpose: str = "",
) -> Appointment:
    _check_schedulable(case=case, staff=staff, starts_at=starts_at, by=scheduled_by)
    return _appointment_save(case=case, staff=staff, starts_at=starts_at, mode=mode, by=scheduled_by,
                             duration_minutes=duration_minutes, purpose=purpose)


@transaction.atomic
def _appointment_save(*, case, staff, starts_at, mode, by, duration_minutes, purpose, rescheduled_from=None):
    appointment = Appointment(case=case, client=case.client, staff=staff, starts_at=starts_at, mode=mode,
                              duration_minutes=duration_minutes, purpose=purpose, created_by=by,
                              rescheduled_from=rescheduled_from)
    appointment.full_clean()
    appointment.save()
    reminders_send(appointment)
    audit.record(action="appointment.scheduled", actor=by, provider=case.provider, client=case.client,
                 target=appointment, detail={"mode": mode, "starts_at": starts_at.isoformat(),
                                             "rescheduled_from": str(rescheduled_from.code) if rescheduled_from
                                             else None})
    return appointment


def appointment_reschedule(
    *, appointment: Appointment, starts_at: dt.datetime, changed_by: User, mode: str | None = None
) -> Appointment:
    """The old appointment keeps its row (status rescheduled); the new one links back to it."""
    if appointment.status != Appointment.Status.SCHEDULED:
        refuse(_("Only a scheduled appointment can be rescheduled."), action="appointment.refused",
               actor=changed_by, client=appointment.client, target=appointment)
    _check_schedulable(case=appointment.case, staff=appointment.staff, starts_at=starts_at, by=changed_by)
    with transaction.atomic():
        claimed = Appointment.objects.filter(pk=appointment.pk, status=Appointment.Status.SCHEDULED).update(
            status=Appointment.Status.RESCHEDULED)
        if claimed:
            # Reminders of the old time that have not gone out would mislead: drop them from the outbox.
            Notification.objects.filter(dedupe_key__in=reminder_keys(appointment), sent_at__isnull=True).delete()
            appointment.status = Appointment.Status.RESCHEDULED
            return _appointment_save(case=appointment.case, staff=appointment.staff, starts_at=starts_at,
                                     mode=mode or appointment.mode, by=changed_by,
                                     duration_minutes=appointment.duration_minutes, purpose=appointment.purpose,
                                     rescheduled_from=appointment)
    # Refused after the block: an audit row written inside it would roll back with it.
    refuse(_("Only a scheduled appointment can be rescheduled."), action="appointment.refused",
           actor=changed_by, client=appointment.client, target=appointment)


@transaction.atomic
def case_first_meeting_record(*, case: CaseFile, at, recorded_by: User) -> CaseFile:
    """The first one-to-one meeting stops the client's wait clock and moves a waiting case to active."""
    client_first_meeting_record(client=case.client, at=at, recorded_by=recorded_by)
    case_contact_record(case=case, at=at)
    if case.status == CaseFile.Status.WAITING:
        case_set_status(case=case, status=CaseFile.Status.ACTIVE, changed_by=recorded_by, reason="first_meeting")
    return case


def appointment_record(*, appointment: Appointment, status: str, recorded_by: User) -> Appointment:
    """Record attendance. The first attended meeting stops the client's wait clock."""
    if status not in (Appointment.Status.ATTENDED, Appointment.Status.NO_SHOW):
        refuse(_("Record the appointment as attended or no-show."), action="appointment.refused",
               actor=recorded_by, client=appointment.client, target=appointment)
    if appointment.starts_at > timezone.now():
        refuse(_("This appointment has not happened yet."), action="appointment.refused", actor=recorded_by,
               client=appointment.client, target=appointment)
    with transaction.atomic():
        claimed = Appointment.objects.filter(pk=appointment.pk, status=Appointment.Status.SCHEDULED).update(
            status=status)
        if claimed:
            _appointment_recorded(appointment=appointment, status=status, recorded_by=recorded_by)
            return appointment
    # Refused after the block: an audit row written inside it would roll back with it.
    refuse(_("This appointment was already recorded."), action="appointment.refused", actor=recorded_by,
           client=appointment.client, target=appointment)


def _appointment_recorded(*, appointment: Appointment, status: str, recorded_by: User) -> None:
    """The claimed appointment's consequences: the wait clock, the counsellor told, the audit row."""
    appointment.status = status
    case = appointment.case
    if status == Appointment.Status.ATTENDED:
        case_first_meeting_record(case=case, at=appointment.starts_at, recorded_by=recorded_by)
        counsellor = current_assignee(case)
        if counsellor is not None and counsellor.pk != recorded_by.pk:
            notification_send(
                recipient=counsellor, message="caseload.appointment_attended",
                params={"client": appointment.client.full_name, "staff": appointment.staff.display_name},
                link=reverse("caseload:case", kwargs={"code": case.code}),
                dedupe_key=f"appointment-attended:{appointment.code}",
            )
    audit.record(action="appointment.recorded", actor=recorded_by, provider=case.provider,
                 client=appointment.client, target=appointment, detail={"status": status})

