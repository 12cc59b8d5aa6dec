"""One FilterSet per outcomes list, shared by its page and its API endpoint (see espportal/filters.py)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from espportal.filters import CodeFilter, filter_form
from outcomes.models import Attribution, Placement, RetentionCheck, SupportRequest


class PlacementFilterSet(django_filters.FilterSet):
    client = CodeFilter("client", label=_("Client"))
    attribution = django_filters.ChoiceFilter(label=_("Attribution"), choices=Attribution.choices)

    class Meta:
        model = Placement
        fields = []
        form = filter_form("placements")


class RetentionCheckFilterSet(django_filters.FilterSet):
    """The check-ins due page and /api/v1/retention-checks/."""

    placement = CodeFilter("placement", label=_("Placement"))
    client = CodeFilter("client", label=_("Client"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RetentionCheck.Status.choices)

    class Meta:
        model = RetentionCheck
        fields = []
        form = filter_form("checks")


class SupportRequestFilterSet(django_filters.FilterSet):
    """The support requests page and /api/v1/support-requests/."""

    client = CodeFilter("client", label=_("Client"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=SupportRequest.Status.choices)

    class Meta:
        model = SupportRequest
        fields = []
        form = filter_form("support")
