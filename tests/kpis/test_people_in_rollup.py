"""People in the rollup: the segment in force at the period's end (not today's), and a person parked at two
providers counted once above them."""

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


def test_a_person_parked_at_two_providers_counts_once_in_the_province(provider_a, provider_b):
    """Registered 10 April, no contact since: at the end of Q1 (30 June) a person whose cases at provider A
    (closed 5 July) and provider B were both open is parked at both, and one more person is parked at A only. A: 2, B: 1, province: 2 people
    (not 3 cases); the Toronto region (A only): 2."""
    from caseload.models import CaseFile

    both = f.person(provider_a, registered=dt.date(2026, 4, 10), closed=dt.date(2026, 7, 5))  # open on 30 June
    CaseFile.objects.create(client=both.client, provider=provider_b, status="active",
                            opened_at=f.at(dt.date(2026, 4, 10)))
    f.person(provider_a, registered=dt.date(2026, 4, 10))
    rollup.rollup_period(Q1)

    def parked(**where) -> int:
        row = ProviderPeriodStats.objects.get(period_kind="quarter", period_start=Q1.start, dimension="all", **where)
        return row.stats["parked_clients"]["num"]

    assert (parked(provider=provider_a), parked(provider=provider_b)) == (2, 1)
    assert (parked(area=ProviderPeriodStats.PROVINCE), parked(area="toronto")) == (2, 2)
