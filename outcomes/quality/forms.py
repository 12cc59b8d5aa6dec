"""Forms of the quality app."""

from django import forms
from django.utils.translation import gettext_lazy as _

from outcomes.models import Attribution
from outcomes.quality.models import BODY_MAX, Complaint, QAFinding, QASampleMember

NO_PROVIDER = ""


class ComplaintForm(forms.Form):
    """A complaint, as the job seeker (or staff on their behalf) writes it. The provider list is the client's own."""

    provider = forms.TypedChoiceField(label=_("Which provider is it about?"), required=False, empty_value=None)
    kind = forms.ChoiceField(label=_("What is it about?"), choices=Complaint.Kind.choices)
    body = forms.CharField(label=_("What happened?"), widget=forms.Textarea(attrs={"rows": 6}), max_length=BODY_MAX,
                           required=False,
                           help_text=_("Dates, places and who was involved help the ombudsperson. "
                                       "For a privacy breach, say what was seen or shared, and when."))

    def __init__(self, *args, providers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.providers = {str(p.code): p for p in providers}
        self.fields["provider"].choices = [(NO_PROVIDER, _("No provider in particular"))] + [
            (code, p.name) for code, p in self.providers.items()]

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Tell us what happened: the complaint cannot be empty."))
        return body

    def provider_obj(self):
        return self.providers.get(self.cleaned_data.get("provider") or "")


class ComplaintAssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Assign to"), queryset=None, to_field_name="code")

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = users


class ComplaintResolveForm(forms.Form):
    resolution = forms.CharField(label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 5}), max_length=BODY_MAX,
                                 required=False, help_text=_("The person who complained reads this."))

    def clean_resolution(self):
        resolution = self.cleaned_data["resolution"].strip()
        if not resolution:
            raise forms.ValidationError(_("Write the resolution the person will read."))
        return resolution


class SampleDrawForm(forms.Form):
    quarter = forms.RegexField(label=_("Quarter"), regex=r"^\d{4}-Q[1-4]$", max_length=7,
                               help_text=_("For example 2026-Q3."),
                               error_messages={"invalid": _("Write the quarter as 2026-Q3.")})


class FindingForm(forms.ModelForm):
    """A finding against a provider, optionally from one interview named by its sample reference (QA-XXXXXX):
    the reviewer never sees, or types, who the person is."""

    member = forms.CharField(label=_("Sample reference (optional)"), required=False, max_length=12,
                             help_text=_("The interview's reference, for example QA-7K3M9P."))

    class Meta:
        model = QAFinding
        fields = ["provider", "member", "topic", "severity", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}
        labels = {"provider": _("Provider")}  # the model field has no verbose name to translate

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].required = False  # the service says why an empty finding is refused
        self.fields["provider"].queryset = self.fields["provider"].queryset.order_by("name")

    def clean_member(self) -> QASampleMember | None:
        reference = (self.cleaned_data.get("member") or "").strip().upper()
        if not reference:
            return None
        member = QASampleMember.objects.select_related("sample").filter(reference=reference).first()
        if member is None:
            raise forms.ValidationError(_("There is no sample reference “%(reference)s”.")
                                        % {"reference": reference})
        return member


class AttributionDecisionForm(forms.Form):
    decided = forms.ChoiceField(label=_("Class after review"), widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
                             required=False, help_text=_("The counsellor who contested reads it."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided"].choices = Attribution.choices


SCORE_CHOICES = [(5, _("5: very satisfied")), (4, _("4: satisfied")), (3, _("3: neither")),
                 (2, _("2: dissatisfied")), (1, _("1: very dissatisfied"))]


class SurveyAnswerForm(forms.Form):
    score = forms.TypedChoiceField(label=_("How satisfied are you?"), choices=SCORE_CHOICES, coerce=int,
                                   widget=forms.RadioSelect,
                                   error_messages={"required": _("Choose a score from 1 to 5.")})
    comment = forms.CharField(label=_("Anything to add? (optional)"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    anonymous = forms.BooleanField(label=_("Answer anonymously: my provider sees my answer only in totals of 5 "
                                           "or more people"), required=False)

    def __init__(self, *args, employer=False, **kwargs):
        super().__init__(*args, **kwargs)
        if employer:
            del self.fields["anonymous"]
