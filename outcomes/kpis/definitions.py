"""Every ministry KPI, defined once: the page, the CSV export and the API all read these definitions.

A KPI turns a provider's Facts for a period (outcomes.kpis.facts) into a Cell: a numerator, a denominator, the
number of people the figure is built from (for small-cell suppression) and, for medians and percentiles, the
distribution of values. Cells of several providers add up (region, province) by summing; the value is computed
from the summed cell, so a provincial rate is a true rate, not an average of rates.

Each definition carries its label, its unit and the "how is this computed" text the dashboard shows, and the same
cell twice: `compute` in Python over Facts (the rollup's path on SQLite), `sql` as aggregates over the rows of
outcomes.kpis.sql's sources (its path on PostgreSQL: the province's rollup in SQL rather than in Python over every
client); tests/kpis/test_sql_rollup.py checks that both give the same rows.
"""

import math
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from outcomes.kpis.facts import Facts

QUALITY_JOB_INDEX = 60  # a "quality job" scores 60 or more of 100 on the job-quality index (outcomes.job_quality)
RETAINED = ("employed_same", "employed_other")
SATISFIED_SCORES = (4, 5)


@dataclass
class Cell:
    """What a KPI needs to be added up and shown: `num` / `den` (counts), `people` (distinct people behind
    the figure), `values` (a distribution, for medians and percentiles)."""

    num: float = 0
    den: float = 0
    people: int = 0
    values: list = field(default_factory=list)
    # Instead of `values`, what medians and percentiles read of them, when the reader had the database pick it
    # (outcomes.kpis.selectors.SUMMARISED_STATS): (the lower middle value, the upper middle value, the 90th
    # percentile), all equal for one value; None: read `values`.
    summary: tuple | None = None

    def as_json(self) -> dict:
        """{"num", "den", "people", "values" (sorted ascending: readers pick medians and percentiles by position;
        absent when there are none)}."""
        data = {"num": self.num, "den": self.den, "people": self.people}
        if self.values:
            data["values"] = sorted(self.values)
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Cell":
        """The Cell of as_json's dict, or of one whose "values" were replaced by "summary" ([lower middle, upper
        middle, 90th percentile])."""
        values = data.get("values")
        summary = data.get("summary")
        return cls(data.get("num", 0), data.get("den", 0), data.get("people", 0), list(values) if values else [],
                   tuple(summary) if summary else None)

    def __add__(self, other: "Cell") -> "Cell":
        """The cell of both cells' facts. ValueError for a summarised cell: its distribution is not at hand."""
        if self.summary is not None or other.summary is not None:
            raise ValueError("A summarised cell cannot be added to another.")
        return Cell(self.num + other.num, self.den + other.den, self.people + other.people,
                    self.values + other.values)


def median(values: list) -> float | None:
    return float(statistics.median(values)) if values else None


def percentile(values: list, share: float) -> float | None:
    """Nearest-rank percentile: the smallest value at or above `share` of the values (p90: share=0.9)."""
    if not values:
        return None
    ordered = sorted(values)
    return float(ordered[max(0, math.ceil(share * len(ordered)) - 1)])


def summary_of(values: list) -> list:
    """[lower middle, upper middle, 90th percentile (nearest rank)] of sorted `values` (not empty): what
    medians and percentiles read of a distribution (Cell.summary)."""
    n = len(values)
    return [values[(n - 1) // 2], values[n // 2], values[max(0, math.ceil(0.9 * n) - 1)]]


def summarised(stats: dict) -> dict:
    """A rollup row's stats ({slug: Cell.as_json()}) with each distribution's "values" replaced by "summary"
    (summary_of): what an area's row is read as (ProviderPeriodStats.summary)."""
    out = {}
    for slug, data in stats.items():
        data = dict(data)
        values = data.pop("values", None)
        if values:
            data["summary"] = summary_of(sorted(values))
        out[slug] = data
    return out


def _median_of(cell: Cell) -> float | None:
    if cell.summary is None:
        return median(cell.values)
    lower, upper, _p90 = cell.summary
    return float((lower + upper) / 2)  # statistics.median's arithmetic (lower == upper for an odd count)


def _p90_of(cell: Cell) -> float | None:
    return percentile(cell.values, 0.9) if cell.summary is None else float(cell.summary[2])


UNITS = {
    "count": lambda c: c.num,
    "percent": lambda c: round(100 * c.num / c.den, 1) if c.den else None,
    "ratio": lambda c: round(c.num / c.den, 2) if c.den else None,
    "mean": lambda c: round(c.num / c.den, 1) if c.den else None,
    "median_days": _median_of,
    "p90_days": _p90_of,
}
UNIT_LABELS = {"count": _("people or events"), "percent": _("%"), "ratio": _("per person"), "mean": _("points"),
               "median_days": _("days"), "p90_days": _("days")}


# A KPI's SQL: parts aggregated over one cell's rows of a source of outcomes.kpis.sql (a provider's, region's or the
# province's rows; everyone, a group or a segment), in two steps so that the database hashes rather than sorts:
# first per person (a row without a client is a person of its own, as in _people below), then per cell.
# `where` is SQL over the source's columns (one row); `whose` over the person's: `segment`, the client's segment
# in the period ("1".."3" or "unknown").


@dataclass(frozen=True)
class Rows:
    """The number of rows meeting `where` of people meeting `whose`. For a source about people (one row per
    provider and person, outcomes.kpis.sql.Source.distinct), a person counts once however many providers list them."""

    where: str = "true"
    whose: str = "true"

    def per_person(self) -> str:
        """SQL over one person's rows at one provider."""
        return f"COUNT(*) FILTER (WHERE {self.where})"

    def per_row(self) -> str:
        """per_person where the person has one row (a source about people)."""
        return f"CASE WHEN {self.where} THEN 1 ELSE 0 END"

    def per_cell(self, column: str) -> str:
        return f"COALESCE(SUM({column}) FILTER (WHERE {self.whose}), 0)::bigint"


@dataclass(frozen=True)
class Total:
    """The sum of a source's integer `column` over the rows (for a source about people: once per person)."""

    column: str

    def per_person(self) -> str:
        return f"SUM({self.column})"

    def per_row(self) -> str:
        return self.column

    def per_cell(self, column: str) -> str:
        return f"COALESCE(SUM({column}), 0)::bigint"


@dataclass(frozen=True)
class People:
    """The distinct people with a row meeting `where`, of those meeting `whose` (_people's count)."""

    where: str = "true"
    whose: str = "true"

    def per_person(self) -> str:
        return f"COUNT(*) FILTER (WHERE {self.where})"

    def per_row(self) -> str:
        return f"CASE WHEN {self.where} THEN 1 ELSE 0 END"

    def per_cell(self, column: str) -> str:
        return f"COUNT(*) FILTER (WHERE {column} > 0 AND {self.whose})"


@dataclass(frozen=True)
class Sql:
    """A KPI's Cell as SQL over the rows of one of outcomes.kpis.sql.SOURCES (`source`): `num`, `den` and `people`
    are Rows, Total or People of those rows, or (source, part) to read another source's rows of the same cell (None:
    0); `values` names the integer column whose distribution medians and percentiles read."""

    source: str
    num: object
    den: object = None
    people: object = People()
    values: str | None = None

    def _parts(self) -> dict:
        parts = {"num": self.num, "den": self.den, "people": self.people}
        return {name: part if isinstance(part, tuple) else (self.source, part)
                for name, part in parts.items() if part is not None}

    def parts(self) -> list:
        """[(source, part)] the database computes for this KPI (besides its values)."""
        return list(self._parts().values())

    def cell(self, results: dict) -> "Cell":
        """The Cell from {(source, part or "values"): result} of one cell (a missing result: no rows, 0)."""
        got = {name: results.get(part) or 0 for name, part in self._parts().items()}
        values = results.get((self.source, "values", self.values)) if self.values else None
        return Cell(num=got.get("num", 0), den=got.get("den", 0), people=got.get("people", 0),
                    values=list(values or []))


def _sql_count(source: str, condition: str = "true") -> Sql:
    """_count's SQL: the rows (meeting `condition`) and the people behind them."""
    return Sql(source, num=Rows(condition), people=People(condition))


def _sql_share(source: str, hit: str, among: str = "true") -> Sql:
    """_share's SQL: rows meeting `hit` of the rows (meeting `among`), and the people behind the latter."""
    return Sql(source, num=Rows(f"({among}) AND ({hit})"), den=Rows(among), people=People(among))


def _sql_distribution(source: str) -> Sql:
    """_distribution's SQL over a source with a `days` column."""
    return Sql(source, num=Total("days"), den=Rows(), values="days")


def _sql_people(source: str, condition: str = "true") -> Sql:
    """_people_count's SQL: the distinct people behind the rows (meeting `condition`), as a count."""
    return Sql(source, num=People(condition), people=People(condition))


def _quoted(values) -> str:
    """A SQL list of literal values (strings quoted; they are this module's constants, never input)."""
    return ", ".join(f"'{value}'" if isinstance(value, str) else str(value) for value in values)


KNOWN_SEGMENT = "segment <> 'unknown'"


def _sql_segment_3(source: str) -> Sql:
    """_segment_3's SQL: rows of people in segment 3 of the rows of people with a known segment."""
    return Sql(source, num=Rows(whose=f"{KNOWN_SEGMENT} AND segment = '3'"), den=Rows(whose=KNOWN_SEGMENT),
               people=People(whose=KNOWN_SEGMENT))


@dataclass(frozen=True)
class KPI:
    slug: str
    label: str
    unit: str  # a key of UNITS
    how: str  # the "how is this computed" text: definition, numerator / denominator, source
    compute: Callable[[Facts], Cell]
    sql: Sql
    by_group: bool = True  # False where a breakdown by person makes no sense (counsellors are not in a group)
    higher_is_better: bool | None = True

    def value(self, cell: Cell | None):
        """The figure shown for `cell` (None when there is nothing to compute it from)."""
        return None if cell is None else UNITS[self.unit](cell)


def _people(rows) -> int:
    """Distinct people behind rows of (client or None, ...); a row without a client is one person."""
    return len({row[0] for row in rows if row[0] is not None}) + sum(1 for row in rows if row[0] is None)


def _people_count(rows) -> Cell:
    """The distinct people behind rows of (client, ...), as a count."""
    people = _people(rows)
    return Cell(num=people, den=0, people=people)


def _count(rows) -> Cell:
    return Cell(num=len(rows), den=0, people=_people(rows))


def _share(rows, hit) -> Cell:
    return Cell(num=sum(1 for row in rows if hit(row)), den=len(rows), people=_people(rows))


def _distribution(rows) -> Cell:
    return Cell(num=sum(row[1] for row in rows), den=len(rows), people=_people(rows), values=[row[1] for row in rows])


def _retention(months: int, statuses) -> Callable[[Facts], Cell]:
    def compute(f: Facts) -> Cell:
        return _share([row for row in f.checks if row[1] == months], lambda row: row[2] in statuses)
    return compute


def _segment_3(rows, f: Facts) -> Cell:
    known = [row for row in rows if f.segments.get(row[0], "unknown") != "unknown"]
    return _share(known, lambda row: f.segments.get(row[0]) == "3")


def _served_rows(f: Facts) -> list:
    return [(client,) for client in f.served]


KPIS = [
    KPI("clients_served", _("Clients served"), "count",
        _("People with a case at the provider open at any time during the period. Source: case files."),
        lambda f: _count(_served_rows(f)), sql=_sql_people("served"), higher_is_better=None),
    KPI("clients_registered", _("Newly registered clients"), "count",
        _("Clients served whose registration date falls in the period. Source: client records."),
        lambda f: _count([(c,) for c in f.registered]), sql=_sql_people("served", "registered"),
        higher_is_better=None),
    KPI("first_meeting_days_median", _("Days to first meeting (median)"), "median_days",
        _("Median number of days from registration to the first one-to-one meeting, for first meetings held in "
          "the period. Source: client records."),
        lambda f: _distribution(f.first_meeting_days), sql=_sql_distribution("first_meetings"),
        higher_is_better=False),
    KPI("first_meeting_days_p90", _("Days to first meeting (90th percentile)"), "p90_days",
        _("Nine in ten first meetings held in the period came at most this many days after registration "
          "(nearest-rank 90th percentile). Source: client records."),
        lambda f: _distribution(f.first_meeting_days), sql=_sql_distribution("first_meetings"),
        higher_is_better=False),
    KPI("placements", _("Placements"), "count",
        _("Verified placements whose job started in the period. Source: placements."),
        lambda f: _count(f.placements), sql=_sql_count("placements")),
    KPI("placements_direct", _("Placements: direct"), "count",
        _("Placements attributed direct: the provider's lead, pipeline or employer activity led to the hire, "
          "computed from the record before the start date. Source: placements."),
        lambda f: _count([p for p in f.placements if p[1] == "direct"]),
        sql=_sql_count("placements", "attribution = 'direct'")),
    KPI("placements_assisted", _("Placements: assisted"), "count",
        _("Placements attributed assisted: the provider's completed resume, interview, training or mentoring "
          "services prepared the hire. Source: placements."),
        lambda f: _count([p for p in f.placements if p[1] == "assisted"]),
        sql=_sql_count("placements", "attribution = 'assisted'")),
    KPI("placements_self_found", _("Placements: self-found"), "count",
        _("Placements with no record of the provider's help by the start date. Source: placements."),
        lambda f: _count([p for p in f.placements if p[1] == "self_found"]),
        sql=_sql_count("placements", "attribution = 'self_found'"), higher_is_better=None),
    KPI("helped_share", _("Direct and assisted share"), "percent",
        _("Direct plus assisted placements, divided by all placements starting in the period."),
        lambda f: _share(f.placements, lambda p: p[1] in ("direct", "assisted")),
        sql=_sql_share("placements", "attribution IN ('direct', 'assisted')")),
    KPI("quality_job_rate", _("Quality-job rate"), "percent",
        _("Placements scoring 60 or more of 100 on the job-quality index (permanence, full time, pay, goal "
          "alignment, no underemployment, benefits), divided by all placements starting in the period."),
        lambda f: _share(f.placements, lambda p: p[2] >= QUALITY_JOB_INDEX),
        sql=_sql_share("placements", f"quality_index >= {QUALITY_JOB_INDEX}")),
    KPI("quality_index_mean", _("Job-quality index (mean)"), "mean",
        _("Average job-quality index (0 to 100) of placements starting in the period."),
        lambda f: Cell(num=sum(p[2] for p in f.placements), den=len(f.placements), people=_people(f.placements)),
        sql=Sql("placements", num=Total("quality_index"), den=Rows())),
    KPI("goal_aligned_rate", _("Goal-aligned rate"), "percent",
        _("Placements in the NOC unit or minor group of one of the client's occupational goals, divided by all "
          "placements starting in the period."),
        lambda f: _share(f.placements, lambda p: p[3]), sql=_sql_share("placements", "aligned")),
    KPI("underemployment_rate", _("Underemployment rate"), "percent",
        _("Placements whose TEER is two or more levels below the client's qualification, divided by all "
          "placements starting in the period."),
        lambda f: _share(f.placements, lambda p: p[4]), sql=_sql_share("placements", "underemployed"),
        higher_is_better=False),
    *[KPI(f"retention_{m}", label, "percent",
          _("Retention checks at this milestone due in the period where the client was employed (same or other "
            "employer), divided by all checks due in the period. Unreachable clients and checks not answered "
            "count as not retained. Source: retention checks."),
          _retention(m, RETAINED),
          sql=_sql_share("checks", f"status IN ({_quoted(RETAINED)})", among=f"milestone_months = {m}"))
      for m, label in ((3, _("Retention at 3 months")), (6, _("Retention at 6 months")),
                       (12, _("Retention at 12 months")))],
    *[KPI(f"retention_{m}_unreachable", label, "percent",
          _("Retention checks at this milestone due in the period closed as unreachable, divided by all checks "
            "due in the period (they count as not retained)."),
          _retention(m, ("unreachable",)),
          sql=_sql_share("checks", "status = 'unreachable'", among=f"milestone_months = {m}"), higher_is_better=False)
      for m, label in ((3, _("Unreachable at 3 months")), (6, _("Unreachable at 6 months")),
                       (12, _("Unreachable at 12 months")))],
    KPI("counsellor_changes", _("Counsellor changes per client"), "ratio",
        _("Counsellor reassignments made in the period (not the first assignment), divided by clients served. "
          "Source: case assignments."),
        lambda f: Cell(num=len(f.counsellor_changes), den=len(f.served), people=len(f.served)),
        sql=Sql("counsellor_changes", num=Rows(), den=("served", People()), people=("served", People())),
        higher_is_better=False),
    KPI("caseload_per_counsellor", _("Caseload per counsellor"), "ratio",
        _("Clients served, divided by the counsellors who held at least one case at the provider in the "
          "period. Not broken down by group."),
        lambda f: Cell(num=len(f.served), den=f.counsellors, people=len(f.served)),
        sql=Sql("served", num=People(), den=("counsellors", None)),  # outcomes.kpis.sql.COUNSELLORS
        by_group=False, higher_is_better=None),
    KPI("transfer_days_median", _("Transfer completion (median days)"), "median_days",
        _("Median days from a transfer request to its completion, for transfers out of the provider completed "
          "in the period. Source: transfers."),
        lambda f: _distribution(f.transfer_days), sql=_sql_distribution("transfers"), higher_is_better=False),
    KPI("referrals_completed", _("Referrals completed"), "count",
        _("Specialist referrals made by the provider and completed in the period. Source: referrals."),
        lambda f: _count(f.referrals_completed), sql=_sql_count("referrals_completed")),
    KPI("satisfaction_rate", _("Satisfaction"), "percent",
        _("Survey answers in the period scoring 4 or 5 of 5, divided by all survey answers in the period "
          "(job seekers and employers). Source: surveys."),
        lambda f: _share(f.surveys_answered, lambda s: s[1] in SATISFIED_SCORES),
        sql=_sql_share("surveys_answered", f"score IN ({_quoted(SATISFIED_SCORES)})")),
    KPI("survey_response_rate", _("Survey response rate"), "percent",
        _("Surveys sent in the period that were answered, divided by surveys sent in the period."),
        lambda f: _share(f.surveys_sent, lambda s: s[1]), sql=_sql_share("surveys_sent", "answered")),
    KPI("complaints_received", _("Complaints received"), "count",
        _("Complaints about the provider received in the period. Source: complaints."),
        lambda f: _count(f.complaints), sql=_sql_count("complaints"), higher_is_better=False),
    KPI("complaint_days_median", _("Complaint resolution (median days)"), "median_days",
        _("Median days from receipt to resolution, for complaints about the provider resolved in the period."),
        lambda f: _distribution(f.complaint_days), sql=_sql_distribution("complaint_days"),
        higher_is_better=False),
    KPI("segment3_served_share", _("Segment 3 share of clients served"), "percent",
        _("Clients served who were assessed in segment 3 (the most support needed), divided by clients served "
          "with a known segment. Compare with the placement share to see creaming."),
        lambda f: _segment_3(_served_rows(f), f), sql=_sql_segment_3("served"),
        by_group=True, higher_is_better=None),
    KPI("segment3_placement_share", _("Segment 3 share of placements"), "percent",
        _("Placements of clients assessed in segment 3, divided by placements of clients with a known segment. "
          "Well below the served share means the provider places mostly the easiest to serve (creaming)."),
        lambda f: _segment_3(f.placements, f), sql=_sql_segment_3("placements")),
    KPI("parked_clients", _("Clients parked (no contact for 60 days)"), "count",
        _("People with an open case at the end of the period with no contact or meeting note and no attended "
          "appointment in the 60 days before it; a person parked at two providers counts once in their region "
          "and the province. Source: case notes and appointments."),
        lambda f: _people_count([row for row in f.open_cases if row[1]]), sql=_sql_people("served", "parked"),
        higher_is_better=False),
]
BY_SLUG = {kpi.slug: kpi for kpi in KPIS}
# The handful the overview charts and the comparison's narrow view lead with.
HEADLINE = ("clients_served", "placements", "helped_share", "quality_job_rate", "retention_6", "satisfaction_rate")
# Counts shown side by side in one row that add up to another count in it (total, parts): a lone hidden part
# would come back as the total minus the others (source: issue 9 §3, complementary suppression within a row).
ROW_SUMS = (("placements", ("placements_direct", "placements_assisted", "placements_self_found")),)
# Shares whose numerator and complement are counts of one ROW_SUMS (share, total, parts): shown beside the total,
# a share gives any hidden part back (share x total), so it is hidden whenever the total or a part is.
ROW_SHARES = (("helped_share", "placements", ("placements_direct", "placements_assisted",
                                              "placements_self_found")),)
