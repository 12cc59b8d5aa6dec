"""Reference data speaks the reader's language: NOC titles and catalogue names have French versions."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from clients.models import Occupation, PlanItem, ServiceCatalogueEntry

register = template.Library()


@register.filter
def localized(obj) -> str:
    if isinstance(obj, Occupation):
        return obj.display_title
    if isinstance(obj, ServiceCatalogueEntry):
        return obj.display_name(get_language())
    if isinstance(obj, PlanItem):
        # A catalogue item keeps the catalogue's name in both languages; a free-text item is the person's words.
        if obj.service_id and obj.title == obj.service.name:
            return obj.service.display_name(get_language())
        return obj.title
    return str(obj)


@register.filter
def noc_title(occupation: Occupation) -> str | SafeString:
    """A NOC 2021 title as HTML in the reader's language: the French title for a French reader when Statistics
    Canada's is loaded (clients/migrations 0003, 0015), else the English title wrapped in <span lang="en">, so a
    screen reader pronounces it as English (WCAG 3.1.2) rather than us inventing a translation. Escaped."""
    if (get_language() or "en").startswith("fr"):
        if occupation.title_fr:
            return occupation.title_fr
        return format_html('<span lang="en">{}</span>', occupation.title)
    return occupation.title


@register.filter
def plan_status(code: str) -> str:
    """A plan item status code in the reader's words (a stored snapshot keeps the code; older rows kept words)."""
    return str(dict(PlanItem.Status.choices).get(code, code))


@register.filter
def horizon(code: str) -> str:
    from clients.models import OccupationalGoal

    return str(dict(OccupationalGoal.Horizon.choices).get(code, code))


@register.filter
def assessment_reason(reason) -> str:
    """One stored assessment reason ({"code", "params"}) in the reader's words; a sentence stored long ago, or a
    counsellor's override reason, as it was written."""
    from clients.assessment import reason_text

    return reason_text(reason)


@register.filter
def accommodation_labels(codes) -> str:
    """Accommodation codes as the reader's words, comma-separated; anything else (an older snapshot kept the words)
    as it is."""
    from clients.models import Accommodation

    labels = dict(Accommodation.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes or ())
