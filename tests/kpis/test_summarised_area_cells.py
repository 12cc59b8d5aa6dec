"""A region's and the province's rollup rows are read with each distribution replaced by the values its median and
90th percentile are (selectors.SUMMARISED_STATS, PostgreSQL): an area's distribution holds every person's figure of
the region or the province, so the overview no longer reads it whole. Providers' rows are read whole (a period
without area rows adds them up). The figures shown are the same as from the whole distribution."""

import pytest
from django.db import connection

from outcomes.kpis import periods, selectors
from outcomes.kpis.definitions import BY_SLUG, Cell, summarised
from outcomes.kpis.models import ProviderPeriodStats
from outcomes.kpis.selectors import PROVINCE

Q = periods.parse("2026-27-Q1")
MEDIAN, P90 = BY_SLUG["first_meeting_days_median"], BY_SLUG["first_meeting_days_p90"]


def test_a_summarised_cell_shows_the_median_and_90th_percentile_it_carries():
    even = Cell(num=16, den=4, people=4, summary=(2, 3, 10))  # of [1, 2, 3, 10]
    assert (MEDIAN.value(even), P90.value(even)) == (2.5, 10.0)
    odd = Cell(num=66, den=11, people=11, summary=(6, 6, 10))  # of [1, 2, ..., 11]
    assert (MEDIAN.value(odd), P90.value(odd)) == (6.0, 10.0)


def test_a_summarised_cell_cannot_be_added_to_another():
    with pytest.raises(ValueError):
        Cell(num=1, den=1, people=1, summary=(1, 1, 1)) + Cell(num=1, den=1, people=1, values=[1])


def test_summarised_replaces_each_distribution_by_its_middles_and_90th_percentile():
    stats = {"a": {"num": 16, "den": 4, "people": 4, "values": [10, 1, 3, 2]}, "b": {"num": 3, "den": 0, "people": 3}}
    assert summarised(stats) == {"a": {"num": 16, "den": 4, "people": 4, "summary": [2, 3, 10]},
                                 "b": {"num": 3, "den": 0, "people": 3}}
    assert stats["a"]["values"] == [10, 1, 3, 2]  # the stats themselves untouched


def _row(provider=None, area="", values=()):
    days = {"num": sum(values), "den": len(values), "people": len(values)}
    if values:
        days["values"] = sorted(values)
    stats = {"clients_served": {"num": len(values), "den": 0, "people": len(values)},
             MEDIAN.slug: days, P90.slug: days}
    return ProviderPeriodStats.objects.create(provider=provider, area=area, period_kind=Q.kind,
                                              period_start=Q.start, period_end=Q.end, stats=stats)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the summary is picked by PostgreSQL")
def test_area_rows_are_read_summarised_and_show_the_same_figures(provider_a, provider_b):
    _row(provider=provider_a, values=[1, 2, 3, 10])
    _row(provider=provider_b, values=list(range(1, 12)))
    _row(area="toronto", values=[1, 2, 3, 10])
    _row(area="northern", values=list(range(1, 12)))
    _row(area=ProviderPeriodStats.PROVINCE, values=[1, 1, 2, 2, 3, 3, 4, 4, 10, 10, 11, 12, 13, 14, 15])
    _row(area="east", values=[])  # no distribution: nothing to summarise
    snap = selectors.snapshot(Q)

    toronto = snap.cells[(("region", "toronto"), "all", "")]
    assert toronto[MEDIAN.slug] == Cell(num=16, den=4, people=4, summary=(2, 3, 10))
    assert toronto["clients_served"] == Cell(num=4, den=0, people=4)
    northern = snap.cells[(("region", "northern"), "all", "")][P90.slug]
    assert northern.summary == (6, 6, 10) and northern.values == []
    province = snap.cells[(PROVINCE, "all", "")]
    # 15 values: the 8th is the median; the 90th percentile the 14th (13.5 rounded up)
    assert (MEDIAN.value(province[MEDIAN.slug]), P90.value(province[P90.slug])) == (4.0, 14.0)
    assert snap.cells[(("region", "east"), "all", "")][MEDIAN.slug] == Cell(num=0, den=0, people=0)

    provider = snap.cells[(("provider", provider_a.pk), "all", "")][MEDIAN.slug]
    assert provider == Cell(num=16, den=4, people=4, values=[1, 2, 3, 10])
    assert (snap.shown(PROVINCE, "all", "", MEDIAN).value, snap.shown(PROVINCE, "all", "", P90).value) == (4.0, 14.0)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the summary is picked by PostgreSQL")
def test_an_area_row_is_read_from_its_stored_summary(provider_a):
    row = _row(area="toronto", values=[1, 2, 3, 10])
    row.summary = {MEDIAN.slug: {"num": 16, "den": 4, "people": 4, "summary": [5, 5, 7]}}
    row.save()
    cells = selectors.snapshot(Q).cells[(("region", "toronto"), "all", "")]
    assert cells == {MEDIAN.slug: Cell(num=16, den=4, people=4, summary=(5, 5, 7))}
