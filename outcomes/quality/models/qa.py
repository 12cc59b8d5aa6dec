"""Quality assurance: quarterly interview samples, reviewers' findings, and reviews of contested attributions
(issue 9 §7 and §1)."""

import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients.models import Client
from espportal.fields import public_code, user_ref
from espportal.models import Provider
from outcomes.models import Attribution, Placement


class QASample(models.Model):
    """A provider's QA interview sample for one calendar quarter: drawn at random among the clients it served in
    the quarter who consent to be contacted, with the seed recorded so anyone can draw it again and check."""

    code = public_code()
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="qa_samples")
    quarter = models.CharField(_("quarter"), max_length=7)  # "2026-Q4"
    seed = models.BigIntegerField(_("random seed"))
    population = models.PositiveIntegerField(_("consenting clients served"))
    drawn_at = models.DateTimeField(default=timezone.now)
    drawn_by = user_ref(optional=True)
    members = models.ManyToManyField(Client, through="QASampleMember", related_name="+")

    class Meta:
        ordering = ["-quarter", "provider__name"]
        constraints = [models.UniqueConstraint(fields=["provider", "quarter"], name="qa_sample_one_per_quarter",
                violation_error_message=_("This provider's sample for the quarter is already drawn."))]

    def __str__(self):
        return f"{self.provider} · {self.quarter}"


REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud over the phone


def new_reference() -> str:
    """An opaque sample reference, "QA-" and 6 random characters (31^6, about 887 million): drawn by `secrets`,
    not derived from the person, so it names nobody outside the provider that holds the list."""
    return "QA-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _n in range(6))


class QASampleMember(models.Model):
    """One person drawn for a QA interview. The ministry knows them only by `reference`; the provider's manager
    sees who it is (outcomes.quality.views.qa.qa_interviews) and arranges the interview."""

    sample = models.ForeignKey(QASample, on_delete=models.CASCADE, related_name="memberships")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(_("sample reference"), max_length=12, unique=True, default=new_reference)
    position = models.PositiveSmallIntegerField()
    interviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sample", "position"]
        constraints = [models.UniqueConstraint(fields=["sample", "client"], name="qa_sample_member_once",
                violation_error_message=_("This placement is already in the sample.")),
                       models.UniqueConstraint(fields=["sample", "position"], name="qa_sample_position_once",
                violation_error_message=_("This place in the sample is already taken."))]

    def __str__(self):
        return self.reference


class QAFinding(models.Model):
    class Topic(models.TextChoices):
        SERVICE = "service", _("Quality of service")
        RECORDS = "records", _("Records and evidence")
        PRIVACY = "privacy", _("Privacy")
        ACCESSIBILITY = "accessibility", _("Accessibility and language")
        ATTRIBUTION = "attribution", _("Outcome attribution")
        OTHER = "other", _("Other")

    class Severity(models.TextChoices):
        NOTE = "note", _("Note")
        MINOR = "minor", _("Minor: to improve")
        MAJOR = "major", _("Major: to correct")

    code = public_code()
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="qa_findings")
    sample = models.ForeignKey(QASample, null=True, blank=True, on_delete=models.PROTECT, related_name="findings")
    # The interview the finding comes from, named to the reviewer by its opaque reference only.
    member = models.ForeignKey(QASampleMember, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="findings")
    topic = models.CharField(_("topic"), max_length=15, choices=Topic.choices)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    body = models.TextField(_("finding"), max_length=4000)
    reviewer = user_ref()
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="qa_finding_body_not_empty",
                violation_error_message=_("Write the finding."))]

    def __str__(self):
        return f"{self.get_topic_display()} · {self.provider}"


class AttributionReview(models.Model):
    """A reviewer's decision on a contested attribution: upheld, or changed to another class, with the reason.
    The placement's class before the review stays here (`original`); the placement carries the decided class."""

    class Decision(models.TextChoices):
        UPHELD = "upheld", _("Upheld")
        CHANGED = "changed", _("Changed")

    code = public_code()
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="attribution_reviews")
    original = models.CharField(_("class before the review"), max_length=10, choices=Attribution.choices)
    decided = models.CharField(_("class decided"), max_length=10, choices=Attribution.choices)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    reason = models.TextField(_("reason"), max_length=2000)
    contest_reason = models.TextField(blank=True, max_length=2000)
    contested_by = user_ref(optional=True)
    reviewer = user_ref()
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="attribution_review_needs_reason",
                violation_error_message=_("Give the reason for the decision.")),
            models.CheckConstraint(condition=Q(decision="upheld", decided=models.F("original"))
                                   | (Q(decision="changed") & ~Q(decided=models.F("original"))),
                                   name="attribution_review_decision_consistent",
                violation_error_message=_("A decided review has its decision and date; a pending one has neither.")),
            # A placement is contested once (outcomes.services.placement_contest), so it is decided once.
            models.UniqueConstraint(fields=["placement"], name="attribution_review_once",
                violation_error_message=_("This placement's attribution is already under review.")),
        ]

    def __str__(self):
        return f"{self.placement} · {self.get_decision_display()}"
