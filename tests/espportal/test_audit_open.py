"""One visit to a client file is one "opened" audit event; every route that opens a record is in the log."""

import pytest
from django.conf import settings
from django.urls import reverse

from espportal import audit
from espportal.models import AuditEvent


def _opens(client):
    return AuditEvent.objects.filter(client_code=client.code, detail__has_key="route")


def test_one_file_view_with_all_its_panels_is_one_event(login, counsellor_a, client_a):
    web = login(counsellor_a)
    shell = web.get(reverse("clients:detail", args=[client_a.code]))
    for panel in shell.context["panels"]:
        assert web.get(panel["url"], headers={"HX-Request": "true"}).status_code == 200
    assert len(shell.context["panels"]) == len(settings.CLIENT_FILE_PANELS)
    events = list(_opens(client_a))
    assert [(e.action, e.actor_code, e.detail["route"], e.detail["reason"], e.detail["role"]) for e in events] == [
        ("client.opened", counsellor_a.code, "page", "care", "counsellor")]


def test_each_person_visiting_is_their_own_event(login, counsellor_a, manager_a, client_a):
    url = reverse("clients:detail", args=[client_a.code])
    login(counsellor_a).get(url)
    login(manager_a).get(url)
    assert sorted(e.actor_code for e in _opens(client_a)) == sorted([counsellor_a.code, manager_a.code])


def test_a_visit_after_the_window_is_a_new_event(login, counsellor_a, client_a, settings):
    settings.ESP_AUDIT_OPEN_WINDOW_SECONDS = 0
    web = login(counsellor_a)
    url = reverse("clients:detail", args=[client_a.code])
    web.get(url)
    web.get(url)
    assert _opens(client_a).count() == 2


@pytest.mark.parametrize("route_name", ["clients:detail", "clients:panel_plan", "clients:panel_consent",
                                        "caseload:client_panel", "employers:client_panel", "outcomes:client_panel"])
def test_every_page_route_that_opens_a_record_is_in_the_log(login, counsellor_a, client_a, route_name):
    assert login(counsellor_a).get(reverse(route_name, args=[client_a.code])).status_code == 200
    assert _opens(client_a).filter(actor_code=counsellor_a.code, detail__route="page").count() == 1


def test_an_api_read_after_a_page_view_is_its_own_event(login, counsellor_a, client_a):
    web = login(counsellor_a)
    web.get(reverse("clients:detail", args=[client_a.code]))
    assert web.get(reverse("clients_api:client-detail", args=[client_a.code])).status_code == 200
    web.get(reverse("clients_api:client-detail", args=[client_a.code]))
    assert sorted(e.detail["route"] for e in _opens(client_a)) == ["api", "page"]


def test_a_case_page_records_the_open_of_the_person(login, counsellor_a, case_a):
    login(counsellor_a).get(reverse("caseload:case", args=[case_a.code]))
    assert [(e.action, e.detail["route"]) for e in _opens(case_a.client)] == [("case.opened", "page")]


def test_another_provider_sharing_by_consent_is_recorded_as_shared(counsellor_b, client_a):
    event = audit.record_open(client=client_a, actor=counsellor_b, route="page", reason="shared")
    assert event.detail == {"route": "page", "reason": "shared", "role": "counsellor"}


def test_exports_are_never_folded_and_unknown_keys_are_refused(counsellor_a, client_a):
    for _ in range(2):
        audit.record_open(client=client_a, actor=counsellor_a, route="export")
    assert _opens(client_a).filter(detail__route="export").count() == 2
    with pytest.raises(ValueError):
        audit.record_open(client=client_a, actor=counsellor_a, route="fax")
    with pytest.raises(ValueError):
        audit.record_open(client=client_a, actor=counsellor_a, reason="curiosity")


def test_a_job_seeker_opening_their_portal_is_one_self_event(login, seeker_a, case_a):
    web = login(seeker_a)
    page = web.get(reverse("clients:me"))
    for url in page.context["panels"]:
        web.get(url, headers={"HX-Request": "true"})
    assert [(e.actor_code, e.detail["reason"]) for e in _opens(case_a.client)] == [(seeker_a.code, "self")]
