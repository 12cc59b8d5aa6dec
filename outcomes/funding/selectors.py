"""Reads for funding: versions in effect, verified milestones, clients served, the ledger."""

import bisect
import datetime as dt
from collections.abc import Iterator

from django.db.models import Q, QuerySet

from caseload.models import CaseFile
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


def facts_of(placement: Placement, milestone: str, earned_on: dt.date) -> rules.MilestoneFacts:
    return rules.MilestoneFacts(milestone=milestone, earned_on=earned_on, provider_id=placement.provider_id,
                                segment=placement.client.segment, attribution=placement.attribution,
                                quality_index=placement.quality_index)


def milestones_of(placement: Placement) -> dict[str, tuple[rules.MilestoneFacts, RetentionCheck | None]]:
    """The verified milestones of one placement: the placement itself (verified when recorded, on its start date)
    and each 3/6/12-month check confirmed employed (on the check's due date). Uses placement.checks (prefetch it)."""
    found = {"placement": (facts_of(placement, "placement", placement.start_date), None)}
    for check in placement.checks.all():
        milestone = rules.RETENTION_MILESTONES.get(check.milestone_months)
        if milestone and check.status in EMPLOYED:
            found[milestone] = (facts_of(placement, milestone, check.due_on), check)
    return found


def milestones_between(start: dt.date, end: dt.date) -> Iterator[rules.MilestoneFacts]:
    """Every verified milestone reached from `start` to `end` inclusive, across providers (two queries)."""
    for placement in Placement.objects.filter(start_date__range=(start, end)).select_related("client").only(
            "provider_id", "start_date", "attribution", "quality_index", "client__segment"):
        yield facts_of(placement, "placement", placement.start_date)
    checks = (RetentionCheck.objects.filter(due_on__range=(start, end), status__in=EMPLOYED,
                                            milestone_months__in=list(rules.RETENTION_MILESTONES))
              .select_related("placement__client"))
    for check in checks:
        yield facts_of(check.placement, rules.RETENTION_MILESTONES[check.milestone_months], check.due_on)


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
