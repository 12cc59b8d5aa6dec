import re

from django import forms
from django.utils.translation import gettext_lazy as _

from clients.forms import PostalCodeField
from clients.models import Accommodation, Occupation, Skill
from employers.models import (
    STAFF_REASON_LABELS,
    Contact,
    EngagementActivity,
    JobLead,
    LearnedPreference,
    Permanence,
    ProviderEmployerRelationship,
    SizeBand,
)
from espportal.dates import date_box, sane_date_field
from espportal.models import Membership, Role
from espportal.pickers import MultiPickField
from espportal.vocab import Population, Sector

DATE = date_box()


class EmployerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    postal_code = PostalCodeField()
    sector = forms.ChoiceField(label=_("Sector (NAICS)"), choices=Sector.choices)
    size_band = forms.ChoiceField(label=_("Size"), choices=SizeBand.choices)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    latitude = forms.DecimalField(label=_("Latitude"), required=False, max_digits=8, decimal_places=5,
                                  min_value=41, max_value=57)
    longitude = forms.DecimalField(label=_("Longitude"), required=False, max_digits=8, decimal_places=5,
                                   min_value=-96, max_value=-74)
    step_free = forms.BooleanField(label=_("Step-free access at this site"), required=False)
    accessible_washroom = forms.BooleanField(label=_("Accessible washroom at this site"), required=False)
    inclusive_hiring = forms.MultipleChoiceField(label=_("Inclusive hiring commitments"), required=False,
                                                 choices=Population.choices, widget=forms.CheckboxSelectMultiple)
    inclusive_notes = forms.CharField(label=_("Inclusive hiring notes"), required=False, widget=forms.Textarea,
                                      max_length=2000)
    hiring_needs = forms.CharField(label=_("Hiring needs"), required=False, widget=forms.Textarea, max_length=2000)


class RelationshipForm(forms.ModelForm):
    class Meta:
        model = ProviderEmployerRelationship
        fields = ["stage", "owner"]

    def __init__(self, *args, provider, **kwargs):
        super().__init__(*args, **kwargs)
        developers = Membership.objects.active().filter(provider=provider, role__in=[Role.JOB_DEVELOPER,
                                                                                    Role.MANAGER])
        self.fields["owner"].queryset = self.fields["owner"].queryset.filter(pk__in=developers.values("user_id"))


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "role", "email", "phone"]


class ActivityForm(forms.ModelForm):
    date = sane_date_field("past_event", label=_("Date"))
    attendees = MultiPickField(label=_("Clients who attended"), picker="client", required=False,
                               help_text=_("Type part of a name and choose; add as many as attended."))

    class Meta:
        model = EngagementActivity
        fields = ["kind", "date", "contact", "notes"]
        widgets = {"date": DATE}

    def __init__(self, *args, employer, provider, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = employer.contacts.all()
        self.fields["attendees"].scope(provider)  # only the provider's current clients can be recorded


# The accommodation categories as a job developer asks an employer about them (Accommodation codes).
PLAIN_ACCOMMODATIONS = [
    ("screen_reader", _("Works with a screen reader (software and documents)")),
    ("step_free", _("Step-free entrance, washroom and workspace")),
    ("flexible_hours", _("Flexible start and end times")),
    ("sign_language", _("Sign language interpretation (ASL or LSQ) when needed")),
    ("quiet_workspace", _("A quiet place to work")),
    ("assistive_devices", _("Assistive devices or equipment provided")),
    ("other", _("Other accommodations on request")),
]


class LeadForm(forms.ModelForm):
    noc = forms.CharField(label=_("NOC 2021 unit group (5 digits)"), max_length=5, min_length=5)
    postal_code = PostalCodeField(required=False, help_text=_("Leave empty for a remote job."))
    closing_date = sane_date_field("closing", label=_("Closing date"), required=False)
    required_skills = forms.ModelMultipleChoiceField(label=_("Required skills"), queryset=Skill.objects.all(),
                                                     required=False, to_field_name="code",
                                                     widget=forms.CheckboxSelectMultiple)
    nice_skills = forms.ModelMultipleChoiceField(label=_("Nice-to-have skills"), queryset=Skill.objects.all(),
                                                 required=False, to_field_name="code",
                                                 widget=forms.CheckboxSelectMultiple)
    accommodations_known = forms.TypedChoiceField(
        label=_("Did the employer tell you which accommodations this job offers?"), widget=forms.RadioSelect,
        coerce=lambda value: value == "yes", choices=[
            ("yes", _("Yes: what is ticked below is offered, the rest is not")),
            ("no", _("Not yet: people who need an accommodation will see “ask the employer”"))])
    accommodations_offered = forms.MultipleChoiceField(label=_("Accommodations the employer offers"),
                                                       required=False, choices=PLAIN_ACCOMMODATIONS,
                                                       widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = JobLead
        fields = ["title", "noc", "remote", "postal_code", "latitude", "longitude", "pay_min", "pay_max",
                  "hours_per_week", "permanence", "accommodations_known", "accommodations_offered", "positions",
                  "source", "unadvertised",
                  "closing_date", "description", "required_skills", "nice_skills"]
        widgets = {"closing_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["noc"] = self.instance.noc_code
            self.initial["accommodations_known"] = "yes" if self.instance.accommodations_known else "no"
        self.fields["permanence"].choices = Permanence.choices
        # The browser asks what the server requires (JobLead: at least 1 position, 1 to 80 hours a week).
        self.fields["positions"].widget.attrs["min"] = 1
        self.fields["hours_per_week"].widget.attrs.update(min=1, max=80)

    def clean(self):
        data = super().clean()
        if data.get("accommodations_known") is False and data.get("accommodations_offered"):
            self.add_error("accommodations_offered", _("You said the employer has not told you yet: untick these, "
                                                       "or answer “Yes” above."))
        return data

    def clean_noc(self):
        code = self.cleaned_data["noc"].strip()
        if not Occupation.objects.filter(code=code, level=Occupation.Level.UNIT).exists():
            raise forms.ValidationError(_("%(code)s is not a NOC 2021 unit group.") % {"code": code})
        return code

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["occupation"] = data.pop("noc")
        return data


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


NEED_CHOICES = [("", _("Choose the need, if you can")), *Accommodation.choices]


class DismissForm(forms.Form):
    note = forms.CharField(label=_("Why dismiss it?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.ChoiceField(label=_("Reason, so the next suggestions fit better (optional)"), required=False,
                               choices=[("", _("No reason to learn from")), *STAFF_REASON_LABELS.items()])
    accommodation = forms.ChoiceField(label=_("If the workplace does not meet the person's needs, which one?"),
                                      required=False, choices=NEED_CHOICES)

    def unknown_code(self) -> bool:
        """A reason or need that is not on the list: a crafted request (answered 400), not a slip."""
        return any(self.has_error(name, code="invalid_choice") for name in ("reason", "accommodation"))


class MoveForm(forms.Form):
    status = forms.ChoiceField(label=_("Move to"), choices=[])
    reason = forms.CharField(label=_("Reason (required for “not for me”)"), required=False, max_length=500)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = choices


class AnswerForm(forms.Form):
    """A job seeker's answer to a lead shared with them; "not for me" needs a reason, so the next ones fit better."""

    REASONS = [("", _("Choose a reason")), *LearnedPreference.Reason.choices]

    answer = forms.ChoiceField(label=_("Does this job interest you?"), widget=forms.RadioSelect, choices=[
        ("interested", _("I'm interested")), ("not_for_me", _("Not for me"))])
    reason = forms.ChoiceField(label=_("If it is not for you, why?"), required=False, choices=REASONS)
    accommodation = forms.ChoiceField(label=_("If the workplace does not meet your needs, which one?"),
                                      required=False, choices=NEED_CHOICES)
    details = forms.CharField(label=_("Anything to add (optional, or required for another reason)"), required=False,
                              max_length=300, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("answer") == "not_for_me":
            if not data.get("reason"):
                self.add_error("reason", _("Tell us why this job is not for you."))
            elif data["reason"] == "other" and not data.get("details", "").strip():
                self.add_error("details", _("Say in a few words why this job is not for you."))
        return data

    unknown_code = DismissForm.unknown_code

    def own_words(self) -> str:
        """The person's own words for "not for me", as typed (never a sentence of ours: the reason itself is stored
        as its code and shown in each reader's language)."""
        return self.cleaned_data.get("details", "").strip() if self.cleaned_data["answer"] == "not_for_me" else ""

    def reason_code(self) -> str:
        """The structured reason (LearnedPreference.Reason) for "not for me"; empty otherwise."""
        return self.cleaned_data["reason"] if self.cleaned_data["answer"] == "not_for_me" else ""


class WhyNotForm(forms.Form):
    """A job seeker asks why a job is not among their suggestions, by pasting its link or its code."""

    link = forms.CharField(label=_("Link to the job (or its code)"), max_length=300,
                           help_text=_("Paste the link someone shared with you."))

    def clean_link(self):
        found = re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", self.cleaned_data["link"],
                          re.IGNORECASE)
        if not found:
            raise forms.ValidationError(_("That is not a link to a job on this portal."))
        return found.group(0).lower()
