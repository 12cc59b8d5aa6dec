from decimal import Decimal, InvalidOperation

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def money(value) -> str:
    """An amount in dollars as each language writes it: $1,234.50 in English, 1 234,50 $ in French."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    text = f"{amount:,.2f}"
    if (get_language() or "en").startswith("fr"):
        return text.replace(",", "\u00a0").replace(".", ",") + "\u00a0$"
    return f"${text}"


@register.simple_tag
def submission_token() -> str:
    """A hidden field that makes the form's POST idempotent (espportal/idempotency.py): a fresh token per render."""
    import uuid

    from django.utils.html import format_html

    from espportal.idempotency import FORM_FIELD

    return format_html('<input type="hidden" name="{}" value="{}">', FORM_FIELD, uuid.uuid4())
