"""The staff placement page's attribution panel (issue 9 §1, fresh tester): the evidence chain in plain words in
the reader's language, the QA decision once made, and who reviews a contest."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from outcomes.quality.services.qa import attribution_review_decide
from outcomes.services import placement_contest
from tests.outcomes.factories import placement_for
from tests.outcomes.test_attribution_pipeline import DAY, _at, _pipeline, lead_a  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def _page(web, user, placement):
    web.force_login(user)
    response = web.get(reverse("outcomes:placement", args=[placement.code]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def hired_a(case_a, developer_a, lead_a):  # noqa: F811
    """The reported journey: shared -> hired on DAY, placement recorded the same day."""
    match = _pipeline(case_a, lead_a, developer_a, DAY)
    with time_machine.travel(_at(DAY, 11), tick=False):
        return placement_for(case_a, by=developer_a, start_date=DAY, match=match, lead=lead_a,
                             employer=lead_a.employer, employer_name=lead_a.employer.name)


def test_it_names_every_pipeline_stage_in_plain_english(web, developer_a, hired_a):
    assert hired_a.attribution == "direct"
    page = _page(web, developer_a, hired_a)
    for code in ("match_interested", "match_applied", "match_interview", "match_offer", "match_hired"):
        assert code not in page
    for label in ("The client said they were interested", "The client applied", "Interview arranged",
                  "Job offer made", "Hired"):
        assert label in page


def test_it_names_every_pipeline_stage_in_french(web, developer_a, hired_a):
    developer_a.preferred_language = "fr"
    developer_a.save(update_fields=["preferred_language"])
    page = _page(web, developer_a, hired_a)
    assert '<html lang="fr">' in page
    for label in ("Le client s’est dit intéressé", "Le client a postulé", "Entrevue organisée",
                  "Offre d’emploi faite", "Embauché"):
        assert label in page
    assert "match_applied" not in page


def test_the_qa_review_page_uses_the_same_words(web, ministry, developer_a, hired_a):
    placement_contest(placement=hired_a, reason="The client found it at a job fair.", contested_by=developer_a)
    web.force_login(ministry)
    page = web.get(reverse("quality:attribution_review", args=[hired_a.contest_code])).content.decode()
    assert "The client applied" in page and "Interview arranged" in page
    assert "Pipeline: applied" not in page


def test_after_a_change_the_page_shows_the_decision_not_under_review(web, ministry, developer_a, hired_a):
    placement_contest(placement=hired_a, reason="The client found it at a job fair.", contested_by=developer_a)
    with time_machine.travel(dt.datetime(2026, 11, 20, 15, tzinfo=dt.UTC), tick=False):
        attribution_review_decide(placement=hired_a, decided="self_found", reviewer=ministry,
                                  reason="The employer confirms the client applied at its job fair.")
    page = _page(web, developer_a, hired_a)
    assert "under quality review" not in page
    assert "No record shows this provider" not in page  # six pieces of evidence sit below: not the reason now
    assert "Changed by quality review" in page
    assert "Self-found" in page
    assert "The employer confirms the client applied at its job fair." in page
    assert "Nov. 20, 2026" in page
    # the original stays visible as history
    assert "Class computed from the records: Direct" in page
    assert "The client found it at a job fair." in page


def test_an_upheld_class_says_so(web, ministry, developer_a, hired_a):
    placement_contest(placement=hired_a, reason="Looks wrong.", contested_by=developer_a)
    attribution_review_decide(placement=hired_a, decided="direct", reviewer=ministry, reason="The pipeline shows it.")
    page = _page(web, developer_a, hired_a)
    assert "under quality review" not in page
    assert "Upheld by quality review" in page
    assert "The pipeline shows it." in page


def test_the_contest_form_says_the_ministry_reviews_it(web, developer_a, hired_a):
    page = _page(web, developer_a, hired_a)
    assert "a manager reviews your reason" not in page
    assert "the ministry’s quality reviewers decide" in page


def test_the_api_keeps_the_codes_and_offers_the_words(web, developer_a, hired_a):
    web.force_login(developer_a)
    row = web.get(reverse("outcomes_api:placement-detail", args=[hired_a.code])).json()
    assert [(e["kind"], e["label"]) for e in row["evidence"]] == [
        ("match_shared", "Job lead at this employer shared with the client"),
        ("match_interested", "The client said they were interested"), ("match_applied", "The client applied"),
        ("match_interview", "Interview arranged"), ("match_offer", "Job offer made"), ("match_hired", "Hired")]


def test_the_clients_outcomes_panel_shows_the_decision_not_contested(web, ministry, developer_a, hired_a):
    placement_contest(placement=hired_a, reason="Looks wrong.", contested_by=developer_a)
    url = reverse("outcomes:client_panel", args=[hired_a.client.code])
    web.force_login(developer_a)
    assert '<span class="tag">contested</span>' in web.get(url).content.decode()
    attribution_review_decide(placement=hired_a, decided="self_found", reviewer=ministry, reason="Job fair.")
    page = web.get(url).content.decode()
    assert '<span class="tag">contested</span>' not in page
    assert '<span class="tag">changed by quality review</span>' in page
