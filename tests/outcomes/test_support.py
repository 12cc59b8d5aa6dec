import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from caseload.models import Task
from espportal.access import actor_for_user
from outcomes import services
from outcomes.access import support_requests_for
from outcomes.models import Resource, SupportMessage, SupportRequest


def _visible_to(user):
    return set(support_requests_for(actor_for_user(user)))


def test_it_shows_a_request_only_to_the_client_their_staff_and_managers(
        support_request_a, seeker_a, counsellor_a, manager_a, counsellor_a2, intake_a, counsellor_b, manager_b,
        seeker_b, ministry):
    for user in (seeker_a, counsellor_a, manager_a):
        assert _visible_to(user) == {support_request_a}, user
    for user in (counsellor_a2, intake_a, counsellor_b, manager_b, seeker_b, ministry):
        assert support_request_a not in _visible_to(user), user


def test_it_lets_the_assigned_counsellor_open_one_with_a_first_message(placement_a, counsellor_a):
    request = services.support_request_open(client=placement_a.client, category="accommodation",
                                            body="Needs a quieter desk.", opened_by=counsellor_a)
    assert (request.provider, request.case, request.status) == (placement_a.provider, placement_a.case, "open")
    assert list(request.messages.values_list("body", flat=True)) == ["Needs a quieter desk."]


@pytest.mark.parametrize("who", ["counsellor_a2", "intake_a", "counsellor_b", "seeker_b", "ministry"])
def test_it_refuses_a_request_from_someone_not_the_client_or_their_staff(request, placement_a, who):
    with pytest.raises(PermissionDenied):
        services.support_request_open(client=placement_a.client, category="other", body="Hello",
                                      opened_by=request.getfixturevalue(who))
    assert not SupportRequest.objects.exists()


def test_it_refuses_messages_from_outsiders_and_keeps_the_thread(support_request_a, counsellor_a, counsellor_a2):
    services.support_message_add(support_request=support_request_a, author=counsellor_a, body="Let's talk Monday.")
    with pytest.raises(PermissionDenied):
        services.support_message_add(support_request=support_request_a, author=counsellor_a2, body="Hi")
    assert SupportMessage.objects.filter(request=support_request_a).count() == 2


def test_it_shares_with_the_employer_only_after_the_clients_own_consent(support_request_a, counsellor_a, seeker_a):
    with pytest.raises(ValidationError):
        services.support_share_with_employer(support_request=support_request_a, shared_by=counsellor_a)
    with pytest.raises(PermissionDenied):  # staff cannot consent for the client
        services.support_consent_record(support_request=support_request_a, consented_by=counsellor_a, consent=True)
    support_request_a.refresh_from_db()
    assert support_request_a.shared_with_employer_at is None
    services.support_consent_record(support_request=support_request_a, consented_by=seeker_a, consent=True)
    shared = services.support_share_with_employer(support_request=support_request_a, shared_by=counsellor_a)
    assert shared.shared_with_employer_by == counsellor_a and shared.employer_share_consent_at is not None


def test_it_refers_to_a_seeded_resource_with_a_follow_up(support_request_a, counsellor_a, seeker_a):
    assert set(Resource.objects.values_list("kind", flat=True)) == {"mediation", "counselling", "legal_clinic",
                                                                    "advocacy"}
    resource = Resource.objects.get(kind="legal_clinic")
    follow_up = timezone.localdate() + dt.timedelta(days=14)
    referral = services.resource_refer(support_request=support_request_a, resource=resource,
                                       referred_by=counsellor_a, follow_up_on=follow_up)
    support_request_a.refresh_from_db()
    assert (referral.follow_up_on, support_request_a.status) == (follow_up, "referred")
    # The follow-up is work in the referrer's inbox on the day.
    task = Task.objects.get(source_key=f"resource-referral:{referral.code}")
    assert (task.assignee, task.due_on, task.client) == (counsellor_a, follow_up, support_request_a.client)
    assert resource.name in task.title
    with pytest.raises(PermissionDenied):  # referrals are staff work
        services.resource_refer(support_request=support_request_a, resource=resource, referred_by=seeker_a,
                                follow_up_on=follow_up)
