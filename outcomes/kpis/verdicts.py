"""The suppression verdicts of a fiscal year, decided from its rolled-up cells (pure computation, no writes).

The rollup decides them once per fiscal year when it runs (`outcomes.kpis.rollup.decide_year` stores them in
SuppressionVerdicts) and every page, CSV and API answer reads the stored verdicts: deciding a year links every
period, provider, region, group and segment (`outcomes.kpis.suppression.protect`) and costs seconds, so it never
runs per request. The rule itself is in `outcomes.kpis.suppression`.
"""

from collections import defaultdict

from espportal.models import Region
from outcomes.kpis import periods, suppression
from outcomes.kpis.definitions import KPIS, ROW_SHARES, ROW_SUMS, Cell
from outcomes.kpis.facts import GROUPS, SEGMENTS
from outcomes.kpis.models import ProviderPeriodStats

PROVINCE = ("province", "")
BREAKDOWNS = [("all", "")] + [("group", g) for g in GROUPS] + [("segment", s) for s in SEGMENTS]


def region_codes() -> list[str]:
    return [value for value, _label in Region.choices]


def family(year: periods.Period) -> list[periods.Period]:
    """A fiscal year and the quarters and months in it: the periods a reader could add up to one another."""
    return [year, *periods.periods_between(year.start, year.end, "quarter"),
            *periods.periods_between(year.start, year.end, "month")]


def entity_of(provider_id: int | None, area: str, region_of: dict):
    """The cell entity of a rollup row: ("provider", pk) | ("region", code) | PROVINCE; None for a provider
    that no longer exists."""
    if provider_id is None:
        return PROVINCE if area == ProviderPeriodStats.PROVINCE else ("region", area)
    return ("provider", provider_id) if provider_id in region_of else None


def sum_cells(many) -> dict:
    total: dict = {}
    for cells in many:
        for slug, cell in cells.items():
            total[slug] = total[slug] + cell if slug in total else cell
    return total


def cells(stored: dict, providers) -> dict:
    """Every cell of one period. Area cells come from the rollup's area rows (people counted once across
    providers); a period rolled up before those rows existed falls back to the sum of its providers' cells."""
    out = dict(stored)
    members = defaultdict(list)
    for p in providers:
        members[p.region].append(("provider", p.pk))
    for dimension, value in BREAKDOWNS:
        for code in region_codes():
            if (("region", code), dimension, value) not in stored:
                out[(("region", code), dimension, value)] = sum_cells(
                    stored.get((entity, dimension, value), {}) for entity in members[code])
        if (PROVINCE, dimension, value) not in stored:
            out[(PROVINCE, dimension, value)] = sum_cells(
                stored.get((("provider", p.pk), dimension, value), {}) for p in providers)
    return out


def equations(providers) -> list:
    """The sums linking the cells of one period: providers to their region and to the province, regions to the
    province, groups and segments to everyone, at every level."""
    codes = region_codes()
    members = defaultdict(list)
    for p in providers:
        members[p.region].append(("provider", p.pk))
    found = []
    entities = [("provider", p.pk) for p in providers] + [("region", c) for c in codes] + [PROVINCE]
    for dimension, value in BREAKDOWNS:
        for code in codes:
            found.append(((("region", code), dimension, value),
                          [(entity, dimension, value) for entity in members[code]]))
        found.append(((PROVINCE, dimension, value), [(("region", c), dimension, value) for c in codes]))
        found.append(((PROVINCE, dimension, value), [(("provider", p.pk), dimension, value) for p in providers]))
    for entity in entities:
        for dimension, values in (("segment", SEGMENTS), ("group", GROUPS)):
            found.append(((entity, "all", ""), [(entity, dimension, v) for v in values]))
    return found


def decide(year: periods.Period, rows, providers) -> dict:
    """{period: {slug: {cell key: "small" | "complement"}}} (hidden cells only) for fiscal `year`, from `rows`:
    (period_kind, period_start, provider_id, area, dimension, value, stats) of every rollup row of the year.
    Decided jointly: the equations of each period, and for every cell the year = its quarters and each quarter =
    its months (source: issue 9 §3, secondary suppression across linked tables)."""
    region_of = {p.pk: p.region for p in providers}
    stored = defaultdict(dict)
    for kind, start, provider_id, area, dimension, value, stats in rows:
        entity = entity_of(provider_id, area, region_of)
        if entity is not None:
            stored[(kind, start)][(entity, dimension, value)] = {
                slug: Cell.from_json(data) for slug, data in stats.items()}
    periods_of_year = family(year)
    all_cells = {p: cells(stored.get((p.kind, p.start), {}), providers) for p in periods_of_year}
    quarters = [p for p in periods_of_year if p.kind == "quarter"]
    months = [p for p in periods_of_year if p.kind == "month"]
    per_period = equations(providers)
    # Joint keys name a period by its key (a short string hashes faster than a Period).
    joint_equations = [((period.key, total), [(period.key, part) for part in parts])
                       for period in periods_of_year for total, parts in per_period]
    keys = sorted({key for period in periods_of_year for key in all_cells[period]}, key=str)
    for key in keys:
        joint_equations.append(((year.key, key), [(q.key, key) for q in quarters]))
        for q in quarters:
            joint_equations.append(((q.key, key), [(m.key, key) for m in months if q.contains(m.start)]))
    by_key = {period.key: period for period in periods_of_year}
    verdicts = {period: {kpi.slug: {} for kpi in KPIS} for period in periods_of_year}

    def column_of(slug: str) -> dict:
        return {(period.key, key): stats[slug] for period in periods_of_year
                for key, stats in all_cells[period].items() if slug in stats}

    def keep(slug: str, decided: dict) -> None:
        for (period_key, key), why in decided.items():
            if why:
                verdicts[by_key[period_key]][slug][key] = why

    in_rows = set()
    for total, parts in ROW_SUMS:
        in_rows.update((total, *parts))
        for slug, decided in protect_row_sum(total, parts, column_of, joint_equations).items():
            keep(slug, decided)
    shares = {share: (total, *parts) for share, total, parts in ROW_SHARES}
    links = suppression.Links(joint_equations)
    for kpi in KPIS:
        if kpi.slug in in_rows:
            continue
        column = column_of(kpi.slug)
        forced = {(period.key, key): "complement" for period in periods_of_year
                  for key in set().union(*(verdicts[period][slug] for slug in shares.get(kpi.slug, ())))
                  if (period.key, key) in column}
        if not forced and not any(suppression.is_small(cell) for cell in column.values()):
            continue  # nothing hidden in the whole year: nothing to protect
        keep(kpi.slug, suppression.protect(column, links, forced))
    return verdicts


def protect_row_sum(total: str, parts: tuple, column_of, equations: list) -> dict:
    """{slug: {(period key, cell key): why}} for the KPIs `total` and `parts` (a ROW_SUMS entry), decided
    together: every sum of each column (`equations`) and, in every row, total = the sum of its parts, so a hidden
    part can be computed back neither down a column nor across a row (source: issue 9 §3)."""
    slugs = (total, *parts)
    cells = {(slug, *key): cell for slug in slugs for key, cell in column_of(slug).items()}
    if not any(suppression.is_small(cell) for cell in cells.values()):
        return {}
    joint = [((slug, *whole), [(slug, *key) for key in keys]) for slug in slugs for whole, keys in equations]
    joint += [(key, [(part, *key[1:]) for part in parts]) for key in cells if key[0] == total]
    out: dict = {slug: {} for slug in slugs}
    for (slug, *key), why in suppression.protect(cells, joint).items():
        out[slug][tuple(key)] = why
    return out



def to_json(verdicts: dict) -> list:
    """The hidden cells as JSON rows: [period kind, period start, slug, entity kind, entity id, dimension,
    value, why]."""
    return [[period.kind, period.start.isoformat(), slug, key[0][0], key[0][1], key[1], key[2], why]
            for period, by_slug in verdicts.items() for slug, hidden in by_slug.items()
            for key, why in hidden.items()]


def from_json(data: list) -> dict:
    """{(kind, start ISO): {slug: {cell key: why}}} from to_json's rows."""
    out: dict = defaultdict(lambda: defaultdict(dict))
    for kind, start, slug, entity_kind, entity_id, dimension, value, why in data:
        out[(kind, start)][slug][((entity_kind, entity_id), dimension, value)] = why
    return out
