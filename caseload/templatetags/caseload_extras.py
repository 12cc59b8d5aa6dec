"""Caseload codes kept in stored snapshots, in the reader's words."""

from django import template

from caseload.models import Appointment

register = template.Library()


@register.filter
def appointment_mode(code: str) -> str:
    return str(dict(Appointment.Mode.choices).get(code, code))
