"""A job seeker who needs step-free access opens jobs by link, at 360 and 1280 px: the lead page says what the job
offers of each accommodation ("ask the employer" when unknown), and a link to a job they may not open is a page
in their language saying so, with the box to try another. axe checks each page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from tests.e2e.test_keyboard_journeys import keyboard_page as page_as
from tests.employers.factories import LeadFactory, client_at

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [360, 1280])
def test_the_seeker_sees_ask_the_employer_and_a_proper_not_found_page(browser, live, provider_a, provider_b,
                                                                      seeker_a, width):
    seeker_a.preferred_language = "fr"
    seeker_a.save(update_fields=["preferred_language"])
    client_at(provider_a, user=seeker_a, accommodations=["step_free"])
    unknown = LeadFactory(provider=provider_a, title="Commis comptable", accommodations_known=False)
    hidden = LeadFactory(provider=provider_b, title="Caché", unadvertised=True)
    page = page_as(browser, live, seeker_a, width)

    page.goto(reverse("employers:me_lead", args=[unknown.code]))
    expect(page.get_by_role("heading", name="Vos mesures d’adaptation")).to_be_visible()
    expect(page.get_by_text("Renseignez-vous auprès de l’employeur")).to_be_visible()
    assert_accessible(page)

    response = page.goto(reverse("employers:me_lead", args=[hidden.code]))
    assert response.status == 404
    expect(page.locator("main").get_by_role("alert")).to_contain_text("Nous n’avons trouvé aucun emploi à ce lien")
    assert "Caché" not in page.content()
    assert_accessible(page)
    page.get_by_label("Lien vers l’emploi (ou son code)").fill(str(unknown.code))
    page.get_by_role("button", name="Vérifier cet emploi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Commis comptable")
