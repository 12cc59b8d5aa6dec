"""The funding formulas, pure: no database. Source: see outcomes.funding.models (the focus-group report's proposal:
a payment at verified placement into suitable work, another for each person still employed six months later).

Money is Decimal dollars rounded to the cent (ROUND_HALF_UP) at the end of each computation.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
DAYS_IN_YEAR = Decimal(365)

# Milestone -> the version field holding its payment.
MILESTONE_PAYMENT_FIELD = {
    "placement": "placement_payment",
    "retention_3m": "retention_3m_payment",
    "retention_6m": "retention_6m_payment",
    "retention_12m": "retention_12m_payment",
}
RETENTION_MILESTONES = {3: "retention_3m", 6: "retention_6m", 12: "retention_12m"}


def money(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class MilestoneFacts:
    """What a payment depends on: the milestone, when it was reached, and the placement's facts."""

    milestone: str  # placement | retention_3m | retention_6m | retention_12m
    earned_on: dt.date
    provider_id: int
    segment: int | None  # the client's service segment (1-3), None when not assessed
    attribution: str  # direct | assisted | self_found
    quality_index: int  # 0-100
    client_id: int | None = None  # whose milestone: to count the people behind a count, never shown


def segment_weight(version, segment: int | None) -> Decimal:
    return {1: version.weight_segment_1, 2: version.weight_segment_2,
            3: version.weight_segment_3}.get(segment, version.weight_segment_unknown)


def attribution_weight(version, attribution: str) -> Decimal:
    return {"direct": version.weight_direct, "assisted": version.weight_assisted,
            "self_found": version.weight_self_found}[attribution]


def quality_factor(version, quality_index: int) -> Decimal:
    """The quality multiplier when the job-quality index reaches the version's threshold, else 1."""
    return version.quality_multiplier if quality_index >= version.quality_threshold else Decimal(1)


def is_earned(earned_on: dt.date, *, today: dt.date) -> bool:
    """A milestone is payable only once earned: its date (a placement's start, a retention check's due date) is on
    or before `today`, the date in Toronto (settings.TIME_ZONE; timezone.localdate()). A placement recorded ahead
    of its start or a check answered early pays nothing until that day (issue 9 §6: "payment per verified
    milestone")."""
    return earned_on <= today


def milestone_amount(version, facts: MilestoneFacts) -> tuple[Decimal, dict]:
    """(amount in dollars, how it was computed) of one verified milestone under an outcome-based version:
    milestone payment x segment weight x attribution weight x quality factor, rounded to the cent."""
    base = getattr(version, MILESTONE_PAYMENT_FIELD[facts.milestone])
    seg = segment_weight(version, facts.segment)
    attr = attribution_weight(version, facts.attribution)
    qual = quality_factor(version, facts.quality_index)
    amount = money(base * seg * attr * qual)
    return amount, {"base": str(base), "segment": facts.segment, "segment_weight": str(seg),
                    "attribution": facts.attribution, "attribution_weight": str(attr),
                    "quality_index": facts.quality_index, "quality_factor": str(qual)}


def prorated(annual: Decimal, start: dt.date, end: dt.date) -> Decimal:
    """An annual amount for the days from `start` to `end` inclusive (days / 365), unrounded."""
    days = (end - start).days + 1
    return annual * Decimal(days) / DAYS_IN_YEAR


def block_amount(version, *, start: dt.date, end: dt.date, clients_served: int) -> Decimal:
    """Block funding for a period: (operating base + block amount per client x clients served), prorated by days."""
    return money(prorated(version.operating_base + version.block_per_client * clients_served, start, end))
