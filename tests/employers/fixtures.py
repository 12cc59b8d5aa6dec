"""Fixtures the employers tests and the permission matrix share."""

import pytest

from employers import services
from employers.models import Match
from tests.employers.factories import EmployerFactory, LeadFactory, client_at


@pytest.fixture
def candidate_a(provider_a, seeker_a):
    return client_at(provider_a, user=seeker_a, first_name="Sam", last_name="Ahmed")


@pytest.fixture
def candidate_b(provider_b, seeker_b):
    return client_at(provider_b, user=seeker_b, first_name="Sofia", last_name="Brun")


@pytest.fixture
def employer(db):
    return EmployerFactory(name="Maple Ledger Accounting")


@pytest.fixture
def lead_a(provider_a, employer, developer_a):
    return LeadFactory(provider=provider_a, employer=employer, created_by=developer_a)


@pytest.fixture
def match_a(candidate_a, lead_a, counsellor_a) -> Match:
    return services.match_create(client=candidate_a, lead=lead_a, by=counsellor_a)


@pytest.fixture
def match_b(candidate_b, provider_b, employer):
    lead = LeadFactory(provider=provider_b, employer=employer, title="Analyst")
    return services.match_create(client=candidate_b, lead=lead, by=None)


@pytest.fixture
def activity_a(provider_a, employer, developer_a, candidate_a):
    import datetime as dt

    return services.activity_record(provider=provider_a, staff=developer_a, employer=employer,
                                    kind="site_visit", date=dt.date(2026, 2, 1), attendees=[candidate_a])


@pytest.fixture
def shared_match_a(match_a, counsellor_a) -> Match:
    """A lead shared with candidate_a (seeker_a), waiting for their answer."""
    return services.match_move(match=match_a, status=Match.Status.SHARED, by=counsellor_a)


@pytest.fixture
def preference_a(candidate_a, lead_a, counsellor_a):
    """What candidate_a's counsellor taught the matching by dismissing lead_a as not the kind of work."""
    from employers.models import LearnedPreference

    services.match_dismiss(client=candidate_a, lead=lead_a, by=counsellor_a, note="Not this work",
                           reason_code="work")
    return LearnedPreference.objects.get(client=candidate_a)
