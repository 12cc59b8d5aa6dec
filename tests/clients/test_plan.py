"""Action plans: goals in the person's words with history, catalogue items, proposals, completion."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clients import selectors, services
from clients.models import PlanGoalsRevision, PlanItem, ServiceCatalogueEntry
from espportal.models import AuditEvent
from tests.clients.factories import answers, make_client, make_plan_item


def test_goals_are_the_persons_words_and_edits_keep_the_old_words(login, counsellor_a, client_a):
    web = login(counsellor_a)
    url = reverse("clients:plan_goals", args=[client_a.code])
    web.post(url, {"goals": "A decent job for the next five years\nBe home for the kids after school"})
    web.post(url, {"goals": "A decent job for the next five years"})
    plan = selectors.current_plan(client_a)
    assert plan.goals == ["A decent job for the next five years"]
    [revision] = PlanGoalsRevision.objects.filter(plan=plan)
    assert revision.goals == ["A decent job for the next five years", "Be home for the kids after school"]
    event = AuditEvent.objects.filter(action="plan.goals_changed").latest("id")
    assert event.detail["old"] == revision.goals


def test_another_providers_item_is_a_referral(counsellor_a, provider_b, client_a):
    own = make_plan_item(client_a, by=counsellor_a)
    referred = make_plan_item(client_a, by=counsellor_a, provider=provider_b, service_code="mentorship")
    assert (own.is_referral, referred.is_referral) == (False, True)


def test_cancelled_items_stay_on_the_plan(login, counsellor_a, plan_item_a, client_a):
    web = login(counsellor_a)
    web.post(reverse("clients:plan_item_update", args=[client_a.code, plan_item_a.code]),
             {"status": "cancelled", "outcome": "Found a closer workshop"})
    plan_item_a.refresh_from_db()
    assert plan_item_a.status == "cancelled"
    page = web.get(reverse("clients:panel_plan", args=[client_a.code])).content.decode()
    assert "Cancelled" in page and "Found a closer workshop" in page


def test_completion_is_recorded_once_and_audited(counsellor_a, plan_item_a):
    services.plan_item_complete(item=plan_item_a, completed_by=counsellor_a, outcome="Resume finished")
    first = plan_item_a.completed_at
    services.plan_item_complete(item=plan_item_a, completed_by=counsellor_a, outcome="Again")
    plan_item_a.refresh_from_db()
    assert (plan_item_a.status, plan_item_a.completed_at, plan_item_a.outcome) == ("completed", first,
                                                                                   "Resume finished")
    assert AuditEvent.objects.filter(action="plan.item_completed").count() == 1


def test_a_finished_item_cannot_move_back(counsellor_a, plan_item_a):
    services.plan_item_complete(item=plan_item_a, completed_by=counsellor_a)
    with pytest.raises(ValidationError):
        services.plan_item_update(item=plan_item_a, changed_by=counsellor_a, status="planned")


def test_it_proposes_by_segment_and_skips_what_was_done_anywhere(counsellor_a, counsellor_b, provider_b,
                                                                client_a):
    services.assessment_record(client=client_a, answers=answers("needs_tools", transport=2, childcare=2),
                               assessed_by=counsellor_a)
    client_a.refresh_from_db()
    assert client_a.segment == 2
    proposed = [entry.code for entry in selectors.proposed_services(client_a, segment=2)]
    assert proposed == ["coaching-one-to-one", "resume-workshop", "interview-skills-workshop",
                        "job-search-strategies", "mentorship", "volunteer-placement"]

    # The same person did the resume workshop at provider B before moving.
    services.consent_grant(client=client_a, scope="share_provider", provider=provider_b,
                           granted_by=counsellor_a)
    plan_b = services.plan_open(client=client_a, opened_by=counsellor_b, provider=provider_b)
    item = services.plan_item_add(plan=plan_b, added_by=counsellor_b, provider=provider_b,
                                  service=ServiceCatalogueEntry.objects.get(code="resume-workshop"))
    services.plan_item_complete(item=item, completed_by=counsellor_b)

    proposed = [entry.code for entry in selectors.proposed_services(client_a, segment=2)]
    assert "resume-workshop" not in proposed
    assert [i.title for i in selectors.completed_services(client_a)] == ["Resume writing workshop"]


def test_the_plan_panel_shows_proposals_and_work_done_elsewhere(login, counsellor_a, client_a):
    services.assessment_record(client=client_a, answers=answers(housing=3, health=3),
                               assessed_by=counsellor_a)
    make_plan_item(client_a, by=counsellor_a, service_code="money-management", status="completed")
    page = login(counsellor_a).get(reverse("clients:panel_plan", args=[client_a.code])).content.decode()
    assert "Suggested for segment 3" in page
    assert "Career exploration workshop" in page
    assert "Already completed anywhere in the network" in page
    assert "Nothing here is required before one-to-one help" in page


def test_adding_a_catalogue_item_from_the_panel(login, counsellor_a, provider_a, client_a):
    response = login(counsellor_a).post(reverse("clients:plan_item_add", args=[client_a.code]), {
        "service": "interview-skills-workshop", "provider": str(provider_a.code), "due_on": "2030-01-15",
        "status": "planned"})
    assert response.status_code == 302
    item = PlanItem.objects.get(client=client_a)
    assert (item.title, item.status, str(item.due_on)) == ("Interview skills workshop", "planned", "2030-01-15")


def test_intake_may_read_the_plan_but_not_change_it(login, intake_a, client_a):
    web = login(intake_a)
    assert web.get(reverse("clients:panel_plan", args=[client_a.code])).status_code == 200
    assert web.post(reverse("clients:plan_item_add", args=[client_a.code]),
                    {"title": "Anything"}).status_code == 403


def test_plans_of_other_clients_do_not_mix(counsellor_a, provider_a, client_a):
    other = make_client(provider_a, registered_by=counsellor_a)
    make_plan_item(other, by=counsellor_a, status="completed")
    assert selectors.completed_services(client_a) == []
    assert len(selectors.completed_services(other)) == 1  # the other client's own work done is theirs


@pytest.mark.parametrize("service, url_name, data", [
    ("plan_goals_update", "clients:plan_goals", {"goals": "A job near the children's school"}),
    ("plan_item_add", "clients:plan_item_add", {"service": "interview-skills-workshop", "due_on": "2030-01-15",
                                                "status": "planned"}),
])
def test_a_service_refusal_on_the_plan_panel_is_a_422_with_its_reason_and_nothing_typed_lost(
        login, monkeypatch, counsellor_a, provider_a, client_a, service, url_name, data):
    # Found in issue 15: the file's panel forms checked the form but not the service, so a refusal was a 500.
    def refuse(**kwargs):
        raise ValidationError("This plan is closed: reopen the case first.")

    monkeypatch.setattr(services, service, refuse)
    response = login(counsellor_a).post(reverse(url_name, args=[client_a.code]),
                                        {**data, "provider": str(provider_a.code)})
    assert response.status_code == 422
    page = response.content.decode()
    assert "This plan is closed: reopen the case first." in page
    assert next(iter(data.values())).replace("'", "&#x27;") in page
