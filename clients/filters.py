"""One FilterSet per clients list, shared by its page and its API endpoint (see espportal/filters.py)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from clients import selectors
from espportal.filters import CodeFilter, ListFilterSet


class ClientFilterSet(ListFilterSet):
    """The staff client list and /api/v1/clients/: ?q= searches name, e-mail, phone or code."""

    q = django_filters.CharFilter(label=_("Search by name, e-mail, phone or code"), method="filter_search",
                                  max_length=100)

    def filter_search(self, queryset, name, value):
        return selectors.clients_matching(queryset, value)


class AssessmentFilterSet(ListFilterSet):
    client = CodeFilter("client", label=_("Client"))


class PlanFilterSet(ListFilterSet):
    client = CodeFilter("client", label=_("Client"))
