"""One FilterSet per clients list, shared by its page and its API endpoint (see espportal/filters.py)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from clients import selectors
from espportal import access
from espportal.filters import CodeFilter, ListFilterSet


class ClientFilterSet(ListFilterSet):
    """The staff client list and /api/v1/clients/: ?q= searches name, e-mail, phone or code."""

    q = django_filters.CharFilter(label=_("Search by name, e-mail, phone or code"), method="filter_search",
                                  max_length=100)

    def filter_search(self, queryset, name, value):
        actor = access.actor_for(self.request) if self.request is not None else None
        return selectors.clients_matching(queryset, value, actor=actor)


class AssessmentFilterSet(ListFilterSet):
    client = CodeFilter("client", label=_("Client"))


class PlanFilterSet(ListFilterSet):
    client = CodeFilter("client", label=_("Client"))
