"""Appointment reminders in the outbox: one for the client and one for the staff member, 24 hours before."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from caseload.models import Appointment
from espportal.services import notification_send

REMINDER_BEFORE = dt.timedelta(hours=24)


def reminder_keys(appointment: Appointment) -> list[str]:
    """The outbox dedupe keys of an appointment's two reminders: [client's, staff member's]."""
    return [f"appointment-reminder:{appointment.code}:client", f"appointment-reminder:{appointment.code}:staff"]


def reminders_send(appointment: Appointment) -> None:
    """Queue both reminders for 24 hours before the start (now if sooner); a key already queued adds nothing."""
    due_at = max(appointment.starts_at - REMINDER_BEFORE, timezone.now())
    params = {"starts_at": appointment.starts_at, "mode": appointment.mode,
              "staff": appointment.staff.display_name, "client": appointment.client.full_name}
    client_key, staff_key = reminder_keys(appointment)
    if appointment.client.user_id:
        notification_send(
            recipient=appointment.client.user, message="caseload.appointment_reminder_client", params=params,
            due_at=due_at, dedupe_key=client_key,
        )
    notification_send(
        recipient=appointment.staff, message="caseload.appointment_reminder_staff", params=params,
        link=reverse("caseload:case", kwargs={"code": appointment.case.code}),
        due_at=due_at, dedupe_key=staff_key,
    )
