"""Attribution on pipeline histories built through the services: the reported journey (shared -> hired on
/pipeline/, then "Record the placement" with today's date) and its neighbours, one test per class."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from clients.models import ServiceCatalogueEntry
from employers import services as employer_services
from outcomes.attribution import History, SharedMatch, Stage, attribute
from outcomes.models import Placement
from tests.employers.factories import EmployerFactory, LeadFactory
from tests.outcomes.factories import consent_to_share, delivered_item, placement_for

TZ = ZoneInfo("America/Toronto")
DAY = dt.date.today() + dt.timedelta(days=30)  # after the personas joined their provider (today)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


@pytest.fixture
def lead_a(provider_a, developer_a):
    return LeadFactory(provider=provider_a, employer=EmployerFactory(name="Harbour Freight Logistics"),
                       created_by=developer_a)


def _pipeline(case, lead, by, day, *, to="hired", hour=9):
    """Share the lead and move the match along the pipeline on `day`, stopping at `to`."""
    consent_to_share(case.client, by)
    with time_machine.travel(_at(day, hour), tick=False):
        match = employer_services.match_share(client=case.client, lead=lead, by=by)
        for status in ("interested", "applied", "interview", "offer", "hired"):
            match = employer_services.match_move(match=match, status=status, by=by)
            if status == to:
                break
    return match


def test_the_reported_journey_is_direct(web, case_a, developer_a, lead_a):
    """Pipeline shared -> hired today, then "Record the placement" saved with the pre-filled start date (today)."""
    match = _pipeline(case_a, lead_a, developer_a, DAY)
    with time_machine.travel(_at(DAY, 11), tick=False):
        web.force_login(developer_a)
        url = reverse("outcomes:placement_create", args=[case_a.client.code])
        form = web.get(url, {"match": match.code}).context["form"]
        data = {**{k: v for k, v in form.initial.items() if v is not None}, "match": str(match.code),
                "noc": "11100", "hours_per_week": "37.5", "hourly_pay": "24.00", "permanence": "permanent",
                "verification": "employer_confirmation", "start_date": DAY.isoformat()}
        response = web.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    placement = Placement.objects.get(client=case_a.client)
    assert placement.start_date == DAY
    assert placement.attribution == "direct"
    assert [e["kind"] for e in placement.evidence] == [
        "match_shared", "match_interested", "match_applied", "match_interview", "match_offer", "match_hired"]


def test_a_match_recorded_as_the_placement_the_same_day_counts(case_a, developer_a, lead_a):
    match = _pipeline(case_a, lead_a, developer_a, DAY, to="offer")
    with time_machine.travel(_at(DAY, 15), tick=False):
        placement = placement_for(case_a, by=developer_a, start_date=DAY, match=match)
    assert placement.attribution == "direct"


def test_a_back_dated_placement_counts_the_pipeline_caught_up_on_the_hire_day(case_a, developer_a, lead_a):
    """The person started two weeks ago; the developer recorded the whole pipeline today, when the hire was
    recorded: the stages were recorded the same day as the hire, so they count."""
    match = _pipeline(case_a, lead_a, developer_a, DAY)
    with time_machine.travel(_at(DAY, 15), tick=False):
        placement = placement_for(case_a, by=developer_a, start_date=DAY - dt.timedelta(days=14), match=match)
    assert placement.attribution == "direct"


def test_a_back_dated_placement_does_not_count_help_given_after_the_start(case_a, developer_a, lead_a):
    """Shared a week after the person started, never moved to hired: the sharing came too late to help."""
    start = DAY - dt.timedelta(days=14)
    _pipeline(case_a, lead_a, developer_a, start + dt.timedelta(days=7), to="applied")
    with time_machine.travel(_at(DAY, 15), tick=False):
        placement = placement_for(case_a, by=developer_a, start_date=start, employer=lead_a.employer)
    assert (placement.attribution, placement.evidence) == ("self_found", [])


def test_a_match_moved_by_another_provider_does_not_count(case_a, counsellor_a, counsellor_b, lead_a):
    """Provider A's lead, shared and moved to an offer by provider B's counsellor: provider A did nothing."""
    _pipeline(case_a, lead_a, counsellor_b, DAY - dt.timedelta(days=20), to="offer")
    with time_machine.travel(_at(DAY), tick=False):
        placement = placement_for(case_a, by=counsellor_a, start_date=DAY, employer=lead_a.employer)
    assert placement.attribution == "self_found"


def test_a_resume_completed_on_the_start_day_makes_it_assisted(case_a, counsellor_a, provider_a):
    delivered_item(case_a.client, provider=provider_a, by=counsellor_a, kind=ServiceCatalogueEntry.Kind.RESUME,
                   completed_at=_at(DAY, 8))
    with time_machine.travel(_at(DAY, 12), tick=False):
        placement = placement_for(case_a, by=counsellor_a, start_date=DAY)
    assert placement.attribution == "assisted"


def test_a_resume_completed_the_day_after_the_start_does_not_count(case_a, counsellor_a, provider_a):
    delivered_item(case_a.client, provider=provider_a, by=counsellor_a, kind=ServiceCatalogueEntry.Kind.RESUME,
                   completed_at=_at(DAY + dt.timedelta(days=1)))
    with time_machine.travel(_at(DAY + dt.timedelta(days=2)), tick=False):
        placement = placement_for(case_a, by=counsellor_a, start_date=DAY)
    assert placement.attribution == "self_found"


# --- The pure rule on hand-built stage histories ---------------------------------------------------------------

START = dt.date(2026, 3, 2)


def _stage(status, day, providers=(1,)):
    return Stage(status=status, on=day, provider_ids=frozenset(providers))


def _classify(*stages, shared_on=None, sharers=(1,)):
    match = SharedMatch(ref="m", employer_id=10, provider_ids=frozenset(sharers), shared_on=shared_on,
                        title="Clerk", stages=tuple(stages))
    return attribute(history=History(matches=(match,)), provider_id=1, employer_id=10, start_date=START)


def test_an_interview_arranged_without_a_recorded_share_is_direct():
    kind, evidence = _classify(_stage("interview", dt.date(2026, 2, 20)))
    assert (kind, [e["kind"] for e in evidence]) == ("direct", ["match_interview"])


def test_stages_after_the_start_count_only_on_the_hire_day():
    late = dt.date(2026, 3, 9)
    assert _classify(_stage("applied", late))[0] == "self_found"
    assert _classify(_stage("applied", late), _stage("hired", late))[0] == "direct"
    assert _classify(_stage("applied", late), _stage("hired", late + dt.timedelta(days=1)))[0] == "self_found"


def test_stages_recorded_by_another_provider_are_not_this_providers_evidence():
    assert _classify(_stage("offer", dt.date(2026, 2, 20), providers=(2,)), shared_on=dt.date(2026, 2, 1),
                     sharers=(2,))[0] == "self_found"
