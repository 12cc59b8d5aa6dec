"""The relevance gate (employers.relevance), pinned on hand-built profiles: an unrelated lead, or one asking for
none of the person's skills, is never a suggestion, in either direction or in the new-lead push, unless the person
widened their search."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from caseload import services as case_services
from caseload.models import Task
from clients.models import Client
from employers import matching, tasks
from employers.models import Match
from tests.employers.factories import LeadFactory, client_at, noc, skill

TODAY = dt.date(2026, 3, 2)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC), tick=False):
        yield


def lead(provider, code, title, skills=()):
    return LeadFactory(provider=provider, occupation=noc(code), title=title, created_at=timezone.now(),
                       required=[skill(s) for s in skills])


@pytest.fixture
def jobs(provider_a):
    """The leads the focus group called spaghetti, next to one that fits a software engineer."""
    return {
        "web": lead(provider_a, "21234", "Web developer", ["python", "javascript"]),
        "mechanic": lead(provider_a, "72410", "Transit mechanic", ["power-tools"]),
        "bus": lead(provider_a, "73301", "Bus operator", ["driving-g", "customer-service"]),
        "frontend": lead(provider_a, "21232", "Front-end developer", ["javascript"]),  # related, no skill in common
    }


def engineer(provider_a, **scope):
    scope.setdefault("first_name", "Hassan")
    return client_at(provider_a, goals=["21231"], skills=["python", "sql"], **scope)


def titles(suggestions):
    return [s.lead.title for s in suggestions]


def test_it_suggests_only_related_leads_asking_for_a_skill_the_person_has(provider_a, jobs):
    found = matching.lead_suggestions(engineer(provider_a), today=TODAY)
    assert titles(found.suggestions) == ["Web developer"]
    # The others are listed apart, each with why not, in plain words.
    why = {s.lead.title: s.why_not_texts for s in found.others}
    assert why == {
        "Transit mechanic": ["Not close to any of your job goals", "You have none of the skills it requires (1)"],
        "Bus operator": ["Not close to any of your job goals", "You have none of the skills it requires (2)"],
        "Front-end developer": ["You have none of the skills it requires (1)"],
    }


def test_it_shows_unrelated_leads_once_the_person_is_open_to_interim_work(provider_a, jobs):
    found = matching.lead_suggestions(engineer(provider_a, open_to_interim_work=True), today=TODAY)
    assert set(titles(found.suggestions)) == {"Web developer", "Transit mechanic", "Bus operator",
                                              "Front-end developer"}
    assert titles(found.suggestions)[0] == "Web developer"
    mechanic = next(s for s in found.suggestions if s.lead.title == "Transit mechanic")
    assert "Interim work: you are open to jobs outside your goals" in mechanic.reason_texts
    assert found.others == []


def test_an_accepted_occupation_widens_the_search_to_that_occupation_only(provider_a, jobs):
    found = matching.lead_suggestions(engineer(provider_a, accepted_occupations=["733"]), today=TODAY)
    assert titles(found.suggestions) == ["Web developer", "Bus operator"]
    bus = found.suggestions[1]
    assert "An occupation you said you would accept" in bus.reason_texts


def test_the_person_chooses_how_close_to_their_goals_a_job_must_be(provider_a, jobs):
    # 21234 shares the minor group 2123 with the goal 21231: in at closeness 4, out at 5 (same unit group only).
    assert titles(matching.leads_for_client(engineer(provider_a, goal_closeness=4), today=TODAY)) == ["Web developer"]
    assert matching.leads_for_client(engineer(provider_a, goal_closeness=5), today=TODAY) == []


def test_a_client_with_no_goals_gets_no_suggestions_and_is_told_why(provider_a, jobs):
    found = matching.lead_suggestions(client_at(provider_a, goals=(), skills=["python"]), today=TODAY)
    assert found.no_goals is True
    assert found.suggestions == []
    assert "No job goal is set yet: set goals to get suggestions" in found.others[0].why_not_texts


def test_clients_for_a_lead_apply_the_same_gate(provider_a, jobs):
    hassan = engineer(provider_a)
    interim = engineer(provider_a, first_name="Ines", open_to_interim_work=True)
    client_at(provider_a, first_name="Mo", goals=["21231"], skills=[])  # related, none of the skills
    for job, expected in [("web", {hassan, interim}), ("mechanic", {interim}), ("frontend", {interim})]:
        found = matching.clients_for_lead(jobs[job], Client.objects.all(), today=TODAY)
        assert {s.client for s in found} == expected, job


def test_the_new_lead_push_skips_a_client_with_none_of_its_skills(provider_a, counsellor_a):
    # Same unit group as the goal, full pay, at the door: 35 + 0 + 10 + 15 + 10 + 5 = 75, above the strong-match
    # line of 70, but the client has none of the required skills: no match, no task.
    client = client_at(provider_a, goals=["21232"], skills=["python"])
    case_services.case_open(client=client, provider=provider_a, opened_by=counsellor_a, counsellor=counsellor_a)
    job = lead(provider_a, "21232", "Front-end developer", ["javascript"])
    assert tasks.lead_match_new(job.pk) == 0
    assert not Match.objects.exists() and not Task.objects.exists()
    client.skills.add(skill("javascript"))
    assert tasks.lead_match_new(job.pk) == 1


def test_the_why_not_page_names_the_gate(provider_a, jobs):
    assert matching.explain_exclusion(engineer(provider_a), jobs["mechanic"], today=TODAY) == [
        "Not close to any of your job goals", "You have none of the skills it requires (1)"]


def test_the_client_panel_says_to_set_goals_instead_of_suggesting_everything(web, counsellor_a, provider_a, jobs):
    client = client_at(provider_a, goals=(), skills=["python"])
    web.force_login(counsellor_a)
    page = web.get(f"/clients/{client.code}/employers/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "this client has no occupational goal" in body
    assert "Transit mechanic" in body  # listed apart, under other openings, with why not
    assert body.index("Other openings") < body.index("Transit mechanic")


def test_the_client_panel_lists_suggestions_apart_from_other_openings(web, counsellor_a, provider_a, jobs):
    client = engineer(provider_a)
    web.force_login(counsellor_a)
    body = web.get(f"/clients/{client.code}/employers/").content.decode()
    suggested, others = body.split("Other openings")
    assert "Web developer" in suggested and "Transit mechanic" not in suggested and "Bus operator" not in suggested
    assert "Transit mechanic" in others and "Not close to any of the client&#x27;s job goals" in others


def test_the_counsellor_widens_the_search_with_the_person_from_the_profile(login, counsellor_a, provider_a, jobs):
    client = engineer(provider_a)
    url = f"/clients/{client.code}/profile/"
    data = {"first_name": "Hassan", "last_name": "Karimi", "date_of_birth": "1990-01-01", "preferred_language": "en",
            "postal_code": "M5V 3L9", "credential_recognition": "n/a", "accepts_permanent": "on",
            "wants_full_time": "on", "max_commute_km": "25", "min_hourly_wage": "20"}
    web = login(counsellor_a)
    refused = web.post(url, {**data, "accepted_occupations": "733, 99999"})
    assert refused.status_code == 422 and "Not NOC 2021 codes: 99999." in refused.content.decode()
    assert web.post(url, {**data, "accepted_occupations": "733"}).status_code == 302
    client.refresh_from_db()
    assert (client.accepted_occupations, client.goal_closeness) == (["733"], 2)
    assert titles(matching.leads_for_client(client, today=TODAY)) == ["Web developer", "Bus operator"]


def test_leads_already_matched_or_hired_are_not_among_the_counsellors_top_leads_nor_the_seekers(
        login, counsellor_a, provider_a, seeker_a, jobs):
    client = engineer(provider_a, user=seeker_a)
    hired = lead(provider_a, "21231", "Software engineer (hired)", ["python"])
    shared = lead(provider_a, "21231", "Software engineer (shared)", ["python"])
    lead(provider_a, "21231", "Software engineer (new)", ["python"])
    from employers import services

    match = services.match_share(client=client, lead=hired, by=counsellor_a)
    for step in (Match.Status.INTERESTED, Match.Status.APPLIED, Match.Status.INTERVIEW, Match.Status.OFFER,
                 Match.Status.HIRED):
        match = services.match_move(match=match, status=step, by=counsellor_a)
    services.match_share(client=client, lead=shared, by=counsellor_a)

    assert titles(matching.leads_for_client(client, today=TODAY)) == ["Software engineer (new)", "Web developer"]
    panel = login(counsellor_a).get(f"/clients/{client.code}/employers/").content.decode()
    top = panel.split("Top suggested leads")[1]
    assert "Software engineer (new)" in top
    assert "Software engineer (hired)" not in top and "Software engineer (shared)" not in top
    me = login(seeker_a).get("/me/leads/").content.decode().split("Jobs that fit your goals")[1]
    assert "Software engineer (new)" in me
    assert "Software engineer (hired)" not in me and "Software engineer (shared)" not in me
    assert "Already among your job leads (Hired)" in matching.explain_exclusion(client, hired, today=TODAY)
