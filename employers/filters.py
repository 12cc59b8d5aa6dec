"""One FilterSet per employers list, shared by its page and its API endpoint (see espportal/filters.py)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from employers.models import AnswerReason, EngagementActivity, JobLead, LearnedPreference, Match
from espportal.access import actor_for
from espportal.filters import CodeFilter, ListFilterSet, status_filter
from espportal.vocab import Sector


class EmployerFilterSet(ListFilterSet):
    """The employer directory and /api/v1/employers/."""

    q = django_filters.CharFilter(label=_("Name or postal code"), method="filter_search", max_length=100)
    sector = django_filters.ChoiceFilter(label=_("Sector"), choices=Sector.choices, empty_label=_("All sectors"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["q"].widget.input_type = "search"

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(postal_code__istartswith=value.strip()[:3]))


class LeadFilterSet(ListFilterSet):
    """The lead board and /api/v1/leads/. `show` is relative to the signed-in staff member; the board shows
    open leads when it is not given (`default_show`), the API every lead the caller may see."""

    show = django_filters.ChoiceFilter(label=_("Show"), method="filter_show", empty_label=None, choices=[
        ("open", _("Open leads in the network")), ("mine", _("My open leads")),
        ("unadvertised", _("Unadvertised leads")), ("all", _("All our leads, any status"))])
    q = django_filters.CharFilter(label=_("Title, employer or NOC"), method="filter_search", max_length=100)
    employer = CodeFilter("employer", label=_("Employer"))

    def __init__(self, data=None, *args, default_show: str | None = None, **kwargs):
        if default_show and not (data or {}).get("show"):
            data = data.copy() if data is not None else {}
            data["show"] = default_show
        super().__init__(data, *args, **kwargs)
        self.form.fields["q"].widget.input_type = "search"

    def filter_show(self, queryset, name, value):
        provider_id = actor_for(self.request).provider.pk
        if value == "mine":
            queryset = queryset.filter(created_by=self.request.user)
        elif value == "unadvertised":
            queryset = queryset.filter(unadvertised=True, provider_id=provider_id)
        elif value == "all":
            queryset = queryset.filter(provider_id=provider_id)
        return queryset if value == "all" else queryset.filter(status=JobLead.Status.OPEN)

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(employer__name__icontains=value)
                               | Q(noc_code__startswith=value))


class MatchFilterSet(ListFilterSet):
    """The pipeline page and /api/v1/matches/."""

    client = CodeFilter("client", label=_("Client"))
    lead = CodeFilter("lead", label=_("Lead"))
    status = status_filter(Match.Status.choices)


class ActivityFilterSet(ListFilterSet):
    employer = CodeFilter("employer", label=_("Employer"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EngagementActivity.Kind.choices)


class PreferenceFilterSet(ListFilterSet):
    """/api/v1/preferences/: learned preferences by client, reason, effect, who taught it, and in force or undone."""

    client = CodeFilter("client", label=_("Client"))
    reason = django_filters.ChoiceFilter(label=_("Reason"), choices=AnswerReason.choices)
    effect = django_filters.ChoiceFilter(label=_("Effect"), choices=LearnedPreference.Effect.choices)
    source = django_filters.ChoiceFilter(label=_("Taught by"), choices=LearnedPreference.Source.choices)
    active = django_filters.BooleanFilter(field_name="undone_at", lookup_expr="isnull", label=_("In force"))
