"""The rollup is right when run twice, out of order, and after a late correction; the command and the nightly
job recompute what they say. Run on PostgreSQL in CI (and by hand: DATABASE_URL=postgres://...)."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.core.management import CommandError, call_command

from outcomes.kpis import periods, rollup
from outcomes.kpis.models import ProviderPeriodStats
from outcomes.kpis.tasks import kpis_rollup_nightly
from tests.kpis import factories as f

D = dt.date
MAY = periods.parse("2026-05")
Q1 = periods.parse("2026-27-Q1")


def _served(provider, period):
    return ProviderPeriodStats.objects.get(provider=provider, period_kind=period.kind,
                                           period_start=period.start, dimension="all").stats


def _snapshot():
    return sorted((r.provider_id or 0, r.area, r.period_kind, r.period_start, r.dimension, r.value, repr(r.stats))
                  for r in ProviderPeriodStats.objects.all())


@pytest.fixture
def history(provider_a, counsellor_a):
    cases = [f.person(provider_a, registered=D(2026, 5, 2)) for _ in range(6)]
    for case in cases[:5]:
        f.placement(case, start=D(2026, 5, 20), by=counsellor_a)
    return cases


def test_running_twice_writes_the_same_rows(history):
    rollup.rollup_range(D(2026, 4, 1), D(2026, 6, 30))
    first = _snapshot()
    rollup.rollup_range(D(2026, 4, 1), D(2026, 6, 30))
    assert _snapshot() == first
    # Three months for provider A, for its region (Toronto) and for the province.
    assert ProviderPeriodStats.objects.filter(period_kind="month", dimension="all", provider__isnull=False).count() == 3
    assert ProviderPeriodStats.objects.filter(period_kind="month", dimension="all", area="toronto").count() == 3
    assert ProviderPeriodStats.objects.filter(period_kind="month", dimension="all", area="province").count() == 3


def test_running_out_of_order_gives_the_same_rows(history):
    rollup.rollup_period(Q1)
    rollup.rollup_period(MAY)
    in_order = _snapshot()
    ProviderPeriodStats.objects.all().delete()
    rollup.rollup_period(MAY)
    rollup.rollup_period(Q1)
    assert _snapshot() == in_order


def test_a_late_correction_is_picked_up_by_the_next_nightly_run(history, provider_a, counsellor_a):
    with time_machine.travel(f.at(D(2026, 6, 2), 2), tick=False):
        kpis_rollup_nightly.apply().get()
    assert _served(provider_a, MAY)["placements"]["num"] == 5
    # On 10 June a counsellor records a placement that started in May.
    f.placement(history[5], start=D(2026, 5, 28), by=counsellor_a)
    assert _served(provider_a, MAY)["placements"]["num"] == 5  # dashboards read the rollup, not raw rows
    with time_machine.travel(f.at(D(2026, 6, 11), 2), tick=False):
        kpis_rollup_nightly.apply().get()
    assert _served(provider_a, MAY)["placements"]["num"] == 6
    assert _served(provider_a, Q1)["placements"]["num"] == 6
    assert _served(provider_a, periods.parse("2026-27"))["placements"]["num"] == 6


def test_the_nightly_job_covers_the_previous_fiscal_year(history):
    with time_machine.travel(f.at(D(2026, 6, 2), 2), tick=False):
        kpis_rollup_nightly.apply().get()
    kinds = set(ProviderPeriodStats.objects.values_list("period_kind", "period_start"))
    assert ("year", D(2025, 4, 1)) in kinds and ("year", D(2026, 4, 1)) in kinds
    assert ("month", D(2025, 4, 1)) in kinds and ("month", D(2026, 6, 1)) in kinds
    assert ("month", D(2026, 7, 1)) not in kinds


def test_the_job_is_declared_with_the_other_periodic_jobs():
    assert settings.CELERY_BEAT_SCHEDULE["kpis-rollup-nightly"]["task"] == "outcomes.kpis.tasks.kpis_rollup_nightly"


def test_the_command_recomputes_a_range(history, provider_a, capsys):
    call_command("kpi_rollup", "--from", "2026-05-01", "--to", "2026-05-31")
    assert _served(provider_a, MAY)["clients_served"]["num"] == 6
    assert _served(provider_a, Q1)["placements"]["num"] == 5
    assert "rows written" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["--from", "2026-06-01", "--to", "2026-05-01"], ["--from", "May", "--to", "x"]])
def test_the_command_refuses_a_bad_range(db, args):
    with pytest.raises(CommandError):
        call_command("kpi_rollup", *args)
    assert not ProviderPeriodStats.objects.exists()
