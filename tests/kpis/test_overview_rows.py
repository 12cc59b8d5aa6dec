"""The provincial overview reads the regions' and the province's rollup rows of its period and the province's of
the earlier periods (selectors.trend_snapshots(areas_only=True)), not every provider's rows of eight periods; a
period rolled up before area rows existed is still read whole, its area cells the sums of its providers'."""

from outcomes.kpis import periods, selectors
from outcomes.kpis.models import ProviderPeriodStats
from outcomes.kpis.selectors import PROVINCE
from tests.kpis.test_pages import Q, province  # noqa: F401 (the rolled-up province fixture)


def _entity_kinds(snap) -> set:
    return {key[0] if key[0] == PROVINCE else key[0][0] for key, cells in snap.cells.items() if cells}


def test_it_reads_no_provider_row_and_only_the_province_before_the_period(province):  # noqa: F811
    snaps = selectors.trend_snapshots(Q, areas_only=True)
    assert [s.period for s in snaps] == periods.trend(Q)
    assert _entity_kinds(snaps[-1]) == {PROVINCE, "region"}
    assert all(_entity_kinds(s) <= {PROVINCE} for s in snaps[:-1])
    everything = selectors.trend_snapshots(Q)
    assert selectors.trend(Q, snaps=snaps) == selectors.trend(Q, snaps=everything)
    assert selectors.by_region(Q, snap=snaps[-1]) == selectors.by_region(Q, snap=everything[-1])
    assert selectors.breakdown(Q, "group", snap=snaps[-1]) == selectors.breakdown(Q, "group", snap=everything[-1])


def test_a_period_without_area_rows_is_read_whole(province):  # noqa: F811
    ProviderPeriodStats.objects.filter(period_kind=Q.kind, period_start=Q.start, provider__isnull=True).delete()
    snap = selectors.trend_snapshots(Q, areas_only=True)[-1]
    assert "provider" in _entity_kinds(snap)
    people = snap.cells[(PROVINCE, "all", "")]
    assert people and people == selectors.trend_snapshots(Q)[-1].cells[(PROVINCE, "all", "")]
