"""One FilterSet per outcomes list, shared by its page and its API endpoint (see espportal/filters.py)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from espportal.filters import CodeFilter, ListFilterSet, status_filter
from outcomes.models import Attribution, RetentionCheck, SupportRequest


class PlacementFilterSet(ListFilterSet):
    client = CodeFilter("client", label=_("Client"))
    attribution = django_filters.ChoiceFilter(label=_("Attribution"), choices=Attribution.choices)


class RetentionCheckFilterSet(ListFilterSet):
    """The check-ins due page and /api/v1/retention-checks/."""

    placement = CodeFilter("placement", label=_("Placement"))
    client = CodeFilter("client", label=_("Client"))
    status = status_filter(RetentionCheck.Status.choices)


class SupportRequestFilterSet(ListFilterSet):
    """The support requests page and /api/v1/support-requests/."""

    client = CodeFilter("client", label=_("Client"))
    status = status_filter(SupportRequest.Status.choices)
