"""The pipeline's column totals are counted up to a cap (employers.selectors.COLUMN_COUNT_CAP), in one query for
every column, so a provider with thousands of matches under way costs what one with a hundred does."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from employers import selectors
from employers import services as employer_services
from employers.models import Match
from tests.employers.factories import EmployerFactory, LeadFactory, client_at


def _shared(provider, counsellor, developer, n):
    for _ in range(n):
        lead = LeadFactory(provider=provider, employer=EmployerFactory(), created_by=developer)
        match = employer_services.match_create(client=client_at(provider), lead=lead, by=counsellor)
        employer_services.match_move(match=match, status=Match.Status.SHARED, by=counsellor)


def test_a_column_past_the_cap_shows_the_cap_and_a_plus(login, monkeypatch, provider_a, counsellor_a, developer_a):
    monkeypatch.setattr(selectors, "COLUMN_COUNT_CAP", 2)
    monkeypatch.setattr(selectors, "COLUMN_LIMIT", 1)
    _shared(provider_a, counsellor_a, developer_a, 3)
    page = login(counsellor_a).get(reverse("employers:pipeline")).content.decode()
    assert "Shared with the client <span class=\"meta\">(2+)</span>" in page
    assert "Show all 2+ (Shared with the client)" in page
    assert "Client interested <span class=\"meta\">(0)</span>" in page


def test_a_column_within_the_cap_shows_its_exact_total(login, provider_a, counsellor_a, developer_a):
    _shared(provider_a, counsellor_a, developer_a, 3)
    page = login(counsellor_a).get(reverse("employers:pipeline")).content.decode()
    assert "Shared with the client <span class=\"meta\">(3)</span>" in page


def test_every_column_is_counted_in_one_query(provider_a, counsellor_a, developer_a):
    _shared(provider_a, counsellor_a, developer_a, 2)
    matches = Match.objects.all()
    with CaptureQueriesContext(connection) as counted:
        columns = selectors.pipeline(matches)
    assert [(status, total) for status, _label, _rows, total, _shown in columns] == [
        ("shared", 2), ("interested", 0), ("applied", 0), ("interview", 0), ("offer", 0), ("hired", 0)]
    assert len(counted) == 1 + 6  # the capped counts, then one query per column
