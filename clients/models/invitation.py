"""Invitations: how a job seeker gets an account. Staff invite; the person sets a password from a one-time link."""

import hashlib

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from espportal.fields import public_code, user_ref

from .record import Client


def token_hash(token: str) -> str:
    """The stored form of an invitation token or printed code: SHA-256 hex of its normalised text (dashes and
    spaces removed, upper case for the short printed code), so the database never holds a usable secret."""
    normalised = token.strip()
    if len(normalised.replace("-", "").replace(" ", "")) <= 16:
        normalised = normalised.replace("-", "").replace(" ", "").upper()
    return hashlib.sha256(normalised.encode()).hexdigest()


class Invitation(models.Model):
    """A one-time, expiring invitation for one client's account. Re-inviting revokes the open one."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("By e-mail")
        PRINTED = "printed", _("Printed code")

    code = public_code()
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="invitations")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    email = models.EmailField(blank=True)
    created_by = user_ref()
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["client"], condition=Q(used_at__isnull=True, revoked_at__isnull=True),
                                    name="invitation_one_open_per_client",
                violation_error_message=_("This person already has an open invitation.")),
            models.CheckConstraint(condition=Q(expires_at__gt=models.F("created_at")),
                                   name="invitation_expires_after_creation",
                violation_error_message=_("An invitation must expire after it is made.")),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} {self.created_at:%Y-%m-%d}"

    @property
    def state(self) -> str:
        """"open", "used", "revoked" or "expired"."""
        if self.used_at:
            return "used"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"
