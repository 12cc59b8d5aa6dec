"""Keyboard-only journeys (issue 14 §2): every step is a key press, and each asserts where focus lands, so a
screen-reader or switch user is never dropped at the top of the page or on the body after a swap."""

import pytest
from django.conf import settings
from django.test import Client as HttpClient
from django.urls import reverse
from playwright.sync_api import Browser, expect

from employers.models import Match

pytestmark = pytest.mark.browser
MAX_TABS = 80


def keyboard_page(browser: Browser, live: str, user, width: int = 1280):
    http = HttpClient()
    http.force_login(user)
    context = browser.new_context(base_url=live, viewport={"width": width, "height": 800})
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                          "value": http.cookies[settings.SESSION_COOKIE_NAME].value, "url": live}])
    return context.new_page()


def tab_to(page, locator, *, backwards: bool = False) -> int:
    """Press Tab until `locator` has focus; returns how many presses it took (fails after MAX_TABS)."""
    target = locator.element_handle()
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate("el => document.activeElement === el", target):
            return presses
    raise AssertionError(f"{MAX_TABS} Tabs never reached {locator}")


def focused(page) -> str:
    """The focused element, described for an assertion message."""
    return page.evaluate("""() => { const el = document.activeElement;
        return `${el.tagName.toLowerCase()}#${el.id} ${el.getAttribute('role') || ''} ${el.textContent.trim().slice(0, 80)}`; }""")


def test_a_counsellor_adds_a_note_by_keyboard(browser, live, case_a, counsellor_a):
    page = keyboard_page(browser, live, counsellor_a)
    page.goto(reverse("caseload:case", args=[case_a.code]))

    # An empty note: the browser's own check keeps the page and puts focus in the field.
    tab_to(page, page.get_by_role("button", name="Add note"))
    page.keyboard.press("Enter")
    expect(page.locator("#note-body")).to_be_focused()

    page.keyboard.type("Phoned about the warehouse job fair.")
    tab_to(page, page.get_by_role("button", name="Add note"))
    page.keyboard.press("Enter")

    message = page.locator("main .messages")
    expect(message).to_be_focused()
    expect(message).to_have_text("Note added.")
    expect(page.locator("#timeline")).to_contain_text("Phoned about the warehouse job fair.")


def test_a_job_seeker_answers_a_lead_not_for_me_by_keyboard(browser, live, shared_match_a, seeker_a):
    page = keyboard_page(browser, live, seeker_a, width=360)
    page.goto(reverse("clients:me"))
    leads = page.locator("#my-leads")
    expect(leads).to_contain_text(shared_match_a.lead.title)

    # "Not for me" without a reason: focus goes to the reason, which says what is wrong.
    tab_to(page, leads.get_by_label("I'm interested"))  # Tab enters a radio group at its first radio
    page.keyboard.press("ArrowDown")  # the arrow moves to, and picks, "Not for me"
    expect(leads.get_by_label("Not for me")).to_be_checked()
    tab_to(page, leads.get_by_role("button", name="Send my answer"))
    page.keyboard.press("Enter")
    reason = page.locator("#my-leads").get_by_label("If it is not for you, why?")
    expect(reason).to_be_focused()
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#live-alert")).to_contain_text("Tell us why this job is not for you.")

    # Pick a reason with the arrow keys and send: focus lands on the thank-you, which is announced.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    tab_to(page, page.locator("#my-leads").get_by_role("button", name="Send my answer"))
    page.keyboard.press("Enter")
    thanks = page.locator("#my-leads [role=status]")
    expect(thanks).to_be_focused()
    # The second reason is "pay too low": the notice also says what the answer changed (the lead offers $25.00 to $30.00: the next whole dollar above $25.00, over the $20.00 minimum).
    said = "Thank you. Your counsellor has your answer. Minimum pay is now $26.00 an hour (it was $20.00)."
    expect(thanks).to_have_text(said)
    expect(page.locator("#live-status")).to_have_text(said)
    shared_match_a.refresh_from_db()
    assert shared_match_a.status == Match.Status.NOT_FOR_ME, focused(page)


def test_a_job_seeker_answers_a_check_in_by_keyboard(browser, live, retention_check_due_a, seeker_a):
    page = keyboard_page(browser, live, seeker_a, width=360)
    page.goto(reverse("outcomes:me_checks"))
    card = page.locator(f"#check-{retention_check_due_a.code}-h").locator("xpath=..")

    # Sent empty: the summary is focused and announced; each error is linked to its group.
    tab_to(page, card.get_by_role("button", name="Send my answer"))
    page.keyboard.press("Enter")
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    card = page.locator(f"#check-{retention_check_due_a.code}-h").locator("xpath=..")
    still_working = card.get_by_role("group", name="Are you still working?")
    error_id = still_working.get_attribute("aria-describedby")
    assert error_id and page.locator(f"#{error_id}").inner_text().strip()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the summary's first link goes to the first radio of its group
    expect(still_working.get_by_label("Yes")).to_be_focused()

    page.keyboard.press("Space")  # Yes, still working
    same = card.get_by_role("group", name="Is it the same employer?")
    tab_to(page, same.get_by_label("Yes"))
    page.keyboard.press("Space")
    hours = card.get_by_label("How many hours a week do you work?")
    tab_to(page, hours)
    page.keyboard.type("37")
    wrong = card.get_by_role("group", name="Is anything going wrong at work?")
    tab_to(page, wrong.get_by_label("Yes"))
    page.keyboard.press("ArrowDown")  # radios move with the arrows: "No"
    expect(wrong.get_by_label("No")).to_be_checked()
    tab_to(page, card.get_by_role("button", name="Send my answer"))
    page.keyboard.press("Enter")

    message = page.locator("main .messages")
    expect(message).to_be_focused()
    expect(message).to_contain_text("Thank you. Your answer is recorded.")
