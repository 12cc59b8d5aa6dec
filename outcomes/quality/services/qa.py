"""Writes for quality assurance: quarterly interview samples, findings, decisions on contested attributions.

Source: issue 9 §7 (a reproducible random sample, seeded and recorded, of consenting clients per provider each
quarter; reviewers record findings against the provider) and §1 (a contested attribution is upheld or changed
with a reason, as a new version with the original still visible; the counsellor who contested sees the decision).
"""

import datetime as dt
import random
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from caseload import services as caseload_services
from espportal import audit
from espportal.access import actor_for_user
from espportal.models import Provider, User
from espportal.services import notification_send, save_once
from outcomes.models import Attribution, Placement
from outcomes.quality import selectors
from outcomes.quality.models import AttributionReview, QAFinding, QASample, QASampleMember


def quarter_of(day: dt.date) -> tuple[str, dt.date, dt.date]:
    """("YYYY-Qn", first day, last day) of the calendar quarter `day` falls in."""
    index = (day.month - 1) // 3
    start = dt.date(day.year, 3 * index + 1, 1)
    end = (dt.date(day.year + (index == 3), (3 * index + 3) % 12 + 1, 1)) - dt.timedelta(days=1)
    return f"{day.year}-Q{index + 1}", start, end


def quarter_bounds(quarter: str) -> tuple[dt.date, dt.date]:
    """First and last day of "YYYY-Qn"; ValueError for anything else."""
    year, _sep, number = quarter.partition("-Q")
    if not (year.isdigit() and number in {"1", "2", "3", "4"}):
        raise ValueError(quarter)
    _name, start, end = quarter_of(dt.date(int(year), 3 * (int(number) - 1) + 1, 1))
    return start, end


def draw(population: list[int], *, seed: int, size: int) -> list[int]:
    """The sample, pure and reproducible: Python's Mersenne Twister seeded with `seed` picks min(size, N) of the
    population's ids taken in ascending order. The same seed and population always give the same sample."""
    ordered = sorted(population)
    return random.Random(seed).sample(ordered, min(size, len(ordered)))


def _require_ministry(user: User | None) -> None:
    if user is not None and not actor_for_user(user).is_ministry:
        raise PermissionDenied


@transaction.atomic
def qa_sample_draw(*, provider: Provider, quarter: str, drawn_by: User | None = None, seed: int | None = None,
                   size: int | None = None) -> QASample:
    """Draw (once) the provider's sample for `quarter` ("YYYY-Qn") among the clients it served in the quarter who
    consent to be contacted; returns the existing sample when it was drawn already. The seed (random unless given)
    is recorded with the sample. ValidationError for a malformed quarter; PermissionDenied for non-ministry users
    (drawn_by None: the quarterly job)."""
    _require_ministry(drawn_by)
    try:
        start, end = quarter_bounds(quarter)
    except ValueError:
        raise ValidationError({"quarter": _("Write the quarter as 2026-Q3.")}) from None
    existing = QASample.objects.filter(provider=provider, quarter=quarter).first()
    if existing is not None:
        return existing
    population = list(selectors.qa_population(provider, start, end).values_list("pk", flat=True))
    seed = secrets.randbits(48) if seed is None else seed
    chosen = draw(population, seed=seed, size=size or settings.ESP_QA_SAMPLE_SIZE)
    sample, created = save_once(QASample(provider=provider, quarter=quarter, seed=seed, population=len(population),
                                         drawn_by=drawn_by), provider=provider, quarter=quarter)
    if not created:  # drawn by another run meanwhile
        return sample
    QASampleMember.objects.bulk_create(
        [QASampleMember(sample=sample, client_id=pk, position=n) for n, pk in enumerate(chosen, start=1)])
    audit.record(action="qa_sample.drawn", actor=drawn_by, provider=provider, target=sample,
                 detail={"quarter": quarter, "seed": seed, "population": len(population), "size": len(chosen)})
    return sample


def qa_samples_draw_quarter(*, quarter: str, drawn_by: User | None = None) -> int:
    """Draw every provider's sample for the quarter; returns how many were drawn now (reruns draw none)."""
    drawn = 0
    for provider in Provider.objects.order_by("pk"):
        before = QASample.objects.filter(provider=provider, quarter=quarter).exists()
        qa_sample_draw(provider=provider, quarter=quarter, drawn_by=drawn_by)
        drawn += not before
    return drawn


@transaction.atomic
def qa_finding_record(*, provider: Provider, topic: str, severity: str, body: str, reviewer: User,
                      sample: QASample | None = None, member: QASampleMember | None = None) -> QAFinding:
    """A reviewer's finding against a provider, optionally from one interview (`member`, which the reviewer knows
    by its sample reference only; the finding then belongs to that member's sample). Ministry only;
    ValidationError for an empty body or an interview sampled at another provider."""
    _require_ministry(reviewer)
    if member is not None:
        if member.sample.provider_id != provider.pk:
            raise ValidationError({"member": _("This sample reference belongs to another provider's sample.")})
        sample = member.sample
    finding = QAFinding(provider=provider, topic=topic, severity=severity, body=(body or "").strip(),
                        reviewer=reviewer, sample=sample, member=member)
    if not finding.body:
        raise ValidationError({"body": _("Write the finding.")})
    finding.full_clean()
    finding.save()
    audit.record(action="qa_finding.recorded", actor=reviewer, provider=provider, target=finding,
                 detail={"topic": topic, "severity": severity, "reference": member.reference if member else ""})
    return finding


@transaction.atomic
def attribution_review_decide(*, placement: Placement, decided: str, reason: str, reviewer: User,
                              now: dt.datetime | None = None) -> AttributionReview:
    """Decide a contested attribution: `decided` equal to the current class upholds it, another class changes the
    placement's class. The class before the review stays on the review row; the ledger reverses and re-pays on its
    next run. The counsellor who contested is told. ValidationError when the placement is not contested, is
    decided already, or the reason is empty; PermissionDenied for non-ministry users."""
    _require_ministry(reviewer)
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = _("Say why: the counsellor who contested reads it.")
    if decided not in Attribution.values:
        errors["decided"] = _("Choose a class.")
    if errors:
        raise ValidationError(errors)
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if not placement.attribution_contested:
        raise ValidationError(_("This attribution is not contested."))
    if AttributionReview.objects.filter(placement=placement).exists():
        raise ValidationError(_("This attribution was already decided."))
    original = placement.attribution
    review = AttributionReview.objects.create(
        placement=placement, original=original, decided=decided, reason=reason, reviewer=reviewer,
        decision=AttributionReview.Decision.UPHELD if decided == original else AttributionReview.Decision.CHANGED,
        contest_reason=placement.contest_reason, contested_by=placement.contested_by, decided_at=now or timezone.now())
    if decided != original:
        Placement.objects.filter(pk=placement.pk).update(attribution=decided)
    # The manager's task the contest opened (outcomes.services.placement_contest) is answered now.
    caseload_services.task_close_by_source(source_key=f"attribution-review:{placement.code}", done_by=reviewer)
    if placement.contested_by is not None:
        notification_send(recipient=placement.contested_by, message="quality.attribution_decided",
                          params={"title": placement.title, "decision": review.decision},
                          link=reverse("quality:placement_review", args=[placement.code]),
                          dedupe_key=f"attribution-review:{placement.code}:decided")
    audit.record(action="placement.attribution_reviewed", actor=reviewer, client=placement.client,
                 target=placement, provider=placement.provider,
                 detail={"original": original, "decided": decided})
    return review
