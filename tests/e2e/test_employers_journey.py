"""A job developer records an employer and a lead; the engine ranks clients with reasons; one is shared; the
client's counsellor finds the task on their caseload home; the pipeline reaches hired."""

import datetime as dt
import re

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from playwright.sync_api import Page, expect

from caseload import services as case_services
from caseload.models import Task
from employers import tasks
from employers.models import JobLead, Match
from tests.e2e.axe import assert_accessible
from tests.employers.factories import client_at, noc

pytestmark = pytest.mark.browser


def signed_in(page: Page, live: str, user) -> Page:
    """Reuse Django's session for `user` (the sign-in journey itself is tested in test_signin_journey)."""
    web = HttpClient()
    web.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": web.cookies["sessionid"].value, "url": live}])
    return page


def test_it_takes_a_lead_from_the_employer_to_a_hire(page: Page, live, provider_a, developer_a, counsellor_a,
                                                     seeker_a):
    noc("12200", "Accounting technicians and bookkeepers")
    client = client_at(provider_a, user=seeker_a, first_name="Sam", last_name="Ahmed", goals=["12200"], education_level="college",
                       accommodations=["step_free"])
    case_services.case_open(client=client, provider=provider_a, opened_by=counsellor_a, counsellor=counsellor_a)

    signed_in(page, live, developer_a)
    page.goto(live + reverse("employers:employer_create"))
    assert_accessible(page)
    page.get_by_label(re.compile("^Name:?$")).fill("Harbourfront Ledger Partners")
    page.get_by_label("Postal code").fill("M5J 2N8")
    page.get_by_label("Sector (NAICS)").select_option("54")
    page.get_by_label("Size").select_option("small")
    page.get_by_label("Latitude").fill("43.64150")
    page.get_by_label("Longitude").fill("-79.37720")
    page.get_by_label("Step-free access at this site").check()
    page.get_by_role("button", name="Save employer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Harbourfront Ledger Partners")
    assert_accessible(page)

    page.get_by_role("link", name="Add a lead").click()
    page.get_by_label("Job title").fill("Bookkeeper")
    page.get_by_label("NOC 2021 unit group").fill("12200")
    page.get_by_label("Postal code").fill("M5J 2N8")
    page.get_by_label("Pay from ($/hour)").fill("24")
    page.get_by_label("Pay up to ($/hour)").fill("28")
    page.get_by_label("Hours a week").fill("37")
    page.get_by_label("Permanence").select_option("permanent")
    page.get_by_label("Closing date").fill((dt.date.today() + dt.timedelta(days=21)).isoformat())
    page.get_by_label("Yes: what is ticked below is offered, the rest is not").check()
    page.get_by_label("Step-free entrance, washroom and workspace").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save lead").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bookkeeper")

    candidate = page.locator(f"#candidate-{client.code}")
    expect(candidate).to_contain_text("Matches the client's goal Accounting technicians and bookkeepers (NOC 12200)")
    expect(candidate).to_contain_text("Offers step-free access")
    assert_accessible(page)

    lead = JobLead.objects.get()
    assert tasks.lead_match_new(lead.pk) == 1  # what the Celery worker does once the lead is committed

    candidate.get_by_role("button", name="Share with Sam").click()
    expect(candidate).to_contain_text("Shared with the client")
    assert Match.objects.get().status == Match.Status.SHARED

    # The job seeker finds the lead on their portal, with its reasons, and says they are interested.
    signed_in(page, live, seeker_a)
    page.goto(live + reverse("clients:me"))
    leads = page.locator("#my-leads")
    expect(leads).to_contain_text("Bookkeeper")
    expect(leads).to_contain_text("Offers step-free access")
    assert_accessible(page)
    leads.get_by_label("I'm interested").check()
    leads.get_by_role("button", name=re.compile("^Send my answer")).click()
    expect(page.locator("#my-leads")).to_contain_text("Your counsellor has your answer")
    assert Match.objects.get().status == Match.Status.INTERESTED

    signed_in(page, live, counsellor_a)
    page.goto(live + reverse("caseload:home"))
    task = Task.objects.get(assignee=counsellor_a, kind="match")
    assert task.client == client
    expect(page.get_by_role("heading", name=task.title)).to_be_visible()
    assert_accessible(page)

    page.goto(live + reverse("employers:pipeline"))
    assert_accessible(page)
    for column in ("Applied", "Interview", "Offer", "Hired"):
        page.get_by_role("button", name=re.compile("^Move forward")).first.click()
        expect(page.locator("section", has=page.get_by_role("heading", name=re.compile(f"^{column}")))) \
            .to_contain_text("Sam Ahmed")
    match = Match.objects.get()
    assert match.status == Match.Status.HIRED
    assert list(match.events.values_list("status", flat=True)) == [
        "suggested", "shared", "interested", "applied", "interview", "offer", "hired"]
    expect(page.get_by_role("link", name=re.compile("^Record the placement Sam Ahmed"))).to_be_visible()
    assert_accessible(page)
