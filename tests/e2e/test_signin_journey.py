"""A counsellor signs in with a password and a code, works in French on a phone, and signs out."""


import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import PASSWORD, totp_code

pytestmark = pytest.mark.browser


def sign_in(page: Page, live: str, user) -> None:
    page.goto(live + reverse("account_login"))
    assert_accessible(page)
    page.get_by_label("E-mail address or username").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(live + reverse("mfa_authenticate"))
    assert_accessible(page)
    page.get_by_label("Code").fill(totp_code())
    page.get_by_role("button", name="Sign In").click()


def test_it_signs_a_counsellor_in_and_out_in_both_languages(page: Page, live, counsellor_with_phone):
    sign_in(page, live, counsellor_with_phone)

    expect(page).to_have_url(live + reverse("caseload:home"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)

    page.get_by_role("button", name="Français").click()

    with translation.override("fr"):
        french_heading = translation.gettext("My caseload")
    assert french_heading != "My caseload", "the French catalogue has no translation for 'My caseload'"
    expect(page.get_by_role("heading", level=1)).to_have_text(french_heading)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page).to_have_url(live + reverse("caseload:home"))
    assert_accessible(page)
    counsellor_with_phone.refresh_from_db()
    assert counsellor_with_phone.preferred_language == "fr"

    with translation.override("fr"):
        sign_out = translation.gettext("Sign out")
    page.get_by_role("button", name=sign_out).click()

    expect(page).to_have_url(live + reverse("account_login"))
    expect(page.get_by_role("button", name="English")).to_be_visible()


def test_it_fits_a_phone_screen(page: Page, live, counsellor_with_phone):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live + reverse("account_login"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    sign_in(page, live, counsellor_with_phone)
    expect(page).to_have_url(live + reverse("caseload:home"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)


def test_it_announces_a_refused_sign_in_and_focuses_it(page: Page, live, counsellor_with_phone):
    page.goto(live + reverse("account_login"))
    page.get_by_label("E-mail address or username").fill(counsellor_with_phone.email)
    page.get_by_label("Password").fill("not the password")
    page.keyboard.press("Enter")

    summary = page.locator(".error-summary")
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_contain_text("The email address and/or password you specified are not correct.")
    expect(summary).to_be_focused()
    expect(page.get_by_label("E-mail address or username")).to_have_value(counsellor_with_phone.email)
    assert_accessible(page)
