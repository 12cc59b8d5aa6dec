"""The segment breakdown counts each person in the segment in force at the period's end, not today's."""

import datetime as dt

from clients.models import Assessment, Client
from outcomes.kpis import periods, rollup
from outcomes.kpis.models import ProviderPeriodStats
from tests.kpis import factories as f

Q1 = periods.parse("2026-27-Q1")  # April-June 2026
Q2 = periods.parse("2026-27-Q2")  # July-September 2026


def _assess(client, *, on: dt.date, segment: int, by):
    Assessment.objects.create(client=client, instrument_version="2026.1", computed_segment=segment, assessed_by=by,
                              assessed_at=dt.datetime(on.year, on.month, on.day, 10, tzinfo=dt.UTC))
    Client.objects.filter(pk=client.pk).update(segment=segment)


def _served(provider, period, segment: str) -> int:
    row = ProviderPeriodStats.objects.get(provider=provider, period_kind=period.kind, period_start=period.start,
                                          dimension="segment", value=segment)
    return row.stats["clients_served"]["num"]


def test_a_reassessment_after_the_period_does_not_move_the_periods_figures(provider_a, counsellor_a):
    """Ten people served from 10 April: five assessed segment 1 on 5 April, five assessed segment 3 on 5 April
    and re-assessed segment 1 on 15 July (their record now says 1). Q1 (to 30 June): 5 in segment 1, 5 in
    segment 3. Q2 (to 30 September): all 10 in segment 1, none in segment 3."""
    for n in range(10):
        case = f.person(provider_a, registered=dt.date(2026, 4, 10))
        _assess(case.client, on=dt.date(2026, 4, 5), segment=1 if n < 5 else 3, by=counsellor_a)
        if n >= 5:
            _assess(case.client, on=dt.date(2026, 7, 15), segment=1, by=counsellor_a)
    rollup.rollup_range(Q1.start, Q2.end, kinds=("quarter",))
    assert (_served(provider_a, Q1, "1"), _served(provider_a, Q1, "3")) == (5, 5)
    assert (_served(provider_a, Q2, "1"), _served(provider_a, Q2, "3")) == (10, 0)
