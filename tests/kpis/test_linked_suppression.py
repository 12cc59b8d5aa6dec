"""Suppression linked across periods and providers (issue 9 §3): a month hidden in one table cannot be computed
back from its quarter and the other months, a quarter from its fiscal year, a group from the same group's quarter;
and people served by two providers are one person in the counts suppression relies on. Hand-built data; every
expected figure is counted by hand in the docstrings."""

import datetime as dt

import pytest

from caseload.models import CaseFile
from outcomes.kpis import periods, rollup, selectors
from outcomes.kpis.definitions import BY_SLUG
from outcomes.kpis.models import ProviderPeriodStats
from tests.kpis import factories as f

D = dt.date
APRIL, MAY, JUNE = periods.parse("2026-04"), periods.parse("2026-05"), periods.parse("2026-06")
Q1, Q2 = periods.parse("2026-27-Q1"), periods.parse("2026-27-Q2")
FY = periods.parse("2026-27")


def _placed(provider, counsellor, count: int, on: dt.date, groups=()):
    for _n in range(count):
        case = f.person(provider, registered=D(2026, 4, 1), groups=groups)
        f.placement(case, start=on, by=counsellor)


def _lone_hidden(shown: list) -> bool:
    """True when exactly one figure of a sum (total and parts) is hidden: subtraction would give it back."""
    return sum(1 for s in shown if s.suppressed) == 1


@pytest.fixture
def spring(provider_a, counsellor_a):
    """Provider A's placements: April 3 newcomers (too few), May 6 newcomers, June 7 youths: Q1 16, newcomers
    in Q1 9. Without the link, Q1 (16) - May (6) - June (7) gives April's 3 back, and Q1's newcomers (9) - May's
    newcomers (6) gives April's newcomers back."""
    _placed(provider_a, counsellor_a, 3, D(2026, 4, 15), ["newcomer"])
    _placed(provider_a, counsellor_a, 6, D(2026, 5, 15), ["newcomer"])
    _placed(provider_a, counsellor_a, 7, D(2026, 6, 15), ["youth"])
    rollup.rollup_range(D(2026, 4, 1), D(2026, 6, 30))
    return provider_a


def test_a_hidden_month_cannot_be_computed_from_its_quarter_and_the_other_months(spring):
    months = selectors.trend(JUNE, count=3, provider=spring)
    shown = {row.key: row.figures["placements"] for row in months.rows}
    assert shown["2026-04"].suppressed == "small"
    assert shown["2026-05"].suppressed == "complement"  # the smaller of the two other months
    assert shown["2026-06"].value == 7
    quarter = selectors.comparison(Q1).rows[0].figures["placements"]
    assert quarter.value == 16
    assert not _lone_hidden([quarter, *shown.values()])


def test_a_hidden_group_cannot_be_computed_from_the_same_group_in_the_quarter(spring):
    newcomers = {period.key: selectors.breakdown(period, "group", provider=spring) for period in (APRIL, MAY, Q1)}
    figure = {key: next(r for r in table.rows if r.key == "newcomer").figures["placements"]
              for key, table in newcomers.items()}
    assert figure["2026-04"].suppressed == "small"
    assert figure["2026-05"].suppressed == "complement"
    assert figure[Q1.key].value == 9
    june = next(r for r in selectors.breakdown(JUNE, "group", provider=spring).rows if r.key == "newcomer")
    assert june.figures["placements"].value == 0
    assert not _lone_hidden([figure[Q1.key], figure["2026-04"], figure["2026-05"], june.figures["placements"]])


def test_the_same_verdict_in_every_table_that_shows_the_month(spring):
    """The month's comparison, its region table, its provider trend and the API read one decision."""
    may = selectors.snapshot(MAY)
    assert selectors.comparison(MAY, snap=may).rows[0].figures["placements"].suppressed == "complement"
    assert selectors.trend(MAY, count=1, provider=spring).rows[0].figures["placements"].suppressed == "complement"


def test_a_hidden_quarter_cannot_be_computed_from_its_fiscal_year(provider_a, counsellor_a):
    """Q1: 8 placements (May); Q2: 3 (August), too few. The year (11) minus Q1 would give Q2 back, so Q1 is
    hidden too, and then May (Q1's only month with anyone) as well; the year still shows 11."""
    _placed(provider_a, counsellor_a, 8, D(2026, 5, 10))
    _placed(provider_a, counsellor_a, 3, D(2026, 8, 10))
    rollup.rollup_range(D(2026, 4, 1), D(2026, 9, 30))
    row = {period.key: selectors.comparison(period).rows[0].figures["placements"] for period in (Q1, Q2, FY, MAY)}
    assert row[Q2.key].suppressed == "small"
    assert row[Q1.key].suppressed == "complement"
    assert row[FY.key].value == 11
    assert row["2026-05"].suppressed == "complement"
    assert not _lone_hidden([row[FY.key], row[Q1.key], row[Q2.key]])
    assert not _lone_hidden([row[Q1.key], row["2026-05"]])


# --- People served by two providers -----------------------------------------------------------------------------

def _second_case(case, provider):
    """The person moves to `provider` in the quarter: the first case closes on 15 May, the second opens the same
    day (one open case per person at a time)."""
    moved = f.at(D(2026, 5, 15))
    CaseFile.objects.filter(pk=case.pk).update(status="closed", closed_at=moved, close_reason="transfer")
    return CaseFile.objects.create(client=case.client, provider=provider, status="active", opened_at=moved,
                                   close_reason="")


def test_a_person_served_by_two_providers_is_one_person_in_the_province(provider_a, provider_b):
    """Provider A (Toronto) serves 6 people; one of them moves to provider B (Northern) in May, which serves 5
    others: 12 cases, 11 people."""
    cases = [f.person(provider_a, registered=D(2026, 4, 10)) for _n in range(6)]
    _second_case(cases[0], provider_b)
    for _n in range(5):
        f.person(provider_b, registered=D(2026, 4, 10))
    rollup.rollup_period(Q1)
    table = selectors.by_region(Q1)
    assert table.total.figures["clients_served"].value == 11
    assert table.total.figures["clients_registered"].value == 11
    rows = {row.key: row.figures["clients_served"].value for row in table.rows}
    assert (rows["toronto"], rows["northern"]) == (6, 6)


def test_three_people_at_two_providers_are_three_people_and_suppressed(provider_a, provider_b):
    """The same 3 people are served by A, then by B: 6 cases, 3 people. Added up, the province would show 6 and
    describe 3 people; counted once, it is a cell of 3 and suppressed."""
    for case in [f.person(provider_a, registered=D(2026, 4, 10)) for _n in range(3)]:
        _second_case(case, provider_b)
    rollup.rollup_period(Q1)
    province = selectors.by_region(Q1).total.figures["clients_served"]
    assert province.suppressed == "small" and province.value is None


def test_first_meetings_of_a_person_at_two_providers_count_once(provider_a, provider_b):
    """5 people, each served by A, then B, each first met 4 days after registering: the province's median is 4
    days from 5 meetings, not 10."""
    for case in [f.person(provider_a, registered=D(2026, 4, 10), first_meeting=D(2026, 4, 14)) for _n in range(5)]:
        _second_case(case, provider_b)
    rollup.rollup_period(Q1)
    snap = selectors.snapshot(Q1)
    cell = snap.cells[(selectors.PROVINCE, "all", "")]["first_meeting_days_median"]
    # the province's distribution is read summarised (selectors.SUMMARISED_STATS); its 5 values are in `den`
    assert (cell.den, cell.people) == (5, 5)
    assert BY_SLUG["first_meeting_days_median"].value(cell) == 4.0
    stored = ProviderPeriodStats.objects.get(period_kind=Q1.kind, period_start=Q1.start, dimension="all",
                                             area=ProviderPeriodStats.PROVINCE)
    assert stored.stats["first_meeting_days_median"]["values"] == [4, 4, 4, 4, 4]
    assert stored.summary["first_meeting_days_median"] == {"num": 20, "den": 5, "people": 5, "summary": [4, 4, 4]}
    assert ProviderPeriodStats.objects.get(period_kind=Q1.kind, period_start=Q1.start, dimension="all",
                                           provider=provider_a).summary == {}
