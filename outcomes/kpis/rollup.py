"""The nightly rollup: compute every KPI cell of every provider for a period and store it (ProviderPeriodStats).

A period is recomputed from the raw rows as a whole and its stored rows are replaced in one transaction, so the
rollup gives the same rows when run twice, in any order, and picks up late corrections (a placement recorded
today for last month) the next time that period is rolled up. The nightly job rolls up every period from the
start of the previous fiscal year, which covers the corrections that happen in practice; `manage.py kpi_rollup
--from --to` recomputes any range.
"""

import datetime as dt
from collections import defaultdict

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Max
from django.utils import timezone

from espportal import audit
from espportal.models import Provider
from outcomes.kpis import periods, sql, verdicts
from outcomes.kpis.definitions import KPIS, Cell, summarised
from outcomes.kpis.facts import GROUPS, SEGMENTS, Facts, gather, merged
from outcomes.kpis.models import ProviderPeriodStats, SuppressionVerdicts

KINDS = ("month", "quarter", "year")


def _stats(facts: Facts, *, breakdown: bool) -> dict:
    return {kpi.slug: kpi.compute(facts).as_json() for kpi in KPIS if kpi.by_group or not breakdown}


def _members(people: dict) -> tuple[dict, dict]:
    """({group: client ids}, {segment: client ids}) of the period's people, made once per period so each cell's
    members are a set intersection, not a pass over every client for each of the cells."""
    groups = {group: set() for group in GROUPS}
    segments = {segment: set() for segment in SEGMENTS}
    for client, person in people.items():
        for group in person.get("groups", ()):
            if group in groups:
                groups[group].add(client)
        if person.get("segment") in segments:
            segments[person["segment"]].add(client)
    return groups, segments


def _rows_for(provider_id: int | None, facts: Facts, members: tuple, period: periods.Period, now, *,
              area: str = "") -> list:
    common = {"provider_id": provider_id, "area": area, "period_kind": period.kind, "period_start": period.start,
              "period_end": period.end, "computed_at": now}
    rows = [ProviderPeriodStats(dimension="all", value="", stats=_stats(facts, breakdown=False), **common)]
    clients = facts.segments.keys()
    by_group, by_segment = members
    for group in GROUPS:
        rows.append(ProviderPeriodStats(dimension="group", value=group,
                                        stats=_stats(facts.only(clients & by_group[group]), breakdown=True),
                                        **common))
    for segment in SEGMENTS:
        # facts.segments holds each client's segment from the same people, so this is the clients of the segment
        rows.append(ProviderPeriodStats(dimension="segment", value=segment,
                                        stats=_stats(facts.only(clients & by_segment[segment]), breakdown=True),
                                        **common))
    return rows


def _rows_in_python(period: periods.Period, now) -> list:
    """The period's rows computed in Python from its Facts (KPI.compute): the path where the database is not
    PostgreSQL (SQLite for `make run`)."""
    facts, people = gather(period)
    cells = _members(people)
    rows = []
    regions = defaultdict(list)
    for provider_id, region in Provider.objects.values_list("pk", "region"):
        rows += _rows_for(provider_id, facts.get(provider_id, Facts()), cells, period, now)
        regions[region].append(facts.get(provider_id, Facts()))
    for region, members in regions.items():
        rows += _rows_for(None, merged(members), cells, period, now, area=region)
    rows += _rows_for(None, merged([f for members in regions.values() for f in members]), cells, period, now,
                      area=ProviderPeriodStats.PROVINCE)
    return rows


def _rows_in_sql(period: periods.Period, now) -> list:
    """The same rows as _rows_in_python, their cells aggregated by PostgreSQL (outcomes.kpis.sql, KPI.sql):
    about 30 queries and no Python loop over clients or facts (a full-province month in seconds, not minutes)."""
    found = sql.cells(period, KPIS)
    empty = {kpi.slug: Cell() for kpi in KPIS}
    breakdowns = [("all", ""), *[("group", group) for group in GROUPS], *[("segment", s) for s in SEGMENTS]]

    def rows_for(level: str, provider_id: int | None, area: str = "") -> list:
        common = {"provider_id": provider_id, "area": area, "period_kind": period.kind,
                  "period_start": period.start, "period_end": period.end, "computed_at": now}
        rows = []
        for dimension, value in breakdowns:
            cell = found.get((level, dimension, value), empty)
            stats = {kpi.slug: cell[kpi.slug].as_json() for kpi in KPIS if kpi.by_group or dimension == "all"}
            rows.append(ProviderPeriodStats(dimension=dimension, value=value, stats=stats, **common))
        return rows

    rows = []
    regions = []
    for provider_id, region in Provider.objects.values_list("pk", "region"):
        rows += rows_for(f"p{provider_id}", provider_id)
        if region not in regions:
            regions.append(region)
    for region in regions:
        rows += rows_for(f"r{region}", None, area=region)
    return rows + rows_for(sql.PROVINCE, None, area=ProviderPeriodStats.PROVINCE)


def rollup_period(period: periods.Period, *, decide: bool = True) -> int:
    """Recompute and store every provider's cells for `period`, and each region's and the province's (from their
    providers' facts merged, so people are counted once); returns the number of rows written. `decide`: decide
    the suppression verdicts of the period's fiscal year afterwards (decide_year); rollup_range decides each
    year once after all its periods instead."""
    now = timezone.now()
    rows = _rows_in_sql(period, now) if connection.vendor == "postgresql" else _rows_in_python(period, now)
    for row in rows:
        if row.provider_id is None:
            row.summary = summarised(row.stats)
    for attempt in range(2):
        try:
            with transaction.atomic():
                ProviderPeriodStats.objects.filter(period_kind=period.kind, period_start=period.start).delete()
                ProviderPeriodStats.objects.bulk_create(rows)
            break
        except IntegrityError:  # a concurrent rollup of the same period wrote first: replace its rows
            if attempt:
                raise
    if decide:
        decide_year(periods.year_of(period.start))
    return len(rows)


def decide_year(year: periods.Period) -> SuppressionVerdicts:
    """Decide and store the small-cell suppression verdicts of fiscal `year` from its rollup rows (replacing any
    stored before); returns the stored row. Seconds of CPU for a year: run by the rollup, and by a reader only
    when the stored verdicts are missing or stale (see SuppressionVerdicts)."""
    providers = list(Provider.objects.order_by("name"))
    year_rows = ProviderPeriodStats.objects.filter(period_start__gte=year.start, period_start__lte=year.end)
    with transaction.atomic():
        seen = year_rows.aggregate(rows=Count("pk"), latest=Max("computed_at"))
        rows = year_rows.values_list("period_kind", "period_start", "provider_id", "area", "dimension", "value",
                                     "stats")
        hidden = verdicts.to_json(verdicts.decide(year, rows, providers))
        stored, _created = SuppressionVerdicts.objects.update_or_create(
            year_start=year.start,
            defaults={"year_end": year.end, "hidden": hidden, "rows": seen["rows"], "rows_as_of": seen["latest"],
                      "providers": sorted([p.pk, p.region] for p in providers), "computed_at": timezone.now()})
    return stored


def rollup_range(first: dt.date, last: dt.date, *, kinds=KINDS) -> int:
    """Roll up every month, fiscal quarter and fiscal year overlapping [first, last]; returns rows written."""
    if first > last:
        raise ValueError("The range ends before it starts.")
    written = 0
    years = set()
    for kind in kinds:
        for period in periods.periods_between(first, last, kind):
            written += rollup_period(period, decide=False)
            years.add(periods.year_of(period.start))
    for year in sorted(years, key=lambda year: year.start):
        decide_year(year)
    audit.record(action="kpis.rolled_up", detail={"from": first.isoformat(), "to": last.isoformat(),
                                                  "rows": written})
    return written


def rollup_nightly(today: dt.date | None = None) -> int:
    """The nightly job: every period from the start of the previous fiscal year to today."""
    today = today or timezone.localdate()
    first = periods.year_of(today).previous().start
    return rollup_range(first, today)
