"""The ministry's complaint queue filter (?status= &kind=): a value that names nothing is a 400 listing the allowed
ones, never silently ignored."""

from django.utils.translation import gettext_lazy as _

from espportal.filters import ListedChoiceFilter, ListFilterSet, filter_form
from outcomes.quality.models import Complaint


class ComplaintFilterSet(ListFilterSet):
    status = ListedChoiceFilter(label=_("Status"), choices=Complaint.Status.choices, empty_label=_("All"),
                                error_messages={"invalid_choice": _("There is no status “%(value)s”: use one of "
                                                                    "%(allowed)s.")})
    kind = ListedChoiceFilter(label=_("About"), choices=Complaint.Kind.choices, empty_label=_("All"),
                              error_messages={"invalid_choice": _("There is no kind of complaint “%(value)s”: use "
                                                                  "one of %(allowed)s.")})

    class Meta(ListFilterSet.Meta):
        form = filter_form("complaints")
