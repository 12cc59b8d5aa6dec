"""Funding models, their versioned parameters, and the per-provider payment ledger (issue 9 §6).

Source: Social Capital Partners, "Insights from the Front Lines: Job Seekers' Recommendations for More Responsive
and Results-Focused Employment Services" (focus groups, GTA, 2014), section "How Should Providers Be Funded?
Outcome-Based Investments and Alternative Models": "Rather than issuing a block of funding at the beginning of each
fiscal year, another model might involve ... compensating a provider for each individual job seeker that they have
directly placed into suitable employment with a payment at the time of placement, and then issuing a subsequent
payment for each of those individuals still employed six months later." Today's block model (an annual contract
reassessed once a year) stays beside it, so the ministry can compare the two on the same data.

Parameters are data, not code: each FundingModelVersion takes effect on its `effective_from` date and stays in effect
until the next version of the same model. Money is Canadian dollars, Decimal with 2 places, never negative.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from espportal.fields import public_code, user_ref
from espportal.models import Provider
from espportal.vocab import in_language
from outcomes.models import Placement, RetentionCheck

ZERO = Decimal("0.00")
MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(ZERO)]}
WEIGHT = {"max_digits": 5, "decimal_places": 2, "default": Decimal("1.00"),
          "validators": [MinValueValidator(ZERO), MaxValueValidator(Decimal("10"))]}


class FundingModel(models.Model):
    class Kind(models.TextChoices):
        BLOCK = "block", _("Block funding (today's annual contract)")
        OUTCOME = "outcome", _("Outcome-based: payment per verified milestone")

    code = models.SlugField(max_length=40, unique=True)
    # Reference data in both official languages, edited in the admin; a reader sees `label` (their language).
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # The model whose versions the payment ledger follows; at most one.
    pays_ledger = models.BooleanField(_("the ledger pays by this model"), default=False)

    class Meta:
        ordering = ["name_en"]
        constraints = [models.UniqueConstraint(fields=["pays_ledger"], condition=Q(pays_ledger=True),
                                               name="funding_one_model_pays_the_ledger",
                violation_error_message=_("Only one funding model pays the ledger at a time."))]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The model's name in the active language (French when it is French and a French name is recorded)."""
        return in_language(self.name_en, self.name_fr)


class FundingModelVersion(models.Model):
    """One set of parameters, in effect from `effective_from` until the model's next version.

    Block: `operating_base` a year per provider (prorated by days) + `block_per_client` a year per client served
    (prorated). Outcome: `operating_base` a year (prorated) + per verified milestone: the milestone's payment x the
    client's segment weight x the placement's attribution weight x the quality multiplier (when the placement's
    job-quality index reaches `quality_threshold`, else 1).
    """

    model = models.ForeignKey(FundingModel, on_delete=models.PROTECT, related_name="versions")
    effective_from = models.DateField(_("in effect from"))
    operating_base = models.DecimalField(_("operating base a year ($)"), default=ZERO, **MONEY)
    block_per_client = models.DecimalField(_("block amount a year per client served ($)"), default=ZERO, **MONEY)
    placement_payment = models.DecimalField(_("payment at a verified placement ($)"), default=ZERO, **MONEY)
    retention_3m_payment = models.DecimalField(_("payment at 3 months employed ($)"), default=ZERO, **MONEY)
    retention_6m_payment = models.DecimalField(_("payment at 6 months employed ($)"), default=ZERO, **MONEY)
    retention_12m_payment = models.DecimalField(_("payment at 12 months employed ($)"), default=ZERO, **MONEY)
    weight_segment_1 = models.DecimalField(_("weight, segment 1"), **WEIGHT)
    weight_segment_2 = models.DecimalField(_("weight, segment 2"), **WEIGHT)
    weight_segment_3 = models.DecimalField(_("weight, segment 3"), **WEIGHT)
    weight_segment_unknown = models.DecimalField(_("weight, segment not assessed"), **WEIGHT)
    weight_direct = models.DecimalField(_("weight, direct placement"), **WEIGHT)
    weight_assisted = models.DecimalField(_("weight, assisted placement"), **WEIGHT)
    weight_self_found = models.DecimalField(_("weight, self-found placement"), max_digits=5, decimal_places=2,
                                            default=ZERO, validators=WEIGHT["validators"])
    quality_threshold = models.PositiveSmallIntegerField(_("job-quality index for the bonus"), default=60,
                                                         validators=[MaxValueValidator(100)])
    quality_multiplier = models.DecimalField(_("quality multiplier"), **WEIGHT)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = user_ref(optional=True)
    created_at = models.DateTimeField(default=timezone.now)

    MONEY_FIELDS = ("operating_base", "block_per_client", "placement_payment", "retention_3m_payment",
                    "retention_6m_payment", "retention_12m_payment")
    WEIGHT_FIELDS = ("weight_segment_1", "weight_segment_2", "weight_segment_3", "weight_segment_unknown",
                     "weight_direct", "weight_assisted", "weight_self_found", "quality_multiplier")

    class Meta:
        ordering = ["model", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["model", "effective_from"], name="funding_version_one_per_date",
                violation_error_message=_("This funding model already has a version from that date.")),
            models.CheckConstraint(
                condition=Q(operating_base__gte=0, block_per_client__gte=0, placement_payment__gte=0,
                            retention_3m_payment__gte=0, retention_6m_payment__gte=0, retention_12m_payment__gte=0,
                            weight_segment_1__gte=0, weight_segment_2__gte=0, weight_segment_3__gte=0,
                            weight_segment_unknown__gte=0, weight_direct__gte=0, weight_assisted__gte=0,
                            weight_self_found__gte=0, quality_multiplier__gte=0),
                name="funding_version_nothing_negative",
                violation_error_message=_("Rates and amounts cannot be negative.")),
        ]

    def __str__(self):
        return f"{self.model} · {self.effective_from}"


class Milestone(models.TextChoices):
    PLACEMENT = "placement", _("Verified placement")
    RETENTION_3M = "retention_3m", _("Employed at 3 months")
    RETENTION_6M = "retention_6m", _("Employed at 6 months")
    RETENTION_12M = "retention_12m", _("Employed at 12 months")


class LedgerEntry(models.Model):
    """One row of a provider's payment ledger. Rows are never edited: a corrected milestone gets a reversal row
    (the negative of the payment it cancels) and, if it still pays, a new payment row. `sequence` numbers the rows
    of one (placement, milestone), so a rerun of the posting job cannot add a row twice (natural key)."""

    class Kind(models.TextChoices):
        PAYMENT = "payment", _("Payment")
        REVERSAL = "reversal", _("Reversal")

    code = public_code()
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="ledger_entries")
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="ledger_entries")
    retention_check = models.ForeignKey(RetentionCheck, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="ledger_entries")
    milestone = models.CharField(_("milestone"), max_length=15, choices=Milestone.choices)
    sequence = models.PositiveSmallIntegerField()
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    amount = models.DecimalField(_("amount ($)"), max_digits=12, decimal_places=2)
    earned_on = models.DateField(_("milestone date"))
    version = models.ForeignKey(FundingModelVersion, on_delete=models.PROTECT, related_name="ledger_entries")
    reverses = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="reversed_by")
    detail = models.JSONField(default=dict, blank=True)  # how the amount was computed
    posted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-posted_at", "-id"]
        indexes = [models.Index(fields=["provider", "earned_on"])]
        constraints = [
            models.UniqueConstraint(fields=["placement", "milestone", "sequence"], name="ledger_natural_key",
                violation_error_message=_("This payment is already in the ledger.")),
            models.CheckConstraint(condition=Q(kind="payment", amount__gte=0, reverses__isnull=True)
                                   | Q(kind="reversal", amount__lte=0, reverses__isnull=False),
                                   name="ledger_payment_positive_reversal_negative",
                violation_error_message=_("A payment is positive and a reversal negative.")),
        ]

    def __str__(self):
        return f"{self.get_milestone_display()} · {self.amount}"
