"""Caseload's messages (notifications and task titles), rendered in the reader's language: see espportal.messages."""

from django.utils.translation import gettext as _

from caseload.models import Appointment, CancelReason
from clients.messages import plan_item_title
from espportal.messages import local_date, local_datetime, message, render


def _mode(code: str) -> str:
    return str(Appointment.Mode(code).label)


@message("caseload.appointment_reminder_client")
def appointment_reminder_client(p):
    return (_("Reminder: appointment on %(when)s") % {"when": local_datetime(p["starts_at"])},
            _("%(mode)s appointment with %(staff)s.") % {"mode": _mode(p["mode"]), "staff": p["staff"]})


@message("caseload.appointment_reminder_staff")
def appointment_reminder_staff(p):
    return (_("Reminder: %(client)s on %(when)s") % {"client": p["client"], "when": local_datetime(p["starts_at"])},
            _("%(mode)s appointment.") % {"mode": _mode(p["mode"])})


@message("caseload.appointment_attended")
def appointment_attended(p):
    return _("%(client)s attended an appointment with %(staff)s") % p, ""


@message("caseload.task_done_by_other")
def task_done_by_other(p):
    title = render(p["title_key"], p["title_params"], fallback=(p["title"], ""))[0] if p.get("title_key") \
        else p["title"]
    return (_("%(who)s finished: %(title)s") % {"who": p["who"], "title": title},
            _("Client: %(client)s. The next step is yours.") % {"client": p["client"]})


@message("caseload.handoff_staff")
def handoff_staff(p):
    return (_("New case handed to you: %(client)s") % p,
            _("Read and acknowledge the handoff brief before you write on the case."))


@message("caseload.handoff_client")
def handoff_client(p):
    return (_("Your new counsellor is %(name)s") % p,
            _("%(name)s at %(provider)s now works with you and has read your file so you do not have to start "
              "over.") % p)


@message("caseload.transfer_requested")
def transfer_requested(p):
    return (_("Transfer requested: %(client)s to %(provider)s") % p,
            _("The sending provider completes it by %(date)s.") % {"date": local_date(p["due_on"])})


@message("caseload.transfer_assign")
def transfer_assign(p):
    return _("Assign a counsellor to %(client)s (transferred in)") % p


@message("caseload.transfer_overdue_completed")
def transfer_overdue_completed(p):
    return (_("Overdue transfer completed automatically: %(from)s to %(to)s") % p,
            _("Due on %(date)s, not completed by the sending provider.") % {"date": local_date(p["due_on"])})


@message("caseload.transfer_cancelled")
def transfer_cancelled(p):
    return (_("Transfer cancelled: %(client)s, %(from)s to %(to)s") % p,
            str(CancelReason(p["reason"]).label))


@message("caseload.referral_cancelled")
def referral_cancelled(p):
    return (_("Referral cancelled: %(client)s, from %(from)s to %(specialist)s") % p,
            str(CancelReason(p["reason"]).label))


@message("caseload.referral_requested")
def referral_requested(p):
    # The reason is what the counsellor typed: it stays as written.
    return _("Referral from %(who)s at %(provider)s") % p, p.get("reason", "")


@message("caseload.referral_answered")
def referral_answered(p):
    if p["accepted"]:
        return _("%(who)s accepted your referral for %(client)s") % p, ""
    return _("%(who)s declined your referral for %(client)s") % p, ""


@message("caseload.referral_completed")
def referral_completed(p):
    return _("Referral completed for %(client)s") % p, p.get("note", "")


@message("caseload.plan_question")
def plan_question(p):
    return _("Question from %(client)s about their plan: %(item)s") % {"client": p["client"],
                                                                       "item": plan_item_title(p)}, ""


@message("caseload.plan_item_done_by_client")
def plan_item_done_by_client(p):
    return (_("%(client)s marked a step of their plan done: %(item)s") % {"client": p["client"],
                                                                          "item": plan_item_title(p)},
            _("They marked it done themselves on the portal. Check it with them at your next meeting."))


@message("caseload.appointment_change")
def appointment_change(p):
    return (_("%(client)s asks to move the appointment of %(when)s") % {
        "client": p["client"], "when": local_datetime(p["starts_at"])}, "")
