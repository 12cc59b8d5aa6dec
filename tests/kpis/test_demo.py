"""seed_demo's KPI history: two years across the demo providers, every chart with a trend, a suppressed cell."""

import io

from django.core.management import call_command

from outcomes.kpis import periods, selectors
from outcomes.kpis.models import ProviderPeriodStats


def test_the_demo_gives_two_years_of_rolled_up_history_with_a_suppressed_cell(db):
    call_command("seed_demo", stdout=io.StringIO())
    quarters = set(ProviderPeriodStats.objects.filter(period_kind="quarter").values_list("period_start", flat=True))
    assert len(quarters) >= 8
    period = selectors.latest_period("quarter")
    trend = selectors.trend(period)
    placements = [row.figures["placements"] for row in trend.rows]
    assert sum(1 for s in placements if s.value) >= 6  # a trend, not a single point
    snap = selectors.snapshot(period)
    tables = [selectors.by_region(period, snap=snap), selectors.breakdown(period, "group", snap=snap),
              selectors.comparison(period, snap=snap)]
    assert any(shown and shown.suppressed for table in tables for row in table.rows
               for shown in row.figures.values())
    last_year = periods.year_of(period.start).previous()
    values = {kpi: shown.value for kpi, shown in selectors.by_region(last_year).total.figures.items()}
    assert values["clients_served"] and values["placements"] and values["retention_6"] is not None
    before = ProviderPeriodStats.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert ProviderPeriodStats.objects.count() == before
