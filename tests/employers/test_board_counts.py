"""The lead board's and the employer directory's per-row counts, now counted per page row (a correlated count)
instead of grouped over every row: the same figures as before."""

from django.urls import reverse

from employers import selectors
from employers import services as employer_services
from employers.models import JobLead, Match
from espportal.access import actor_for_user
from tests.employers.factories import EmployerFactory, LeadFactory, client_at


def test_the_lead_board_counts_a_leads_matches_but_not_dismissed_ones(provider_a, counsellor_a, developer_a):
    lead = LeadFactory(provider=provider_a, created_by=developer_a)
    quiet = LeadFactory(provider=provider_a, created_by=developer_a)
    for status in (Match.Status.SHARED, Match.Status.DISMISSED, None):
        match = employer_services.match_create(client=client_at(provider_a), lead=lead, by=counsellor_a)
        if status:
            employer_services.match_move(match=match, status=status, by=counsellor_a)
    counts = dict(selectors.lead_board(actor_for_user(counsellor_a)).values_list("code", "match_count"))
    assert counts == {lead.code: 2, quiet.code: 0}


def test_the_directory_counts_an_employers_open_leads_only(login, provider_a, counsellor_a, developer_a):
    busy = EmployerFactory(name="Aaron Bakery")
    EmployerFactory(name="Zed Hardware")
    LeadFactory.create_batch(2, employer=busy, provider=provider_a, created_by=developer_a)
    LeadFactory(employer=busy, provider=provider_a, created_by=developer_a, status=JobLead.Status.FILLED)
    assert [(e.name, e.open_leads) for e in selectors.employers_directory()] == [("Aaron Bakery", 2),
                                                                                 ("Zed Hardware", 0)]
    page = login(counsellor_a).get(reverse("employers:directory")).content.decode()
    assert page.index("Aaron Bakery") < page.index("Zed Hardware")
