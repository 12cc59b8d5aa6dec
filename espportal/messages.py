"""Messages kept as a key and parameters, rendered in the reader's language when shown or sent.

A producer stores `message="caseload.appointment_reminder_client"` and JSON parameters (names, codes, ISO dates),
never a sentence: the words are made when a person reads them, in the language of the page they are on, or in the
recipient's preferred language for an e-mail. Dates inside messages are shown in Toronto time, formatted for the
language. This is how Zulip renders notifications per recipient.

Each app declares its messages in its own `messages.py` with `@message("<app>.<name>")`; espportal discovers those
modules at start-up (like the admin's autodiscover), so no import goes upward. A definition takes the stored
parameters and returns `(subject, body)` (body may be ""), using gettext/ngettext: it runs inside the reader's
language. A key no definition knows (a message removed from the code) renders the text stored with the row.
"""

import datetime as dt
import logging
from collections.abc import Callable
from contextlib import nullcontext
from decimal import Decimal

from django.utils import formats, timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import Promise

logger = logging.getLogger(__name__)

Definition = Callable[[dict], "tuple[str, str] | str"]
SecretMaker = Callable[[dict], "dict | None"]
_DEFINITIONS: dict[str, Definition] = {}
_SECRET_MAKERS: dict[str, SecretMaker] = {}


def _registrar(registry: dict, key: str, twice: str) -> Callable:
    """A decorator that files what it decorates in `registry` under `key` and returns it unchanged; a second, different
    registration of the key raises ValueError(`twice` formatted with the key)."""

    def register(item):
        if key in registry and registry[key] is not item:
            raise ValueError(twice.format(key=key))
        registry[key] = item
        return item

    return register


def message(key: str) -> Callable[[Definition], Definition]:
    """Register a message definition under `key` (unique; a second registration of one key is a programming
    error and raises ValueError)."""
    return _registrar(_DEFINITIONS, key, "Message {key!r} is defined twice")


def secret(key: str) -> Callable[[SecretMaker], SecretMaker]:
    """Register the maker of message `key`'s secret parameters (a one-time link): the e-mail delivery calls it
    with the stored parameters just before the send and renders with what it returns, so the secret is in the
    e-mail only, never in the outbox row (README, "Notifications"). The maker returns a dict of extra
    parameters, or None when the message is no longer wanted (e.g. the invitation was revoked): then nothing is
    sent. A second registration of one key raises ValueError."""
    return _registrar(_SECRET_MAKERS, key, "Secret parameters of {key!r} are defined twice")


def secrets_for(key: str, params: dict | None) -> dict | None:
    """The secret parameters of one send of message `key` (made now, never stored): {} for a message without
    secrets, None when the message is withdrawn and must not be sent."""
    maker = _SECRET_MAKERS.get(key)
    return {} if maker is None else maker(dict(params or {}))


def is_known(key: str) -> bool:
    return key in _DEFINITIONS


def encode(params: dict | None) -> dict:
    """Parameters as JSON: aware datetimes and dates become ISO strings, Decimals strings, lazy text plain text.
    Raises TypeError for anything else that JSON cannot hold."""
    out = {}
    for name, value in (params or {}).items():
        if isinstance(value, dt.datetime):
            if timezone.is_naive(value):
                raise TypeError(f"Message parameter {name!r} is a naive datetime")
            value = value.isoformat()
        elif isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, (Decimal, Promise)):
            value = str(value)
        elif not isinstance(value, (str, int, float, bool, type(None), list, dict)):
            raise TypeError(f"Message parameter {name!r} cannot be stored: {type(value).__name__}")
        out[name] = value
    return out


def render(key: str, params: dict | None, *, language: str | None = None,
           fallback: tuple[str, str] = ("", "")) -> tuple[str, str]:
    """`(subject, body)` of message `key` in `language` (the active language when None). An unknown key, or a
    definition that fails on old parameters, gives `fallback` (the text stored with the row) and logs why."""
    definition = _DEFINITIONS.get(key)
    if definition is None:
        if key:
            logger.warning("No definition for message %r; showing the stored text", key)
        return fallback
    with translation.override(language) if language else nullcontext():
        try:
            rendered = definition(dict(params or {}))
        except (KeyError, TypeError, ValueError) as exc:
            logger.warning("Message %r could not render with %r: %s", key, params, exc)
            return fallback
    if isinstance(rendered, str):
        return str(rendered), ""
    subject, body = rendered
    return str(subject), str(body or "")


# --- helpers for definitions: values as the reader reads them -------------------------------------------------

def local_datetime(value: str | dt.datetime) -> str:
    """An aware datetime (or its ISO string) in Toronto time, in the active language's DATETIME_FORMAT."""
    when = parse_datetime(value) if isinstance(value, str) else value
    if when is None:
        raise ValueError(f"Not a datetime: {value!r}")
    return formats.date_format(timezone.localtime(when), "DATETIME_FORMAT")


def local_date(value: str | dt.date) -> str:
    """A date (or its ISO string) in the active language's DATE_FORMAT ("Dec. 2, 2026" / "2 décembre 2026")."""
    day = parse_date(value) if isinstance(value, str) else value
    if day is None:
        raise ValueError(f"Not a date: {value!r}")
    return formats.date_format(day, "DATE_FORMAT")
