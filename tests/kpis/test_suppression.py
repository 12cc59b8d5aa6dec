"""Small-cell suppression pinned on hand-built cells and tables: primary (1-4 people) and secondary
(complementary) suppression across rows and totals."""

import datetime as dt

import pytest

from outcomes.kpis import periods, rollup, selectors
from outcomes.kpis.definitions import Cell
from outcomes.kpis.suppression import TOTAL, suppress_column
from tests.factories import ProviderFactory
from tests.kpis import factories as f


def _c(people: int) -> Cell:
    return Cell(num=people, den=0, people=people)


def test_a_cell_of_fewer_than_five_people_is_suppressed_and_five_is_shown():
    assert suppress_column({"a": _c(4), "b": _c(5), "c": _c(9)}) == {"a": "small", "b": "complement", "c": ""}
    assert suppress_column({"a": _c(5)}) == {"a": ""}


def test_a_cell_of_nobody_is_not_suppressed():
    assert suppress_column({"a": _c(0), "b": _c(7), "c": _c(8)}, _c(15)) == {"a": "", "b": "", "c": "",
                                                                            TOTAL: ""}


def test_a_lone_small_row_hides_the_next_smallest_so_the_total_gives_nothing_away():
    verdict = suppress_column({"a": _c(3), "b": _c(12), "c": _c(6), "d": _c(20)}, _c(41))
    assert verdict == {"a": "small", "b": "", "c": "complement", "d": "", TOTAL: ""}


def test_two_small_rows_protect_each_other():
    verdict = suppress_column({"a": _c(3), "b": _c(2), "c": _c(6)}, _c(11))
    assert verdict == {"a": "small", "b": "small", "c": "", TOTAL: ""}


def test_the_total_is_hidden_when_no_other_row_has_anyone():
    verdict = suppress_column({"a": _c(3), "b": _c(0)}, _c(3))
    assert verdict == {"a": "small", "b": "", TOTAL: "small"}
    verdict = suppress_column({"a": _c(3), "b": _c(0)}, _c(7))  # the total counts people outside the rows
    assert verdict == {"a": "small", "b": "", TOTAL: "complement"}


def test_a_small_total_alone_hides_nothing_more():
    assert suppress_column({"a": _c(0)}, _c(2)) == {"a": "", TOTAL: "small"}


# --- Through the rollup and the tables every page, CSV and API answer reads ------------------------------------

Q = periods.parse("2026-27-Q1")


@pytest.fixture
def three_providers(provider_a, provider_b):
    """Provider A (Toronto): 12 people (3 of them Indigenous); in the Northern region provider B: 7 and
    provider C: 3 (too few to show)."""
    provider_c = ProviderFactory(name="Provider C", region="northern")
    for n in range(12):
        f.person(provider_a, registered=dt.date(2026, 4, 10), groups=["indigenous"] if n < 3 else ["newcomer"],
                 segment=3 if n < 6 else 1)
    for _n in range(7):
        f.person(provider_b, registered=dt.date(2026, 4, 10), groups=["newcomer"], segment=2)
    for _n in range(3):
        f.person(provider_c, registered=dt.date(2026, 4, 10), groups=["newcomer"], segment=2)
    rollup.rollup_period(Q)
    return provider_a, provider_b, provider_c


def test_a_provider_with_three_clients_is_suppressed_and_so_is_its_complement(three_providers):
    provider_a, provider_b, provider_c = three_providers
    table = selectors.comparison(Q)
    shown = {row.label: row.figures["clients_served"] for row in table.rows}
    assert shown["Provider C"].suppressed == "small" and shown["Provider C"].value is None
    assert shown["Provider B"].suppressed == "complement" and shown["Provider B"].value is None
    assert shown["Provider A"].value == 12
    assert table.total.figures["clients_served"].value == 22


def test_linked_tables_cannot_undo_each_other(three_providers):
    """Provider C is hidden everywhere it appears, and so is a complement in each table that shows it."""
    provider_a, provider_b, provider_c = three_providers
    snap = selectors.snapshot(Q)
    northern = selectors.comparison(Q, region="northern", snap=snap)
    shown = {row.label: row.figures["clients_served"] for row in northern.rows}
    assert (shown["Provider B"].suppressed, shown["Provider C"].suppressed) == ("complement", "small")
    assert northern.total.figures["clients_served"].value == 10
    regions = {row.key: row.figures["clients_served"].value for row in selectors.by_region(Q, snap=snap).rows}
    assert (regions["toronto"], regions["northern"]) == (12, 10)
    trend = selectors.trend(Q, provider=provider_c)
    assert trend.rows[-1].figures["clients_served"].suppressed == "small"
    trend_b = selectors.trend(Q, provider=provider_b)
    assert trend_b.rows[-1].figures["clients_served"].suppressed == "complement"


def test_a_region_with_a_single_small_provider_hides_its_region_total_and_a_neighbour(provider_a, provider_b):
    """Toronto: provider A 9 people; Northern: provider B 3 people alone. The Northern total would show B's
    figure, so it is hidden, and Toronto with it (the province minus Toronto would give Northern back)."""
    for _n in range(9):
        f.person(provider_a, registered=dt.date(2026, 4, 10))
    for _n in range(3):
        f.person(provider_b, registered=dt.date(2026, 4, 10))
    rollup.rollup_period(Q)
    regions = {row.key: row.figures["clients_served"] for row in selectors.by_region(Q).rows}
    assert regions["northern"].suppressed == "small"
    assert regions["toronto"].suppressed == "complement"
    assert selectors.by_region(Q).total.figures["clients_served"].value == 12


def test_a_group_of_three_is_suppressed_with_a_complementary_group(three_providers):
    provider_a = three_providers[0]
    table = selectors.breakdown(Q, "group", provider=provider_a)
    shown = {row.key: row.figures["clients_served"] for row in table.rows}
    assert shown["indigenous"].suppressed == "small"
    assert shown["newcomer"].suppressed == "complement"  # 12 - 9 would give the 3 back
    assert table.total.figures["clients_served"].value == 12
    assert all(s.value in (0, None) for key, s in shown.items() if key not in ("indigenous", "newcomer"))


def test_segments_are_suppressed_the_same_way(three_providers):
    table = selectors.breakdown(Q, "segment")
    shown = {row.key: row.figures["clients_served"] for row in table.rows}
    assert (shown["3"].value, shown["1"].value, shown["2"].value) == (6, 6, 10)
    table = selectors.breakdown(Q, "segment", provider=three_providers[2])
    assert table.total.figures["clients_served"].suppressed == "small"
    assert table.rows[1].figures["clients_served"].suppressed == "small"  # segment 2: the same 3 people
