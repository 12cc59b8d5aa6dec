"""Accommodations: a lead that does not offer what the person needs is never suggested; a lead whose employer has
not said is shown marked "ask the employer"; the lead form asks in plain categories; a lead needs a NOC code."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from clients.models import Client
from employers import matching, services
from employers.models import JobLead
from tests.employers.factories import LeadFactory, client_at

TODAY = dt.date(2026, 3, 2)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC), tick=False):
        yield


def lead(provider, **kw):
    return LeadFactory(provider=provider, created_at=timezone.now(), **kw)


def test_a_lead_missing_a_needed_accommodation_is_never_suggested_and_an_unknown_one_says_ask(provider_a):
    seeker = client_at(provider_a, accommodations=["step_free"])
    lead(provider_a, title="Stairs only", accommodations_offered=["flexible_hours"])
    lead(provider_a, title="Step-free", accommodations_offered=["step_free"])
    lead(provider_a, title="Not asked", accommodations_known=False)
    found = {s.lead.title: s for s in matching.leads_for_client(seeker, today=TODAY)}
    assert set(found) == {"Step-free", "Not asked"}
    assert found["Not asked"].flags == ["ask_employer"]
    assert ("Ask the employer about step-free access: they have not said which accommodations they offer"
            in found["Not asked"].reason_texts)
    assert "Offers step-free access" in found["Step-free"].reason_texts and found["Step-free"].flags == []
    stairs = JobLead.objects.get(title="Stairs only")
    assert matching.explain_exclusion(seeker, stairs, today=TODAY) == ["Does not offer step-free access"]


def test_clients_for_a_lead_follow_the_same_accommodation_rule(provider_a):
    needs = client_at(provider_a, first_name="Needs", accommodations=["screen_reader"])
    plain = client_at(provider_a, first_name="Plain")
    known = lead(provider_a, accommodations_offered=[])
    unknown = lead(provider_a, accommodations_known=False)
    assert [s.client for s in matching.clients_for_lead(known, Client.objects.all(), today=TODAY)] == [plain]
    assert {s.client for s in matching.clients_for_lead(unknown, Client.objects.all(), today=TODAY)} == {needs, plain}


def test_a_person_without_accommodation_needs_sees_no_ask_the_employer_flag(provider_a):
    seeker = client_at(provider_a)
    lead(provider_a, accommodations_known=False)
    [suggestion] = matching.leads_for_client(seeker, today=TODAY)
    assert suggestion.flags == [] and suggestion.score == 100.0


def test_the_lead_form_asks_in_plain_categories_and_records_ask_the_employer(login, manager_a, employer):
    web = login(manager_a)
    url = reverse("employers:lead_create", args=[employer.code])
    form = web.get(url).content.decode()
    assert "Step-free entrance, washroom and workspace" in form
    assert "Did the employer tell you which accommodations this job offers?" in form
    data = {"title": "Cook", "noc": "63200", "postal_code": "M5V 2T6", "hours_per_week": "30",
            "permanence": "permanent", "positions": "1", "source": "job_developer"}
    unanswered = web.post(url, data)
    assert unanswered.status_code == 422 and not JobLead.objects.exists()
    assert web.post(url, {**data, "accommodations_known": "no"}).status_code == 302
    job = JobLead.objects.get()
    assert (job.accommodations_known, job.accommodations_offered) == (False, [])
    page = web.get(reverse("employers:lead_detail", args=[job.code])).content.decode()
    assert "ask the employer" in page
    assert web.post(url, {**data, "title": "Cook 2", "accommodations_known": "yes",
                          "accommodations_offered": ["step_free", "quiet_workspace"]}).status_code == 302
    second = JobLead.objects.get(title="Cook 2")
    assert (second.accommodations_known, second.accommodations_offered) == (True, ["step_free", "quiet_workspace"])


@pytest.mark.parametrize("noc", ["", None, "   "])
def test_a_lead_without_a_noc_code_is_refused_at_creation(provider_a, developer_a, employer, noc):
    with pytest.raises(ValidationError, match="a lead needs one"):
        services.lead_create(provider=provider_a, employer=employer, created_by=developer_a, occupation=noc,
                             title="Cook", postal_code="M5V 2T6", hours_per_week=30, permanence="permanent")
    assert not JobLead.objects.exists()


def test_the_lead_form_refuses_a_lead_without_a_noc_code(login, manager_a, employer):
    response = login(manager_a).post(reverse("employers:lead_create", args=[employer.code]), {
        "title": "Cook", "postal_code": "M5V 2T6", "hours_per_week": "30", "permanence": "permanent",
        "positions": "1", "source": "job_developer", "accommodations_known": "no"})
    assert response.status_code == 422 and not JobLead.objects.exists()
    assert "This field is required." in response.content.decode()


ASK = "Ask the employer about step-free access: they have not said which accommodations they offer"


def test_the_seeker_sees_ask_the_employer_on_every_lead_they_see(login, provider_a, seeker_a, counsellor_a):
    """The tester's example: /me/ showed three reasons of each suggestion and so dropped "ask the employer"."""
    from espportal.models import Notification

    person = client_at(provider_a, user=seeker_a, accommodations=["step_free"])
    suggested = lead(provider_a, title="Not asked yet", accommodations_known=False)
    shared = lead(provider_a, title="Shared, not asked", accommodations_known=False)
    services.match_share(client=person, lead=shared, by=counsellor_a)
    web = login(seeker_a)
    panel = web.get(reverse("employers:me_panel")).content.decode()
    card = panel.split("Shared, not asked")[1].split("</li>\n    \n")[0]
    assert ASK in card
    fits = panel.split("Jobs that fit your goals")[1]
    assert "Not asked yet" in fits and ASK in fits
    page = web.get(reverse("employers:me_lead", args=[suggested.code])).content.decode()
    assert "Your accommodations" in page and ASK in page
    body = Notification.objects.get(recipient=seeker_a).shown_body
    assert body.endswith("Ask the employer about step-free access: they have not said which accommodations they "
                         "offer.")


def test_the_why_not_page_covers_accommodations(login, provider_a, seeker_a):
    person = client_at(provider_a, user=seeker_a, accommodations=["step_free", "screen_reader"])
    stairs = lead(provider_a, title="Stairs", accommodations_offered=["screen_reader"])
    web = login(seeker_a)
    page = web.get(reverse("employers:me_lead", args=[stairs.code])).content.decode()
    section = page.split("Your accommodations</h2>")[1]
    assert "Does not offer step-free access" in section and "Offers screen reader" in section
    person.accommodations = []
    person.save(update_fields=["accommodations"])
    page = web.get(reverse("employers:me_lead", args=[stairs.code])).content.decode()
    assert "No accommodation is recorded for you." in page


def test_ask_the_employer_reads_in_french(login, provider_a, seeker_a):
    client_at(provider_a, user=seeker_a, accommodations=["step_free"])
    unknown = lead(provider_a, accommodations_known=False)
    seeker_a.preferred_language = "fr"
    seeker_a.save(update_fields=["preferred_language"])
    page = login(seeker_a).get(reverse("employers:me_lead", args=[unknown.code])).content.decode()
    assert "Vos mesures d’adaptation" in page
    assert "Renseignez-vous auprès de l’employeur" in page
