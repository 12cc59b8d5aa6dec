"""Forms for the intake wizard, the client file's panels and the job seeker's own page."""

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients import assessment as instrument
from clients.models import (
    Accommodation,
    Client,
    Consent,
    CredentialRecognition,
    EducationLevel,
    GoalCloseness,
    Occupation,
    PlanItem,
    SelfIdentification,
    ServiceCatalogueEntry,
    Skill,
    postal_code_clean,
)
from espportal.dates import LocalDateTimeField, LocalDateTimeForm, date_box, date_rule
from espportal.pickers import PickField
from espportal.vocab import Language

MIN_AGE = 15
WORK_ROWS = 3
DATE = date_box()


def _max(field_name):
    return Client._meta.get_field(field_name).max_length


class PostalCodeField(forms.CharField):
    """A postal code typed in any spacing, hyphenation or case (" m5v-2t6 "), kept as "M5V 2T6": the one rule
    (clients.models.postal_code_clean) for clients, employers and leads."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Postal code"))
        kwargs.setdefault("max_length", 12)
        kwargs.setdefault("help_text", _("For example M5V 2T6."))
        super().__init__(*args, **kwargs)

    def clean(self, value):
        return postal_code_clean(super().clean(value))


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class NocCodeField(forms.CharField):
    """A NOC 2021 unit group, typed as its code ("21232") or picked from the search list ("21232 Software...")."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Type a NOC 2021 code or part of a job title, then pick from the list."))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "list": "noc-options", "autocomplete": "off"}

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        match = re.match(r"^\s*(\d{5})\b", value)
        occupation = None
        if match:
            occupation = Occupation.objects.filter(code=match.group(1), level=Occupation.Level.UNIT).first()
        if occupation is None:
            raise ValidationError(_("“%(value)s” is not a known NOC 2021 unit group. Use a five-digit code from "
                                    "the list."), params={"value": value[:40]}, code="unknown_noc")
        return occupation


class IdentityForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=_max("first_name"))
    last_name = forms.CharField(label=_("Last name"), max_length=_max("last_name"))
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DATE, validators=[date_rule("birth")],
                                    help_text=_("Year-month-day, for example 1990-04-25."))
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=_max("email"))
    phone = forms.CharField(label=_("Phone"), required=False, max_length=_max("phone"),
                            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=Language.choices)
    postal_code = PostalCodeField()

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]  # within espportal.dates' "birth" range already
        today = timezone.localdate()
        if age_on(born, today) < MIN_AGE:
            raise ValidationError(_("Employment services are for people aged 15 or older."), code="too_young")
        return born

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        if value and len(re.sub(r"\D", "", value)) < 10:
            raise ValidationError(_("Enter a phone number with its area code."), code="phone")
        return value


class EducationWorkForm(forms.Form):
    education_level = forms.ChoiceField(label=_("Highest education"), required=False,
                                        choices=[("", _("Not given"))] + EducationLevel.choices)
    education_field = forms.CharField(label=_("Field of study"), required=False, max_length=_max("education_field"))
    education_country = forms.CharField(label=_("Country where it was completed"), required=False,
                                        max_length=_max("education_country"))
    foreign_credentials = forms.BooleanField(label=_("Has credentials from outside Canada"), required=False)
    credential_recognition = forms.ChoiceField(label=_("Credential recognition"),
                                               choices=CredentialRecognition.choices,
                                               initial=CredentialRecognition.NOT_APPLICABLE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for row in range(1, WORK_ROWS + 1):
            self.fields[f"work_{row}_employer"] = forms.CharField(label=_("Employer"), required=False, max_length=200)
            self.fields[f"work_{row}_title"] = forms.CharField(label=_("Job title"), required=False, max_length=200)
            self.fields[f"work_{row}_noc"] = NocCodeField(label=_("NOC code (if known)"), help_text="")
            self.fields[f"work_{row}_from"] = forms.DateField(label=_("From"), required=False, widget=DATE,
                                                              validators=[date_rule("past_event")])
            self.fields[f"work_{row}_to"] = forms.DateField(label=_("To"), required=False, widget=DATE,
                                                            validators=[date_rule("past_event")])

    def work_rows(self):
        return [[self[f"work_{row}_{name}"] for name in ("employer", "title", "noc", "from", "to")]
                for row in range(1, WORK_ROWS + 1)]

    def education_fields(self):
        return [self[name] for name in ("education_level", "education_field", "education_country",
                                        "foreign_credentials", "credential_recognition")]

    def clean(self):
        data = super().clean()
        for row in range(1, WORK_ROWS + 1):
            values = [data.get(f"work_{row}_{name}") for name in ("employer", "title", "noc", "from", "to")]
            if not any(values):
                continue
            if not data.get(f"work_{row}_employer") and f"work_{row}_employer" not in self.errors:
                self.add_error(f"work_{row}_employer", _("Name the employer, or clear this job."))
            if not data.get(f"work_{row}_title") and f"work_{row}_title" not in self.errors:
                self.add_error(f"work_{row}_title", _("Give the job title, or clear this job."))
            start, end = data.get(f"work_{row}_from"), data.get(f"work_{row}_to")
            if start and end and end < start:
                self.add_error(f"work_{row}_to", _("The end date is before the start date."))
        return data

    def work_history(self) -> list[dict]:
        rows = []
        for row in range(1, WORK_ROWS + 1):
            data = self.cleaned_data
            if data.get(f"work_{row}_employer"):
                rows.append({"employer_name": data[f"work_{row}_employer"], "title": data[f"work_{row}_title"],
                             "occupation": data.get(f"work_{row}_noc"), "started_on": data.get(f"work_{row}_from"),
                             "ended_on": data.get(f"work_{row}_to")})
        return rows


class GoalsSkillsForm(forms.Form):
    short_term_goal_1 = NocCodeField(label=_("Short-term goal (NOC unit group)"))
    short_term_goal_2 = NocCodeField(label=_("Another short-term goal"), help_text="")
    long_term_goal = NocCodeField(label=_("Long-term goal (NOC unit group)"), help_text="")
    skills = forms.ModelMultipleChoiceField(label=_("Skills"), queryset=Skill.objects.all(), to_field_name="code",
                                            required=False, widget=forms.CheckboxSelectMultiple)
    other_skills = forms.CharField(label=_("Other skills"), required=False, max_length=500,
                                   help_text=_("Separate skills with commas."))

    def clean_other_skills(self):
        return [item.strip()[:80] for item in self.cleaned_data["other_skills"].split(",") if item.strip()]

    def goals(self) -> list[tuple[Occupation, str]]:
        data = self.cleaned_data
        goals = [(data[name], "short") for name in ("short_term_goal_1", "short_term_goal_2") if data.get(name)]
        if data.get("long_term_goal"):
            goals.append((data["long_term_goal"], "long"))
        return goals


class PreferencesForm(forms.Form):
    accepts_permanent = forms.BooleanField(label=_("Permanent work is acceptable"), required=False, initial=True)
    accepts_contract = forms.BooleanField(label=_("Contract work is acceptable"), required=False, initial=True)
    accepts_seasonal = forms.BooleanField(label=_("Seasonal work is acceptable"), required=False)
    accepts_casual = forms.BooleanField(label=_("Casual work is acceptable"), required=False)
    wants_full_time = forms.BooleanField(label=_("Wants full time"), required=False, initial=True)
    wants_part_time = forms.BooleanField(label=_("Wants part time"), required=False)
    min_hourly_wage = forms.DecimalField(label=_("Minimum hourly wage ($)"), required=False, min_value=0,
                                         max_digits=6, decimal_places=2)
    max_commute_km = forms.IntegerField(label=_("Maximum commute (km)"), required=False, min_value=0,
                                        max_value=500)
    remote_ok = forms.BooleanField(label=_("Remote work is fine"), required=False)
    accommodations = forms.MultipleChoiceField(label=_("Accommodations needed"), choices=Accommodation.choices,
                                               required=False, widget=forms.CheckboxSelectMultiple)
    accommodation_notes = forms.CharField(label=_("Accommodation notes"), required=False, max_length=2000,
                                          widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if "other" in (data.get("accommodations") or []) and not data.get("accommodation_notes"):
            self.add_error("accommodation_notes", _("Describe the other accommodation."))
        return data


class SelfIdentificationForm(forms.Form):
    self_identification = forms.MultipleChoiceField(
        label=_("The person identifies as (optional)"), choices=SelfIdentification.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Used only to offer services and in de-identified statistics."),
    )
    self_identification_declined = forms.BooleanField(label=_("Prefer not to say"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("self_identification_declined") and data.get("self_identification"):
            self.add_error("self_identification_declined",
                           _("Choose “prefer not to say” or some of the options, not both."))
        return data


INTAKE_CONSENT_SCOPES = [
    (Consent.Scope.SHARE_EMPLOYERS, Consent.Scope.SHARE_EMPLOYERS.label),
    (Consent.Scope.CONTACT_EMAIL, Consent.Scope.CONTACT_EMAIL.label),
    (Consent.Scope.CONTACT_SMS, Consent.Scope.CONTACT_SMS.label),
    (Consent.Scope.CONTACT_PHONE, Consent.Scope.CONTACT_PHONE.label),
    (Consent.Scope.STATISTICS, Consent.Scope.STATISTICS.label),
]


class ConsentsForm(forms.Form):
    consents = forms.MultipleChoiceField(
        label=_("The person consents to"), choices=INTAKE_CONSENT_SCOPES, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Read each one to the person. They can withdraw any consent later, from their own page."),
    )
    confirmed_not_duplicate = forms.BooleanField(
        label=_("I checked: this is a different person from the possible match"), required=False)


class ProfileForm(forms.ModelForm):
    """The profile panel's edit form: contact, education, preferences and accommodations."""

    accommodations = forms.MultipleChoiceField(label=_("Accommodations needed"), choices=Accommodation.choices,
                                               required=False, widget=forms.CheckboxSelectMultiple)
    date_of_birth = IdentityForm.base_fields["date_of_birth"]
    postal_code = PostalCodeField()
    accepted_occupations = forms.CharField(
        label=_("Other occupations the person accepts (NOC codes)"), required=False, max_length=200,
        help_text=_("Widens the job suggestions to these NOC 2021 groups, any level, separated by commas: "
                    "65100, 752."))

    class Meta:
        model = Client
        fields = ["first_name", "last_name", "date_of_birth", "email", "phone", "preferred_language", "postal_code",
                  "education_level", "education_field", "education_country", "foreign_credentials",
                  "credential_recognition", "accepts_permanent", "accepts_contract", "accepts_seasonal",
                  "accepts_casual", "wants_full_time", "wants_part_time", "min_hourly_wage", "max_commute_km",
                  "remote_ok", "accommodations", "accommodation_notes", "goal_closeness", "open_to_interim_work",
                  "accepted_occupations"]
        widgets = {"date_of_birth": DATE, "accommodation_notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["accepted_occupations"] = ", ".join(self.instance.accepted_occupations or [])
        self.fields["goal_closeness"].required = False  # left out: the default, the same major group

    def clean_goal_closeness(self) -> int:
        return self.cleaned_data["goal_closeness"] or GoalCloseness.MAJOR

    def clean_accepted_occupations(self) -> list[str]:
        """NOC 2021 codes at any level that exist in the reference data, in the order typed, without repeats."""
        codes = list(dict.fromkeys(c.strip() for c in self.cleaned_data["accepted_occupations"].split(",")
                                   if c.strip()))
        known = set(Occupation.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise forms.ValidationError(_("Not NOC 2021 codes: %(codes)s.") % {"codes": ", ".join(unknown)})
        return codes

    clean_date_of_birth = IdentityForm.clean_date_of_birth
    clean_phone = IdentityForm.clean_phone


class ConsentGrantForm(forms.Form):
    scope = forms.ChoiceField(label=_("Consent"), choices=Consent.Scope.choices)
    # A search, not a drop-down of the network's providers (issue 11: pickers stay the same size as it grows).
    provider = PickField(label=_("Provider to share with"), picker="provider", required=False,
                         help_text=_("Only for sharing the record with a named provider."),
                         error_messages={"own": _("“%(text)s” is your own provider: it sees the record "
                                                  "already, so sharing with it needs no consent.")})
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, exclude_provider=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].scope(exclude_provider)  # every provider but the counsellor's own

    def clean(self):
        data = super().clean()
        if data.get("scope") == Consent.Scope.SHARE_PROVIDER and not data.get("provider") \
                and "provider" not in self.errors:  # the search's own message says what went wrong
            self.add_error("provider", _("Choose the provider the person agrees to share with."))
        if data.get("scope") != Consent.Scope.SHARE_PROVIDER:
            data["provider"] = None
        return data


class SeekerConsentForm(forms.Form):
    """What a job seeker may grant themselves; sharing with a provider is arranged with a counsellor."""

    scope = forms.ChoiceField(label=_("Consent"), choices=INTAKE_CONSENT_SCOPES)


class AssessmentForm(forms.Form):
    job_readiness = forms.ChoiceField(label=_("Job readiness"), widget=forms.RadioSelect,
                                      choices=[(key, label) for key, label, _pts in instrument.READINESS])
    interests = forms.MultipleChoiceField(label=_("Vocational interests"), choices=instrument.INTERESTS,
                                          required=False, widget=forms.CheckboxSelectMultiple)
    career_exploration_notes = forms.CharField(label=_("Career exploration notes"), required=False,
                                               max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    override_segment = forms.TypedChoiceField(
        label=_("Override the segment (optional)"), required=False, coerce=int, empty_value=None,
        choices=[("", _("No override: use the computed segment")), (1, "1"), (2, "2"), (3, "3")])
    override_reason = forms.CharField(label=_("Reason for the override"), required=False, max_length=2000,
                                      widget=forms.Textarea(attrs={"rows": 2}),
                                      help_text=_("Required when you override the segment."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        barrier_fields = {}
        for key, name in instrument.BARRIERS:
            barrier_fields[f"barrier_{key}"] = forms.TypedChoiceField(
                label=name, coerce=int, choices=instrument.RATINGS, widget=forms.RadioSelect)
        skill_fields = {}
        for key, name in instrument.SELF_RATED_SKILLS:
            skill_fields[f"skill_{key}"] = forms.TypedChoiceField(
                label=name, coerce=int, empty_value=None, required=False,
                choices=[("", _("Not rated")), (1, _("1 not confident")), (2, "2"), (3, "3"),
                         (4, _("4 very confident"))])
        self.fields = {**barrier_fields, **self.fields, **skill_fields}

    def barrier_fields(self):
        return [self[f"barrier_{key}"] for key, _n in instrument.BARRIERS]

    def skill_fields(self):
        return [self[f"skill_{key}"] for key, _n in instrument.SELF_RATED_SKILLS]

    def clean(self):
        data = super().clean()
        if data.get("override_segment") and not (data.get("override_reason") or "").strip():
            self.add_error("override_reason", _("Say why you override the computed segment."))
        return data

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            "barriers": {key: data[f"barrier_{key}"] for key, _n in instrument.BARRIERS},
            "job_readiness": data["job_readiness"],
            "interests": data["interests"],
            "career_exploration_notes": data["career_exploration_notes"],
            "skills_self_rating": {key: data[f"skill_{key}"] for key, _n in instrument.SELF_RATED_SKILLS
                                   if data.get(f"skill_{key}")},
        }


class OverrideForm(forms.Form):
    segment = forms.TypedChoiceField(label=_("Segment"), coerce=int, choices=[(1, "1"), (2, "2"), (3, "3")])
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class PlanGoalsForm(forms.Form):
    goals = forms.CharField(
        label=_("Goals, in the person's own words"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One goal a line. Any goal is valid, for example “a decent job for the next five years”."),
    )

    def clean_goals(self):
        goals = [line.strip() for line in self.cleaned_data["goals"].splitlines() if line.strip()]
        if any(len(goal) > 500 for goal in goals):
            raise ValidationError(_("Keep each goal under 500 characters."))
        if len(goals) > 10:
            raise ValidationError(_("Ten goals at most."))
        return goals


class PlanItemAddForm(forms.Form):
    service = forms.ModelChoiceField(label=_("Service from the catalogue"), required=False, to_field_name="code",
                                     queryset=ServiceCatalogueEntry.objects.filter(active=True))
    title = forms.CharField(label=_("Or describe the item"), required=False, max_length=200)
    provider = PickField(label=_("Delivered by"), picker="any-provider",
                         help_text=_("Another provider's service becomes a referral."))
    due_on = forms.DateField(label=_("Due"), required=False, widget=DATE, validators=[date_rule("due")])
    status = forms.ChoiceField(label=_("Status"), initial=PlanItem.Status.PLANNED,
                               choices=[(PlanItem.Status.PROPOSED, PlanItem.Status.PROPOSED.label),
                                        (PlanItem.Status.PLANNED, PlanItem.Status.PLANNED.label)])

    def clean(self):
        data = super().clean()
        if not data.get("service") and not (data.get("title") or "").strip():
            self.add_error("service", _("Choose a service or describe the item."))
        return data


class PlanItemUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PlanItem.Status.choices)
    due_on = forms.DateField(label=_("Due"), required=False, widget=DATE, validators=[date_rule("due")])
    outcome = forms.CharField(label=_("Outcome"), required=False, max_length=2000)


class FirstMeetingForm(LocalDateTimeForm):
    at = LocalDateTimeField(label=_("Date and time of the first one-to-one meeting"), kind="meeting",
                            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))

    def clean_at(self):
        at = self.cleaned_data["at"]  # Toronto wall-clock time; LocalDateTimeForm.clean makes it aware
        now = timezone.localtime()
        if (at.replace(tzinfo=None) if timezone.is_aware(at) else at) > \
                now.replace(tzinfo=None) + dt.timedelta(minutes=5):
            raise ValidationError(_("The meeting cannot be in the future."))
        return at


class InvitationForm(forms.Form):
    channel = forms.ChoiceField(label=_("How to invite"), choices=[
        ("email", _("Send a link by e-mail")), ("printed", _("Print a code to hand over"))], widget=forms.RadioSelect)


class JoinCodeForm(forms.Form):
    code = forms.CharField(label=_("Invitation code"), max_length=20,
                           help_text=_("The code on the page your counsellor gave you, for example ABCD-EFGH-JKMN."),
                           widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}))


class JoinForm(forms.Form):
    """The person chooses a password; a person invited with a printed code (no account yet) also chooses the
    username they will sign in with, and may give an e-mail address."""

    username = forms.CharField(
        label=_("Choose a username"), max_length=30, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
        help_text=_("You will sign in with it. 3 to 30 letters, digits, dots, dashes or underscores."))
    email = forms.EmailField(label=_("E-mail address (optional)"), required=False,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}),
                             help_text=_("You can also sign in with it, and get a new password if you forget yours."))
    password1 = forms.CharField(label=_("Choose a password"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                help_text=_("At least 10 characters; not only digits, not a common password."))
    password2 = forms.CharField(label=_("The same password again"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, needs_account: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if needs_account:
            self.fields["username"].required = True
        else:
            del self.fields["username"]
            del self.fields["email"]

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", _("The two passwords are not the same."))
        return data
