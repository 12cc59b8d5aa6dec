"""Attribution as a new user meets it (issue 9 §1): a job developer moves a shared match through the pipeline to
hired on /pipeline/, presses "Record the placement", saves with the pre-filled start date (today), and the
placement is the provider's help ("Direct"), never "Self-found". In English and in French, axe on each page."""

import re

import pytest
from playwright.sync_api import Browser, expect

from employers import services as employer_services
from employers.models import Match
from outcomes.models import Placement
from tests.caseload.factories import make_case
from tests.e2e.axe import assert_accessible
from tests.e2e.test_outcomes_journey import page_as
from tests.employers.factories import EmployerFactory, LeadFactory, noc
from tests.outcomes.factories import consent_to_share

pytestmark = pytest.mark.browser

WORDS = {
    "en": {"forward": "^Move forward", "hired": "^Hired", "record": "^Record the placement",
           "title": "Record a placement", "verified": "How it was verified", "save": "Record the placement",
           "direct": "Direct", "self_found": "Self-found"},
    "fr": {"forward": "^Faire avancer", "hired": "^Embauch", "record": "^Consigner le placement",
           "title": "Consigner un placement", "verified": "Mode de vérification",
           "save": "Consigner le placement", "direct": "Direct", "self_found": "Trouvé par la personne"},
}


@pytest.fixture
def shared(provider_a, counsellor_a, developer_a):
    """A lead at Harbour Ledger shared today by the job developer with Sam (counsellor_a's client), who consented
    to share."""
    noc("11100")
    case = make_case(provider_a, counsellor=counsellor_a, first_name="Sam", last_name="Ahmed")
    consent_to_share(case.client, counsellor_a)
    lead = LeadFactory(provider=provider_a, employer=EmployerFactory(name="Harbour Ledger"),
                       title="Junior accountant", pay_min="26.50", hours_per_week=37)
    return employer_services.match_share(client=case.client, lead=lead, by=developer_a)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_hire_moved_through_the_pipeline_is_the_providers_help(browser: Browser, live, shared, developer_a,
                                                                  language):
    words = WORDS[language]
    developer_a.preferred_language = language
    developer_a.save(update_fields=["preferred_language"])
    page = page_as(browser, live, developer_a, locale="fr-CA" if language == "fr" else "en-CA",
                   extra_http_headers={"Accept-Language": language})
    page.goto("/pipeline/")
    hired = page.locator("section", has=page.get_by_role("heading", name=re.compile(words["hired"])))
    status = shared.status
    for _step in range(6):
        if status == Match.Status.HIRED:
            break
        page.get_by_role("button", name=re.compile(words["forward"])).first.click()
        for _wait in range(100):  # the move is an HTMX swap: wait until it is saved and the board redrawn
            if Match.objects.get(pk=shared.pk).status != status:
                break
            page.wait_for_timeout(100)
        status = Match.objects.get(pk=shared.pk).status
        page.wait_for_load_state("networkidle")
        expect(page.locator("button[data-submit-once][disabled]")).to_have_count(0)
    assert status == Match.Status.HIRED
    expect(hired).to_contain_text("Sam Ahmed")
    assert_accessible(page)

    page.get_by_role("link", name=re.compile(words["record"])).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["title"])
    start = page.get_by_label(re.compile("^(Start date|Date d'entrée en fonction)"))
    expect(start).not_to_have_value("")  # pre-filled: today
    assert_accessible(page)
    verified = page.get_by_label(words["verified"])
    if verified.count():
        verified.select_option("employer_confirmation")
    page.get_by_role("button", name=words["save"]).click()

    attribution = page.locator("#attribution")
    expect(attribution.locator(".tag").first).to_have_text(re.compile(f"^({words['direct']}|Assist)"))
    expect(attribution).not_to_contain_text(words["self_found"])
    assert_accessible(page)
    placement = Placement.objects.get()
    assert placement.attribution in ("direct", "assisted")
    assert placement.match == shared
