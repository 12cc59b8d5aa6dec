"""Each KPI pinned on one hand-built quarter at provider A (fiscal 2026-27 Q1: April to June 2026).

The expected figures are counted by hand from the rows below, not computed by the code under test.
"""

import datetime as dt

import pytest

from outcomes.kpis import periods, rollup
from outcomes.kpis.definitions import BY_SLUG, Cell, percentile
from outcomes.kpis.models import ProviderPeriodStats
from tests.factories import staff_member
from tests.kpis import factories as f

Q = periods.parse("2026-27-Q1")
D = dt.date


@pytest.fixture
def quarter(provider_a, provider_b, counsellor_a, counsellor_a2):
    by = counsellor_a
    # Eight people served in the quarter: six registered in it (first meetings 2..30 days later), two before.
    meetings = [2, 4, 6, 8, 10, 30]
    segments = [3, 3, 3, 3, 1, 1]
    cases = [f.person(provider_a, registered=D(2026, 4, 10), first_meeting=D(2026, 4, 10) + dt.timedelta(days=n),
                      segment=s, counsellor=by) for n, s in zip(meetings, segments, strict=False)]
    cases.append(f.person(provider_a, registered=D(2026, 1, 15), segment=2, counsellor=by))
    cases.append(f.person(provider_a, registered=D(2026, 1, 15), counsellor=by))
    f.person(provider_a, registered=D(2025, 12, 1), closed=D(2026, 3, 20), counsellor=by)  # closed before: not served
    f.person(provider_b, registered=D(2026, 4, 10))  # another provider's client
    # Five placements starting in May.
    for case, (attribution, index, aligned, under) in zip(cases, [
            ("direct", 80, True, False), ("direct", 60, True, False), ("assisted", 59, False, True),
            ("self_found", 40, False, False), ("self_found", 90, True, False)], strict=False):
        f.placement(case, start=D(2026, 5, 4), by=by, attribution=attribution, quality_index=index,
                    goal_aligned=aligned, underemployed=under)
    # Six earlier placements whose 6-month check falls due in April (their clients' cases closed in March).
    for status in ("employed_same", "employed_other", "not_employed", "unreachable", "unreachable", "due"):
        alumnus = f.person(provider_a, registered=D(2025, 9, 1), closed=D(2026, 3, 1), counsellor=by)
        placed = f.placement(alumnus, start=D(2025, 10, 15), by=by)
        f.check(placed, months=6, due=D(2026, 4, 15), status=status, by=by)
    # Two counsellor changes in the quarter: counsellor_a2 takes over two cases.
    f.reassign(cases[0], on=D(2026, 5, 1), to=counsellor_a2)
    f.reassign(cases[1], on=D(2026, 5, 1), to=counsellor_a2)
    # Five transfers out completed in the quarter, 3 to 20 days after the request.
    for case, days in zip(cases, [3, 5, 7, 9, 20], strict=False):
        f.transfer(case, to_provider=provider_b, requested=D(2026, 5, 1), completed=D(2026, 5, 1) + dt.timedelta(days),
                   by=by)
    # Five referrals completed, one declined.
    specialist = staff_member(provider_b, email="specialist.b@example.test")
    for case in cases[:5]:
        f.referral(case, to_provider=provider_b, specialist=specialist, closed=D(2026, 6, 1), by=by)
    f.referral(cases[5], to_provider=provider_b, specialist=specialist, closed=D(2026, 6, 1), by=by,
               status="declined")
    # Eight surveys sent (six to clients, two to employers); six answered, 4 of them with 4 or 5.
    for case, score in zip(cases[:6], [5, 4, 4, 3, 2, 5], strict=False):
        f.survey(provider_a, client=case.client, sent=D(2026, 5, 10), answered=D(2026, 5, 12), score=score)
    f.survey(provider_a, sent=D(2026, 5, 10))
    f.survey(provider_a, sent=D(2026, 5, 10))
    # Five complaints received and resolved 2..12 days later.
    for case, days in zip(cases, [2, 4, 6, 10, 12], strict=False):
        f.complaint(provider_a, client=case.client, received=D(2026, 5, 1),
                    resolved=D(2026, 5, 1) + dt.timedelta(days), by=by)
    # Contact in June for six people; the two registered in January were never contacted: parked.
    for case in cases[:5]:
        f.contact_note(case, on=D(2026, 6, 10), by=by)
    f.attended(cases[5], on=D(2026, 6, 1), by=by)
    rollup.rollup_period(Q)
    return provider_a


def _stats(provider, dimension="all", value=""):
    return ProviderPeriodStats.objects.get(provider=provider, period_kind="quarter", period_start=Q.start,
                                           dimension=dimension, value=value).stats


EXPECTED = {
    # slug: (numerator, denominator, shown value)
    "clients_served": (8, 0, 8),
    "clients_registered": (6, 0, 6),
    "first_meeting_days_median": (60, 6, 7.0),
    "first_meeting_days_p90": (60, 6, 30.0),
    "placements": (5, 0, 5),
    "placements_direct": (2, 0, 2),
    "placements_assisted": (1, 0, 1),
    "placements_self_found": (2, 0, 2),
    "helped_share": (3, 5, 60.0),
    "quality_job_rate": (3, 5, 60.0),
    "quality_index_mean": (329, 5, 65.8),
    "goal_aligned_rate": (3, 5, 60.0),
    "underemployment_rate": (1, 5, 20.0),
    "retention_6": (2, 6, 33.3),
    "retention_6_unreachable": (2, 6, 33.3),
    "retention_3": (0, 0, None),
    "counsellor_changes": (2, 8, 0.25),
    "caseload_per_counsellor": (8, 2, 4.0),
    "transfer_days_median": (44, 5, 7.0),
    "referrals_completed": (5, 0, 5),
    "satisfaction_rate": (4, 6, 66.7),
    "survey_response_rate": (6, 8, 75.0),
    "complaints_received": (5, 0, 5),
    "complaint_days_median": (34, 5, 6.0),
    "segment3_served_share": (4, 7, 57.1),
    "segment3_placement_share": (4, 5, 80.0),
    "parked_clients": (2, 0, 2),
}


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_it_computes_each_kpi_on_the_hand_built_quarter(quarter, slug):
    stored = _stats(quarter)[slug]
    num, den, value = EXPECTED[slug]
    assert (stored["num"], stored["den"]) == (num, den)
    assert BY_SLUG[slug].value(Cell.from_json(stored)) == value


def test_every_kpi_is_pinned():
    assert set(BY_SLUG) - set(EXPECTED) <= {"retention_12", "retention_3_unreachable", "retention_12_unreachable"}


def test_it_counts_unreachable_in_the_retention_denominator_and_shows_it(quarter):
    stats = _stats(quarter)
    assert stats["retention_6"]["den"] == stats["retention_6_unreachable"]["den"] == 6


def test_it_counts_people_for_suppression(quarter):
    stats = _stats(quarter)
    assert stats["satisfaction_rate"]["people"] == 6
    assert stats["survey_response_rate"]["people"] == 8  # six clients and two employer respondents
    assert stats["parked_clients"]["people"] == 2


def test_it_breaks_placements_down_by_segment(quarter):
    assert _stats(quarter, "segment", "3")["placements"]["num"] == 4
    assert _stats(quarter, "segment", "1")["placements"]["num"] == 1
    assert _stats(quarter, "segment", "unknown")["clients_served"]["num"] == 1
    assert "caseload_per_counsellor" not in _stats(quarter, "segment", "3")


def test_it_writes_one_row_per_cell_for_every_provider_region_and_the_province(quarter, provider_b):
    rows = ProviderPeriodStats.objects.filter(period_kind="quarter", period_start=Q.start, dimension="all")
    assert rows.filter(provider__isnull=False).count() == 2
    # A is in Toronto and B in the Northern region: one row for each region, and the province's.
    assert sorted(rows.filter(provider__isnull=True).values_list("area", flat=True)) == [
        "northern", "province", "toronto"]
    assert _stats(provider_b)["clients_served"]["num"] == 1


@pytest.mark.parametrize("values,share,expected", [([1], 0.9, 1), ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9),
                                                   ([5, 1, 3], 0.5, 3), ([], 0.9, None)])
def test_percentile_is_nearest_rank(values, share, expected):
    assert percentile(values, share) == expected
