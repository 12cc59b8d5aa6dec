from django import forms
from django.utils.translation import gettext_lazy as _

from caseload.models import Appointment, Assignment, CaseFile, CaseNote
from caseload.services.cases import CLOSE_REASONS
from espportal.dates import LocalDateTimeField, LocalDateTimeForm, sane_date_field
from espportal.models import Provider
from espportal.pickers import MultiPickField, PickField


class PageForm(forms.Form):
    """Several forms share the case page: each gets its own id prefix so labels point at the right field."""

    id_prefix = "f"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class NoteForm(PageForm):
    id_prefix = "note"

    kind = forms.ChoiceField(label=_("Kind"), choices=CaseNote.Kind.choices)
    visibility = forms.ChoiceField(label=_("Who can read it"), choices=CaseNote.Visibility.choices,
                                   initial=CaseNote.Visibility.TEAM)
    body = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000)


class AmendForm(PageForm):
    id_prefix = "amend"
    body = forms.CharField(label=_("Corrected note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10000)


class CaseOpenForm(PageForm):
    id_prefix = "open"
    counsellor = PickField(label=_("Counsellor"), picker="counsellor")

    def __init__(self, *args, provider: Provider, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counsellor"].scope(provider)


class StatusForm(PageForm):
    """A stage other than closed; closing is CloseForm's (a reason and a confirmation)."""

    id_prefix = "stage"
    status = forms.ChoiceField(label=_("Stage"),
                               choices=[c for c in CaseFile.Status.choices if c[0] != CaseFile.Status.CLOSED])


class CloseForm(PageForm):
    """Close a case: the reason is required, and the first post only asks to confirm (`confirm` is set by the
    confirmation page's button)."""

    id_prefix = "close-case"
    reason = forms.ChoiceField(label=_("Why does the case close?"),
                               choices=[("", _("Choose a reason")), *CLOSE_REASONS])
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    @classmethod
    def confirmation(cls, reason: str) -> "CloseForm":
        """The confirmation page's form: the chosen reason and confirm, both hidden."""
        form = cls(initial={"reason": reason, "confirm": True})
        form.fields["reason"].widget = forms.HiddenInput()
        return form


# The reasons a manager gives for a reassignment; intake and reopening are the system's own.
PERSON_REASONS = [c for c in Assignment.Reason.choices
                  if c[0] not in (Assignment.Reason.INTAKE, Assignment.Reason.REOPENED)]


class ReopenForm(PageForm):
    """Reopen a closed case: no field to fill; a refusal (too late, reopened already) is its non-field error."""

    id_prefix = "reopen-case"


class ReassignForm(PageForm):
    id_prefix = "reassign"
    role = forms.ChoiceField(label=_("Role"), choices=Assignment.Role.choices)
    staff = PickField(label=_("New staff member"), picker="case-staff")
    reason = forms.ChoiceField(label=_("Reason"), choices=PERSON_REASONS)
    keep_work = forms.BooleanField(
        label=_("Leave the previous counsellor's open tasks and upcoming appointments with them"), required=False,
        help_text=_("Unticked, they move with the case to the new counsellor and the handoff brief lists them."))

    def __init__(self, *args, provider: Provider, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].scope(provider)


class BulkReassignForm(PageForm):
    id_prefix = "bulk"
    from_staff = PickField(label=_("Staff member leaving"), picker="counsellor")
    to_staff = MultiPickField(label=_("Give their cases to"), picker="counsellor",
                              help_text=_("Choose one person, or several to spread the cases evenly."))
    reason = forms.ChoiceField(label=_("Reason"), choices=PERSON_REASONS, initial=Assignment.Reason.STAFF_LEFT)

    def __init__(self, *args, provider: Provider, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_staff"].scope(provider)
        self.fields["to_staff"].scope(provider)


class TaskForm(PageForm):
    id_prefix = "task"
    title = forms.CharField(label=_("Task"), max_length=200)
    due_on = sane_date_field("due", label=_("Due"))
    assignee = PickField(label=_("For"), picker="staff")

    def __init__(self, *args, provider: Provider, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].scope(provider)


class AppointmentForm(LocalDateTimeForm, PageForm):
    id_prefix = "appointment"
    starts_at = LocalDateTimeField(label=_("Date and time"), kind="appointment")
    mode = forms.ChoiceField(label=_("How"), choices=Appointment.Mode.choices)
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=5, max_value=480, initial=60)
    purpose = forms.CharField(label=_("Purpose"), max_length=200, required=False)
    staff = PickField(label=_("With"), picker="staff")

    def __init__(self, *args, provider: Provider, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].scope(provider)


class RescheduleForm(LocalDateTimeForm, PageForm):
    id_prefix = "reschedule"
    starts_at = LocalDateTimeField(label=_("New date and time"), kind="appointment")


class AttendanceForm(PageForm):
    id_prefix = "attendance"
    status = forms.ChoiceField(label=_("Attendance"), choices=[
        (Appointment.Status.ATTENDED, Appointment.Status.ATTENDED.label),
        (Appointment.Status.NO_SHOW, Appointment.Status.NO_SHOW.label)])


class TransferForm(PageForm):
    id_prefix = "transfer"
    to_provider = PickField(label=_("Move to provider"), picker="provider")
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                             max_length=2000)
    record_consent = forms.BooleanField(
        label=_("The client consents to share their record and history with this provider"), required=False)

    def __init__(self, *args, provider: Provider, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_provider"].scope(provider)


class ReferralForm(PageForm):
    id_prefix = "referral"
    specialist = PickField(label=_("Specialist"), picker="specialist",
                           help_text=_("Any provider's counsellor or job developer: type part of a name, an email "
                                       "or a provider's name."))
    reason = forms.CharField(label=_("What help is needed"), widget=forms.Textarea(attrs={"rows": 2}),
                             max_length=2000)
    record_consent = forms.BooleanField(
        label=_("The client consents to share their record with the specialist's provider"), required=False)


class ReferralAnswerForm(PageForm):
    id_prefix = "answer"
    accept = forms.TypedChoiceField(label=_("Answer"), coerce=lambda v: v == "yes",
                                    choices=[("yes", _("Accept")), ("no", _("Decline"))])


class ReferralCloseForm(PageForm):
    id_prefix = "close"
    closing_note = forms.CharField(label=_("Closing note to the home counsellor"),
                                   widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class SeekerTransferForm(PageForm):
    id_prefix = "move"
    to_provider = PickField(label=_("Move to"), picker="provider",
                            help_text=_("Type part of the provider's name."),
                            error_messages={"own": _("“%(text)s” is the provider you are with now: choose "
                                                     "another one.")})
    reason = forms.CharField(label=_("Why you want to move (optional)"), widget=forms.Textarea(attrs={"rows": 2}),
                             required=False, max_length=2000)
    record_consent = forms.BooleanField(
        label=_("I agree that the new provider may see my record and history"), required=True)

    def __init__(self, *args, provider: Provider | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_provider"].scope(provider)


class SeekerQuestionForm(PageForm):
    id_prefix = "ask"
    question = forms.CharField(label=_("Your question"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                               error_messages={"required": _("Write your question first.")})


class SeekerRescheduleForm(PageForm):
    id_prefix = "move-appt"
    reason = forms.CharField(label=_("Why you need another time"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=2000, error_messages={
                                 "required": _("Say why you need another time, so your counsellor can find one.")})
