"""Strict parsing of environment variables for settings.

A malformed value stops start-up with a message that names the variable, so a typo in a deployment
never silently falls back to a default.
"""

import os
from decimal import Decimal, InvalidOperation
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"{name} must be set.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in TRUE:
        return True
    if lowered in FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false, 1/0, yes/no, on/off), got {value!r}.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        parsed = int(value.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}.") from None
    if minimum is not None and parsed < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {parsed}.")
    return parsed


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return list(default or [])
    items = [item.strip() for item in value.split(",")]
    if any(not item for item in items):
        raise ImproperlyConfigured(f"{name} must be a comma-separated list without empty items, got {value!r}.")
    return items


def env_decimal(name: str, default: str, *, minimum: Decimal | None = None) -> Decimal:
    value = os.environ.get(name, "").strip() or default
    try:
        parsed = Decimal(value)
    except InvalidOperation:
        raise ImproperlyConfigured(f"{name} must be a decimal amount such as {default}, got {value!r}.") from None
    if not parsed.is_finite() or (minimum is not None and parsed < minimum):
        raise ImproperlyConfigured(f"{name} must be a finite amount of at least {minimum}, got {value!r}.")
    return parsed


def env_int_list(name: str, default: list[int], *, minimum: int | None = None) -> list[int]:
    """A sorted, de-duplicated, non-empty list of integers, e.g. ESP_RETENTION_MILESTONES=1,3,6,12."""
    try:
        values = sorted({int(item) for item in env_list(name, [str(d) for d in default])})
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a comma-separated list of whole numbers.") from None
    if not values or (minimum is not None and values[0] < minimum):
        raise ImproperlyConfigured(f"{name} must list at least one number, each {minimum} or more.")
    return values


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name, default).strip() or default
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, got {value!r}.")
    return value


def database_from_url(name: str, url: str) -> dict:
    """Turn postgres://user:pass@host:port/db?sslmode=require into a DATABASES entry."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise ImproperlyConfigured(f"{name} must be a postgres:// or postgresql:// URL, got scheme {parts.scheme!r}.")
    db_name = unquote(parts.path.lstrip("/"))
    if not db_name:
        raise ImproperlyConfigured(f"{name} must name a database, e.g. postgres://user@host:5432/espportal.")
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured(f"{name} has a malformed port.") from None
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    # PostgreSQL's JIT compiles any query whose estimated cost passes jit_above_cost: for the portal's short
    # queries that is most of their time (the ministry overview's rows: 29.7 of 31.5 ms; the notes list once took
    # 2.4-3.0 s of it), and pays off only on long analytical scans. Off for our connections, unless the URL's
    # ?options= says otherwise.
    options.setdefault("options", "-c jit=off")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": db_name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(port or ""),
        "OPTIONS": options,
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }


def redis_url(name: str, url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss") or not parts.hostname:
        raise ImproperlyConfigured(f"{name} must be a redis:// or rediss:// URL with a host, got {url!r}.")
    return url
