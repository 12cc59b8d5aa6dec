"""Consents a job seeker gives and withdraws."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from espportal.fields import public_code, user_ref
from espportal.models import Provider

from .record import Client


class Consent(models.Model):
    """A consent the client gave, and when they withdrew it. Rows are never deleted."""

    class Scope(models.TextChoices):
        SHARE_PROVIDER = "share_provider", _("Share my record with a named provider (transfer or referral)")
        SHARE_EMPLOYERS = "share_employers", _("Share a de-identified profile with employers")
        CONTACT_EMAIL = "contact_email", _("Contact me by e-mail")
        CONTACT_SMS = "contact_sms", _("Contact me by text message")
        CONTACT_PHONE = "contact_phone", _("Contact me by phone")
        STATISTICS = "statistics", _("Use my data in de-identified statistics")

    code = public_code()
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="consents")
    scope = models.CharField(max_length=20, choices=Scope.choices)
    provider = models.ForeignKey(Provider, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)
    granted_by = user_ref()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = user_ref(optional=True)
    class Purpose(models.TextChoices):
        TRANSFER = "transfer", _("For a move to this provider")
        REFERRAL = "referral", _("For a referral to this provider")

    # Why a record is shared with a provider, as a key (shown in the reader's language, and the reason recorded
    # when that provider opens the record: espportal.access.open_reason).
    purpose = models.CharField(max_length=10, choices=Purpose.choices, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-granted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scope="share_provider", provider__isnull=False) | (~Q(scope="share_provider") & Q(provider__isnull=True)),
                name="consent_provider_only_for_sharing",
                violation_error_message=_("A consent to share the record names the provider it is for; other consents name none."),
            ),
            models.UniqueConstraint(
                fields=["client", "provider"], condition=Q(withdrawn_at__isnull=True, scope="share_provider"),
                name="consent_one_active_share_per_provider",
                violation_error_message=_("The client already consents to share their record with this provider."),
            ),
            models.UniqueConstraint(
                fields=["client", "scope"], condition=Q(withdrawn_at__isnull=True, provider__isnull=True),
                name="consent_one_active_per_scope",
                violation_error_message=_("The client already gave this consent."),
            ),
        ]
        indexes = [models.Index(fields=["client", "scope", "withdrawn_at"])]

    def __str__(self):
        return self.get_scope_display()

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None
