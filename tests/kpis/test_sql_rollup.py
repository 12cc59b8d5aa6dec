"""The rollup's two paths give the same rows: in SQL on PostgreSQL (outcomes.kpis.sql, each KPI's `sql`), in
Python from the Facts elsewhere (each KPI's `compute`, SQLite's path). Run on PostgreSQL, where both can run."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from clients.models import Assessment, Client
from outcomes.kpis import periods, rollup
from tests.factories import ProviderFactory, staff_member
from tests.kpis import factories as f

D = dt.date
pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the SQL path is PostgreSQL's")


def _rows(rows) -> list:
    return sorted((r.provider_id or 0, r.area, r.period_kind, r.period_start, r.period_end, r.dimension, r.value,
                   repr(sorted((slug, sorted(cell.items())) for slug, cell in r.stats.items()))) for r in rows)


def _assess(client, *, on: dt.date, segment: int, by, override=None, overridden: dt.date | None = None):
    Assessment.objects.create(
        client=client, instrument_version="2026.1", computed_segment=segment, assessed_by=by,
        assessed_at=f.at(on), override_segment=override, overridden_at=f.at(overridden) if overridden else None,
        overridden_by=by if override else None, override_reason="Knows the person." if override else "")


@pytest.fixture
def history(provider_a, provider_b, counsellor_a, counsellor_a2, counsellor_b):
    """Two providers in Toronto (A and A2), one in the north (B). Groups and segments of every kind, a person served
    by A and A2 and another by A and B, rows without a client (an employer's survey, an anonymous complaint),
    first meetings, placements of every attribution, retention checks of every milestone, reassignments, transfers,
    referrals, parked and contacted cases."""
    provider_a2 = ProviderFactory(name="Provider A2", region="toronto", languages=["en"])
    counsellor_c = staff_member(provider_a2, email="counsellor.a2x@example.test")
    specialist = staff_member(provider_b, email="specialist.sql@example.test")
    cases = []
    groups = [(), ("newcomer",), ("youth", "racialized"), ("francophone",), ("disability", "youth")]
    for n in range(24):
        provider, by = [(provider_a, counsellor_a), (provider_a2, counsellor_c), (provider_b, counsellor_b)][n % 3]
        case = f.person(provider, registered=D(2026, 4, 2 + n), groups=groups[n % 5], segment=(n % 4) or None,
                        first_meeting=D(2026, 4, 2 + n) + dt.timedelta(days=n % 7) if n % 5 else None,
                        counsellor=by, closed=D(2026, 6, 20) if n % 11 == 0 else None)
        cases.append(case)
        if n % 6 == 0:
            Client.objects.filter(pk=case.client_id).update(self_identification=[],
                                                            self_identification_declined=True)
        if n % 4 == 1:
            _assess(case.client, on=D(2026, 4, 1), segment=3, by=by)
        if n % 8 == 2:
            _assess(case.client, on=D(2026, 5, 10), segment=2, by=by, override=3, overridden=D(2026, 5, 12))
        if n % 8 == 6:
            _assess(case.client, on=D(2026, 7, 10), segment=1, by=by)  # after Q1: Q1 keeps the earlier segment
        if n % 3 == 0:
            f.contact_note(case, on=D(2026, 6, 1), by=by)
        if n % 7 == 0:
            f.attended(case, on=D(2026, 5, 15), by=by)
    # Served by two providers in April: case 0 (A) also at A2 (same region), case 1 (A2) also at B (other region).
    for case, provider in ((cases[0], provider_a2), (cases[1], provider_b)):
        cases.append(f.CaseFile.objects.create(client=case.client, provider=provider, status="closed",
                                               opened_at=f.at(D(2026, 4, 1)), closed_at=f.at(D(2026, 4, 30)),
                                               close_reason="completed"))
    for n, case in enumerate(cases[:18]):
        by = {provider_a: counsellor_a, provider_b: counsellor_b}.get(case.provider, counsellor_c)
        placement = f.placement(case, start=D(2026, 4, 20) + dt.timedelta(days=n * 3),
                                attribution=["direct", "assisted", "self_found"][n % 3],
                                quality_index=[40, 60, 80, 59][n % 4], goal_aligned=n % 2 == 0,
                                underemployed=n % 5 == 0, by=by)
        for months, status in ((3, ["employed_same", "employed_other", "unreachable", "not_employed"][n % 4]),
                               (6, ["employed_same", "unreachable"][n % 2]), (12, "employed_other")):
            f.check(placement, months=months, due=D(2026, 4, 5) + dt.timedelta(days=n * 4 + months), status=status,
                    by=by)
        if n % 4 == 0:
            f.reassign(case, on=D(2026, 5, 3) + dt.timedelta(days=n), to=by)
        if n % 5 == 0:
            f.transfer(case, to_provider=provider_a if case.provider == provider_b else provider_b, requested=D(2026, 5, 1), completed=D(2026, 5, 9 + n), by=by)
        if n % 6 == 1:
            f.referral(case, to_provider=provider_a if case.provider == provider_b else provider_b, specialist=specialist, closed=D(2026, 6, 2), by=by)
        f.survey(case.provider, client=case.client, sent=D(2026, 5, 1), answered=D(2026, 5, 3) if n % 3 else None,
                 score=n % 5 + 1 if n % 3 else None)
        if n % 4 == 3:
            f.complaint(case.provider, client=case.client, received=D(2026, 5, 2), resolved=D(2026, 5, 10 + n),
                        by=by)
    f.survey(provider_a, sent=D(2026, 5, 1), answered=D(2026, 5, 2), score=2)  # an employer's: no client
    f.survey(provider_b, sent=D(2026, 6, 1))
    f.complaint(provider_a, received=D(2026, 5, 5), resolved=D(2026, 5, 7), by=counsellor_a)
    f.complaint(provider_a2, received=D(2026, 6, 5), by=counsellor_c)
    return cases


@pytest.mark.parametrize("key", ["2026-04", "2026-05", "2026-06", "2026-27-Q1", "2026-27"])
def test_the_sql_and_python_paths_give_the_same_rows(history, key):
    period = periods.parse(key)
    now = timezone.now()
    in_sql, in_python = rollup._rows_in_sql(period, now), rollup._rows_in_python(period, now)
    assert _rows(in_sql) == _rows(in_python)


def test_the_sql_path_counts_people_served_by_two_providers_once_above_them(history):
    """Q1: 24 people with a case, two of them at two providers each; Toronto holds A's and A2's 16, person 0
    (A and A2) counted once; the north holds B's 8 and person 1 (A2 and B)."""
    rows = {(r.provider_id, r.area, r.dimension, r.value): r.stats
            for r in rollup._rows_in_sql(periods.parse("2026-27-Q1"), timezone.now())}
    assert rows[(None, "province", "all", "")]["clients_served"] == {"num": 24, "den": 0, "people": 24}
    assert rows[(None, "toronto", "all", "")]["clients_served"]["num"] == 16
    assert rows[(None, "northern", "all", "")]["clients_served"]["num"] == 9
