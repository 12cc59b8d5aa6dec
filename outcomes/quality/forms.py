"""Forms of the quality app."""

from django import forms
from django.utils.translation import gettext_lazy as _

from outcomes.quality.models import BODY_MAX, Complaint

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


class ComplaintFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All"))] + list(Complaint.Status.choices))
    kind = forms.ChoiceField(label=_("About"), required=False, choices=[("", _("All"))] + list(Complaint.Kind.choices))


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
