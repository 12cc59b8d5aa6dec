"""A shared lead's card gives its reasons as they are now, not as stored when it was shared (issue 12).

The tester's stale card: shared when the person's minimum was $17.00, it still said "meets your minimum of $17.00"
after they raised it to $24.00. Every surface that shows a shared lead works the reasons out when it is read: the
job seeker's leads (/me/leads/), the lead page they open, the client file's jobs panel and the matches API, in a
number of queries that does not grow with the page's rows."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clients.models import Client
from employers import services
from employers.models import LearnedPreference
from tests.employers.factories import LeadFactory, client_at, noc, skill
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
STALE = "$17.00"
NOW_BELOW = "Pay $19.00 an hour is below your minimum of $24.00"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC), tick=False):
        yield


def nineteen_an_hour(provider, title="Nineteen", **kw):
    return LeadFactory(provider=provider, title=title, pay_min=Decimal("19.00"), pay_max=Decimal("19.00"),
                       created_at=timezone.now(), **kw)


@pytest.fixture
def raised(provider_a, seeker_a, counsellor_a):
    """Sam's lead, shared when their minimum was $17.00 ("meets your minimum of $17.00" stored), then the minimum
    raised to $24.00."""
    sam = client_at(provider_a, user=seeker_a, first_name="Sam", min_hourly_wage=Decimal("17.00"))
    match = services.match_share(client=sam, lead=nineteen_an_hour(provider_a), by=counsellor_a)
    assert any(r["code"] == "pay_meets" for r in match.reasons)  # what was stored at share time
    Client.objects.filter(pk=sam.pk).update(min_hourly_wage=Decimal("24.00"))
    return match


def test_it_shows_the_reasons_as_they_are_now_on_my_leads(raised, seeker_a, login):
    page = login(seeker_a).get(reverse("employers:me_panel")).content.decode()
    assert NOW_BELOW in page
    assert STALE not in page
    # Worked out now, a reason may count against the job: the list is not headed "why it could suit you".
    assert "How it compares with your goals and preferences:" in page
    assert "Why it could suit you" not in page


def test_it_shows_the_reasons_as_they_are_now_on_the_lead_page_i_open(raised, seeker_a, login):
    web, url = login(seeker_a), reverse("employers:me_lead", args=[raised.lead.code])
    assert f'<a href="{url}">Nineteen</a>' in web.get(reverse("employers:me_panel")).content.decode()  # the card opens it
    page = web.get(url).content.decode()
    assert NOW_BELOW in page
    assert STALE not in page


def test_it_shows_staff_the_reasons_as_they_are_now_in_the_client_files_jobs_panel(raised, counsellor_a, login):
    page = login(counsellor_a).get(reverse("employers:client_panel", args=[raised.client.code])).content.decode()
    assert "Pay $19.00 an hour is below the client&#x27;s minimum of $24.00" in page
    assert STALE not in page


def test_the_matches_api_gives_the_reasons_as_they_are_now_to_each_reader(raised, seeker_a, counsellor_a, login):
    [mine] = login(seeker_a).get(reverse("employers_api:match-list")).json()["results"]
    assert NOW_BELOW in mine["reasons"]
    assert not [text for text in mine["reasons"] if STALE in text]
    one = login(counsellor_a).get(reverse("employers_api:match-detail", args=[raised.code])).json()
    assert "Pay $19.00 an hour is below the client's minimum of $24.00" in one["reasons"]


def test_it_reads_in_french_with_french_money_and_the_singular(provider_a, seeker_a, counsellor_a, login):
    """The tester's French card: money as "19,00 $", one required skill in the French singular."""
    sam = client_at(provider_a, user=seeker_a, first_name="Sam")  # minimum $20.00
    job = nineteen_an_hour(provider_a, title="Dix-neuf")
    job.required_skills.set([skill("excel")])
    services.match_share(client=sam, lead=job, by=counsellor_a)
    seeker_a.preferred_language = "fr"
    seeker_a.save(update_fields=["preferred_language"])
    web = login(seeker_a)
    page = web.get(reverse("employers:me_panel")).content.decode()
    assert "Salaire de 19,00\xa0$ l&#x27;heure, inférieur à votre minimum de 20,00\xa0$" in page
    assert "Vous avez 0 sur 1 compétence requise" in page
    [card] = web.get(reverse("employers_api:match-list"), HTTP_ACCEPT_LANGUAGE="fr").json()["results"]
    assert "Vous avez 0 sur 1 compétence requise" in card["reasons"]


def test_the_cards_heading_reads_as_one_label_in_french(raised, seeker_a, login):
    """The tester's French card had another sentence glued after the heading's colon ("préférences :Aucun emploi
    ouvert ne correspond ...")."""
    seeker_a.preferred_language = "fr"
    seeker_a.save(update_fields=["preferred_language"])
    page = login(seeker_a).get(reverse("employers:me_panel")).content.decode()
    assert "<p>Comment cet emploi se compare à vos objectifs et à vos préférences\xa0:</p>" in page
    assert "préférences :Aucun" not in page


def test_it_gives_what_a_learned_preference_does_now(raised, seeker_a, login):
    """A lead in an occupation the person later said was not the kind of work they want reads "ranked lower"."""
    LearnedPreference.objects.create(client=raised.client, reason="work", effect="lower",
                                     occupation=raised.lead.occupation)
    page = login(seeker_a).get(reverse("employers:me_panel")).content.decode()
    assert "Ranked lower: you said a job like this was not the kind of work you want" in page


def _people_with_shared_leads(provider, counsellor, start: int, n: int):
    """n people, each with a goal, a skill, an accommodation and a learned preference, sharing a lead that asks
    for a skill and states its accommodations: every kind of row the reasons are worked out from."""
    for i in range(start, start + n):
        person = client_at(provider, first_name=f"P{i}", goals=("11100", "11101"), skills=(f"own-{i}",),
                           accommodations=["step_free"], user=UserFactory())
        LearnedPreference.objects.create(client=person, reason="work", effect="lower", occupation=noc("11202"))
        job = nineteen_an_hour(provider, title=f"Lead {i}", accommodations_known=True,
                               accommodations_offered=["step_free"], required=[skill(f"needed-{i}")])
        services.match_share(client=person, lead=job, by=counsellor)


def _count(web, url) -> int:
    web.get(url)  # warm the session
    with CaptureQueriesContext(connection) as captured:
        response = web.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_matches_api_reads_a_constant_number_of_queries_for_n_and_3n_people(provider_a, counsellor_a, login):
    web, url = login(counsellor_a), reverse("employers_api:match-list")
    _people_with_shared_leads(provider_a, counsellor_a, 0, 2)
    few = _count(web, url)
    _people_with_shared_leads(provider_a, counsellor_a, 2, 4)
    assert len(web.get(url).json()["results"]) == 6
    assert _count(web, url) == few


def test_my_leads_read_a_constant_number_of_queries_for_n_and_3n_shared_leads(provider_a, seeker_a, counsellor_a,
                                                                              login):
    sam = client_at(provider_a, user=seeker_a, skills=("excel",), accommodations=["step_free"])
    web, url = login(seeker_a), reverse("employers:me_panel")

    def share(start, n):
        for i in range(start, start + n):
            job = nineteen_an_hour(provider_a, title=f"Lead {i}", required=[skill(f"needed-{i}")])
            services.match_share(client=sam, lead=job, by=counsellor_a)

    share(0, 2)
    few = _count(web, url)
    share(2, 4)
    assert _count(web, url) == few


def test_a_lead_shared_outside_the_goals_does_not_say_the_person_is_open_to_interim_work(provider_a, seeker_a,
                                                                                        counsellor_a, login):
    """A counsellor may share by hand a lead unrelated to the person's goals (a cashier job for an accountant);
    its card said "Interim work: you are open to jobs outside your goals" though the person never said so."""
    sam = client_at(provider_a, user=seeker_a)
    services.match_share(client=sam, lead=nineteen_an_hour(provider_a, title="Cashier", occupation=noc("65100")),
                         by=counsellor_a)
    page = login(seeker_a).get(reverse("employers:me_panel")).content.decode()
    assert "Not related to your occupational goals" in page
    assert "Interim work" not in page
    Client.objects.filter(pk=sam.pk).update(open_to_interim_work=True)
    page = login(seeker_a).get(reverse("employers:me_panel")).content.decode()
    assert "Interim work: you are open to jobs outside your goals" in page


def test_the_staff_lead_page_gives_each_matchs_reasons_as_they_are_now_ten_at_most(provider_a, seeker_a,
                                                                                    counsellor_a, login):
    """The lead page's pipeline names each person's match with why it could suit them now; it lists the ten latest
    and links to the pipeline filtered on the lead for the rest, so the page does not grow with the matches."""
    job = nineteen_an_hour(provider_a)
    for i in range(11):
        services.match_share(client=client_at(provider_a, first_name=f"Other{i}", user=UserFactory()), lead=job,
                             by=counsellor_a)
    sam = client_at(provider_a, user=seeker_a, first_name="Sam", min_hourly_wage=Decimal("17.00"))
    services.match_share(client=sam, lead=job, by=counsellor_a)  # the latest
    Client.objects.filter(pk=sam.pk).update(min_hourly_wage=Decimal("24.00"))
    page = login(counsellor_a).get(reverse("employers:lead_detail", args=[job.code])).content.decode()
    pipeline = page.split('id="lead-pipeline"')[1]
    assert pipeline.count('class="lead-match"') == 10
    assert "Pay $19.00 an hour is below the client&#x27;s minimum of $24.00" in pipeline
    assert STALE not in pipeline
    assert f'{reverse("employers:pipeline")}?lead={job.code}' in pipeline
    assert "All 12 matches for this lead" in pipeline
