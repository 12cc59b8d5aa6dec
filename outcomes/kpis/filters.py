"""The KPI selectors as one django-filter FilterSet, shared by the dashboard pages (/ministry/) and the KPI API
(/api/v1/kpis/), so a parameter means the same, and is refused the same way (400 with the reason), on both.

The parameters choose which rolled-up figures to read rather than narrowing a list: each filter validates and
converts its parameter, and the views read `form.cleaned_data` (the FilterSet's queryset is never listed).
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from espportal.filters import ListedChoiceField, ListFilterSet, filter_form
from espportal.models import Provider, Region
from outcomes.kpis import periods
from outcomes.kpis.definitions import KPIS
from outcomes.kpis.models import ProviderPeriodStats
from outcomes.kpis.rollup import GROUPS

LEVELS = ("province", "region", "provider")
BAD_PERIOD = _("“%(value)s” is not a period. Use a month (2026-04), a fiscal quarter (2026-27-Q1) or a fiscal "
               "year (2026-27).")


class PeriodField(forms.CharField):
    """A period key (2026-04, 2026-27-Q1, 2026-27) -> periods.Period; blank -> None (the view's default)."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return periods.parse(value)
        except periods.UnknownPeriod:
            raise ValidationError(BAD_PERIOD, code="invalid", params={"value": value}) from None


class Choice(django_filters.Filter):
    """A validated parameter that narrows nothing by itself (the view reads its cleaned value)."""

    def filter(self, qs, value):
        return qs


class PeriodFilter(Choice):
    field_class = PeriodField


class ChoiceParam(Choice):
    """A choice; its refusal may list the allowed values (%(allowed)s, espportal.filters.ListedChoiceField)."""

    field_class = ListedChoiceField


EXPORT_FORMATS = [("csv", "csv")]
BAD_FORMAT = _("“%(value)s” is not an export format: use %(allowed)s.")


class ExportFilterSet(ListFilterSet):
    """?format=csv, the download of a ministry page's table; any other format is a 400 naming csv. The pages that
    take no other parameter (the funding what-if) validate it alone; the KPI FilterSet and the ledger's add it."""

    format = ChoiceParam(label=_("Format"), choices=EXPORT_FORMATS, widget=forms.HiddenInput,
                         error_messages={"invalid_choice": BAD_FORMAT})

    class Meta(ListFilterSet.Meta):
        form = filter_form("export")

    def __init__(self, data=None, *args, **kwargs):
        kwargs.setdefault("queryset", ProviderPeriodStats.objects.none())
        super().__init__(data, *args, **kwargs)

    def first_error(self) -> str:
        """The first refusal's message, for the 400 answer."""
        return next(str(message) for errors in self.form.errors.values() for message in errors)

    @property
    def choices(self) -> dict:
        """The cleaned parameters ({} until is_valid())."""
        return getattr(self.form, "cleaned_data", {})


class ProviderField(forms.ModelChoiceField):
    """A provider named by its code; anything that is not the code of a provider (not even a UUID) is the same
    "there is no provider" refusal."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": value}) from None


class ProviderParam(Choice):
    field_class = ProviderField


def _group_choices():
    from outcomes.kpis.selectors import group_label  # labels are translated when the form is built

    return [(value, group_label(value)) for value in GROUPS]


class KpiFilterSet(ExportFilterSet):
    """?period= &group= &region= &provider= &kpi= &level= &sort= &dir= &format= &table=; an unknown value of any is
    a 400 with the reason (and, for a short list, the allowed values). A region or provider named in the page's
    address is validated here too (`path`), so /ministry/regions/atlantis/ is refused like ?region=atlantis.
    `tables` are the CSV tables the page offers (?table=), `formats` the formats it answers (csv on a page; the
    API's renderers on the API)."""

    period = PeriodFilter(label=_("Period"))
    group = ChoiceParam(label=_("Self-identified group"), choices=_group_choices,
                        error_messages={"invalid_choice": _("There is no group “%(value)s”. Choose one of: "
                                                            "%(allowed)s.")})
    region = ChoiceParam(label=_("Region"), choices=Region.choices,
                         error_messages={"invalid_choice": _("There is no region “%(value)s”. Choose one of: "
                                                            "%(allowed)s.")})
    provider = ProviderParam(label=_("Provider"), queryset=Provider.objects.order_by("name"), to_field_name="code",
                             error_messages={"invalid_choice": _("There is no provider with the code “%(value)s”.")})
    kpi = ChoiceParam(label=_("KPI"), choices=[(k.slug, k.label) for k in KPIS],
                      error_messages={"invalid_choice": _("There is no KPI “%(value)s”. Choose one of: "
                                                            "%(allowed)s.")})
    level = ChoiceParam(label=_("Level"), choices=[(level, level) for level in LEVELS],
                        error_messages={"invalid_choice": _("“%(value)s” is not a level: use province, region or provider.")})
    sort = ChoiceParam(label=_("Sort by"), choices=[(k.slug, k.label) for k in KPIS],
                       error_messages={"invalid_choice": _("There is no KPI “%(value)s” to sort by. Sort by one "
                                                           "of: %(allowed)s.")})
    dir = ChoiceParam(label=_("Order"), choices=[("asc", _("Ascending")), ("desc", _("Descending"))],
                      error_messages={"invalid_choice": _("“%(value)s” is not a direction: use asc or desc.")})
    table = ChoiceParam(label=_("Table"), choices=[],
                        error_messages={"invalid_choice": _("There is no table “%(value)s” on this page: use "
                                                            "%(allowed)s.")})

    class Meta(ListFilterSet.Meta):
        form = filter_form("kpi")

    def __init__(self, data=None, *args, path: dict | None = None, tables=(), formats=None, **kwargs):
        if path:
            data = data.copy() if data is not None else {}
            for key, value in path.items():
                data[key] = value
        super().__init__(data, *args, **kwargs)
        self.form.fields["table"].choices = [(table, table) for table in tables]
        if formats is not None:
            self.form.fields["format"].choices = [(fmt, fmt) for fmt in formats]
