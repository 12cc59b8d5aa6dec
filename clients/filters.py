"""One FilterSet per clients list, shared by its page and its API endpoint (see espportal/filters.py)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from clients import selectors
from clients.models import ActionPlan, Assessment, Client
from espportal.filters import CodeFilter, filter_form


class ClientFilterSet(django_filters.FilterSet):
    """The staff client list and /api/v1/clients/: ?q= searches name, e-mail, phone or code."""

    q = django_filters.CharFilter(label=_("Search by name, e-mail, phone or code"), method="filter_search",
                                  max_length=100)

    class Meta:
        model = Client
        fields = []
        form = filter_form("client")

    def filter_search(self, queryset, name, value):
        return selectors.clients_matching(queryset, value)


class AssessmentFilterSet(django_filters.FilterSet):
    client = CodeFilter("client", label=_("Client"))

    class Meta:
        model = Assessment
        fields = []


class PlanFilterSet(django_filters.FilterSet):
    client = CodeFilter("client", label=_("Client"))

    class Meta:
        model = ActionPlan
        fields = []
