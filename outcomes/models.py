"""Placements with their attribution and job quality, retention check-ins, and post-employment support.

Every client-owned row carries a `client` foreign key so the access door (clients.access.rows_for) scopes it
with one indexed condition.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caseload.models import CaseFile
from clients.models import Client, Occupation
from employers.models import Employer, JobLead, Match, Permanence
from espportal.fields import public_code, user_ref
from espportal.models import Provider

MAX_HOURS_PER_WEEK = 80


class Attribution(models.TextChoices):
    DIRECT = "direct", _("Direct: the provider's lead, match or employer activity led to the hire")
    ASSISTED = "assisted", _("Assisted: the provider's services prepared the hire")
    SELF_FOUND = "self_found", _("Self-found")


DUPLICATE_PLACEMENT = _("This placement is already recorded: same client, employer and start date.")


class Placement(models.Model):
    class Verification(models.TextChoices):
        EMPLOYER_CONFIRMATION = "employer_confirmation", _("Employer confirmation")
        PAY_STUB = "pay_stub", _("Pay stub")
        CLIENT_CONFIRMATION = "client_confirmation", _("Client confirmation")

    code = public_code()
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="placements")
    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="placements")
    # The case's provider when the placement was recorded: credit stays with it after a transfer.
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="placements")
    employer = models.ForeignKey(Employer, null=True, blank=True, on_delete=models.PROTECT, related_name="placements",
                                 verbose_name=_("employer in the network"))
    employer_name = models.CharField(_("employer"), max_length=200)
    lead = models.ForeignKey(JobLead, null=True, blank=True, on_delete=models.PROTECT, related_name="placements")
    match = models.ForeignKey(Match, null=True, blank=True, on_delete=models.PROTECT, related_name="placements")
    start_date = models.DateField(_("start date"))
    title = models.CharField(_("job title"), max_length=200)
    occupation = models.ForeignKey(Occupation, on_delete=models.PROTECT, related_name="+",
                                   limit_choices_to={"level": Occupation.Level.UNIT}, verbose_name=_("NOC unit group"))
    teer = models.PositiveSmallIntegerField(_("TEER"), editable=False)
    hours_per_week = models.DecimalField(
        _("hours a week"), max_digits=4, decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(MAX_HOURS_PER_WEEK)],
    )
    hourly_pay = models.DecimalField(_("hourly pay ($)"), max_digits=7, decimal_places=2,
                                     validators=[MinValueValidator(0)])
    permanence = models.CharField(_("permanence"), max_length=10, choices=Permanence.choices)
    benefits = models.BooleanField(_("benefits"), default=False)
    verification = models.CharField(_("verified by"), max_length=25, choices=Verification.choices)
    verified_by = user_ref()
    attribution = models.CharField(_("attribution"), max_length=10, choices=Attribution.choices, editable=False)
    evidence = models.JSONField(_("evidence"), default=list, blank=True)  # [{kind, date, description, ref}]
    attribution_contested = models.BooleanField(_("attribution contested"), default=False)
    contest_reason = models.TextField(_("reason for contesting"), blank=True, max_length=2000)
    contested_by = user_ref(optional=True)
    contested_at = models.DateTimeField(null=True, blank=True)
    # The contest as the ministry's QA queue names it: an opaque code, never the placement's own (which reaches
    # the person's file, their data export and the provider's pages).
    contest_code = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    quality_index = models.PositiveSmallIntegerField(_("job-quality index"), validators=[MaxValueValidator(100)])
    quality_parts = models.JSONField(_("job-quality parts"), default=dict, blank=True)
    recorded_by = user_ref()
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["client", "start_date"]), models.Index(fields=["provider", "start_date"]),
            models.Index(fields=["start_date", "id"], name="placement_start"),  # API keyset
        ]
        constraints = [
            models.CheckConstraint(condition=Q(hours_per_week__gt=0, hours_per_week__lte=MAX_HOURS_PER_WEEK),
                                   name="placement_hours_range",
                violation_error_message=_("Hours a week must be more than 0 and at most 80.")),
            models.CheckConstraint(condition=Q(hourly_pay__gte=0), name="placement_pay_not_negative",
                violation_error_message=_("Pay cannot be below zero.")),
            models.CheckConstraint(condition=Q(quality_index__lte=100), name="placement_quality_index_range",
                violation_error_message=_("The job-quality index is between 0 and 100.")),
            models.CheckConstraint(
                condition=Q(attribution_contested=False) | ~Q(contest_reason=""),
                name="placement_contest_needs_reason",
                violation_error_message=_("Say why the attribution is contested."),
            ),
            # The natural key: providers are credited per placement, so a double submit must not make two.
            models.UniqueConstraint(
                "client", Lower("employer_name"), "start_date", name="placement_one_per_client_employer_start",
                violation_error_message=DUPLICATE_PLACEMENT,
            ),
        ]

    def __str__(self):
        return f"{self.title} · {self.employer_name}"


class RetentionCheck(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Not due yet")
        DUE = "due", _("Due")
        ESCALATED = "escalated", _("Overdue, escalated to the manager")
        EMPLOYED_SAME = "employed_same", _("Employed, same employer")
        EMPLOYED_OTHER = "employed_other", _("Employed, other employer")
        NOT_EMPLOYED = "not_employed", _("Not employed")
        UNREACHABLE = "unreachable", _("Unreachable")

    class EvidenceKind(models.TextChoices):
        CLIENT_ANSWER = "client_answer", _("Client's own answer")
        CALL_NOTE = "call_note", _("Note of a phone call")
        MEETING_NOTE = "meeting_note", _("Note of a meeting")
        EMPLOYER_CONFIRMATION = "employer_confirmation", _("Employer confirmation")

    OPEN_STATUSES = (Status.PENDING, Status.DUE, Status.ESCALATED)
    ANSWER_STATUSES = (Status.EMPLOYED_SAME, Status.EMPLOYED_OTHER, Status.NOT_EMPLOYED, Status.UNREACHABLE)
    # A two-way contact settled the question; "unreachable" closes the check without confirming anything.
    CONFIRMED_STATUSES = (Status.EMPLOYED_SAME, Status.EMPLOYED_OTHER, Status.NOT_EMPLOYED)

    code = public_code()
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="checks")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="retention_checks")
    # The placement's provider, copied when the check is made (a placement never changes provider), so a
    # provider's open checks are one index range (retention_check_provider_open) instead of a join through
    # every open check in the network.
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="+", editable=False)
    milestone_months = models.PositiveSmallIntegerField(_("months after the start"))
    due_on = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.PENDING)
    evidence_kind = models.CharField(_("evidence"), max_length=25, choices=EvidenceKind.choices, blank=True)
    evidence = models.TextField(_("what was said"), blank=True, max_length=4000)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = user_ref(optional=True)
    task_created_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "milestone_months"], name="retention_check_one_per_milestone",
                violation_error_message=_("This check-in already exists for this placement and milestone.")),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "due", "escalated"], answered_at__isnull=True)
                | (Q(answered_at__isnull=False) & ~Q(evidence_kind="") & ~Q(evidence="")),
                name="retention_check_answer_has_evidence",
                violation_error_message=_("An answered check-in needs its evidence."),
            ),
        ]
        indexes = [
            models.Index(fields=["due_on", "id"], name="retention_check_due"),  # API keyset
            models.Index(fields=["status", "due_on"]), models.Index(fields=["client", "due_on"]),
            # Check-ins waiting for an answer (the check-ins page, the manager's escalations): a small slice of
            # the table, so a partial index on what is still open.
            models.Index(fields=["placement", "due_on"], condition=Q(status__in=["due", "escalated"]),
                         name="retention_check_open_due"),
            # The daily job's "falls due" batch: pending checks due by today, oldest first. Without it the planner
            # walked retention_check_due through every past check to find the few still pending (province: 667,630
            # rows filtered, 618 ms, for none).
            models.Index(fields=["due_on", "id"], condition=Q(status="pending"), name="retention_check_pending_due"),
            # The check-ins page of a provider (a manager's), in its order.
            models.Index(fields=["provider", "due_on", "id"], condition=Q(status__in=["due", "escalated"]),
                         name="retention_check_provider_open"),
        ]

    def __str__(self):
        return f"{self.placement} · {self.milestone_months} months"

    @property
    def confirmed(self) -> bool:
        return self.status in self.CONFIRMED_STATUSES


class SupportRequest(models.Model):
    class Category(models.TextChoices):
        COMMUNICATION = "communication", _("Communication at work")
        ACCOMMODATION = "accommodation", _("Accommodation")
        HARASSMENT = "harassment", _("Harassment or discrimination")
        HEALTH_SAFETY = "health_safety", _("Health and safety")
        HOURS_PAY = "hours_pay", _("Hours or pay")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        REFERRED = "referred", _("Referred to outside help")
        RESOLVED = "resolved", _("Resolved")

    code = public_code()
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="support_requests")
    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="support_requests")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="+")
    placement = models.ForeignKey(Placement, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="support_requests")
    category = models.CharField(_("what it is about"), max_length=20, choices=Category.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_by = user_ref()
    opened_at = models.DateTimeField(default=timezone.now)
    # Nothing reaches the employer unless the client said yes, in their own account, with the time kept.
    employer_share_consent = models.BooleanField(_("client consents to involve the employer"), default=False)
    employer_share_consent_at = models.DateTimeField(null=True, blank=True)
    shared_with_employer_at = models.DateTimeField(null=True, blank=True)
    shared_with_employer_by = user_ref(optional=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["provider", "status"]), models.Index(fields=["client", "opened_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(shared_with_employer_at__isnull=True) | Q(employer_share_consent=True),
                name="support_request_employer_needs_consent",
                violation_error_message=_("The employer can be involved only with the person's consent."),
            ),
        ]

    def __str__(self):
        return self.get_category_display()


class SupportMessage(models.Model):
    """One message of a confidential thread; append-only."""

    code = public_code()
    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="messages")
    author = user_ref()
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.author} · {self.created_at:%Y-%m-%d %H:%M}"


class Resource(models.Model):
    """Outside help a counsellor can refer to: the resource directory."""

    class Kind(models.TextChoices):
        MEDIATION = "mediation", _("Mediation")
        COUNSELLING = "counselling", _("Counselling")
        LEGAL_CLINIC = "legal_clinic", _("Legal clinic")
        ADVOCACY = "advocacy", _("Advocacy")

    code = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    region = models.CharField(_("region"), max_length=20, blank=True)
    languages = models.JSONField(default=list, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class ResourceReferral(models.Model):
    code = public_code()
    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="referrals")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="referrals")
    referred_by = user_ref()
    referred_at = models.DateTimeField(default=timezone.now)
    follow_up_on = models.DateField(_("follow up on"))
    followed_up_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True, max_length=2000)

    class Meta:
        ordering = ["follow_up_on", "id"]

    def __str__(self):
        return f"{self.resource} · {self.follow_up_on}"
