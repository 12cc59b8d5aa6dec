"""Reads for funding: versions in effect, verified milestones, clients served, the ledger."""

import bisect
import datetime as dt
from collections.abc import Iterator

from django.db.models import Q, QuerySet

from caseload.models import CaseFile
from clients.selectors import segments_on
from espportal.models import Provider
from outcomes.funding import rules
from outcomes.funding.models import FundingModel, FundingModelVersion, LedgerEntry
from outcomes.models import Placement, RetentionCheck

EMPLOYED = (RetentionCheck.Status.EMPLOYED_SAME, RetentionCheck.Status.EMPLOYED_OTHER)


class Versions:
    """A model's versions, to answer "which parameters were in effect on this date?" without a query per date."""

    def __init__(self, versions):
        self.versions = sorted(versions, key=lambda v: v.effective_from)
        self.dates = [v.effective_from for v in self.versions]

    def on(self, day: dt.date) -> FundingModelVersion | None:
        """The version whose effective_from is the latest on or before `day`; None before the first one."""
        index = bisect.bisect_right(self.dates, day)
        return self.versions[index - 1] if index else None


def versions_of(model: FundingModel) -> Versions:
    return Versions(model.versions.all())


def ledger_model() -> FundingModel | None:
    """The outcome-based model the payment ledger pays by (FundingModel.pays_ledger), if one is chosen."""
    return FundingModel.objects.filter(pays_ledger=True, kind=FundingModel.Kind.OUTCOME).first()


def facts_of(placement: Placement, milestone: str, earned_on: dt.date, segment: int | None) -> rules.MilestoneFacts:
    return rules.MilestoneFacts(milestone=milestone, earned_on=earned_on, provider_id=placement.provider_id,
                                segment=segment, attribution=placement.attribution,
                                quality_index=placement.quality_index, client_id=placement.client_id)


def _with_segments(found: list[tuple]) -> list[tuple]:
    """[(placement, milestone, earned_on, extra)] -> [(MilestoneFacts, extra)], each milestone weighted by the
    segment in force on its date (clients.selectors.segments_on: a re-assessment after the placement does not
    change what its placement milestone paid)."""
    segments = segments_on({(placement.client_id, earned_on) for placement, _m, earned_on, _x in found})
    return [(facts_of(placement, milestone, earned_on, segments[(placement.client_id, earned_on)]), extra)
            for placement, milestone, earned_on, extra in found]


def milestones_of(placement: Placement, *, today: dt.date) -> dict[str, tuple[rules.MilestoneFacts,
                                                                              RetentionCheck | None]]:
    """The verified, earned milestones of one placement: the placement itself (verified when recorded, earned on
    its start date) and each 3/6/12-month check confirmed employed (earned on the check's due date), each with the
    client's segment in force on that date. A milestone dated after `today` (Toronto's date: a placement recorded
    ahead of its start, a check answered early) is not earned yet and is left out (rules.is_earned). Uses
    placement.checks (prefetch it); two queries for the segments."""
    found = []
    if rules.is_earned(placement.start_date, today=today):
        found.append((placement, "placement", placement.start_date, None))
    for check in placement.checks.all():
        milestone = rules.RETENTION_MILESTONES.get(check.milestone_months)
        if milestone and check.status in EMPLOYED and rules.is_earned(check.due_on, today=today):
            found.append((placement, milestone, check.due_on, check))
    return {facts.milestone: (facts, check) for facts, check in _with_segments(found)}


def milestones_between(start: dt.date, end: dt.date, *, today: dt.date) -> Iterator[rules.MilestoneFacts]:
    """Every verified milestone reached from `start` to `end` inclusive and no later than `today` (a milestone
    is earned only once its date has come: rules.is_earned), across providers, each with the client's segment in
    force on its date (four queries)."""
    end = min(end, today)
    if end < start:
        return
    found = [(placement, "placement", placement.start_date, None)
             for placement in Placement.objects.filter(start_date__range=(start, end)).only(
                 "provider_id", "client_id", "start_date", "attribution", "quality_index")]
    checks = (RetentionCheck.objects.filter(due_on__range=(start, end), status__in=EMPLOYED,
                                            milestone_months__in=list(rules.RETENTION_MILESTONES))
              .select_related("placement"))
    found += [(check.placement, rules.RETENTION_MILESTONES[check.milestone_months], check.due_on, None)
              for check in checks]
    for facts, _extra in _with_segments(found):
        yield facts


def clients_served(start: dt.date, end: dt.date) -> dict[int, int]:
    """{provider id: distinct clients with a case file open at some point from `start` to `end`} (one query)."""
    from django.db.models import Count

    rows = (CaseFile.objects.filter(opened_at__date__lte=end)
            .filter(Q(closed_at__isnull=True) | Q(closed_at__date__gte=start))
            .values("provider_id").annotate(n=Count("client_id", distinct=True)))
    return {row["provider_id"]: row["n"] for row in rows}


def providers() -> QuerySet[Provider]:
    return Provider.objects.order_by("name")


def ledger(*, provider: Provider | None = None, start: dt.date | None = None,
           end: dt.date | None = None) -> QuerySet[LedgerEntry]:
    """Ledger rows, newest first, filtered by provider and milestone date when given."""
    rows = LedgerEntry.objects.select_related("provider", "version__model", "reverses")
    if provider is not None:
        rows = rows.filter(provider=provider)
    if start is not None:
        rows = rows.filter(earned_on__gte=start)
    if end is not None:
        rows = rows.filter(earned_on__lte=end)
    return rows.order_by("-posted_at", "-id")


def ledger_totals(*, start: dt.date, end: dt.date) -> dict:
    """{"total": dollars, "providers": [{"provider__code", "provider__name", "total"}]} of the ledger rows whose
    milestone date falls from `start` to `end` inclusive (reversals deducted), providers by name. Two queries."""
    from decimal import Decimal

    from django.db.models import Sum

    rows = LedgerEntry.objects.filter(earned_on__range=(start, end))
    providers = list(rows.values("provider__code", "provider__name").annotate(total=Sum("amount"))
                     .order_by("provider__name"))
    return {"total": rows.aggregate(total=Sum("amount"))["total"] or Decimal("0.00"), "providers": providers}


def ledger_totals_by_quarter(rows: QuerySet[LedgerEntry]) -> QuerySet:
    """Per provider and fiscal quarter (April-June is Q1: a calendar quarter, shifted), the total of `rows`:
    values {"provider__name", "quarter" (the quarter's first day), "total"}, by provider name then newest quarter
    first. One query a page: paginate it."""
    from django.db.models import Sum
    from django.db.models.functions import TruncQuarter

    return (rows.order_by().annotate(quarter=TruncQuarter("earned_on")).values("provider__name", "quarter")
            .annotate(total=Sum("amount")).order_by("provider__name", "-quarter"))
