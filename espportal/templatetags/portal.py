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


_VOCABULARIES = {"population": "Population", "sector": "Sector", "region": "Region", "language": "Language"}


@register.filter
def labels(codes, vocabulary: str) -> str:
    """Stored vocabulary codes as the reader's words, comma-separated: ["31", "62"]|labels:"sector" ->
    "Manufacturing, Health care and social assistance". Unknown codes are shown as they are."""
    from espportal import vocab

    choices = dict(getattr(vocab, _VOCABULARIES[vocabulary]).choices)
    if isinstance(codes, str):
        codes = [codes]
    return ", ".join(str(choices.get(code, code)) for code in codes or [])


@register.filter
def as_datetime(value):
    """An ISO string kept in JSON (a stored snapshot) back to an aware datetime, so |date shows it in Toronto time;
    a datetime passes through; anything else gives None."""
    import datetime as dt

    from django.utils import timezone
    from django.utils.dateparse import parse_datetime

    when = parse_datetime(value) if isinstance(value, str) else value
    if not isinstance(when, dt.datetime):
        return None
    return timezone.make_aware(when) if timezone.is_naive(when) else when


@register.filter
def as_date(value):
    """An ISO date string kept in JSON back to a date (None if it is not one)."""
    import datetime as dt

    from django.utils.dateparse import parse_date

    if isinstance(value, dt.date):
        return value
    return parse_date(value) if isinstance(value, str) else None


@register.filter
def message_title(row: dict) -> str:
    """A stored {"title", "title_key", "title_params"} (a task in a snapshot) in the reader's language."""
    from espportal.messages import render

    if row.get("title_key"):
        return render(row["title_key"], row.get("title_params"), fallback=(row.get("title", ""), ""))[0]
    return row.get("title", "")


@register.simple_tag
def submission_token() -> str:
    """A hidden field that makes the form's POST idempotent (espportal/idempotency.py): a fresh token per render."""
    import uuid

    from django.utils.html import format_html

    from espportal.idempotency import FORM_FIELD

    return format_html('<input type="hidden" name="{}" value="{}">', FORM_FIELD, uuid.uuid4())


@register.simple_tag
def pay_range(low, high) -> str:
    """An hourly pay range in the reader's words and money format, the one way every page shows pay:
    "$25.00 to $30.00 an hour" / "25,00 $ à 30,00 $ l'heure", "$25.00 an hour", or "not stated"."""
    from django.utils.translation import gettext

    if not low and not high:
        return gettext("not stated")
    if low and high and high != low:
        return gettext("%(low)s to %(high)s an hour") % {"low": money(low), "high": money(high)}
    return gettext("%(pay)s an hour") % {"pay": money(low or high)}


def _answers_get(path: str) -> bool:
    """Whether the view at `path` (a same-site path, no host) takes a GET: False for a path that resolves to no
    view and for a view behind Django's require_http_methods/require_POST without "GET" (read from the decorator's
    closure, the only place Django keeps that list) or a class-based view without a get()."""
    from django.urls import Resolver404, resolve

    try:
        view = resolve(path).func
    except Resolver404:
        return False
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return "get" in view_class.http_method_names and hasattr(view_class, "get")
    while view is not None:
        code = getattr(view, "__code__", None)
        if code is not None and "request_method_list" in code.co_freevars:
            methods = view.__closure__[code.co_freevars.index("request_method_list")].cell_contents
            if "GET" not in methods:
                return False
        view = getattr(view, "__wrapped__", None)
    return True


def page_url(request) -> str | None:
    """The same-site path and query of the page the person is on, for links that must answer GET (the language
    switch, a list's pager): the request's own for a GET; for a POST answered with a page (a form shown again with
    its errors, e.g. at the POST-only /clients/<code>/consents/), the Referer's when it is this site's and its
    view takes a GET; else None. Never a URL that answers GET with 405 (tester's report, 2026-11-30)."""
    from urllib.parse import urlsplit

    from django.utils.http import url_has_allowed_host_and_scheme

    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        parts = urlsplit(referer)
        if parts.path.startswith("/") and _answers_get(parts.path):
            return parts.path + (f"?{parts.query}" if parts.query else "")
    return None


@register.simple_tag(takes_context=True)
def language_next(context) -> str:
    """Where the language switch returns to: the page the person is on (page_url), else their home."""
    from django.urls import reverse

    request = context.get("request")
    return (page_url(request) if request is not None else None) or reverse("home")


@register.simple_tag(name="colon")
def colon_tag() -> str:
    """{% colon %}: the separator between a label and its value, ": " in English, "\u00a0: " in French."""
    from espportal.vocab import colon

    return colon()
