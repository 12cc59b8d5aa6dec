"""Complaints about a provider and the ombudsperson's queue (issue 9 §9, issue 10 §8).

A job seeker files from /me/, or staff file on their behalf; the ministry's queue assigns, reviews, escalates and
resolves. Every step is a ComplaintEvent row, which is what the job seeker sees as progress (append-only).
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients.models import Client
from espportal.fields import public_code, user_ref
from espportal.models import Provider

BODY_MAX = 5000


class Complaint(models.Model):
    class Kind(models.TextChoices):
        SERVICE = "service", _("Quality of service")
        CONDUCT = "conduct", _("Staff conduct")
        PRIVACY_BREACH = "privacy_breach", _("Privacy breach")
        ACCESSIBILITY = "accessibility", _("Accessibility or accommodation")
        LANGUAGE = "language", _("Service in my language")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        IN_REVIEW = "in_review", _("Under review")
        ESCALATED = "escalated", _("Overdue, escalated")
        RESOLVED = "resolved", _("Resolved")

    class Channel(models.TextChoices):
        PORTAL = "portal", _("Filed by the job seeker online")
        STAFF = "staff", _("Filed by staff on the job seeker's behalf")

    OPEN_STATUSES = (Status.RECEIVED, Status.IN_REVIEW, Status.ESCALATED)

    code = public_code()
    provider = models.ForeignKey(Provider, null=True, blank=True, on_delete=models.PROTECT, related_name="complaints",
                                 verbose_name=_("provider the complaint is about"))
    client = models.ForeignKey(Client, null=True, blank=True, on_delete=models.PROTECT, related_name="complaints")
    kind = models.CharField(_("what it is about"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED)
    channel = models.CharField(_("filed"), max_length=10, choices=Channel.choices, default=Channel.PORTAL)
    body = models.TextField(_("what happened"), max_length=BODY_MAX)
    filed_by = user_ref()
    received_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField(_("response due"))
    assignee = user_ref(optional=True, verbose_name=_("assignee"))
    escalated_at = models.DateTimeField(null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True, max_length=BODY_MAX)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = user_ref(optional=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["status", "due_on"]), models.Index(fields=["provider", "received_at"]),
                   models.Index(fields=["client", "received_at"])]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="complaint_body_not_empty",
                violation_error_message=_("Write what the complaint is about.")),
            models.CheckConstraint(
                condition=Q(status="resolved", resolved_at__isnull=False) & ~Q(resolution="")
                | (~Q(status="resolved") & Q(resolved_at__isnull=True)),
                name="complaint_resolution_consistent",
                violation_error_message=_("A resolved complaint has its resolution and date; an open one has neither."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.received_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class ComplaintEvent(models.Model):
    """One step of a complaint's progress; the job seeker sees the action and the public note, not the actor."""

    class Action(models.TextChoices):
        RECEIVED = "received", _("Complaint received")
        ASSIGNED = "assigned", _("Assigned to a reviewer")
        IN_REVIEW = "in_review", _("Review started")
        ESCALATED = "escalated", _("Response overdue: escalated")
        RESOLVED = "resolved", _("Resolved")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=15, choices=Action.choices)
    actor = user_ref(optional=True)
    note = models.TextField(_("note to the job seeker"), blank=True, max_length=2000)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            # Escalation runs from a periodic job: once per complaint, whatever the retries.
            models.UniqueConstraint(fields=["complaint"], condition=Q(action="escalated"),
                                    name="complaint_escalated_once",
                violation_error_message=_("This complaint is already escalated.")),
        ]

    def __str__(self):
        return f"{self.get_action_display()} · {self.at:%Y-%m-%d}"
