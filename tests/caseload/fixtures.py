"""Fixtures the caseload tests and the permission matrix share.

Named case_* so they cannot clash with the clients app's own client fixtures.
"""

import datetime as dt

import pytest
from django.utils import timezone

from caseload import services
from caseload.models import CaseNote
from tests.caseload.factories import make_case


@pytest.fixture
def case_a(provider_a, counsellor_a, seeker_a):
    """An open case at provider A, counsellor_a assigned, the client linked to seeker_a's account."""
    return make_case(provider_a, counsellor=counsellor_a, user=seeker_a, first_name="Lina", last_name="Farah")


@pytest.fixture
def case_b(provider_b, counsellor_b, seeker_b):
    return make_case(provider_b, counsellor=counsellor_b, user=seeker_b, first_name="Marc", last_name="Belanger")


@pytest.fixture
def case_client_a(case_a):
    return case_a.client


@pytest.fixture
def note_a(case_a, counsellor_a):
    return services.note_add(case=case_a, author=counsellor_a, kind=CaseNote.Kind.CONTACT,
                             body="Called about the resume.", visibility=CaseNote.Visibility.TEAM)


@pytest.fixture
def task_a(case_a, counsellor_a):
    return services.task_create(assignee=counsellor_a, kind="follow_up", title="Call back", case=case_a,
                                due_on=timezone.localdate())


@pytest.fixture
def appointment_a(case_a, counsellor_a):
    return services.appointment_schedule(case=case_a, staff=counsellor_a, mode="phone",
                                         starts_at=timezone.now() + dt.timedelta(days=2), scheduled_by=counsellor_a)


@pytest.fixture
def transfer_a(case_a, counsellor_a, provider_b):
    """A pending transfer of case_a's client to provider B, consent recorded."""
    return services.transfer_request(client=case_a.client, to_provider=provider_b, requested_by=counsellor_a,
                                     record_consent=True)


@pytest.fixture
def referral_a(case_a, counsellor_a, counsellor_a2):
    return services.referral_request(case=case_a, specialist=counsellor_a2, reason="Resume for the trades.",
                                     requested_by=counsellor_a)


@pytest.fixture
def brief_a(case_a, counsellor_a, counsellor_a2, manager_a):
    """counsellor_a leaves case_a; counsellor_a2 takes it and has a handoff brief to acknowledge."""
    assignment = services.assignment_change(case=case_a, role="counsellor", staff=counsellor_a2,
                                            reason="staff_left", changed_by=manager_a)
    return assignment.handoff_brief
