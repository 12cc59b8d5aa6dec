"""The nightly rollup: compute every KPI cell of every provider for a period and store it (ProviderPeriodStats).

A period is recomputed from the raw rows as a whole and its stored rows are replaced in one transaction, so the
rollup gives the same rows when run twice, in any order, and picks up late corrections (a placement recorded
today for last month) the next time that period is rolled up. The nightly job rolls up every period from the
start of the previous fiscal year, which covers the corrections that happen in practice; `manage.py kpi_rollup
--from --to` recomputes any range.
"""

import datetime as dt
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.utils import timezone

from clients.models import SelfIdentification
from espportal import audit
from espportal.models import Provider
from outcomes.kpis import periods
from outcomes.kpis.definitions import KPIS
from outcomes.kpis.facts import UNKNOWN_SEGMENT, Facts, gather, merged
from outcomes.kpis.models import ProviderPeriodStats

GROUPS = [*SelfIdentification.values, "declined", "not_stated"]
SEGMENTS = ["1", "2", "3", UNKNOWN_SEGMENT]
KINDS = ("month", "quarter", "year")


def _stats(facts: Facts, *, breakdown: bool) -> dict:
    return {kpi.slug: kpi.compute(facts).as_json() for kpi in KPIS if kpi.by_group or not breakdown}


def _rows_for(provider_id: int | None, facts: Facts, people: dict, period: periods.Period, now, *,
              area: str = "") -> list:
    common = {"provider_id": provider_id, "area": area, "period_kind": period.kind, "period_start": period.start,
              "period_end": period.end, "computed_at": now}
    rows = [ProviderPeriodStats(dimension="all", value="", stats=_stats(facts, breakdown=False), **common)]
    clients = facts.segments.keys()
    for group in GROUPS:
        members = {c for c in clients if group in people.get(c, {}).get("groups", ())}
        rows.append(ProviderPeriodStats(dimension="group", value=group,
                                        stats=_stats(facts.only(members), breakdown=True), **common))
    for segment in SEGMENTS:
        members = {c for c in clients if facts.segments.get(c) == segment}
        rows.append(ProviderPeriodStats(dimension="segment", value=segment,
                                        stats=_stats(facts.only(members), breakdown=True), **common))
    return rows


def rollup_period(period: periods.Period) -> int:
    """Recompute and store every provider's cells for `period`, and each region's and the province's (from their
    providers' facts merged, so people are counted once); returns the number of rows written."""
    facts, people = gather(period)
    now = timezone.now()
    rows = []
    regions = defaultdict(list)
    for provider_id, region in Provider.objects.values_list("pk", "region"):
        rows += _rows_for(provider_id, facts.get(provider_id, Facts()), people, period, now)
        regions[region].append(facts.get(provider_id, Facts()))
    for region, members in regions.items():
        rows += _rows_for(None, merged(members), people, period, now, area=region)
    rows += _rows_for(None, merged([f for members in regions.values() for f in members]), people, period, now,
                      area=ProviderPeriodStats.PROVINCE)
    for attempt in range(2):
        try:
            with transaction.atomic():
                ProviderPeriodStats.objects.filter(period_kind=period.kind, period_start=period.start).delete()
                ProviderPeriodStats.objects.bulk_create(rows)
            break
        except IntegrityError:  # a concurrent rollup of the same period wrote first: replace its rows
            if attempt:
                raise
    return len(rows)


def rollup_range(first: dt.date, last: dt.date, *, kinds=KINDS) -> int:
    """Roll up every month, fiscal quarter and fiscal year overlapping [first, last]; returns rows written."""
    if first > last:
        raise ValueError("The range ends before it starts.")
    written = sum(rollup_period(period) for kind in kinds for period in periods.periods_between(first, last, kind))
    audit.record(action="kpis.rolled_up", detail={"from": first.isoformat(), "to": last.isoformat(),
                                                  "rows": written})
    return written


def rollup_nightly(today: dt.date | None = None) -> int:
    """The nightly job: every period from the start of the previous fiscal year to today."""
    today = today or timezone.localdate()
    first = periods.year_of(today).previous().start
    return rollup_range(first, today)
