"""An analyst runs a funding what-if; a job seeker, on a 360 px phone, files a complaint and sees its status.
English and French; axe checks every page."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from caseload.models import CaseFile
from outcomes.models import Placement
from outcomes.quality.models import Complaint
from tests.e2e.axe import assert_accessible
from tests.e2e.test_seeker_portal_journey import fits_a_phone, page_as
from tests.funding.factories import block_model, outcome_model
from tests.outcomes.factories import placement_for

pytestmark = pytest.mark.browser
WORDS = {
    "en": {"compare": "Compare", "total": "Total", "trial": "Try other parameters", "negative":
           "A payment cannot be negative.", "complaints": "My complaints", "file": "File a complaint",
           "send": "Send the complaint", "empty": "the complaint cannot be empty", "received": "Received"},
    "fr": {"compare": "Comparer", "total": "Total", "trial": "Essayer d'autres paramètres", "negative":
           "Un paiement ne peut pas être négatif.", "complaints": "Mes plaintes", "file": "Déposer une plainte",
           "send": "Envoyer la plainte", "empty": "la plainte ne peut pas être vide", "received": "Reçue"},
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_an_analyst_runs_a_funding_what_if(browser: Browser, live, ministry, case_a, counsellor_a, language):
    ministry.preferred_language = language
    ministry.save(update_fields=["preferred_language"])
    today = timezone.localdate()
    CaseFile.objects.filter(pk=case_a.pk).update(opened_at=timezone.now() - dt.timedelta(days=60))
    placement = placement_for(case_a, by=counsellor_a, start_date=today - dt.timedelta(days=10))
    Placement.objects.filter(pk=placement.pk).update(attribution="direct")
    outcome_model(effective_from=today - dt.timedelta(days=400))
    block_model(effective_from=today - dt.timedelta(days=400))
    words = WORDS[language]
    page = page_as(browser, live, ministry, locale="fr-CA" if language == "fr" else "en-CA")
    page.goto("/ministry/funding/")
    assert_accessible(page)
    page.get_by_label("From" if language == "en" else "Du").fill((today - dt.timedelta(days=29)).isoformat())
    page.get_by_label("To" if language == "en" else "Au").fill(today.isoformat())
    page.get_by_text(words["trial"]).click()
    page.locator("#id_trial-placement_payment").fill("-100")
    page.get_by_role("button", name=words["compare"]).click()
    expect(page.locator(".error-summary")).to_contain_text(words["negative"])
    expect(page.locator(".errorlist").get_by_text(words["negative"])).to_be_visible()
    assert_accessible(page)
    page.locator("#id_trial-placement_payment").fill("2000")
    page.get_by_role("button", name=words["compare"]).click()
    table = page.get_by_role("table")
    expect(table).to_be_visible()
    # Outcome model: 30 days of a $36,500 base = $3,000, plus the direct placement (segment unknown, quality 85):
    # 1000 x 1 x 1 x 1.2 = $1,200.
    expect(table).to_contain_text("$4,200.00" if language == "en" else "4 200,00 $")
    assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_job_seeker_files_a_complaint_on_a_phone(browser: Browser, live, seeker_a, case_a, language):
    seeker_a.preferred_language = language
    seeker_a.save(update_fields=["preferred_language"])
    words = WORDS[language]
    page = page_as(browser, live, seeker_a, viewport={"width": 360, "height": 740},
                   locale="fr-CA" if language == "fr" else "en-CA")
    page.goto("/me/")
    page.get_by_role("link", name=words["complaints"]).first.click()
    fits_a_phone(page)
    page.get_by_role("link", name=words["file"]).click()
    fits_a_phone(page)
    page.locator("#id_kind").select_option("privacy_breach")
    page.get_by_role("button", name=words["send"]).click()
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.locator(".errorlist").get_by_text(words["empty"])).to_be_visible()
    fits_a_phone(page)
    assert not Complaint.objects.exists()
    page.locator("#id_body").fill("My file was read aloud in the waiting room.")
    page.get_by_role("button", name=words["send"]).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("dl")).to_contain_text(words["received"])
    fits_a_phone(page)
    assert Complaint.objects.get().kind == "privacy_breach"
