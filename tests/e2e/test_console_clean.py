"""Pages with HTMX panels load without a console error: no inline style or script the CSP (style-src 'self',
script-src 'self') blocks (tester, 2026-11-30: htmx's own indicator <style> was refused on every page)."""

import pytest
from playwright.sync_api import Page

from tests.clients.factories import make_client
from tests.e2e.test_employers_journey import signed_in

pytestmark = pytest.mark.browser


def test_the_client_file_and_its_panels_log_no_console_error(page: Page, live, provider_a, counsellor_a):
    client = make_client(provider_a, registered_by=counsellor_a, first_name="Lina", last_name="Farah")
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    signed_in(page, live, counsellor_a)
    response = page.goto(f"{live}/clients/{client.code}/")
    assert response.status == 200
    assert "Content-Security-Policy" in response.headers or "content-security-policy" in response.headers
    page.wait_for_load_state("networkidle")
    page.locator("#panel-consent").wait_for()
    assert errors == []
