"""One FilterSet per caseload list, shared by its page and its API endpoint (see espportal/filters.py).

Each narrows a queryset that already came through the door (caseload.access); none widens it.
"""

import django_filters
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caseload.models import Appointment, CaseFile, CaseNote, Referral, Task, Transfer
from espportal.filters import CheckboxFilter, CodeFilter, ListFilterSet, filter_form, status_filter
from espportal.vocab import Language, Population, Sector

CASE_SORTS = {
    "next": (F("next_due").asc(nulls_last=True), "client__last_name", "pk"),
    "name": ("client__last_name", "client__first_name", "pk"),
    "stage": ("status", "client__last_name", "pk"),
    "contact": (F("last_contact_at").asc(nulls_first=True), "client__last_name", "pk"),
    "overdue": ("-overdue_count", "client__last_name", "pk"),
}


class CaseFilterSet(ListFilterSet):
    """The counsellor's caseload page and /api/v1/cases/. `sort` orders by the case facts (next action, last
    contact, overdue items), which it annotates when the queryset does not carry them yet."""

    client = CodeFilter("client")
    stage = django_filters.ChoiceFilter(field_name="status", label=_("Stage"), choices=CaseFile.Status.choices,
                                        empty_label=_("All stages"))
    overdue = CheckboxFilter(label=_("Only clients with overdue items"), method="filter_overdue")
    q = django_filters.CharFilter(label=_("Name"), method="filter_name", max_length=100)
    sort = django_filters.ChoiceFilter(label=_("Sort by"), method="filter_sort", empty_label=None, choices=[
        ("next", _("Next action")), ("name", _("Name")), ("stage", _("Stage")),
        ("contact", _("Last contact (oldest first)")), ("overdue", _("Overdue items"))])

    class Meta(ListFilterSet.Meta):
        form = filter_form("caseload")

    def __init__(self, *args, open_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if open_only:  # the caseload page lists open cases only: no "closed" stage to pick
            self.filters["stage"].extra["choices"] = CaseFile.Status.choices[:-1]

    def filter_name(self, queryset, name, value):
        return queryset.filter(Q(client__last_name__icontains=value) | Q(client__first_name__icontains=value))

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        overdue = Task.objects.filter(case=OuterRef("pk"), done_at__isnull=True, due_on__lt=timezone.localdate())
        return queryset.filter(Exists(overdue))

    def filter_sort(self, queryset, name, value):
        if "next_due" not in queryset.query.annotations:
            from caseload.selectors import with_case_facts

            queryset = with_case_facts(queryset, timezone.localdate())
        return queryset.order_by(*CASE_SORTS[value])


class CaseApiFilterSet(CaseFilterSet):
    """/api/v1/cases/: the caseload page's filters, in the API's one order (newest opened first, keyset pages on an
    index). `sort` is the page's: its orders (next action, overdue items) are worked out per case, so no index
    serves them and each page would read and sort every case the provider may see (issue 11)."""

    sort = None


class NoteFilterSet(ListFilterSet):
    """The case page's timeline and /api/v1/notes/."""

    case = CodeFilter("case")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=CaseNote.Kind.choices, empty_label=_("All kinds"))
    q = django_filters.CharFilter(label=_("Search the notes"), field_name="body", lookup_expr="icontains",
                                  max_length=100)

    class Meta(ListFilterSet.Meta):
        form = filter_form("timeline")


class TaskFilterSet(ListFilterSet):
    """The staff member's inbox and /api/v1/tasks/."""

    case = CodeFilter("case")
    client = CodeFilter("client")
    open = CheckboxFilter(label=_("Only open tasks"), field_name="done_at", method="filter_open")

    def filter_open(self, queryset, name, value):
        return queryset.filter(done_at__isnull=True) if value else queryset


class AppointmentFilterSet(ListFilterSet):
    case = CodeFilter("case")
    status = status_filter(Appointment.Status.choices)


class TransferFilterSet(ListFilterSet):
    client = CodeFilter("client")
    status = status_filter(Transfer.Status.choices)


class ReferralFilterSet(ListFilterSet):
    """The specialist's "referrals to me" page and /api/v1/referrals/."""

    case = CodeFilter("case")
    status = status_filter(Referral.Status.choices)


class SpecialistFilterSet(ListFilterSet):
    """The specialist directory. Expertise is a JSON list of vocabulary codes; matching the quoted code in its
    text works on SQLite and PostgreSQL alike."""

    sector = django_filters.ChoiceFilter(label=_("Sector"), choices=Sector.choices, empty_label=_("Any"),
                                         method="filter_expertise", field_name="expertise_sectors")
    population = django_filters.ChoiceFilter(label=_("Population"), choices=Population.choices, empty_label=_("Any"),
                                             method="filter_expertise", field_name="expertise_populations")
    language = django_filters.ChoiceFilter(label=_("Language"), choices=Language.choices, empty_label=_("Any"),
                                           method="filter_expertise", field_name="expertise_languages")

    class Meta(ListFilterSet.Meta):
        form = filter_form("specialists")

    def filter_expertise(self, queryset, name, value):
        return queryset.filter(**{f"{name}__icontains": f'"{value}"'})
