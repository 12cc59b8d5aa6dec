"""The KPI cells of one period computed by PostgreSQL: the rollup's path there (outcomes.kpis.rollup).

The same facts as outcomes.kpis.facts.gather, read as SQL "sources" (one per kind of fact: rows of provider_id,
client_id and the columns the KPIs aggregate), and every cell of every provider, region and the province, for
everyone and for each group and segment, aggregated by the database with the expressions the KPI definitions carry
(definitions.KPI.sql). Python only assembles the Cells: no loop over clients or fact rows.

How the cells are made: each source row is taken once per level it counts at (its provider "p<id>", its
provider's region "r<code>", the province "*"), and once per cell its client is in (everyone; each of the
client's self-identified groups; the client's segment on the period's last day) through a temporary table of
the period's people (kpi_cells). A row without a client is in the "everyone" cell only, and counts as one person
(definitions._people). Sources whose rows are about a person rather than an event ("distinct": the clients
served, the first meetings) keep one row per level and client, so a person served by two providers is one person
in their region and the province, as facts.merged does.

Identical rows to the Python path on the same data: tests/kpis/test_sql_rollup.py compares them on PostgreSQL.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction

from caseload.models import Appointment, Assignment, Referral, Transfer
from caseload.selectors import CONTACT_KINDS
from outcomes.kpis.facts import GROUPS, PARKED_AFTER_DAYS, UNKNOWN_SEGMENT, _bounds, _counsellor_counts
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
    filed without a client) and `columns`; `distinct`: one row per level and client (about people, not events)."""

    query: str
    columns: tuple = ()
    distinct: bool = False


_SERVED_CASES = """FROM caseload_casefile cf JOIN clients_client cl ON cl.id = cf.client_id
    WHERE (cf.closed_at IS NULL OR cf.closed_at >= %(start)s) AND cf.opened_at < %(end)s"""

SOURCES = {
    # facts.Facts.served and .registered
    "served": Source(f"""SELECT DISTINCT cf.provider_id, cf.client_id,
        (cl.registered_at >= %(start)s AND cl.registered_at < %(end)s) AS registered {_SERVED_CASES}""",
                     ("registered",), distinct=True),
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
    # facts._open_cases_at: parked when no contact note and no attended appointment in the 60 days before the
    # period's end, and the case was opened before them (the same test as its last-contact < line).
    "open_cases": Source("""SELECT cf.provider_id, cf.client_id,
        (cf.opened_at < %(line)s
         AND NOT EXISTS (SELECT 1 FROM caseload_casenote n WHERE n.client_id = cf.client_id
                         AND n.kind = ANY(%(contact_kinds)s) AND n.created_at >= %(line)s AND n.created_at < %(end)s)
         AND NOT EXISTS (SELECT 1 FROM caseload_appointment ap WHERE ap.client_id = cf.client_id
                         AND ap.status = %(attended)s AND ap.starts_at >= %(line)s AND ap.starts_at < %(end)s)
        ) AS parked
        FROM caseload_casefile cf WHERE (cf.closed_at IS NULL OR cf.closed_at >= %(end)s) AND cf.opened_at < %(end)s""",
                         ("parked",)),
}
# Counsellors are not people served: a provider's distinct counsellors, added up over a region's providers as
# facts.merged does; everyone's cell only (caseload_per_counsellor is not broken down).
COUNSELLORS = "counsellors"

# The period's people: each client in a fact, once per cell they are in, with their segment on the period's last
# day (clients.selectors.segments_on: the latest assessment made by then, its override when made by then; the
# client's stored segment when never assessed) and their groups (facts._people). Client 0 stands for "no client".
_PEOPLE = """
CREATE TEMPORARY TABLE kpi_cells ON COMMIT DROP AS
WITH people AS (SELECT DISTINCT client_id FROM kpi_clients WHERE client_id IS NOT NULL),
person AS (
    SELECT cl.id AS client_id,
           CASE WHEN jsonb_typeof(cl.self_identification) = 'array' THEN cl.self_identification
                ELSE '[]'::jsonb END AS groups,
           cl.self_identification_declined AS declined,
           CASE WHEN EXISTS (SELECT 1 FROM clients_assessment a WHERE a.client_id = cl.id) THEN (
               SELECT CASE WHEN a.override_segment IS NOT NULL AND a.override_segment <> 0
                                AND a.overridden_at < %(end)s THEN a.override_segment
                           ELSE a.computed_segment END
               FROM clients_assessment a WHERE a.client_id = cl.id AND a.assessed_at < %(end)s
               ORDER BY a.assessed_at DESC, a.id DESC LIMIT 1)
           ELSE cl.segment END AS segment
    FROM people JOIN clients_client cl ON cl.id = people.client_id
),
labelled AS (
    SELECT client_id, groups, declined,
           CASE WHEN segment IS NULL OR segment = 0 THEN %(unknown)s ELSE segment::text END AS segment
    FROM person
)
SELECT client_id AS cell_client, 'all'::text AS dimension, ''::text AS cell_value, segment FROM labelled
UNION ALL
SELECT client_id, 'segment', segment, segment FROM labelled
UNION ALL
SELECT DISTINCT client_id, 'group', g.code, segment FROM labelled CROSS JOIN LATERAL (
    SELECT jsonb_array_elements_text(groups) AS code WHERE jsonb_array_length(groups) > 0
    UNION ALL
    SELECT CASE WHEN declined THEN 'declined' ELSE 'not_stated' END WHERE jsonb_array_length(groups) = 0
) g WHERE g.code = ANY(%(groups)s)
UNION ALL
SELECT 0, 'all', '', %(unknown)s
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


def _aggregate(cursor, name: str, source: Source, expressions: list, params: dict) -> dict:
    """{(level, dimension, value): {expression: result}} for one source."""
    columns = ", ".join(f"s.{column}" for column in source.columns)
    picked = f"x.level, s.client_id{', ' + columns if columns else ''}"
    aggregates = ", ".join(expressions)
    cursor.execute(f"""
        WITH levels AS (
            SELECT {'DISTINCT' if source.distinct else ''} {picked}
            FROM kpi_{name} s JOIN espportal_provider p ON p.id = s.provider_id
            CROSS JOIN LATERAL (VALUES ('p' || s.provider_id::text), ('r' || p.region), ('{PROVINCE}')) x(level)
        )
        SELECT l.level, c.dimension, c.cell_value, {aggregates}
        FROM levels l JOIN kpi_cells c ON c.cell_client = COALESCE(l.client_id, 0)
        GROUP BY 1, 2, 3""", params)
    return {(level, dimension, value): dict(zip(expressions, found, strict=True))
            for level, dimension, value, *found in cursor.fetchall()}


def cells(period: Period, kpis) -> dict:
    """{(level, dimension, value): {kpi slug: Cell}} for every cell with any fact in `period` (level: "p<provider
    id>", "r<region code>" or "*" for the province; dimension "all" with value "", "group" or "segment"), from
    the KPIs' SQL (definitions.KPI.sql). A cell absent from the answer has no facts: every KPI's empty Cell.
    PostgreSQL only. About 15 queries, whatever the number of providers and people."""
    params = _params(period)
    wanted = defaultdict(list)  # source -> [aggregate expressions]
    for kpi in kpis:
        for source, expression in kpi.sql.parts():
            if expression not in wanted[source]:
                wanted[source].append(expression)
    found: dict = defaultdict(dict)  # (level, dimension, value) -> {(source, expression): result}
    with transaction.atomic(), connection.cursor() as cursor:
        # Sorts and hashes of a province's facts in memory rather than on disk; no JIT compilation (tens of ms per
        # query, on queries that run once). For this transaction only.
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute("SET LOCAL jit = off")
        for name, source in SOURCES.items():
            cursor.execute(f"CREATE TEMPORARY TABLE kpi_{name} ON COMMIT DROP AS {source.query}", params)
        cursor.execute("CREATE TEMPORARY TABLE kpi_clients ON COMMIT DROP AS "
                       + " UNION ".join(f"SELECT client_id FROM kpi_{name}" for name in SOURCES))
        cursor.execute(_PEOPLE, params)
        cursor.execute("CREATE INDEX ON kpi_cells (cell_client)")
        cursor.execute("ANALYZE kpi_cells")
        for name, source in SOURCES.items():
            if wanted.get(name):
                cursor.execute(f"ANALYZE kpi_{name}")
                for key, results in _aggregate(cursor, name, source, wanted[name], params).items():
                    found[key].update({(name, expression): value for expression, value in results.items()})
        for name in [*SOURCES, "clients", "cells"]:
            cursor.execute(f"DROP TABLE kpi_{name}")
    regions = dict(_regions())
    for provider_id, count in _counsellor_counts(
            Assignment.objects.filter(role=Assignment.Role.COUNSELLOR), params["start"], params["end"]):
        for level in (f"p{provider_id}", f"r{regions[provider_id]}", PROVINCE):
            key = (level, *EVERYONE)
            found[key][(COUNSELLORS, "")] = found[key].get((COUNSELLORS, ""), 0) + count
    out = {}
    for key, results in found.items():
        out[key] = {kpi.slug: kpi.sql.cell(results) for kpi in kpis}
    return out


def _regions():
    from espportal.models import Provider

    return Provider.objects.values_list("pk", "region")

