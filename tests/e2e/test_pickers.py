"""The search pickers in a browser (espportal/pickers.py, static/js/picker.js): a specialist chosen by keyboard
alone from the combobox's listbox, axe clean with the list open at desktop and phone widths, and the same form
working with JavaScript off (the plain search field, then a choice among several)."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from caseload.models import Referral
from espportal.models import Role
from tests.caseload.factories import make_case
from tests.e2e.axe import assert_accessible
from tests.e2e.test_caseload_journey import page_as
from tests.factories import staff_member

pytestmark = pytest.mark.browser


def test_a_specialist_is_chosen_by_keyboard_from_the_combobox(browser: Browser, live, provider_a, provider_b,
                                                              counsellor_a, counsellor_b, seeker_a):
    case = make_case(provider_a, counsellor=counsellor_a, user=seeker_a, first_name="Lina", last_name="Farah")
    page = page_as(browser, live, counsellor_a)
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(reverse("caseload:case", args=[case.code]))
        box = page.get_by_role("combobox", name="Specialist")
        box.focus()
        page.keyboard.type("bru")
        option = page.get_by_role("option", name=f"{counsellor_b.display_name} · Provider B")
        expect(option).to_be_visible()
        expect(box).to_have_attribute("aria-expanded", "true")
        expect(box).to_be_focused()  # the swap does not take focus away from the typing
        expect(page.locator("#live-status")).to_contain_text("1 found")
        assert_accessible(page)
    page.keyboard.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    page.keyboard.press("Enter")
    expect(box).to_have_value(f"{counsellor_b.display_name} · Provider B")
    expect(box).to_have_attribute("aria-expanded", "false")
    page.get_by_label("What help is needed").fill("Resume for the trades.")
    page.get_by_label("The client consents to share their record with the specialist's provider").check()
    page.get_by_role("button", name="Send referral").click()
    expect(page.locator(".messages[role=status]")).to_contain_text("Referral sent")
    assert Referral.objects.get(case=case).specialist == counsellor_b
    page.context.close()


def test_without_javascript_the_picker_is_a_search_then_a_choice(browser: Browser, live, provider_a, provider_b,
                                                                 counsellor_a, seeker_a):
    case = make_case(provider_a, counsellor=counsellor_a, user=seeker_a, first_name="Lina", last_name="Farah")
    kims = [staff_member(provider_b, Role.COUNSELLOR, email=f"kim{n}@example.test", first_name="Kim",
                         last_name=f"Lee{n}") for n in range(2)]
    page = page_as(browser, live, counsellor_a, java_script_enabled=False)
    page.goto(reverse("caseload:case", args=[case.code]))
    page.get_by_role("combobox", name="Specialist").fill("Kim")
    page.get_by_label("What help is needed").fill("Resume for the trades.")
    page.get_by_label("The client consents to share their record with the specialist's provider").check()
    page.get_by_role("button", name="Send referral").click()
    expect(page.get_by_text("2 match “Kim”: choose one below, or type more of the name.", exact=True)).to_be_visible()
    expect(page.get_by_label("What help is needed")).to_have_value("Resume for the trades.")
    page.get_by_label(f"{kims[1].display_name} · Provider B").check()
    page.get_by_label("The client consents to share their record with the specialist's provider").check()
    page.get_by_role("button", name="Send referral").click()
    expect(page.locator(".messages")).to_contain_text("Referral sent")
    assert Referral.objects.get(case=case).specialist == kims[1]
    page.context.close()
