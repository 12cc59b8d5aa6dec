"""The access door: another provider's record is a 404 (audited), a too-low role a 403."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from espportal import access, services
from espportal.models import AuditEvent, Membership, Notification, Role
from espportal.selectors import staff_of


@pytest.fixture
def notification_of_counsellor_a(counsellor_a):
    return Notification.objects.create(recipient=counsellor_a, subject="Your client answered a lead",
                                       sent_at=timezone.now())


def request_as(user, path="/"):
    request = RequestFactory().get(path)
    request.user = user
    return request


def test_it_answers_404_and_audits_when_another_provider_reaches_for_a_record(
    web, counsellor_b, provider_b, notification_of_counsellor_a
):
    web.force_login(counsellor_b)
    response = web.post(reverse("espportal:notification_read", args=[notification_of_counsellor_a.code]))

    assert response.status_code == 404
    notification_of_counsellor_a.refresh_from_db()
    assert notification_of_counsellor_a.read_at is None
    event = AuditEvent.objects.get(action="access.denied")
    assert event.actor_code == counsellor_b.code
    assert event.provider_code == provider_b.code
    assert event.detail == {"what": "notification", "code": str(notification_of_counsellor_a.code)}


def test_it_answers_404_and_audits_through_the_api_too(web, counsellor_b, notification_of_counsellor_a):
    web.force_login(counsellor_b)
    response = web.get(reverse("api:notification-detail", args=[notification_of_counsellor_a.code]))

    assert response.status_code == 404
    event = AuditEvent.objects.get(action="access.denied")
    assert event.actor_code == counsellor_b.code
    assert event.detail["code"] == str(notification_of_counsellor_a.code)


def test_it_lets_the_owner_through_without_a_denial(web, counsellor_a, notification_of_counsellor_a):
    web.force_login(counsellor_a)
    response = web.get(reverse("api:notification-detail", args=[notification_of_counsellor_a.code]))

    assert response.status_code == 200
    assert response.json()["subject"] == "Your client answered a lead"
    assert not AuditEvent.objects.filter(action="access.denied").exists()


def test_it_scopes_get_or_404_to_the_callers_provider(counsellor_b, manager_a, manager_b, provider_b):
    request = request_as(counsellor_b)
    actor = access.require_staff(request)
    own = Membership.objects.get(user=manager_b)
    theirs = Membership.objects.get(user=manager_a)

    assert access.get_or_404(request, staff_of(actor.provider), code=own.code, what="membership") == own
    with pytest.raises(Http404):
        access.get_or_404(request, staff_of(actor.provider), code=theirs.code, what="membership")
    with pytest.raises(Http404):
        access.get_or_404(request, staff_of(actor.provider), code="not-a-uuid", what="membership")

    denials = AuditEvent.objects.filter(action="access.denied").order_by("id")
    assert [event.detail["code"] for event in denials] == [str(theirs.code), "not-a-uuid"]
    assert {event.provider_code for event in denials} == {provider_b.code}


def test_it_audits_a_successful_open_when_told_whose_record_it_is(counsellor_b, manager_b):
    request = request_as(counsellor_b)
    actor = access.require_staff(request)
    own = Membership.objects.get(user=manager_b)

    access.get_or_404(request, staff_of(actor.provider), code=own.code, client_of=lambda m: m.user,
                      what="membership")

    event = AuditEvent.objects.get(action="membership.opened")
    assert event.client_code == manager_b.code
    assert event.target_code == str(own.code)


@pytest.mark.parametrize("persona", ["seeker_a", "ministry"])
def test_it_refuses_staff_pages_to_people_who_are_not_staff(request, web, persona):
    web.force_login(request.getfixturevalue(persona))
    assert web.get(reverse("caseload:home")).status_code == 403
    with pytest.raises(PermissionDenied):
        access.require_staff(request_as(request.getfixturevalue(persona)))


def test_it_refuses_staff_whose_membership_has_ended(web, counsellor_a):
    membership = Membership.objects.get(user=counsellor_a)
    membership.active_from = timezone.localdate() - dt.timedelta(days=30)
    membership.save()
    services.membership_end(membership=membership, on=timezone.localdate() - dt.timedelta(days=1))
    web.force_login(counsellor_a)

    assert web.get(reverse("caseload:home")).status_code == 403
    assert access.actor_for_user(counsellor_a).membership is None


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [("intake_a", False), ("counsellor_a", False), ("developer_a", False), ("manager_a", True)],
)
def test_it_checks_the_role(request, persona, allowed):
    user = request.getfixturevalue(persona)
    if allowed:
        assert access.require_staff(request_as(user), roles=access.MANAGER_ROLES).role == Role.MANAGER
    else:
        with pytest.raises(PermissionDenied):
            access.require_staff(request_as(user), roles=access.MANAGER_ROLES)


def test_it_keeps_intake_workers_out_of_case_roles(intake_a, counsellor_a):
    with pytest.raises(PermissionDenied):
        access.require_staff(request_as(intake_a), roles=access.CASE_ROLES)
    assert access.require_staff(request_as(counsellor_a), roles=access.CASE_ROLES).role == Role.COUNSELLOR


def test_it_tells_who_the_user_is(counsellor_a, provider_a, seeker_a, ministry):
    staff = access.actor_for_user(counsellor_a)
    assert (staff.kind, staff.provider, staff.role) == ("staff", provider_a, Role.COUNSELLOR)
    assert staff.is_staff_member and not staff.is_manager
    assert access.actor_for_user(seeker_a).is_job_seeker
    assert access.actor_for_user(ministry).is_ministry
    with pytest.raises(PermissionDenied):
        access.require_job_seeker(request_as(ministry))
    with pytest.raises(PermissionDenied):
        access.require_ministry(request_as(seeker_a))
