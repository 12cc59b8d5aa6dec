"""How a KPI figure reads on a page: the value in the reader's number format with its unit, "suppressed" or
"no data". The CSV and the API carry the same value unformatted (outcomes.kpis.export)."""

import math

from django import template
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from outcomes.kpis.definitions import BY_SLUG
from outcomes.kpis.export import suppressed_label

register = template.Library()


def format_value(slug: str, value) -> str:
    if value is None:
        return _("no data")
    unit = BY_SLUG[slug].unit
    if unit == "count":
        return formats.number_format(int(value), use_l10n=True, force_grouping=True)
    if unit == "percent":
        return _("%(value)s %%") % {"value": formats.number_format(value, 1, use_l10n=True)}
    if unit in ("median_days", "p90_days"):
        shown = formats.number_format(value, 1 if value % 1 else 0, use_l10n=True)
        return ngettext("%(value)s day", "%(value)s days", math.ceil(value)) % {"value": shown}
    return formats.number_format(value, 2 if unit == "ratio" else 1, use_l10n=True)


@register.filter
def figure(shown, slug: str) -> str:
    """{{ row.figures|get:slug|figure:slug }}: a Shown as text."""
    if shown is None:
        return "—"
    if shown.suppressed:
        return suppressed_label()
    return format_value(slug, shown.value)


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def median_figure(value, slug: str) -> str:
    return format_value(slug, value)
