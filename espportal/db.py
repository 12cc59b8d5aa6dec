"""Database helpers every app's services share."""

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
