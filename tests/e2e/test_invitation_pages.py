"""The invitation pages pass axe (no serious or critical WCAG 2.1 AA problem) and fit the screen, at 1280 and
360 px, in English and French: the staff invitation form on the client file, the printable code page, and the
job seeker's pages from the code to their account (the code page and the account set-up page)."""

import re

import pytest
from django.conf import settings
from django.test import Client as HttpClient
from django.urls import reverse
from playwright.sync_api import Browser, expect

from espportal.models import User
from tests.clients.factories import make_client
from tests.e2e.axe import assert_accessible

pytestmark = pytest.mark.browser
PASSWORD = "Lanterne-du-port-27"
HEADINGS = {  # the page's h1, so the test knows each page is the one it means, in the language it means
    "en": {"print": "Your invitation to the portal", "code": "Use your invitation code", "join": "Make your account"},
    "fr": {"print": "Votre invitation au portail", "code": "Utilisez votre code d'invitation", "join": "Créez votre compte"},
}


def _fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"sideways scroll on {page.url}"
    assert_accessible(page)


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_invitation_pages_are_accessible(browser: Browser, live, provider_a, counsellor_a, language, width):
    User.objects.filter(pk=counsellor_a.pk).update(preferred_language=language)
    client = make_client(provider_a, registered_by=counsellor_a, first_name="Ama", last_name="Owusu", email="",
                         preferred_language=language)
    http = HttpClient()
    http.force_login(counsellor_a)
    viewport = {"width": width, "height": 900}
    staff_context = browser.new_context(base_url=live, viewport=viewport)
    staff_context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                                "value": http.cookies[settings.SESSION_COOKIE_NAME].value, "url": live}])
    staff = staff_context.new_page()

    staff.goto(reverse("clients:detail", args=[client.code]))
    profile = staff.locator("#panel-profile")
    expect(profile.locator('input[value="printed"]')).to_be_visible()  # the lazy panel with the invite form
    assert staff.locator("html").get_attribute("lang") == language
    _fits(staff, width)
    profile.locator('input[value="printed"]').check()
    profile.locator('form[action$="/invitations/"] button[type="submit"]').click()
    expect(staff.get_by_role("heading", level=1)).to_have_text(HEADINGS[language]["print"])
    code = staff.locator(".invite-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    _fits(staff, width)

    seeker = browser.new_context(base_url=live, viewport=viewport,
                                 locale="fr-CA" if language == "fr" else "en-CA").new_page()
    seeker.goto(reverse("clients:join"))
    expect(seeker.get_by_role("heading", level=1)).to_have_text(HEADINGS[language]["code"])
    _fits(seeker, width)
    seeker.locator('input[name="code"]').fill(code)
    seeker.locator('main form button[type="submit"]').click()
    expect(seeker.get_by_role("heading", level=1)).to_have_text(HEADINGS[language]["join"])
    expect(seeker.locator('input[name="username"]')).to_be_visible()
    _fits(seeker, width)
    seeker.locator('main form button[type="submit"]').click()  # nothing typed: the refusal page too
    expect(seeker.locator('input[name="username"]')).to_have_attribute("aria-invalid", "true")
    _fits(seeker, width)
    seeker.locator('input[name="username"]').fill(f"ama-{language}-{width}")
    seeker.locator('input[name="password1"]').fill(PASSWORD)
    seeker.locator('input[name="password2"]').fill(PASSWORD)
    seeker.locator('main form button[type="submit"]').click()
    expect(seeker.locator("#mfa-offer-h")).to_be_visible()  # on /me/, two-step verification offered
    assert seeker.locator("html").get_attribute("lang") == language
    _fits(seeker, width)
    seeker.locator('a[href="/accounts/2fa/totp/activate/"]').first.click()
    expect(seeker.locator('input[name="code"]')).to_be_visible()  # allauth's set-up page, no password asked again
    assert seeker.locator("html").get_attribute("lang") == language
    _fits(seeker, width)
