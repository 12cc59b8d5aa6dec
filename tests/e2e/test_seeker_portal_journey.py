"""A counsellor invites a client; on a 360 px phone, in French, the client makes an account from the link, sees the
plan and marks a step done, answers a lead "not for me" with a reason, answers a check-in, withdraws a consent,
sees the counsellor's visit in "who opened my file" and downloads their data. axe checks every page."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, expect

from clients import services as clients_services
from employers import services as employer_services
from employers.models import Match
from espportal import notifications
from espportal.models import Notification
from outcomes import services as outcomes_services
from outcomes.models import RetentionCheck
from tests.caseload.factories import make_case
from tests.clients.factories import make_plan_item
from tests.e2e.axe import assert_accessible
from tests.employers.factories import EmployerFactory, LeadFactory
from tests.outcomes.factories import consent_to_share, placement_for

pytestmark = pytest.mark.browser
PASSWORD = "Lanterne-du-port-27"
PHONE = {"viewport": {"width": 360, "height": 740}, "locale": "fr-CA"}


def page_as(browser: Browser, live: str, user, **options):
    http = HttpClient()
    http.force_login(user)
    context = browser.new_context(base_url=live, **options)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                          "value": http.cookies[settings.SESSION_COOKIE_NAME].value, "url": live}])
    return context.new_page()


def fits_a_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, f"sideways scroll on {page.url}"
    assert_accessible(page)


@pytest.fixture
def noor(provider_a, counsellor_a, clients_reference_data):
    """Noor has a case, a plan step, a lead shared with her, a job started five weeks ago and a check-in due; no
    portal account yet."""
    case = make_case(provider_a, counsellor=counsellor_a, first_name="Noor", last_name="Haddad",
                     email="noor.haddad@example.test", preferred_language="fr")
    client = case.client
    consent_to_share(client, counsellor_a)
    clients_services.consent_grant(client=client, scope="contact_sms", granted_by=counsellor_a)
    make_plan_item(client, by=counsellor_a, service_code="coaching-one-to-one")
    lead = LeadFactory(provider=provider_a, employer=EmployerFactory(name="Harbour Ledger"),
                       title="Commis comptable", pay_min="18.00", hours_per_week=37)
    employer_services.match_share(client=client, lead=lead, by=counsellor_a)
    placement = placement_for(case, by=counsellor_a, start_date=timezone.localdate() - dt.timedelta(days=35))
    check = placement.checks.order_by("milestone_months").first()
    outcomes_services.retention_check_fall_due(check_id=check.pk)
    return client


def test_a_job_seeker_joins_and_uses_the_portal_in_french_on_a_phone(browser: Browser, live, noor, counsellor_a):
    staff = page_as(browser, live, counsellor_a)
    staff.goto(reverse("clients:detail", args=[noor.code]))
    profile = staff.locator("#panel-profile")
    profile.get_by_label("Send a link by e-mail").check()
    profile.get_by_role("button", name="Invite to the portal").click()
    expect(staff.get_by_text("Invitation sent to noor.haddad@example.test.")).to_be_visible()
    assert_accessible(staff)
    outbox_row = Notification.objects.get(recipient__email="noor.haddad@example.test")
    assert "/join/" not in outbox_row.body  # the link is made by the send, never stored
    assert notifications.deliver(outbox_row.pk)
    link = re.search(r"https?://\S+/join/\S+/", mail.outbox[-1].body).group(0)

    phone = browser.new_context(base_url=live, **PHONE).new_page()
    phone.goto(link)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Créez votre compte")
    fits_a_phone(phone)
    phone.get_by_label("Choisissez un mot de passe").fill(PASSWORD)
    phone.get_by_label("Le même mot de passe encore une fois").fill(PASSWORD)
    phone.get_by_role("button", name="Créer mon compte").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Mon plan d'emploi")
    assert phone.locator("html").get_attribute("lang") == "fr"
    expect(phone.get_by_role("heading", name="Accompagnement individuel en emploi")).to_be_visible()
    expect(phone.locator("#my-leads")).to_contain_text("Commis comptable")  # the leads panel loaded
    fits_a_phone(phone)
    phone.get_by_role("button", name=re.compile("^Je l'ai fait")).click()
    expect(phone.get_by_text("Bravo. Votre conseillère ou conseiller voit que vous l'avez fait.")).to_be_visible()

    leads = phone.locator("#my-leads")
    leads.get_by_role("group", name="Cet emploi vous intéresse-t-il?").get_by_label("Pas pour moi").check()
    leads.get_by_label("Si ce n'est pas pour vous, pourquoi?").select_option("pay")
    leads.get_by_role("button", name=re.compile("^Envoyer ma réponse")).click()
    expect(phone.locator("#my-leads")).to_contain_text("Merci. Votre conseiller a bien reçu votre réponse.")
    assert Match.objects.get(client=noor).status == Match.Status.NOT_FOR_ME

    phone.goto(reverse("outcomes:me_checks"))
    fits_a_phone(phone)
    card = phone.locator("section.card").first
    card.get_by_role("group", name="Travaillez-vous toujours?").get_by_label("Oui").check()
    card.get_by_role("group", name="Est-ce le même employeur?").get_by_label("Oui").check()
    card.get_by_label("Combien d'heures par semaine travaillez-vous?").fill("37")
    card.get_by_role("group", name="Y a-t-il quelque chose qui ne va pas au travail?").get_by_label("Non").check()
    card.get_by_role("button", name="Envoyer ma réponse").click()
    expect(phone.get_by_text("Merci. Votre réponse est consignée.")).to_be_visible()
    assert RetentionCheck.objects.filter(client=noor, answered_at__isnull=False).count() == 1

    phone.goto(reverse("clients:me_privacy"))
    fits_a_phone(phone)
    phone.get_by_role("button", name=re.compile(r"^Retirer\s?: Me joindre par message texte")).click()
    expect(phone.get_by_text("Votre consentement est retiré, dès maintenant.")).to_be_visible()
    opens = phone.locator("section", has=phone.get_by_role("heading", name="Qui a consulté mon dossier"))
    expect(opens).to_contain_text(counsellor_a.display_name)
    expect(opens).to_contain_text("Votre conseillère ou conseiller, qui vous sert")
    fits_a_phone(phone)
    with phone.expect_download() as download:
        phone.get_by_role("link", name="La télécharger sous forme de fichier (JSON)").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["profile"]["first_name"] == "Noor"
    assert [c["withdrawn_at"] is not None for c in data["consents"] if c["scope"] == "contact_sms"] == [True]
    for name, heading in (("caseload:me_counsellor", "Ma conseillère ou mon conseiller"),
                          ("caseload:me_appointments", "Mes rendez-vous"), ("outcomes:me_support", "Aide au travail"),
                          ("caseload:me_panel", "Mon dossier")):
        phone.goto(reverse(name))  # each page (and each panel opened directly) stands on its own on a phone
        expect(phone.get_by_role("heading", level=1)).to_have_text(heading)
        fits_a_phone(phone)
    phone.goto(reverse("outcomes:me_data"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Tout ce que nous détenons à mon sujet")
    fits_a_phone(phone)
