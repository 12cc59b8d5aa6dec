"""Assessments: segment and stream with their reasons."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from espportal.fields import public_code, user_ref
from espportal.models import Provider

from .record import Client


class Assessment(models.Model):
    """One run of the standard instrument (clients.assessment). Re-assessing adds a row; history is kept."""

    code = public_code()
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="assessments")
    provider = models.ForeignKey(Provider, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    instrument_version = models.CharField(max_length=20)
    answers = models.JSONField(default=dict)
    points = models.PositiveSmallIntegerField(default=0)
    computed_segment = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    reasons = models.JSONField(default=list)
    override_segment = models.PositiveSmallIntegerField(
        _("override segment"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    override_reason = models.TextField(_("reason for the override"), blank=True, max_length=2000)
    overridden_by = user_ref(optional=True)
    overridden_at = models.DateTimeField(null=True, blank=True)
    assessed_by = user_ref()
    assessed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-assessed_at", "-id"]
        indexes = [models.Index(fields=["client", "-assessed_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(computed_segment__gte=1, computed_segment__lte=3),
                                   name="assessment_segment_range",
                violation_error_message=_("A segment is 1, 2 or 3.")),
            models.CheckConstraint(
                condition=Q(override_segment__isnull=True) | (Q(override_segment__gte=1, override_segment__lte=3)
                                                              & ~Q(override_reason="")),
                name="assessment_override_needs_reason",
                violation_error_message=_("Give a reason for changing the segment."),
            ),
        ]

    def __str__(self):
        return f"{self.client} · {self.assessed_at:%Y-%m-%d} · segment {self.segment}"

    @property
    def segment(self) -> int:
        return self.override_segment or self.computed_segment

    @property
    def reason_texts(self) -> list[str]:
        """Why this segment, in the active language (the stored reasons are codes; clients.assessment words them)."""
        from clients.assessment import reason_texts

        return reason_texts(self.reasons)
