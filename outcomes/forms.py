from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from clients.models import Occupation
from employers.models import Permanence
from espportal.dates import sane_date_field
from outcomes.models import MAX_HOURS_PER_WEEK, Placement, Resource, RetentionCheck, SupportRequest

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class PlacementForm(forms.Form):
    # The match travels with the form (from the pipeline's link) and is looked up again, scoped, on submit.
    match = forms.UUIDField(required=False, widget=forms.HiddenInput)
    employer_name = forms.CharField(label=_("Employer"), max_length=200, required=False)
    title = forms.CharField(label=_("Job title"), max_length=200)
    noc = forms.CharField(label=_("NOC 2021 unit group (5 digits)"), max_length=5, min_length=5)
    start_date = sane_date_field("placement_start", label=_("Start date"), help_text=_("At most 60 days ahead."))
    hours_per_week = forms.DecimalField(label=_("Hours a week"), max_digits=4, decimal_places=1,
                                        min_value=0.5, max_value=MAX_HOURS_PER_WEEK)
    hourly_pay = forms.DecimalField(label=_("Hourly pay ($)"), max_digits=7, decimal_places=2, min_value=0)
    permanence = forms.ChoiceField(label=_("Permanence"), choices=[("", "---------"), *Permanence.choices])
    benefits = forms.BooleanField(label=_("Comes with benefits"), required=False)
    verification = forms.ChoiceField(label=_("How it was verified"),
                                     choices=[("", "---------"), *Placement.Verification.choices])

    def __init__(self, *args, from_match: bool = False, **kwargs):
        kwargs.setdefault("auto_id", "placement-%s")
        super().__init__(*args, **kwargs)
        self.from_match = from_match

    def clean_noc(self):
        code = self.cleaned_data["noc"].strip()
        occupation = Occupation.objects.filter(code=code, level=Occupation.Level.UNIT).first()
        if occupation is None:
            raise forms.ValidationError(_("%(code)s is not a NOC 2021 unit group.") % {"code": code})
        return occupation

    def clean(self):
        data = super().clean()
        if not self.from_match and not (data.get("employer_name") or "").strip():
            self.add_error("employer_name", _("Name the employer."))
        return data


class ContestForm(forms.Form):
    reason = forms.CharField(label=_("Why does the attribution look wrong?"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "contest-%s")
        super().__init__(*args, **kwargs)


STAFF_EVIDENCE = [(k, label) for k, label in RetentionCheck.EvidenceKind.choices if k != "client_answer"]


class CheckAnswerForm(forms.Form):
    """Staff record a two-way contact: a call, a meeting or the employer's confirmation."""

    status = forms.ChoiceField(label=_("How is the person doing?"),
                               choices=[("", "---------"), *[(s.value, s.label)
                                                             for s in RetentionCheck.ANSWER_STATUSES]])
    evidence_kind = forms.ChoiceField(label=_("How you were in touch"), choices=[("", "---------"), *STAFF_EVIDENCE])
    evidence = forms.CharField(label=_("What was said"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, check=None, **kwargs):
        kwargs.setdefault("auto_id", f"answer-{check.code if check else 'x'}-%s")
        super().__init__(*args, **kwargs)


class SeekerCheckForm(forms.Form):
    """The job seeker's own answer, in plain questions."""

    still_working = forms.ChoiceField(label=_("Are you still working?"), choices=YES_NO, widget=forms.RadioSelect)
    same_employer = forms.ChoiceField(label=_("Is it the same employer?"), choices=YES_NO, required=False,
                                      widget=forms.RadioSelect)
    hours_per_week = forms.DecimalField(label=_("How many hours a week do you work?"), required=False,
                                        max_digits=4, decimal_places=1, min_value=0, max_value=MAX_HOURS_PER_WEEK)
    something_wrong = forms.ChoiceField(label=_("Is anything going wrong at work?"), choices=YES_NO,
                                        widget=forms.RadioSelect)
    details = forms.CharField(label=_("Tell us more (optional)"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, check=None, **kwargs):
        kwargs.setdefault("auto_id", f"check-{check.code if check else 'x'}-%s")
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("still_working") == "yes" and not data.get("same_employer"):
            self.add_error("same_employer", _("Tell us whether it is the same employer."))
        return data

    def status(self) -> str:
        data = self.cleaned_data
        if data["still_working"] == "no":
            return RetentionCheck.Status.NOT_EMPLOYED
        if data["same_employer"] == "yes":
            return RetentionCheck.Status.EMPLOYED_SAME
        return RetentionCheck.Status.EMPLOYED_OTHER

    def evidence(self) -> str:
        """The answer as the client gave it, kept as the check's evidence in the site's language (one language on
        the record, whatever the client reads in), with the client's own words as they wrote them."""
        data = self.cleaned_data
        with translation.override(settings.LANGUAGE_CODE):
            said = {"yes": str(_("Yes")), "no": str(_("No"))}
            lines = [str(_("Still working: %(answer)s")) % {"answer": said[data["still_working"]]}]
            if data["still_working"] == "yes":
                lines.append(str(_("Same employer: %(answer)s")) % {"answer": said[data["same_employer"]]})
            if data.get("hours_per_week") is not None:
                lines.append(str(_("Hours a week: %(hours)s")) % {"hours": data["hours_per_week"]})
            lines.append(str(_("Something going wrong: %(answer)s")) % {"answer": said[data["something_wrong"]]})
        if data.get("details", "").strip():
            lines.append(data["details"].strip())
        return "\n".join(lines)


class SupportRequestForm(forms.Form):
    placement = forms.UUIDField(required=False, widget=forms.HiddenInput)
    category = forms.ChoiceField(label=_("What is it about?"),
                                 choices=[("", "---------"), *SupportRequest.Category.choices])
    body = forms.CharField(label=_("What is happening?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
                           help_text=_("Only the client, the staff on the case and the provider's manager read this."))

    def __init__(self, *args, for_self: bool = False, **kwargs):
        """for_self: the person asks for themselves (/me/), so the form speaks to them ("you")."""
        kwargs.setdefault("auto_id", "support-%s")
        super().__init__(*args, **kwargs)
        if for_self:
            self.fields["body"].help_text = _("Only you, the staff on your case and your provider's manager read "
                                              "this.")


class SupportMessageForm(forms.Form):
    body = forms.CharField(label=_("Your message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "reply-%s")
        super().__init__(*args, **kwargs)


class SupportConsentForm(forms.Form):
    consent = forms.ChoiceField(
        label=_("May your counsellor involve your employer in this?"), widget=forms.RadioSelect,
        choices=[("yes", _("Yes, they may talk to my employer about it")),
                 ("no", _("No, keep it between us"))])

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "consent-%s")
        super().__init__(*args, **kwargs)


class ReferralForm(forms.Form):
    resource = forms.ModelChoiceField(label=_("Refer to"), queryset=Resource.objects.filter(active=True),
                                      to_field_name="code")
    follow_up_on = sane_date_field("due", label=_("Follow up on"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "referral-%s")
        super().__init__(*args, **kwargs)
