import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from clients.models import ServiceCatalogueEntry
from employers import services as employer_services
from outcomes.attribution import Activity, DeliveredService, History, SharedMatch, attribute
from outcomes.models import Placement
from outcomes.services import placement_contest
from tests.employers.factories import EmployerFactory, LeadFactory
from tests.outcomes.factories import consent_to_share, delivered_item, placement_for

TZ = ZoneInfo("America/Toronto")
START = dt.date(2026, 3, 2)
# Recorded histories happen after the personas joined their provider (today), so they are dated from there.
HIRE = dt.date.today() + dt.timedelta(days=90)


def _on(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 10, tzinfo=TZ)


def _days_before_hire(days: int) -> dt.date:
    return HIRE - dt.timedelta(days=days)
PROVIDER, OTHER_PROVIDER, EMPLOYER, OTHER_EMPLOYER = 1, 2, 10, 11


def _match(shared_on, employer=EMPLOYER, providers=(PROVIDER,)):
    return SharedMatch(ref="m", employer_id=employer, provider_ids=frozenset(providers), shared_on=shared_on,
                       title="Clerk")


def _attribute(**history):
    return attribute(history=History(**history), provider_id=PROVIDER, employer_id=EMPLOYER, start_date=START)


def test_it_calls_a_hire_direct_when_the_provider_shared_a_match_before_the_start():
    kind, evidence = _attribute(matches=(_match(dt.date(2026, 2, 1)),))
    assert kind == "direct"
    assert [(e["kind"], e["date"]) for e in evidence] == [("match_shared", "2026-02-01")]


def test_it_counts_a_match_shared_on_the_start_day():
    assert _attribute(matches=(_match(START),))[0] == "direct"


@pytest.mark.parametrize("shared_on", [dt.date(2026, 3, 3), dt.date(2026, 3, 20), None])
def test_it_does_not_count_a_match_shared_after_the_start(shared_on):
    assert _attribute(matches=(_match(shared_on),)) == ("self_found", [])


def test_it_ignores_matches_at_another_employer_or_shared_by_another_provider():
    history = (_match(dt.date(2026, 2, 1), employer=OTHER_EMPLOYER),
               _match(dt.date(2026, 2, 1), providers=(OTHER_PROVIDER,)))
    assert _attribute(matches=history)[0] == "self_found"


@pytest.mark.parametrize("kind", ["internship", "work_placement", "hiring_event"])
def test_it_calls_a_hire_direct_after_an_arranged_activity_with_that_employer(kind):
    activity = Activity(ref="a", kind=kind, employer_id=EMPLOYER, provider_id=PROVIDER, date=dt.date(2026, 1, 15),
                        label=kind)
    assert _attribute(activities=(activity,))[0] == "direct"


def test_it_does_not_count_a_networking_event_or_another_providers_internship():
    activities = (
        Activity(ref="a", kind="networking_event", employer_id=EMPLOYER, provider_id=PROVIDER,
                 date=dt.date(2026, 1, 15), label=""),
        Activity(ref="b", kind="internship", employer_id=EMPLOYER, provider_id=OTHER_PROVIDER,
                 date=dt.date(2026, 1, 15), label=""),
    )
    assert _attribute(activities=activities)[0] == "self_found"


@pytest.mark.parametrize("kind", ["resume", "interview_practice", "training", "mentoring"])
def test_it_calls_a_hire_assisted_after_delivered_preparation(kind):
    service = DeliveredService(ref="p", kind=kind, provider_id=PROVIDER, completed_on=dt.date(2026, 2, 10),
                               title="Service")
    kind_found, evidence = _attribute(services=(service,))
    assert kind_found == "assisted"
    assert evidence[0]["kind"] == "plan_item"


def test_it_does_not_count_preparation_after_the_hire_elsewhere_or_of_other_kinds():
    services = (
        DeliveredService(ref="1", kind="resume", provider_id=PROVIDER, completed_on=dt.date(2026, 3, 5), title=""),
        DeliveredService(ref="2", kind="resume", provider_id=OTHER_PROVIDER, completed_on=dt.date(2026, 2, 1),
                         title=""),
        DeliveredService(ref="3", kind="life_skills", provider_id=PROVIDER, completed_on=dt.date(2026, 2, 1),
                         title=""),
    )
    assert _attribute(services=services) == ("self_found", [])


def test_it_keeps_the_supporting_evidence_after_the_direct_chain():
    service = DeliveredService(ref="p", kind="resume", provider_id=PROVIDER, completed_on=dt.date(2026, 1, 5),
                               title="Resume")
    kind, evidence = _attribute(matches=(_match(dt.date(2026, 2, 1)),), services=(service,))
    assert kind == "direct"
    assert [e["kind"] for e in evidence] == ["match_shared", "plan_item"]


def test_it_finds_no_employer_evidence_for_an_employer_outside_the_network():
    assert attribute(history=History(matches=(_match(dt.date(2026, 2, 1)),)), provider_id=PROVIDER,
                     employer_id=None, start_date=START) == ("self_found", [])


# --- The same rules on histories recorded through the services -------------------------------------------------

@pytest.fixture
def employer_lead(provider_a, developer_a):
    employer = EmployerFactory(name="Harbour Freight Logistics")
    return employer, LeadFactory(provider=provider_a, employer=employer, created_by=developer_a)


def _share(case, lead, by, on: dt.datetime):
    consent_to_share(case.client, by)
    with time_machine.travel(on, tick=False):
        return employer_services.match_share(client=case.client, lead=lead, by=by)


def test_it_records_a_placement_as_direct_when_the_match_was_shared_before_the_hire(case_a, counsellor_a,
                                                                                     employer_lead):
    employer, lead = employer_lead
    match = _share(case_a, lead, counsellor_a, _on(_days_before_hire(29)))
    with time_machine.travel(_on(HIRE), tick=False):
        placement = placement_for(case_a, by=counsellor_a, start_date=HIRE, match=match)
    assert placement.attribution == "direct"
    assert placement.employer == employer
    assert placement.evidence[0] == {"kind": "match_shared", "date": _days_before_hire(29).isoformat(),
                                     "description": f"Lead shared with the client: {lead.title}",
                                     "ref": str(match.code)}


def test_it_does_not_credit_a_match_another_provider_shared(case_a, counsellor_a, counsellor_b, employer_lead):
    """Provider A's lead, but a counsellor at provider B shared it: provider A did not share anything."""
    employer, lead = employer_lead
    _share(case_a, lead, counsellor_b, _on(_days_before_hire(29)))
    with time_machine.travel(_on(HIRE), tick=False):
        placement = placement_for(case_a, by=counsellor_a, start_date=HIRE, employer=employer)
    assert placement.attribution == "self_found"


def test_it_records_self_found_when_the_match_was_shared_after_the_hire(case_a, counsellor_a, employer_lead):
    employer, lead = employer_lead
    _share(case_a, lead, counsellor_a, _on(HIRE + dt.timedelta(days=8)))
    with time_machine.travel(_on(HIRE + dt.timedelta(days=10)), tick=False):
        placement = placement_for(case_a, by=counsellor_a, start_date=HIRE, employer=employer)
    assert (placement.attribution, placement.evidence) == ("self_found", [])


def test_it_records_direct_after_an_internship_with_that_employer(case_a, counsellor_a, developer_a, provider_a,
                                                                  employer_lead):
    employer, _lead = employer_lead
    employer_services.activity_record(provider=provider_a, staff=developer_a, employer=employer, kind="internship",
                                      date=_days_before_hire(50), attendees=[case_a.client])
    with time_machine.travel(_on(HIRE), tick=False):
        placement = placement_for(case_a, by=counsellor_a, start_date=HIRE, employer=employer)
    assert placement.attribution == "direct"
    assert placement.evidence[0]["kind"] == "internship"


def test_it_records_assisted_after_a_resume_service(case_a, counsellor_a, provider_a):
    item = delivered_item(case_a.client, provider=provider_a, by=counsellor_a, kind=ServiceCatalogueEntry.Kind.RESUME,
                          completed_at=_on(_days_before_hire(29)))
    with time_machine.travel(_on(HIRE), tick=False):
        placement = placement_for(case_a, by=counsellor_a, start_date=HIRE)
    assert placement.attribution == "assisted"
    assert [e["ref"] for e in placement.evidence] == [str(item.code)]


def test_it_records_self_found_with_no_history(case_a, counsellor_a):
    with time_machine.travel(_on(HIRE), tick=False):
        placement = placement_for(case_a, by=counsellor_a, start_date=HIRE)
    assert (placement.attribution, placement.evidence) == ("self_found", [])


def test_it_flags_a_contested_attribution_without_changing_the_class(placement_a, counsellor_a, manager_a):
    contested = placement_contest(placement=placement_a, reason="We arranged the interview by phone.",
                                  contested_by=counsellor_a)
    stored = Placement.objects.get(pk=placement_a.pk)
    assert stored.attribution == placement_a.attribution == contested.attribution
    assert (stored.attribution_contested, stored.contest_reason, stored.contested_by) == (
        True, "We arranged the interview by phone.", counsellor_a)
    assert manager_a.tasks.filter(kind="attribution_review", source_key=f"attribution-review:{stored.code}").exists()


def test_it_refuses_a_contest_without_reason_or_from_another_provider(placement_a, counsellor_a, counsellor_b):
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(ValidationError):
        placement_contest(placement=placement_a, reason="  ", contested_by=counsellor_a)
    with pytest.raises(PermissionDenied):
        placement_contest(placement=placement_a, reason="Mine", contested_by=counsellor_b)
    assert not Placement.objects.get(pk=placement_a.pk).attribution_contested
