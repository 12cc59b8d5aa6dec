"""A refusal answered with 422 to an HTMX action shows up on the page (htmx ignores 4xx unless told)."""

import pytest
from playwright.sync_api import Page, expect

from caseload import services as case_services
from employers.models import Match
from tests.e2e.test_employers_journey import signed_in
from tests.employers.factories import LeadFactory, client_at, noc

pytestmark = pytest.mark.browser


def test_a_dismissal_without_a_reason_is_refused_on_the_page(page: Page, live, provider_a, developer_a, counsellor_a):
    noc("12200", "Accounting technicians and bookkeepers")
    client = client_at(provider_a, first_name="Sam", goals=["12200"])
    case_services.case_open(client=client, provider=provider_a, opened_by=counsellor_a, counsellor=counsellor_a)
    lead = LeadFactory(provider=provider_a, occupation=noc("12200"), created_by=developer_a)

    signed_in(page, live, developer_a)
    page.goto(f"{live}/leads/{lead.code}/")
    candidate = page.locator(f"#candidate-{client.code}")
    candidate.get_by_label("Why dismiss it?").fill("   ")  # passes the browser's `required`, not the server
    candidate.get_by_role("button", name="Dismiss").click()

    expect(candidate.get_by_role("alert")).to_contain_text("Say why the match is dismissed.")
    assert not Match.objects.filter(status=Match.Status.DISMISSED).exists()
