"""A counsellor registers a job seeker through the intake wizard (one mistake on the way, nothing lost), assesses
them, sees the segment and why, and builds the plan from the catalogue; the job seeker reads it on a phone, in
French. axe checks every page."""

import re

import pytest
from django.conf import settings
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Browser, expect

from clients.models import Client
from tests.clients.factories import answers, make_plan_item
from tests.e2e.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("clients_reference_data")]


def page_as(browser: Browser, live: str, user, **context_options):
    http = HttpClient()
    http.force_login(user)
    context = browser.new_context(base_url=live, **context_options)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                          "value": http.cookies[settings.SESSION_COOKIE_NAME].value, "url": live}])
    return context.new_page()


def fr(text: str) -> str:
    with translation.override("fr"):
        return translation.gettext(text)


def test_a_counsellor_registers_assesses_and_plans(browser: Browser, live, provider_a, counsellor_a):
    page = page_as(browser, live, counsellor_a)
    page.goto(reverse("clients:list"))
    assert_accessible(page)
    page.get_by_role("link", name="Register a client").click()

    # Identity, with a postal code that is not Canadian: the message sits by the field, nothing typed is lost.
    expect(page.get_by_role("heading", level=2)).to_contain_text("Identity and contact")
    assert_accessible(page)
    page.get_by_label("First name").fill("Nadia")
    page.get_by_label("Last name").fill("Benali")
    page.get_by_label("Date of birth").fill("1993-09-14")
    page.get_by_label("E-mail").fill("nadia.benali@example.test")
    page.get_by_label("Phone").fill("416 555 0177")
    page.get_by_label("Postal code").fill("90210")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.get_by_role("link", name="Postal code: Enter a Canadian postal code such as M5V 2T6.")).to_be_visible()
    expect(page.get_by_text("Enter a Canadian postal code such as M5V 2T6.", exact=True)).to_be_visible()
    expect(page.get_by_label("First name")).to_have_value("Nadia")
    assert_accessible(page)
    page.get_by_label("Postal code").fill("m4m 1h6")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=2)).to_contain_text("Education and work history")
    assert_accessible(page)
    page.get_by_label("Field of study").fill("Business administration")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=2)).to_contain_text("Goals and skills")
    goal = page.get_by_label("Short-term goal (NOC unit group)")
    goal.press_sequentially("customer serv", delay=30)
    expect(page.locator("#noc-options option")).to_have_count(1)
    goal.fill("64409")
    page.get_by_label("Customer service", exact=True).check()
    assert_accessible(page)
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=2)).to_contain_text("Preferences and accommodations")
    page.get_by_label("Quiet workspace").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=2)).to_contain_text("Self-identification")
    page.get_by_label("Prefer not to say").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=2)).to_contain_text("Consents and registration")
    page.get_by_label("Share a de-identified profile with employers").check()
    assert_accessible(page)
    page.get_by_role("button", name="Register the client").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Nadia Benali")
    client = Client.objects.get(email="nadia.benali@example.test")
    assert client.postal_code == "M4M 1H6"
    expect(page.locator("#panel-plan")).to_be_visible()
    assert_accessible(page)

    # Assess: a severe housing barrier and a need for job search tools.
    page.locator("#panel-assessment").get_by_role("link", name="Assess").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Assess Nadia Benali")
    for barrier in ("Transportation", "Child care", "Health", "Language", "Literacy and numeracy", "Digital skills",
                    "Credential recognition", "Criminal record", "Time out of work"):
        page.get_by_role("group", name=f"{barrier}:", exact=True).get_by_label("none").check()
    page.get_by_role("group", name="Housing:", exact=True).get_by_label("severe barrier").check()
    page.get_by_role("radio", name=re.compile("Needs tools")).check()
    assert_accessible(page)
    page.get_by_role("button", name="Save the assessment").click()

    panel = page.locator("#panel-assessment")
    expect(panel).to_contain_text("Segment 2")
    expect(panel).to_contain_text("Housing: severe barrier (+3)")
    expect(panel).to_contain_text("Job readiness: needs tools (+1)")
    assert_accessible(page)

    # Build the plan from the catalogue: a suggestion for segment 2, then one more from the full list.
    plan = page.locator("#panel-plan")
    plan.get_by_role("button", name=re.compile("Add to the plan.*Resume writing workshop")).click()
    plan = page.locator("#panel-plan")
    expect(plan.get_by_role("rowheader", name=re.compile("Resume writing workshop"))).to_be_visible()
    plan.get_by_text("Add a service from the catalogue").click()
    plan.get_by_label("Service from the catalogue").select_option(label="Mock interview with feedback")
    plan.get_by_label("Due", exact=True).last.fill("2030-02-01")
    plan.get_by_role("button", name="Add to the plan", exact=True).click()
    expect(page.locator("#panel-plan")).to_contain_text("Mock interview with feedback")
    assert_accessible(page)
    assert sorted(client.plan_items.values_list("title", flat=True)) == ["Mock interview with feedback",
                                                                         "Resume writing workshop"]
    page.context.close()


def test_the_wizard_speaks_french(browser: Browser, live, counsellor_b):
    page = page_as(browser, live, counsellor_b)
    page.goto(reverse("clients:intake"))
    page.get_by_role("button", name="Français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("Register a client"))
    expect(page.get_by_label(fr("Postal code"))).to_be_visible()
    assert_accessible(page)
    page.context.close()


def test_the_job_seeker_reads_the_plan_on_a_phone_in_french(browser: Browser, live, seeker_b, counsellor_b,
                                                            client_b):
    from clients import services

    services.assessment_record(client=client_b, answers=answers(housing=3, health=3), assessed_by=counsellor_b)
    services.consent_grant(client=client_b, scope="share_employers", granted_by=counsellor_b)
    make_plan_item(client_b, by=counsellor_b, service_code="coaching-one-to-one")
    page = page_as(browser, live, seeker_b, viewport={"width": 360, "height": 740})
    page.goto(reverse("clients:me"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("My employment plan"))
    expect(page.get_by_role("heading", name="Accompagnement individuel en emploi")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
    page.goto(reverse("clients:me_privacy"))  # consents live on "my privacy" beside who opened my file
    page.get_by_role("button", name=re.compile(fr("Withdraw"))).first.click()
    expect(page.locator(".status-bad").first).to_be_visible()
    assert_accessible(page)
    page.wait_for_load_state("networkidle")
    page.context.close()
