"""The employers lists' FilterSets, on the API and the pages: a filter narrows, a bad parameter is a 400."""

import pytest
from django.urls import reverse

from employers.models import JobLead, Match
from espportal.vocab import Sector
from tests.employers.factories import EmployerFactory, LeadFactory


def _codes(response):
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["results"]]


def test_employers_narrow_by_sector_on_the_api_and_the_directory(employer, developer_a, login):
    builder = EmployerFactory(name="Northern Builders", sector=Sector.CONSTRUCTION)
    EmployerFactory(name="Corner Shop", sector=Sector.RETAIL)
    web = login(developer_a)
    assert _codes(web.get(reverse("employers_api:employer-list"), {"sector": Sector.CONSTRUCTION})) == [
        str(builder.code)]
    response = web.get(reverse("employers:directory"), {"q": "northern"})
    assert response.status_code == 200
    assert [e.code for e in response.context["employers"]] == [builder.code]


def test_leads_narrow_by_show_and_words(lead_a, provider_a, employer, developer_a, counsellor_a, login):
    filled = LeadFactory(provider=provider_a, employer=employer, created_by=counsellor_a, title="Bookkeeper",
                         status=JobLead.Status.FILLED)
    web = login(developer_a)
    url = reverse("employers_api:lead-list")
    assert sorted(_codes(web.get(url))) == sorted([str(lead_a.code), str(filled.code)])
    assert _codes(web.get(url, {"show": "open"})) == [str(lead_a.code)]
    assert _codes(web.get(url, {"show": "mine"})) == [str(lead_a.code)]
    assert _codes(web.get(url, {"q": "bookkeeper"})) == [str(filled.code)]
    # The board shows open leads unless asked otherwise; "all" shows this provider's leads of any status.
    board = reverse("employers:lead_board")
    assert [lead.code for lead in web.get(board).context["leads"]] == [lead_a.code]
    assert {lead.code for lead in web.get(board, {"show": "all"}).context["leads"]} == {lead_a.code, filled.code}


def test_matches_narrow_by_client_and_status(match_a, shared_match_a, candidate_a, counsellor_a, login):
    web = login(counsellor_a)
    url = reverse("employers_api:match-list")
    assert _codes(web.get(url, {"client": str(candidate_a.code)})) == [str(match_a.code)]
    assert _codes(web.get(url, {"status": Match.Status.SHARED})) == [str(match_a.code)]
    assert _codes(web.get(url, {"status": Match.Status.HIRED})) == []


def test_activities_narrow_by_employer(activity_a, developer_a, login):
    other = EmployerFactory(name="Elsewhere Inc")
    web = login(developer_a)
    url = reverse("employers_api:activity-list")
    assert _codes(web.get(url, {"employer": str(activity_a.employer.code)})) == [str(activity_a.code)]
    assert _codes(web.get(url, {"employer": str(other.code)})) == []


@pytest.mark.parametrize("name,params", [
    ("employers_api:employer-list", {"sector": "99x"}),
    ("employers_api:lead-list", {"show": "everything"}),
    ("employers_api:lead-list", {"employer": "nope"}),
    ("employers_api:match-list", {"client": "nope"}),
    ("employers_api:activity-list", {"kind": "party"}),
])
def test_a_bad_parameter_is_a_json_400(name, params, developer_a, login):
    response = login(developer_a).get(reverse(name), params)
    assert response.status_code == 400
    assert set(response.json()) == set(params)


@pytest.mark.parametrize("name,params", [
    ("employers:directory", {"sector": "99x"}),
    ("employers:lead_board", {"show": "everything"}),
    ("employers:pipeline", {"client": "nope"}),
])
def test_a_bad_parameter_on_a_page_is_a_400_with_the_message(name, params, developer_a, login):
    response = login(developer_a).get(reverse(name), params)
    assert response.status_code == 400


def test_a_bad_filter_on_a_page_names_its_field_in_both_languages(developer_a, login):
    web = login(developer_a)
    english = web.get(reverse("employers:lead_board"), {"employer": "zzz"})
    assert english.status_code == 400
    assert "Employer: Enter a valid UUID." in english.content.decode()
    web.post(reverse("language_set"), {"language": "fr", "next": "/"})
    french = web.get(reverse("employers:lead_board"), {"employer": "zzz"})
    assert french.status_code == 400
    assert "Employeur\u00a0: Saisissez un UUID valide." in french.content.decode()


def test_a_bad_filter_on_a_page_without_its_form_names_its_field(developer_a, login):
    response = login(developer_a).get(reverse("employers:pipeline"), {"client": "nope"})
    assert response.status_code == 400
    assert "Client: Enter a valid UUID." in response.content.decode()
