"""The KPI cells of one period computed by PostgreSQL: the rollup's path there (outcomes.kpis.rollup).

The same facts as outcomes.kpis.facts.gather, read as SQL "sources" (one per kind of fact: rows of provider_id,
client_id and the columns the KPIs aggregate), and every cell of every provider, region and the province, for
everyone and for each group and segment, aggregated by the database with the expressions the KPI definitions carry
(definitions.KPI.sql). Python only assembles the Cells: no loop over clients or fact rows.

How the cells are made, per source: its rows are taken once per level they count at (their provider "p<id>", the
provider's region "r<code>", the province "*") and aggregated per level and person (a row without a client being
a person of its own), so a person served by two providers is one person in their region and the province, as
facts.merged does; then per level and kind of person: the person's segment on the period's last day and their
self-identified groups (a temporary table of the period's people, kpi_people). Python adds the kinds of person up
into the cells (everyone; each segment; each group, a person being in each of theirs): a few hundred rows per
source, where joining each person to each of their cells in SQL would multiply the rows by four. A row without a
client is in the "everyone" cell only. Sources whose rows are about a person rather than an event ("distinct":
the clients served, the first meetings) count a person once per level however many providers list them.

Identical rows to the Python path on the same data: tests/kpis/test_sql_rollup.py compares them on PostgreSQL.
"""

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction

from caseload.models import Appointment, Assignment, Referral, Transfer
from caseload.selectors import CONTACT_KINDS
from outcomes.kpis.facts import (
    GROUPS,
    PARKED_AFTER_DAYS,
    UNKNOWN_SEGMENT,
    _bounds,
    _counsellor_counts,
    recorded_groups,
)
from outcomes.kpis.periods import Period

EVERYONE = ("all", "")
PROVINCE = "*"


def _local_days(later: str, earlier: str) -> str:
    """SQL for facts._days: whole days between two timestamps' local dates (America/Toronto), never negative."""
    tz = "%(tz)s"
    return f"GREATEST(0, ({later} AT TIME ZONE {tz})::date - ({earlier} AT TIME ZONE {tz})::date)"


def _truthy(json_value: str) -> str:
    """SQL for Python's bool() of a JSON value (missing, null, false, 0, "", [] and {} are false)."""
    return (f"COALESCE({json_value} NOT IN ('null'::jsonb, 'false'::jsonb, '0'::jsonb, '\"\"'::jsonb, "
            f"'[]'::jsonb, '{{}}'::jsonb), false)")


@dataclass(frozen=True)
class Source:
    """One kind of fact: `query` selects provider_id, client_id (NULL for an employer's survey or a complaint
    filed without a client) and `columns`; `distinct`: about people, not events: one row per provider and client
    (the query's own GROUP BY or DISTINCT), and a person listed by two providers counts once above them."""

    query: str
    columns: tuple = ()
    distinct: bool = False


_SERVED_CASES = """FROM caseload_casefile cf JOIN clients_client cl ON cl.id = cf.client_id
    WHERE (cf.closed_at IS NULL OR cf.closed_at >= %(start)s) AND cf.opened_at < %(end)s"""

SOURCES = {
    # facts.Facts.served and .registered, and .open_cases: whether the person has a case open at the period's end
    # that is parked (facts._open_cases_at: no contact note and no attended appointment in the 60 days before the
    # end, and the case opened before them: the same test as its last contact < the line). The open cases at the
    # end are among the cases served, so one source.
    "served": Source(f"""SELECT cf.provider_id, cf.client_id,
        bool_or(cl.registered_at >= %(start)s AND cl.registered_at < %(end)s) AS registered,
        bool_or((cf.closed_at IS NULL OR cf.closed_at >= %(end)s) AND cf.opened_at < %(line)s
         AND NOT EXISTS (SELECT 1 FROM caseload_casenote n WHERE n.client_id = cf.client_id
                         AND n.kind = ANY(%(contact_kinds)s) AND n.created_at >= %(line)s AND n.created_at < %(end)s)
         AND NOT EXISTS (SELECT 1 FROM caseload_appointment ap WHERE ap.client_id = cf.client_id
                         AND ap.status = %(attended)s AND ap.starts_at >= %(line)s AND ap.starts_at < %(end)s)
        ) AS parked {_SERVED_CASES} GROUP BY cf.provider_id, cf.client_id""", ("registered", "parked"), distinct=True),
    # .first_meeting_days (a person's first meeting counts once in a region and the province)
    "first_meetings": Source(f"""SELECT DISTINCT cf.provider_id, cf.client_id,
        {_local_days("cl.first_meeting_at", "cl.registered_at")} AS days {_SERVED_CASES}
        AND cl.first_meeting_at >= %(start)s AND cl.first_meeting_at < %(end)s""", ("days",), distinct=True),
    "placements": Source(f"""SELECT provider_id, client_id, attribution, quality_index,
        {_truthy("quality_parts -> 'goal_aligned' -> 'met'")} AS aligned,
        {_truthy("quality_parts -> 'teer_fit' -> 'underemployment'")} AS underemployed
        FROM outcomes_placement WHERE start_date >= %(first_day)s AND start_date <= %(last_day)s""",
                         ("attribution", "quality_index", "aligned", "underemployed")),
    "checks": Source("""SELECT p.provider_id, rc.client_id, rc.milestone_months, rc.status
        FROM outcomes_retentioncheck rc JOIN outcomes_placement p ON p.id = rc.placement_id
        WHERE rc.due_on >= %(first_day)s AND rc.due_on <= %(last_day)s""", ("milestone_months", "status")),
    "counsellor_changes": Source("""SELECT cf.provider_id, cf.client_id
        FROM caseload_assignment a JOIN caseload_casefile cf ON cf.id = a.case_id
        WHERE a.role = %(counsellor)s AND a.started_at >= %(start)s AND a.started_at < %(end)s
        AND a.reason <> %(intake)s"""),
    "transfers": Source(f"""SELECT from_provider_id AS provider_id, client_id,
        {_local_days("completed_at", "requested_at")} AS days FROM caseload_transfer
        WHERE status = %(transfer_completed)s AND completed_at >= %(start)s AND completed_at < %(end)s""",
                        ("days",)),
    "referrals_completed": Source("""SELECT from_provider_id AS provider_id, client_id FROM caseload_referral
        WHERE status = %(referral_completed)s AND closed_at >= %(start)s AND closed_at < %(end)s"""),
    "surveys_sent": Source("""SELECT provider_id, client_id, answered_at IS NOT NULL AS answered FROM quality_survey
        WHERE sent_at >= %(start)s AND sent_at < %(end)s""", ("answered",)),
    "surveys_answered": Source("""SELECT provider_id, client_id, score FROM quality_survey
        WHERE answered_at >= %(start)s AND answered_at < %(end)s AND score IS NOT NULL""", ("score",)),
    "complaints": Source("""SELECT provider_id, client_id FROM quality_complaint
        WHERE provider_id IS NOT NULL AND received_at >= %(start)s AND received_at < %(end)s"""),
    "complaint_days": Source(f"""SELECT provider_id, client_id, {_local_days("resolved_at", "received_at")} AS days
        FROM quality_complaint
        WHERE provider_id IS NOT NULL AND resolved_at >= %(start)s AND resolved_at < %(end)s""", ("days",)),
}
# Counsellors are not people served: a provider's distinct counsellors, added up over a region's providers as
# facts.merged does; everyone's cell only (caseload_per_counsellor is not broken down).
COUNSELLORS = "counsellors"

# The period's people: each client in a fact, with their segment on the period's last day (clients.selectors.
# segments_on: the latest assessment made by then, its override when made by then; the client's stored segment
# when never assessed) and what their record says of their groups (facts.recorded_groups reads it, in Python, once
# per kind of person).
_PEOPLE = """
CREATE TEMPORARY TABLE kpi_people ON COMMIT DROP AS
WITH people AS MATERIALIZED (SELECT DISTINCT client_id FROM kpi_clients WHERE client_id IS NOT NULL),
latest AS (
    SELECT DISTINCT ON (a.client_id) a.client_id,
           CASE WHEN a.override_segment IS NOT NULL AND a.override_segment <> 0 AND a.overridden_at < %(end)s
                THEN a.override_segment ELSE a.computed_segment END AS segment
    FROM clients_assessment a JOIN people ON people.client_id = a.client_id
    WHERE a.assessed_at < %(end)s
    ORDER BY a.client_id, a.assessed_at DESC, a.id DESC
),
assessed AS (SELECT DISTINCT a.client_id FROM clients_assessment a JOIN people ON people.client_id = a.client_id),
person AS (
    SELECT cl.id AS client_id, cl.self_identification AS recorded, cl.self_identification_declined AS declined,
           CASE WHEN assessed.client_id IS NOT NULL THEN latest.segment ELSE cl.segment END AS segment
    FROM people JOIN clients_client cl ON cl.id = people.client_id
    LEFT JOIN assessed ON assessed.client_id = cl.id
    LEFT JOIN latest ON latest.client_id = cl.id
)
SELECT client_id, recorded, declined,
       CASE WHEN segment IS NULL OR segment = 0 THEN %(unknown)s ELSE segment::text END AS segment
FROM person
"""


def _params(period: Period) -> dict:
    start, end = _bounds(period)
    return {
        "start": start, "end": end, "first_day": period.start, "last_day": period.end,
        "line": end - dt.timedelta(days=PARKED_AFTER_DAYS), "tz": settings.TIME_ZONE,
        "counsellor": Assignment.Role.COUNSELLOR, "intake": Assignment.Reason.INTAKE,
        "transfer_completed": Transfer.Status.COMPLETED, "referral_completed": Referral.Status.COMPLETED,
        "attended": Appointment.Status.ATTENDED, "contact_kinds": [str(kind) for kind in CONTACT_KINDS],
        "groups": list(GROUPS), "unknown": UNKNOWN_SEGMENT,
    }


_LEVELS = f"""SELECT x.level, s.* FROM kpi_{{name}} s JOIN espportal_provider p ON p.id = s.provider_id
    CROSS JOIN LATERAL (VALUES ('p' || s.provider_id::text), ('r' || p.region), ('{PROVINCE}')) x(level)"""


# A person's kind: segment ("unknown" for a row without a client), whether the row has a client, and the record of
# their groups (what facts.recorded_groups reads).
_KIND = "segment, somebody, recorded, declined"


@dataclass(frozen=True)
class _Values:
    """The distribution of a source about people's integer `column`, once per person: a part like
    definitions.Rows, Total and People."""

    column: str

    def per_row(self) -> str:
        return self.column

    def per_cell(self, column: str) -> str:
        return f"array_agg({column})"


def _combined(part, distinct: bool) -> str:
    """How two providers' per-person results of `part` make the person's result in their region or the province:
    MAX for a source about people (the same person listed twice), else SUM (events add up)."""
    return "MAX" if distinct else "SUM"


def _aggregate(cursor, name: str, source: Source, parts: list, params: dict) -> list:
    """[(level, segment, groups, [results])] for one source's parts (definitions.Rows, Total, People, _Values),
    per level and kind of person: first per provider and person (pp, with the person's kind); each provider's
    kinds from those; a region's and the province's straight from them for the people listed by one provider
    (nearly all: one pass with GROUPING SETS); for a person listed by several, their results at their region and
    the province combined first (_combined), so they count once there."""
    distinct = source.distinct
    if distinct:  # already one row per provider and person
        per_person = ", ".join(f"{part.per_row()} AS a{n}" for n, part in enumerate(parts))
        persons = f"SELECT provider_id, client_id AS person, {per_person} FROM kpi_{name}"
    else:
        per_person = ", ".join(f"{part.per_person()} AS a{n}" for n, part in enumerate(parts))
        persons = f"SELECT provider_id, COALESCE(client_id, -rn) AS person, {per_person} FROM kpi_{name} GROUP BY 1, 2"
    combined = ", ".join(f"{_combined(part, distinct)}(a{n}) AS a{n}" for n, part in enumerate(parts))
    per_kind = ", ".join(part.per_cell(f"a{n}") for n, part in enumerate(parts))
    cursor.execute(f"""
        WITH pp AS MATERIALIZED (
            SELECT pp.*, p.region, COALESCE(k.segment, %(unknown)s) AS segment, k.client_id IS NOT NULL AS somebody,
                   k.recorded, k.declined
            FROM ({persons}) pp
            JOIN espportal_provider p ON p.id = pp.provider_id
            LEFT JOIN kpi_people k ON k.client_id = pp.person
        ),
        shared AS MATERIALIZED (SELECT person FROM pp GROUP BY person HAVING COUNT(*) > 1)
        SELECT 'p' || provider_id::text, {_KIND}, {per_kind} FROM pp GROUP BY provider_id, {_KIND}
        UNION ALL
        SELECT CASE WHEN GROUPING(region) = 0 THEN 'r' || region ELSE '{PROVINCE}' END, {_KIND}, {per_kind}
        FROM pp WHERE person NOT IN (SELECT person FROM shared)
        GROUP BY GROUPING SETS ((region, {_KIND}), ({_KIND}))
        UNION ALL
        SELECT level, {_KIND}, {per_kind} FROM (
            SELECT x.level, person, {_KIND}, {combined}
            FROM pp CROSS JOIN LATERAL (VALUES ('r' || pp.region), ('{PROVINCE}')) x(level)
            WHERE person IN (SELECT person FROM shared)
            GROUP BY x.level, person, {_KIND}
        ) m GROUP BY level, {_KIND}""", params)
    return _rows(cursor)


def _values(cursor, name: str, column: str, params: dict) -> list:
    """[(level, segment, groups, [values])]: the distribution of an event source's `column` per level and kind of
    person (every row counts, so no per-person step). Unordered: Cell.as_json sorts them."""
    cursor.execute(f"""
        SELECT l.level, COALESCE(k.segment, %(unknown)s), k.client_id IS NOT NULL, k.recorded, k.declined,
               array_agg(l.{column})
        FROM ({_LEVELS.format(name=name)}) l LEFT JOIN kpi_people k ON k.client_id = l.client_id
        GROUP BY 1, 2, 3, 4, 5""", params)
    return _rows(cursor)


def _rows(cursor) -> list:
    """The cursor's rows (level, kind (_KIND), results...) as (level, segment, groups or None, [results])."""
    return [(level, segment, _groups(recorded, declined) if somebody else None, found)
            for level, segment, somebody, recorded, declined, *found in cursor.fetchall()]


def _groups(recorded, declined) -> tuple:
    """The cells among GROUPS a person's record puts them in (facts.recorded_groups), once each."""
    if isinstance(recorded, str):
        recorded = json.loads(recorded)
    return tuple(dict.fromkeys(group for group in recorded_groups(recorded, declined) if group in GROUPS))


def _add(found: dict, level: str, segment: str, groups, results: dict):
    """Add one kind of person's results to each cell of theirs at `level` (groups None: rows without a client,
    in everyone's cell only)."""
    keys = [(level, *EVERYONE)]
    if groups is not None:
        keys += [(level, "segment", segment), *[(level, "group", group) for group in groups]]
    for key in keys:
        cell = found[key]
        for part, result in results.items():
            cell[part] = cell[part] + result if part in cell else (list(result) if isinstance(result, list)
                                                                   else result)


def cells(period: Period, kpis) -> dict:
    """{(level, dimension, value): {kpi slug: Cell}} for every cell with any fact in `period` (level: "p<provider
    id>", "r<region code>" or "*" for the province; dimension "all" with value "", "group" or "segment"), from
    the KPIs' SQL (definitions.KPI.sql). A cell absent from the answer has no facts: every KPI's empty Cell.
    PostgreSQL only. About 25 queries, whatever the number of providers and people."""
    params = _params(period)
    wanted = defaultdict(list)  # source -> [parts]
    distributions = defaultdict(set)  # source -> {columns}
    for kpi in kpis:
        for source, part in kpi.sql.parts():
            if source != COUNSELLORS and part not in wanted[source]:
                wanted[source].append(part)
        if kpi.sql.values:
            distributions[kpi.sql.source].add(kpi.sql.values)
    found: dict = defaultdict(dict)  # (level, dimension, value) -> {(source, part): result}
    with transaction.atomic(), connection.cursor() as cursor:
        # Hashes of a province's facts in memory rather than on disk; no JIT compilation (tens of ms per query,
        # on queries that run once). For this transaction only.
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute("SET LOCAL jit = off")
        for name, source in SOURCES.items():
            cursor.execute(f"CREATE TEMPORARY TABLE kpi_{name} ON COMMIT DROP AS "
                           f"SELECT row_number() OVER () AS rn, q.* FROM ({source.query}) q", params)
        cursor.execute("CREATE TEMPORARY TABLE kpi_clients ON COMMIT DROP AS "
                       + " UNION ".join(f"SELECT client_id FROM kpi_{name}" for name in SOURCES))
        cursor.execute("ANALYZE kpi_clients")
        cursor.execute(_PEOPLE, params)
        cursor.execute("ANALYZE kpi_people")
        for name, source in SOURCES.items():
            cursor.execute(f"ANALYZE kpi_{name}")
            parts = list(wanted.get(name, ()))
            keys = [(name, part) for part in parts]
            columns = sorted(distributions.get(name, ()))
            if source.distinct:  # the distribution once per person, with the other parts
                parts += [_Values(column) for column in columns]
                keys += [(name, "values", column) for column in columns]
            if parts:
                for level, segment, groups, results in _aggregate(cursor, name, source, parts, params):
                    _add(found, level, segment, groups, dict(zip(keys, results, strict=True)))
            if not source.distinct:
                for column in columns:
                    for level, segment, groups, results in _values(cursor, name, column, params):
                        _add(found, level, segment, groups, {(name, "values", column): results[0]})
        for name in [*SOURCES, "clients", "people"]:
            cursor.execute(f"DROP TABLE kpi_{name}")
    regions = dict(_regions())
    for provider_id, count in _counsellor_counts(
            Assignment.objects.filter(role=Assignment.Role.COUNSELLOR), params["start"], params["end"]):
        for level in (f"p{provider_id}", f"r{regions[provider_id]}", PROVINCE):
            _add(found, level, UNKNOWN_SEGMENT, None, {(COUNSELLORS, None): count})
    return {key: {kpi.slug: kpi.sql.cell(results) for kpi in kpis} for key, results in found.items()}


def _regions():
    from espportal.models import Provider

    return Provider.objects.values_list("pk", "region")
