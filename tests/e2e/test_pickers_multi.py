"""The several-row picker in a browser (espportal.pickers.MultiPickField, static/js/picker.js): an employer
activity's attendees added one by one by keyboard from the combobox, each a ticked checkbox, axe clean at desktop
and phone widths. (The job seeker's transfer form without JavaScript: tests/espportal/test_pickers_more.py.)"""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from employers.models import EngagementActivity
from tests.e2e.axe import assert_accessible
from tests.e2e.test_caseload_journey import page_as
from tests.employers.factories import EmployerFactory, client_at

pytestmark = pytest.mark.browser


def test_attendees_are_added_by_keyboard_as_ticked_checkboxes(browser: Browser, live, provider_a, counsellor_a):
    employer = EmployerFactory(name="Maple Ledger Accounting")
    ada = client_at(provider_a, first_name="Ada", last_name="Lovelace")
    alan = client_at(provider_a, first_name="Alan", last_name="Turing")
    page = page_as(browser, live, counsellor_a)
    page.goto(reverse("employers:activity_create", args=[employer.code]))
    box = page.get_by_role("combobox", name="Clients who attended")
    for width, (text, person) in zip((1280, 360), (("love", ada), ("turi", alan)), strict=True):
        page.set_viewport_size({"width": width, "height": 900})
        box.focus()
        page.keyboard.type(text)
        option = page.get_by_role("option", name=f"{person.first_name} {person.last_name} (1990-01-01)")
        expect(option).to_be_visible()
        expect(box).to_be_focused()
        assert_accessible(page)
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        expect(page.get_by_role("checkbox", name=f"{person.first_name} {person.last_name} (1990-01-01)")).to_be_checked()
        expect(box).to_have_value("")
        expect(box).to_be_focused()
        expect(page.locator("#live-status")).to_contain_text(f"{person.first_name} {person.last_name}")
    page.get_by_label("Kind").select_option("site_visit")
    page.get_by_label("Date").fill("2026-02-01")
    page.get_by_role("button", name="Save activity").click()
    expect(page.locator(".messages")).to_contain_text("Activity recorded")
    assert sorted(c.first_name for c in EngagementActivity.objects.get().attendees.all()) == ["Ada", "Alan"]
    page.context.close()

