"""Writes for funding: posting the payment ledger from verified milestones.

Idempotent: each placement's milestones are compared with the ledger's rows for it; a milestone without a live
payment gets one, a live payment that no longer matches (the milestone was corrected, its class changed after a QA
review, or a version took effect retroactively) gets a reversal row and, if the milestone still pays, a new payment.
Rows are never edited. The natural key (placement, milestone, sequence) makes a concurrent or repeated run fail
to add the same row twice; that run's placement is simply skipped and done by the next run.
"""

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from espportal import audit
from outcomes.funding import rules, selectors
from outcomes.funding.models import LedgerEntry
from outcomes.models import Placement

logger = logging.getLogger(__name__)


def _live_payment(rows: list[LedgerEntry]) -> LedgerEntry | None:
    reversed_ids = {row.reverses_id for row in rows if row.kind == LedgerEntry.Kind.REVERSAL}
    live = [row for row in rows if row.kind == LedgerEntry.Kind.PAYMENT and row.pk not in reversed_ids]
    return live[-1] if live else None


@transaction.atomic
def ledger_post_placement(*, placement_id: int, versions: selectors.Versions,
                          now: dt.datetime | None = None) -> int:
    """Bring one placement's ledger rows in line with its verified milestones earned by `now` (its date in
    Toronto; default: now); returns the number of rows added.

    Raises IntegrityError when another run added a row for this placement meanwhile (the caller skips it)."""
    now = now or timezone.now()
    placement = (Placement.objects.select_related("client", "provider").prefetch_related("checks")
                 .get(pk=placement_id))
    expected = {}
    today = timezone.localdate(now)
    for milestone, (facts, check) in selectors.milestones_of(placement, today=today).items():
        version = versions.on(facts.earned_on)
        if version is None:
            continue
        amount, detail = rules.milestone_amount(version, facts)
        if amount > 0:
            expected[milestone] = (amount, detail, version, check, facts.earned_on)
    existing: dict[str, list[LedgerEntry]] = {}
    for row in LedgerEntry.objects.filter(placement=placement).order_by("sequence"):
        existing.setdefault(row.milestone, []).append(row)
    added = 0
    for milestone in sorted(set(expected) | set(existing)):
        rows = existing.get(milestone, [])
        live = _live_payment(rows)
        want = expected.get(milestone)
        if live is not None and want is not None and live.amount == want[0] and live.version_id == want[2].pk:
            continue
        sequence = max((row.sequence for row in rows), default=0)
        if live is not None:
            sequence += 1
            LedgerEntry.objects.create(
                provider_id=live.provider_id, placement=placement, retention_check_id=live.retention_check_id,
                milestone=milestone, sequence=sequence, kind=LedgerEntry.Kind.REVERSAL, amount=-live.amount,
                earned_on=live.earned_on, version_id=live.version_id, reverses=live, posted_at=now,
                detail={"reason": "milestone_changed" if want else "milestone_withdrawn"})
            added += 1
        if want is not None:
            amount, detail, version, check, earned_on = want
            sequence += 1
            LedgerEntry.objects.create(
                provider_id=placement.provider_id, placement=placement, retention_check=check, milestone=milestone,
                sequence=sequence, kind=LedgerEntry.Kind.PAYMENT, amount=amount, earned_on=earned_on,
                version=version, posted_at=now, detail=detail)
            added += 1
    if added:
        audit.record(action="funding.ledger_posted", client=placement.client, target=placement,
                     provider=placement.provider, detail={"rows": added})
    return added


def ledger_post(*, now: dt.datetime | None = None) -> dict:
    """Post the whole ledger under the model that pays it (FundingModel.pays_ledger). Returns
    {"placements": checked, "rows": added, "skipped": placements another run was posting}. Nothing happens when
    no model pays the ledger. Each placement is its own transaction."""
    model = selectors.ledger_model()
    if model is None:
        return {"placements": 0, "rows": 0, "skipped": 0}
    versions = selectors.versions_of(model)
    if not versions.versions:
        return {"placements": 0, "rows": 0, "skipped": 0}
    first = versions.versions[0].effective_from
    # A placement before the first version can still reach a 12-month milestone after it.
    ids = list(Placement.objects.filter(start_date__gte=first - dt.timedelta(days=400)).order_by("pk").values_list("pk", flat=True))
    rows = skipped = 0
    for placement_id in ids:
        try:
            rows += ledger_post_placement(placement_id=placement_id, versions=versions, now=now)
        except IntegrityError:
            logger.info("Ledger rows of placement %s were posted by another run", placement_id)
            skipped += 1
    return {"placements": len(ids), "rows": rows, "skipped": skipped}
