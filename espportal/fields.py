"""Model field declarations every app repeats, defined once. Each deconstructs exactly as the explicit field did,
so using one changes no migration."""

import uuid

from django.conf import settings
from django.db import models


def public_code() -> models.UUIDField:
    """The record's code in URLs and the API: random, unique, never edited, never a guessable row number
    (HOUSE_STYLE, "ids in URLs", after healthchecks' `<uuid:code>`)."""
    return models.UUIDField(default=uuid.uuid4, unique=True, editable=False)


def coordinate() -> models.DecimalField:
    """A latitude or longitude in decimal degrees, 5 places (about a metre), empty until the place is geocoded from
    its postal code: people, employers' sites and job leads, which the matching engine measures between."""
    return models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)


def user_ref(*, optional: bool = False, on_delete=models.PROTECT, **options) -> models.ForeignKey:
    """Who did something (author, recorded_by, closed_by...): a user kept while their acts are on record
    (PROTECT), with no reverse accessor on User. `optional` for an act that has not happened yet or may have
    been done by the system (null and blank). `on_delete=models.SET_NULL` (optional only) where the act may
    outlive the account and then reads as done by no one (the match pipeline's steps and learned preferences).
    Other `options` (verbose_name) go to the ForeignKey as they are."""
    if optional:
        options.update(null=True, blank=True)
    return models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=on_delete, related_name="+", **options)
