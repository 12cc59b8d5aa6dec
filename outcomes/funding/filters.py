"""The ledger FilterSet, shared by the ledger page and /api/v1/funding/ledger/. A value that names nothing (an
unknown provider, milestone or format, a date that is not one) is a 400 on both."""

import django_filters
from django.utils.translation import gettext_lazy as _

from espportal.models import Provider
from outcomes.funding.models import LedgerEntry
from outcomes.kpis.filters import ExportFilterSet


class LedgerFilter(django_filters.FilterSet):
    provider = django_filters.ModelChoiceFilter(label=_("Provider"), queryset=Provider.objects.order_by("name"),
                                                to_field_name="code", empty_label=_("All providers"))
    start = django_filters.DateFilter(label=_("Milestones from"), field_name="earned_on", lookup_expr="gte")
    end = django_filters.DateFilter(label=_("to"), field_name="earned_on", lookup_expr="lte")
    milestone = django_filters.ChoiceFilter(label=_("Milestone"), choices=LedgerEntry._meta.get_field(
        "milestone").choices)

    class Meta:
        model = LedgerEntry
        fields = ["provider", "start", "end", "milestone"]


class LedgerPageFilter(LedgerFilter):
    """The ledger page's parameters: the API's, and ?format=csv (the API's own ?format= is DRF's, json)."""

    format = ExportFilterSet.base_filters["format"]
