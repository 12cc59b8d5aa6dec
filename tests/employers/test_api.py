import pytest
from django.urls import reverse

from employers import services
from employers.models import Match
from tests.employers.factories import LeadFactory

pytestmark = pytest.mark.django_db


def test_it_lists_matches_with_score_and_reasons_only_for_visible_clients(login, counsellor_a, match_a, match_b):
    body = login(counsellor_a).get(reverse("employers_api:match-list")).json()
    assert [row["code"] for row in body["results"]] == [str(match_a.code)]
    row = body["results"][0]
    assert float(row["score"]) == float(match_a.score)
    # Staff read about the client, in the third person.
    assert "Matches the client's goal Financial auditors and accountants (NOC 11100)" in row["reasons"]
    assert "Pay $25.00 an hour meets the client's minimum of $20.00" in row["reasons"]


def test_it_shows_a_job_seeker_only_matches_shared_with_them(login, seeker_a, match_a, counsellor_a):
    web = login(seeker_a)
    assert web.get(reverse("employers_api:match-list")).json()["results"] == []
    services.match_move(match=match_a, status=Match.Status.SHARED, by=counsellor_a)
    [row] = web.get(reverse("employers_api:match-list")).json()["results"]
    assert row["code"] == str(match_a.code)
    # The job seeker is addressed: "your goal", in their language.
    assert "Matches your goal Financial auditors and accountants (NOC 11100)" in row["reasons"]
    seeker_a.preferred_language = "fr"
    seeker_a.save(update_fields=["preferred_language"])
    french = web.get(reverse("employers_api:match-list")).json()["results"][0]
    assert "Correspond à votre objectif Vérificateurs/vérificatrices et comptables (CNP 11100)" in french["reasons"]


def test_the_api_says_ask_the_employer_for_a_need_recorded_after_the_match(login, seeker_a, match_a, candidate_a,
                                                                        counsellor_a, lead_a):
    lead_a.accommodations_known = False
    lead_a.save(update_fields=["accommodations_known"])
    services.match_move(match=match_a, status=Match.Status.SHARED, by=counsellor_a)
    candidate_a.accommodations = ["step_free"]
    candidate_a.save(update_fields=["accommodations"])
    [row] = login(seeker_a).get(reverse("employers_api:match-list")).json()["results"]
    assert ("Ask the employer about step-free access: they have not said which accommodations they offer"
            in row["reasons"])


def test_it_hides_another_providers_unadvertised_leads(login, counsellor_b, lead_a, provider_a):
    hidden = LeadFactory(provider=provider_a, unadvertised=True)
    codes = [r["code"] for r in login(counsellor_b).get(reverse("employers_api:lead-list")).json()["results"]]
    assert str(lead_a.code) in codes and str(hidden.code) not in codes
    assert login(counsellor_b).get(reverse("employers_api:lead-detail", args=[hidden.code])).status_code == 404


def test_it_lists_activities_with_attendees(login, counsellor_a, activity_a, candidate_a):
    body = login(counsellor_a).get(reverse("employers_api:activity-list")).json()
    assert body["results"][0]["attendees"] == [str(candidate_a.code)]
    assert body["results"][0]["kind"] == "site_visit"
