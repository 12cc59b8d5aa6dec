"""Fixtures the outcomes tests and the permission matrix share.

Built on caseload's case_a / case_b (a client at provider A with counsellor_a, linked to seeker_a; and one at
provider B with counsellor_b, linked to seeker_b). Named placement_* / support_* so they clash with no one's.
"""

import pytest

from outcomes import services
from outcomes.models import SupportRequest
from tests.outcomes.factories import placement_for


@pytest.fixture
def placement_a(case_a, counsellor_a):
    return placement_for(case_a, by=counsellor_a)


@pytest.fixture
def placement_b(case_b, counsellor_b):
    return placement_for(case_b, by=counsellor_b)


@pytest.fixture
def retention_check_b(placement_b):
    return placement_b.checks.first()


@pytest.fixture
def support_request_a(placement_a, seeker_a):
    return services.support_request_open(client=placement_a.client, placement=placement_a, opened_by=seeker_a,
                                         category=SupportRequest.Category.HOURS_PAY,
                                         body="My hours were cut without notice.")


@pytest.fixture
def support_request_b(placement_b, seeker_b):
    return services.support_request_open(client=placement_b.client, placement=placement_b, opened_by=seeker_b,
                                         category=SupportRequest.Category.HARASSMENT,
                                         body="A coworker keeps making comments.")


@pytest.fixture
def retention_check_due_a(placement_a):
    """placement_a's first check-in, fallen due (a task for counsellor_a, a notification for seeker_a)."""
    check = placement_a.checks.order_by("milestone_months").first()
    services.retention_check_fall_due(check_id=check.pk)
    check.refresh_from_db()
    return check
