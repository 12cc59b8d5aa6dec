"""A case travels with the person: counsellor A writes notes and leaves, the manager reassigns her cases in one
action, the new counsellor reads and acknowledges the handoff brief and sees the whole history; the client then
transfers (consent recorded) to provider B, whose counsellor sees the history while provider A can no longer write."""

import re

import pytest
from django.conf import settings
from django.test import Client as HttpClient
from django.urls import reverse
from playwright.sync_api import Browser, expect

from caseload.models import Transfer
from tests.caseload.factories import make_case
from tests.e2e.axe import assert_accessible

pytestmark = pytest.mark.browser


def page_as(browser: Browser, live: str, user, **context_options):
    """A browser page signed in as `user` (the sign-in journey itself is tested in test_signin_journey.py);
    `context_options` go to the browser context (java_script_enabled=False for the no-script path)."""
    http = HttpClient()
    http.force_login(user)
    context = browser.new_context(base_url=live, **context_options)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": http.cookies[settings.SESSION_COOKIE_NAME].value,
                          "url": live}])
    return context.new_page()


def pick(page, label: str, typed: str, option: str):
    """Choose `option` in a search picker (espportal/pickers.py) by keyboard: type, arrow down, Enter."""
    box = page.get_by_role("combobox", name=label)
    box.fill(typed)
    expect(page.get_by_role("option", name=option, exact=False)).to_be_visible()
    box.press("ArrowDown")
    box.press("Enter")
    expect(box).to_have_value(re.compile(re.escape(option)))


def test_the_case_travels_with_the_person(browser: Browser, live, provider_a, provider_b, counsellor_a,
                                          counsellor_a2, manager_a, counsellor_b, seeker_a):
    case = make_case(provider_a, counsellor=counsellor_a, user=seeker_a, first_name="Lina", last_name="Farah")
    case_url = reverse("caseload:case", args=[case.code])

    # Counsellor A writes notes.
    page = page_as(browser, live, counsellor_a)
    page.goto(case_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Lina Farah")
    assert_accessible(page)
    for kind, body in (("Advice given", "Resume: lead with the forklift licence."),
                       ("Contact", "Phoned about the warehouse job fair.")):
        page.get_by_label("Kind:", exact=True).first.select_option(label=kind)
        page.locator("#note-body").fill(body)
        page.get_by_role("button", name="Add note").click()
        expect(page.locator("#timeline")).to_contain_text(body)
    page.goto(reverse("caseload:home"))
    expect(page.get_by_role("link", name="Lina Farah")).to_be_visible()
    assert_accessible(page)
    page.context.close()

    # She leaves; the manager moves all her cases in one action.
    page = page_as(browser, live, manager_a)
    page.goto(reverse("caseload:manager"))
    assert_accessible(page)
    pick(page, "Staff member leaving", counsellor_a.first_name, counsellor_a.display_name)
    # The receivers are a several-row picker: each chosen counsellor becomes a ticked checkbox.
    receivers = page.get_by_role("combobox", name="Give their cases to")
    receivers.fill(counsellor_a2.first_name)
    expect(page.get_by_role("option", name=counsellor_a2.display_name, exact=False)).to_be_visible()
    receivers.press("ArrowDown")
    receivers.press("Enter")
    expect(page.get_by_role("checkbox", name=counsellor_a2.display_name, exact=False)).to_be_checked()
    page.get_by_role("button", name="Reassign their open cases").click()
    expect(page.locator(".messages[role=status]")).to_contain_text("1 case reassigned.")
    page.context.close()

    # The new counsellor reads the brief first, acknowledges it and then sees the whole history.
    page = page_as(browser, live, counsellor_a2)
    page.goto(case_url)
    brief = page.locator("#handoff-brief")
    expect(brief).to_contain_text("Resume: lead with the forklift licence.")
    expect(page.get_by_role("button", name="Add note")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("button", name="I have read the brief").click()
    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("Phoned about the warehouse job fair.")
    expect(timeline).to_contain_text(counsellor_a.display_name)
    page.locator("#note-body").fill("Introduced myself; we keep going with the job fair plan.")
    page.get_by_role("button", name="Add note").click()
    expect(timeline).to_contain_text("Introduced myself")
    page.get_by_label("Search the notes").fill("forklift")
    expect(timeline).not_to_contain_text("Introduced myself")
    expect(timeline).to_contain_text("forklift")

    # The client moves to provider B: consent recorded in the same form, then the sending provider completes it.
    pick(page, "Move to provider", "provider b", provider_b.name)
    page.get_by_label("The client consents to share their record and history with this provider").check()
    page.get_by_role("button", name="Request transfer").click()
    page.get_by_role("button", name="Complete the transfer").click()
    expect(page.locator(".messages[role=status]")).to_contain_text("Transfer completed")
    page.goto(case_url)
    expect(page.get_by_role("button", name="Add note")).to_have_count(0)
    expect(page.locator(".notice")).to_be_visible()
    assert_accessible(page)
    page.context.close()

    # Provider A can no longer write on the case.
    http = HttpClient()
    http.force_login(counsellor_a2)
    response = http.post(reverse("caseload:note_create", args=[case.code]),
                         {"kind": "contact", "visibility": "team", "body": "Still here?"})
    assert response.status_code == 403

    # Provider B's counsellor sees the history, labelled with who wrote it and where.
    new_case = Transfer.objects.get(client=case.client).to_case
    page = page_as(browser, live, counsellor_b)
    page.goto(reverse("caseload:case", args=[new_case.code]))
    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("Resume: lead with the forklift licence.")
    expect(timeline).to_contain_text("Introduced myself")
    expect(timeline).to_contain_text(provider_a.name)
    assert_accessible(page)
    page.context.close()
