"""Reads for the ministry's pages, CSV and API: rolled-up cells added up to the level asked for, with small-cell
suppression applied. Every figure a reader gets passes through `_table`, so the page, the CSV and the API agree.

Only ProviderPeriodStats and Provider are read: a fixed number of queries whatever the data size.
"""

import gc
import statistics
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Exists, F, Func, JSONField, Min, OuterRef, Q, Subquery
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from clients.models import SelfIdentification
from espportal.models import Provider, Region
from outcomes.kpis import periods, rollup, verdicts
from outcomes.kpis.definitions import BY_SLUG, KPI, KPIS, Cell
from outcomes.kpis.models import ProviderPeriodStats, SuppressionVerdicts
from outcomes.kpis.rollup import GROUPS, SEGMENTS
from outcomes.kpis.suppression import TOTAL, Shown


class UnknownScope(ValueError):
    """A region, provider, group or KPI that does not exist."""


@dataclass
class Row:
    key: str
    label: str
    figures: dict = field(default_factory=dict)  # KPI slug -> Shown
    link: str = ""  # a URL name's arguments are filled in by the view; here only the key


@dataclass
class Table:
    columns: list  # [KPI]
    rows: list  # [Row]
    total: Row | None
    as_of: object = None  # the oldest computed_at of the rollup rows read (None: not rolled up yet)

    @property
    def empty(self) -> bool:
        return self.as_of is None


def group_label(value: str) -> str:
    labels = {**dict(SelfIdentification.choices), "declined": _("Prefers not to say"),
              "not_stated": _("Not stated")}
    return str(labels.get(value, value))


def segment_label(value: str) -> str:
    return _("Segment %(n)s") % {"n": value} if value != "unknown" else _("Segment not assessed")


def regions() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in Region.choices]


def check_region(region: str | None) -> str | None:
    if region and region not in dict(Region.choices):
        raise UnknownScope(_("There is no region “%(region)s”.") % {"region": region})
    return region or None


PROVINCE = verdicts.PROVINCE


@dataclass
class Snapshot:
    """Every cell of one period at every level (provider, region, province) and breakdown, with one suppression
    verdict per KPI shared by every table that shows any of them."""

    period: periods.Period
    cells: dict  # (entity, dimension, value) -> {slug: Cell}; entity = ("provider", pk) | ("region", code) | PROVINCE
    verdicts: dict  # slug -> {(entity, dimension, value): "" | "small" | "complement"}
    as_of: object

    def shown(self, entity, dimension: str, value: str, kpi: KPI) -> Shown | None:
        key = (entity, dimension, value)
        cell = self.cells.get(key, {}).get(kpi.slug)
        if cell is None:  # not rolled up: no data; a KPI not broken down by group: not applicable (None)
            return Shown(value=None, people=0) if kpi.by_group or dimension == "all" else None
        return _shown(kpi, cell, self.verdicts[kpi.slug].get(key, ""))


def _stale(stored, providers) -> bool:
    """Whether stored SuppressionVerdicts (annotated with the year's current row count and newest computed_at)
    no longer describe the year's rollup rows or providers."""
    return (stored.rows != stored.current_rows or stored.rows_as_of != stored.current_as_of
            or stored.providers != sorted([p.pk, p.region] for p in providers))


def _year_verdicts(years, providers) -> dict:
    """{year: {(kind, start ISO): {slug: {cell key: why}}}}: the verdicts the rollup stored for each fiscal year
    (one query). A year whose verdicts are missing or stale (rows rolled up since, a provider added or moved) is
    decided again first (outcomes.kpis.rollup.decide_year), so nothing is ever shown on out-of-date verdicts."""
    year_rows = ProviderPeriodStats.objects.filter(period_start__gte=OuterRef("year_start"),
                                                   period_start__lte=OuterRef("year_end")).order_by()
    found = {row.year_start: row for row in SuppressionVerdicts.objects.filter(
        year_start__in=[year.start for year in years]).annotate(
        current_rows=Subquery(year_rows.annotate(n=Func("pk", function="COUNT")).values("n")),
        current_as_of=Subquery(year_rows.annotate(m=Func("computed_at", function="MAX")).values("m")))}
    out = {}
    for year in years:
        stored = found.get(year.start)
        if stored is None or _stale(stored, providers):
            if stored is None and not ProviderPeriodStats.objects.filter(
                    period_start__gte=year.start, period_start__lte=year.end).exists():
                out[year] = {}  # nothing rolled up: nothing to hide
                continue
            stored = rollup.decide_year(year)
        out[year] = verdicts.from_json(stored.hidden)
    return out


@contextmanager
def _cyclic_gc_paused():
    """Python's cyclic garbage collector off while the rollup rows are read. Their cells hold distributions (every
    person's days to a placement, ...) as lists of numbers: no reference cycles, but each collection that the
    reading's allocations set off walks every number read so far, so the read grew faster than the data (a tenth
    of a province: 520-1,030 ms with the collector, 75-85 ms without). Reference counting still frees memory."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# A rollup row's stats as the pages need them, on PostgreSQL: an area's row (a region's, the province's) with each
# distribution replaced by the values medians and percentiles read of it, picked by position (Cell.as_json stores
# them sorted): [lower middle, upper middle, 90th percentile (nearest rank, as definitions.percentile: the
# ceil(0.9 n)-th value, in the same double arithmetic)]. An area's distribution holds every person's figure of the
# region or the province, so reading it whole grew with the data; an area's cell is never added to another
# (verdicts.cells adds providers' cells only, for a period without area rows), so its distribution is not needed.
# Providers' rows are read whole (a period without area rows adds them up).
# The rollup stores that (ProviderPeriodStats.summary); a row stored before has it picked here from its stats.
SUMMARISED_STATS = """CASE WHEN kpis_providerperiodstats.provider_id IS NOT NULL THEN kpis_providerperiodstats.stats
WHEN kpis_providerperiodstats.summary <> '{}'::jsonb THEN kpis_providerperiodstats.summary
ELSE COALESCE((SELECT jsonb_object_agg(e.key, CASE WHEN jsonb_typeof(e.value -> 'values') = 'array'
    AND jsonb_array_length(e.value -> 'values') > 0
    THEN (e.value - 'values') || jsonb_build_object('summary', jsonb_build_array(
        e.value -> 'values' -> ((jsonb_array_length(e.value -> 'values') - 1) / 2),
        e.value -> 'values' -> (jsonb_array_length(e.value -> 'values') / 2),
        e.value -> 'values' -> (GREATEST(1, ceil(0.9::float8 * jsonb_array_length(e.value -> 'values'))::int) - 1)))
    ELSE e.value END) FROM jsonb_each(kpis_providerperiodstats.stats) e), '{}'::jsonb) END"""


def _stats_column():
    """The stats to read of each rollup row: SUMMARISED_STATS on PostgreSQL, the stored stats elsewhere."""
    if connection.vendor != "postgresql":
        return F("stats")
    return RawSQL(SUMMARISED_STATS, (), output_field=JSONField())  # noqa: S611 (a constant, no input)


def _snapshots(period_list, providers, narrow: list | None = None) -> list[Snapshot]:
    """One Snapshot per period: the rollup rows of those periods only (one query), with the suppression
    verdicts the rollup decided for their fiscal years (one query; see _year_verdicts). `narrow`: per period, a Q
    on its rows (None: every row), for a page that shows some levels only; a period without the province's row
    (rolled up before area rows existed, so its area cells are sums of its providers') is read whole.

    Suppression is decided for each whole fiscal year at once (the year, its quarters and its months, at every
    level and breakdown): a quarter is the sum of its months and the year of its quarters, so a cell hidden in
    one period must not come back by subtraction from a neighbouring period or a total."""
    region_of = {p.pk: p.region for p in providers}
    province_row = ProviderPeriodStats.objects.filter(
        period_kind=OuterRef("period_kind"), period_start=OuterRef("period_start"), provider__isnull=True,
        area=ProviderPeriodStats.PROVINCE)
    wanted = Q()
    for period, rows_of in zip(period_list, narrow or [None] * len(period_list), strict=True):
        wanted |= Q(period_kind=period.kind, period_start=period.start) & (
            Q() if rows_of is None else rows_of | ~Exists(province_row))
    stored = defaultdict(dict)  # (kind, start) -> {(entity, dimension, value): {slug: Cell}}
    as_of = {}
    rows = ProviderPeriodStats.objects.filter(wanted).annotate(read_stats=_stats_column()).values_list(
        "period_kind", "period_start", "provider_id", "area", "dimension", "value", "read_stats", "computed_at")
    with _cyclic_gc_paused():
        for kind, start, provider_id, area, dimension, value, stats, computed_at in rows:
            entity = verdicts.entity_of(provider_id, area, region_of)
            if entity is None:
                continue
            stored[(kind, start)][(entity, dimension, value)] = {slug: Cell.from_json(data)
                                                                 for slug, data in stats.items()}
            if (kind, start) not in as_of or computed_at < as_of[(kind, start)]:
                as_of[(kind, start)] = computed_at
    by_year = _year_verdicts(sorted({periods.year_of(p.start) for p in period_list}, key=lambda y: y.start),
                             providers)
    snaps = []
    for period in period_list:
        hidden = by_year[periods.year_of(period.start)].get((period.kind, period.start.isoformat()), {})
        snaps.append(Snapshot(period=period, as_of=as_of.get((period.kind, period.start)),
                              cells=verdicts.cells(stored.get((period.kind, period.start), {}), providers),
                              verdicts=defaultdict(dict, hidden)))
    return snaps


def snapshot(period: periods.Period) -> Snapshot:
    providers = list(Provider.objects.order_by("name"))
    return _snapshots([period], providers)[0]


def _table(snap: Snapshot, rows: list[tuple[str, str, tuple]], total: tuple | None, *, columns,
           total_label: str = "") -> Table:
    """A Table of rows (key, label, (entity, dimension, value)) read from one Snapshot's verdicts."""
    out_rows = []
    for key, label, cell_key in rows:
        out_rows.append(Row(key=key, label=label,
                            figures={kpi.slug: snap.shown(*cell_key, kpi) for kpi in columns}))
    out_total = None
    if total is not None:
        out_total = Row(key=TOTAL, label=total_label, figures={kpi.slug: snap.shown(*total, kpi) for kpi in columns})
    return Table(columns=list(columns), rows=out_rows, total=out_total, as_of=snap.as_of)


def _shown(kpi: KPI, cell: Cell | None, why: str) -> Shown:
    if cell is None:
        return Shown(value=None, people=0)
    if why:
        return Shown(value=None, people=0, suppressed=why)
    return Shown(value=kpi.value(cell), people=cell.people)


def province_label() -> str:
    return _("Ontario (all providers)")


def region_label(region: str) -> str:
    return str(dict(Region.choices).get(region, region))


def _columns(group: str | None) -> list:
    return [kpi for kpi in KPIS if kpi.by_group or not group]


def comparison(period: periods.Period, *, region: str | None = None, group: str | None = None,
               sort: str = "", descending: bool = True, snap: Snapshot | None = None) -> Table:
    """One row per provider (of `region`, or all) and the region's or province's total; optionally for one
    group. Sorted by the value of KPI `sort` (suppressed and empty last), else by name."""
    snap = snap or snapshot(period)
    dimension, value = ("group", group) if group else ("all", "")
    providers = [p for p in Provider.objects.order_by("name") if not region or p.region == region]
    rows = [(str(p.code), p.name, (("provider", p.pk), dimension, value)) for p in providers]
    total = (("region", region) if region else PROVINCE, dimension, value)
    table = _table(snap, rows, total, columns=_columns(group),
                   total_label=region_label(region) if region else province_label())
    if sort in BY_SLUG and sort in {k.slug for k in table.columns}:
        present = [r for r in table.rows if r.figures[sort] is not None and r.figures[sort].value is not None]
        missing = [r for r in table.rows if r not in present]
        present.sort(key=lambda r: r.figures[sort].value, reverse=descending)
        table.rows = present + missing
    return table


def by_region(period: periods.Period, *, group: str | None = None, snap: Snapshot | None = None) -> Table:
    """One row per region, and the province."""
    snap = snap or snapshot(period)
    dimension, value = ("group", group) if group else ("all", "")
    rows = [(code, label, (("region", code), dimension, value)) for code, label in regions()]
    return _table(snap, rows, (PROVINCE, dimension, value), columns=_columns(group), total_label=province_label())


def _entity(provider: Provider | None, region: str | None) -> tuple:
    if provider is not None:
        return ("provider", provider.pk)
    return ("region", region) if region else PROVINCE


def breakdown(period: periods.Period, dimension: str, *, provider: Provider | None = None,
              region: str | None = None, snap: Snapshot | None = None) -> Table:
    """One row per self-identified group (dimension "group") or segment ("segment") for the province, a region
    or a provider; the total is everyone at that level."""
    snap = snap or snapshot(period)
    entity = _entity(provider, region)
    values, label = (GROUPS, group_label) if dimension == "group" else (SEGMENTS, segment_label)
    rows = [(v, label(v), (entity, dimension, v)) for v in values]
    return _table(snap, rows, (entity, "all", ""), columns=_columns("breakdown"), total_label=_("Everyone"))


def trend_snapshots(period: periods.Period, count: int = 8, *, areas_only: bool = False) -> list[Snapshot]:
    """The Snapshots of the `count` periods ending with `period`, oldest first (one query); the last one is
    `period`'s own, so a page showing a trend and a table of the period reads both from one computation.

    `areas_only` (the provincial overview, which shows no provider): `period` is read for its regions and the
    province, the earlier periods for the province only (the trend's rows). Each cell holds its people's figures
    (the distributions behind medians), so reading every provider's rows of eight periods grew with the data; the
    area rows' distributions are read as their medians and percentiles only (SUMMARISED_STATS)."""
    trend_periods = periods.trend(period, count)
    narrow = None
    if areas_only:
        areas = Q(provider__isnull=True)
        narrow = [areas & Q(area=ProviderPeriodStats.PROVINCE)] * (len(trend_periods) - 1) + [areas]
    return _snapshots(trend_periods, list(Provider.objects.order_by("name")), narrow)


def trend(period: periods.Period, *, count: int = 8, provider: Provider | None = None,
          region: str | None = None, group: str | None = None, snaps: list | None = None) -> Table:
    """One row per period (the `count` periods ending with `period`, oldest first) at the level asked for, each
    figure as that period's own verdict shows it everywhere else. `snaps`: trend_snapshots(period, count), when
    the caller has them already."""
    snaps = snaps or trend_snapshots(period, count)
    entity = _entity(provider, region)
    dimension, value = ("group", group) if group else ("all", "")
    columns = _columns(group)
    rows = [Row(key=s.period.key, label=s.period.label,
                figures={kpi.slug: s.shown(entity, dimension, value, kpi) for kpi in columns}) for s in snaps]
    stamps = [s.as_of for s in snaps if s.as_of is not None]
    return Table(columns=columns, rows=rows, total=None, as_of=min(stamps) if stamps else None)


def provincial_medians(period: periods.Period, *, snap: Snapshot | None = None) -> dict:
    """{slug: median of the providers' (unsuppressed) values} for `period`: the manager's yardstick."""
    table = comparison(period, snap=snap)
    medians = {}
    for kpi in table.columns:
        values = [row.figures[kpi.slug].value for row in table.rows
                  if row.figures[kpi.slug] is not None and row.figures[kpi.slug].value is not None]
        medians[kpi.slug] = round(statistics.median(values), 2) if values else None
    return medians


def latest_period(kind: str = "quarter") -> periods.Period | None:
    """The latest period of `kind` that has been rolled up, or None."""
    first = ProviderPeriodStats.objects.filter(period_kind=kind).order_by("-period_start").values_list(
        "period_start", flat=True).first()
    return periods.of(first, kind) if first else None


def rolled_up_since():
    return ProviderPeriodStats.objects.aggregate(first=Min("computed_at"))["first"]


def shown_value(table: Table, row_key: str, slug: str) -> Shown:
    row = table.total if row_key == TOTAL else next(r for r in table.rows if r.key == row_key)
    return row.figures[slug]


def available_periods() -> dict:
    """{kind: [Period, newest first]} of what has been rolled up; one query."""
    found: dict = {kind: [] for kind in periods.KINDS}
    for kind, start in ProviderPeriodStats.objects.filter(dimension="all").values_list(
            "period_kind", "period_start").distinct().order_by("period_kind", "-period_start"):
        found.setdefault(kind, []).append(periods.of(start, kind))
    return found
