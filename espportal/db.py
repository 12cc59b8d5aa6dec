"""Database helpers every app's services share."""

import functools
import re
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction


@contextmanager
def constraint_refusal(message, *, field: str | None = None):
    """Run a save in a savepoint; a unique or check constraint that a simultaneous request won (IntegrityError)
    becomes the ValidationError `message` (on `field` if given), the same refusal the sequential case gets from
    full_clean(). The enclosing transaction stays usable."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        raise ValidationError({field: message} if field else message) from error


@functools.cache
def _constraint_messages() -> dict:
    from django.apps import apps

    return {constraint.name: constraint.violation_error_message
            for model in apps.get_models() for constraint in model._meta.constraints}


def constraint_name(error: IntegrityError) -> str | None:
    """The name of the constraint a database refused a write for: PostgreSQL's diagnostics (psycopg), or SQLite's
    message ("CHECK constraint failed: <name>", "UNIQUE constraint failed: index '<name>'"); None when unknown."""
    diag = getattr(error.__cause__, "diag", None)
    if getattr(diag, "constraint_name", None):
        return diag.constraint_name
    match = re.search(r"CHECK constraint failed: (\w+)|UNIQUE constraint failed: index '(\w+)'", str(error))
    return (match.group(1) or match.group(2)) if match else None


def constraint_message(error: IntegrityError) -> str | None:
    """The human message (Meta.constraints' violation_error_message, in the active language) of the constraint
    behind `error`, or None for a constraint without one (the caller then says something general)."""
    message = _constraint_messages().get(constraint_name(error))
    return str(message) if message else None
