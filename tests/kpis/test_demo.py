"""The KPI demo history: two years across the demo providers, every chart with a trend, a suppressed cell; run
by seed_demo (its own module, outcomes/kpis/demo.py)."""

import inspect
import io

from espportal.management.commands import seed_demo
from espportal.models import Role
from outcomes.kpis import demo, periods, selectors
from outcomes.kpis.models import ProviderPeriodStats
from tests.factories import ProviderFactory, staff_member


def test_seed_demo_runs_the_kpi_demo():
    assert '"outcomes.kpis"' in inspect.getsource(seed_demo.Command.handle)


def test_the_demo_gives_two_years_of_rolled_up_history_with_a_suppressed_cell(provider_a, provider_b,
                                                                              counsellor_a, counsellor_b):
    provider_c = ProviderFactory(name="Provider C", region="eastern")
    staff_member(provider_c, Role.COUNSELLOR, email="counsellor.c@example.test")
    demo.seed(io.StringIO(), {"providers": [provider_a, provider_b, provider_c]})
    quarters = set(ProviderPeriodStats.objects.filter(period_kind="quarter").values_list("period_start", flat=True))
    assert len(quarters) >= 8
    period = selectors.latest_period("quarter")
    placements = [row.figures["placements"] for row in selectors.trend(period).rows]
    assert sum(1 for shown in placements if shown.value) >= 5  # a trend, not a single point
    snap = selectors.snapshot(period)
    tables = [selectors.by_region(period, snap=snap), selectors.breakdown(period, "group", snap=snap),
              selectors.comparison(period, snap=snap)]
    assert any(shown and shown.suppressed for table in tables for row in table.rows
               for shown in row.figures.values())
    last_year = periods.year_of(period.start).previous()
    values = {slug: shown.value for slug, shown in selectors.by_region(last_year).total.figures.items()}
    for slug in ("clients_served", "placements", "helped_share", "quality_job_rate", "retention_6",
                 "satisfaction_rate", "first_meeting_days_median", "parked_clients"):
        assert values[slug] is not None, slug
    before = ProviderPeriodStats.objects.count()
    demo.seed(io.StringIO(), {"providers": [provider_a, provider_b, provider_c]})
    assert ProviderPeriodStats.objects.count() == before
