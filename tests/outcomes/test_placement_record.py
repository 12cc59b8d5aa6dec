import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from caseload.models import CaseFile
from employers import services as employer_services
from employers.models import Match
from espportal.models import AuditEvent
from outcomes.models import Placement, RetentionCheck
from tests.employers.factories import LeadFactory
from tests.outcomes.factories import consent_to_share, goal, placement_for


def test_it_records_a_placement_with_quality_checks_and_the_case_placed(case_a, counsellor_a):
    goal(case_a.client, "11100")
    start = timezone.localdate()
    placement = placement_for(case_a, by=counsellor_a, start_date=start)
    assert (placement.provider, placement.case, placement.teer, placement.verified_by) == (
        case_a.provider, case_a, 1, counsellor_a)
    assert placement.quality_index == 100
    checks = list(placement.checks.order_by("milestone_months"))
    assert [(c.milestone_months, c.status) for c in checks] == [(1, "pending"), (3, "pending"), (6, "pending"),
                                                                 (12, "pending")]
    assert checks[1].due_on == _months_after(start, 3)
    case_a.refresh_from_db()
    assert case_a.status == CaseFile.Status.PLACED
    assert AuditEvent.objects.filter(action="placement.recorded", target_code=str(placement.code)).exists()


def _months_after(day, months):
    from dateutil.relativedelta import relativedelta
    return day + relativedelta(months=months)


def test_it_plans_checks_at_the_configured_milestones(case_a, counsellor_a, settings):
    settings.ESP_RETENTION_MILESTONES = [2, 24]
    placement = placement_for(case_a, by=counsellor_a)
    assert sorted(placement.checks.values_list("milestone_months", flat=True)) == [2, 24]


def test_it_moves_an_offered_match_to_hired(case_a, counsellor_a, provider_a):
    consent_to_share(case_a.client, counsellor_a)
    lead = LeadFactory(provider=provider_a)
    match = employer_services.match_share(client=case_a.client, lead=lead, by=counsellor_a)
    for status in ("interested", "applied", "interview", "offer"):
        match = employer_services.match_move(match=match, status=status, by=counsellor_a)
    placement = placement_for(case_a, by=counsellor_a, match=match)
    match.refresh_from_db()
    assert match.status == Match.Status.HIRED
    assert (placement.lead, placement.employer, placement.employer_name) == (lead, lead.employer, lead.employer.name)


@pytest.mark.parametrize(("overrides", "field"), [
    ({"start_date": timezone.localdate() + dt.timedelta(days=61)}, "start_date"),
    ({"hours_per_week": Decimal("80.5")}, "hours_per_week"),
    ({"hours_per_week": Decimal("0")}, "hours_per_week"),
    ({"hours_per_week": Decimal("-5")}, "hours_per_week"),
    ({"hourly_pay": Decimal("-0.01")}, "hourly_pay"),
])
def test_it_refuses_bad_input_and_saves_nothing(case_a, counsellor_a, overrides, field):
    with pytest.raises(ValidationError) as refused:
        placement_for(case_a, by=counsellor_a, **overrides)
    assert field in refused.value.message_dict
    _assert_nothing_saved(case_a)


def test_it_accepts_a_start_sixty_days_ahead(case_a, counsellor_a):
    placement = placement_for(case_a, by=counsellor_a, start_date=timezone.localdate() + dt.timedelta(days=60))
    assert placement.pk


def test_it_refuses_a_client_of_another_provider(case_a, counsellor_b):
    with pytest.raises(PermissionDenied):
        placement_for(case_a, by=counsellor_b)
    _assert_nothing_saved(case_a)
    assert AuditEvent.objects.filter(action="placement.refused", client_code=case_a.client.code).exists()


@pytest.mark.parametrize("who", ["seeker_a", "intake_a", "ministry"])
def test_it_refuses_a_recorder_who_does_not_work_on_cases(request, case_a, who):
    with pytest.raises(PermissionDenied):
        placement_for(case_a, by=request.getfixturevalue(who))
    _assert_nothing_saved(case_a)


def test_it_refuses_a_match_of_another_client(case_a, case_b, counsellor_a, counsellor_b, provider_b):
    consent_to_share(case_b.client, counsellor_b)
    other = employer_services.match_share(client=case_b.client, lead=LeadFactory(provider=provider_b),
                                          by=counsellor_b)
    with pytest.raises(ValidationError):
        placement_for(case_a, by=counsellor_a, match=other)
    _assert_nothing_saved(case_a)


def _assert_nothing_saved(case):
    assert not Placement.objects.exists()
    assert not RetentionCheck.objects.exists()
    case.refresh_from_db()
    assert case.status != CaseFile.Status.PLACED
