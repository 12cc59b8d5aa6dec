"""A job seeker asks "why don't I see this job?" from a lead's link, and gets the same rules in plain words."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.employers.factories import LeadFactory, client_at, noc, skill

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def seeker(provider_a, seeker_a):
    return client_at(provider_a, user=seeker_a, first_name="Hassan", goals=["21231"], skills=["python"])


def lead(provider, code, title, skills=(), **kw):
    return LeadFactory(provider=provider, occupation=noc(code), title=title, created_at=timezone.now(),
                       required=[skill(s) for s in skills], **kw)


def test_it_says_in_plain_words_why_a_job_is_not_suggested(login, seeker, seeker_a, provider_a):
    mechanic = lead(provider_a, "72410", "Transit mechanic", ["power-tools"], permanence="casual")
    page = login(seeker_a).get(reverse("employers:me_lead", args=[mechanic.code]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "No. You do not see it among your suggestions because:" in body
    for reason in ("Casual work is not acceptable", "Not close to any of your job goals",
                   "You have none of the skills it requires (1)"):
        assert reason in body


def test_it_answers_in_french_for_a_french_speaker(login, seeker, seeker_a, provider_a):
    mechanic = lead(provider_a, "72410", "Transit mechanic", ["power-tools"])
    seeker_a.preferred_language = "fr"
    seeker_a.save(update_fields=["preferred_language"])
    body = login(seeker_a).get(reverse("employers:me_lead", args=[mechanic.code])).content.decode()
    assert "Sans lien étroit avec vos objectifs d’emploi" in body
    assert "Vous n’avez aucune des compétences exigées (1)" in body


def test_it_says_yes_for_a_job_that_fits(login, seeker, seeker_a, provider_a):
    web_job = lead(provider_a, "21234", "Web developer", ["python"])
    body = login(seeker_a).get(reverse("employers:me_lead", args=[web_job.code])).content.decode()
    assert "Yes. This job fits your goals, skills and preferences" in body


def test_an_unadvertised_lead_not_shared_with_them_is_not_found(login, seeker, seeker_a, provider_b):
    hidden = lead(provider_b, "21234", "Hidden", unadvertised=True)
    response = login(seeker_a).get(reverse("employers:me_lead", args=[hidden.code]))
    assert response.status_code == 404
    body = response.content.decode()
    assert "Hidden" not in body
    assert "We found no job at that link that you can open." in body
    assert 'name="link"' in body  # they can try another link from here


def test_a_job_they_cannot_open_is_a_page_in_their_language(login, seeker, seeker_a, provider_b):
    hidden = lead(provider_b, "21234", "Hidden", unadvertised=True)
    seeker_a.preferred_language = "fr"
    seeker_a.save(update_fields=["preferred_language"])
    web = login(seeker_a)
    for response in (web.get(reverse("employers:me_lead", args=[hidden.code])),
                     web.get(reverse("employers:me_why_not"), {"link": str(hidden.code)}),
                     web.get(reverse("employers:me_lead", args=["8d0c5a3e-0000-4000-8000-000000000000"]))):
        assert response.status_code == 404
        body = response.content.decode()
        assert '<html lang="fr"' in body
        assert "Nous n’avons trouvé aucun emploi à ce lien que vous pouvez ouvrir." in body


def test_the_why_not_box_takes_a_pasted_link(login, seeker, seeker_a, provider_a):
    job = lead(provider_a, "72410", "Transit mechanic")
    web = login(seeker_a)
    url = reverse("employers:me_why_not")
    pasted = f"Look at this: https://portal.example/leads/{str(job.code).upper()}/ !"
    response = web.get(url, {"link": pasted})
    assert response.status_code == 302 and response.url == reverse("employers:me_lead", args=[job.code])
    refused = web.get(url, {"link": "the bakery job"})
    assert refused.status_code == 400
    assert "That is not a link to a job on this portal." in refused.content.decode()
    assert 'value="the bakery job"' in refused.content.decode()


def test_the_seekers_own_list_goes_through_the_same_gate(login, seeker, seeker_a, provider_a):
    lead(provider_a, "21234", "Web developer", ["python"])
    lead(provider_a, "72410", "Transit mechanic", ["power-tools"])
    body = login(seeker_a).get(reverse("employers:me_panel")).content.decode()
    suggested = body.split("Jobs that fit your goals")[1].split("Why don")[0]
    assert "Web developer" in suggested and "Transit mechanic" not in suggested


def test_a_seeker_with_no_goals_is_asked_to_set_them(login, seeker_a, provider_a):
    client_at(provider_a, user=seeker_a, goals=())
    lead(provider_a, "72410", "Transit mechanic")
    body = login(seeker_a).get(reverse("employers:me_panel")).content.decode()
    assert "You have no job goal yet." in body and "Transit mechanic" not in body


def test_the_seeker_is_never_suggested_a_job_their_link_would_not_open(login, seeker, seeker_a, provider_a):
    """An unadvertised lead (the hidden job market) is the staff's to share; before, it fit the seeker's goals, was
    listed under "Jobs that fit your goals" and its link answered 404 (found by the every-page crawl)."""
    advertised = lead(provider_a, "21234", "Web developer", ["python"])
    hidden = lead(provider_a, "21234", "Hidden web developer", ["python"], unadvertised=True)

    panel = login(seeker_a).get(reverse("employers:me_panel")).content.decode()

    assert reverse("employers:me_lead", args=[advertised.code]) in panel
    assert reverse("employers:me_lead", args=[hidden.code]) not in panel
