"""The client file shell, its panels, the wait clock and their query counts."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clients import services
from clients.models import Client
from espportal.models import AuditEvent
from tests.clients.factories import answers, make_client, make_plan_item

PANELS = ["clients:panel_profile", "clients:panel_consent", "clients:panel_assessment", "clients:panel_plan"]


def test_it_opens_the_file_audited_with_lazy_panels(login, counsellor_a, client_a):
    response = login(counsellor_a).get(reverse("clients:detail", args=[client_a.code]))
    page = response.content.decode()
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="client.opened", client_code=client_a.code).exists()
    for name in PANELS:
        assert f'hx-get="{reverse(name, args=[client_a.code])}"' in page
    assert page.count('hx-trigger="load"') == len(response.context["panels"])


def test_it_skips_panels_that_do_not_exist(login, counsellor_a, client_a, settings):
    settings.CLIENT_FILE_PANELS = ["clients:panel_profile", "nowhere:panel", "clients:panel_plan"]
    response = login(counsellor_a).get(reverse("clients:detail", args=[client_a.code]))
    assert [panel["url"] for panel in response.context["panels"]] == [
        reverse("clients:panel_profile", args=[client_a.code]), reverse("clients:panel_plan", args=[client_a.code])]


def test_panels_answer_htmx_with_a_fragment_and_a_browser_with_a_page(login, counsellor_a, client_a):
    web = login(counsellor_a)
    url = reverse("clients:panel_profile", args=[client_a.code])
    fragment = web.get(url, headers={"HX-Request": "true"}).content.decode()
    page = web.get(url).content.decode()
    assert fragment.lstrip().startswith('<section class="panel" id="panel-profile"')
    assert "<html" in page and 'id="panel-profile"' in page


def test_it_shows_days_waiting_until_the_first_meeting(login, counsellor_a, client_a):
    Client.objects.filter(pk=client_a.pk).update(registered_at=timezone.now() - dt.timedelta(days=12, hours=1))
    web = login(counsellor_a)
    url = reverse("clients:detail", args=[client_a.code])
    assert "<strong>12</strong>" in web.get(url).content.decode()

    services.client_first_meeting_record(client=client_a, at=timezone.now() - dt.timedelta(days=2),
                                         recorded_by=counsellor_a)
    client_a.refresh_from_db()
    assert client_a.days_waiting() == 10
    assert "after 10 days" in web.get(url).content.decode()
    assert AuditEvent.objects.filter(action="client.first_meeting").count() == 1


def test_only_the_first_meeting_stops_the_clock(client_a, counsellor_a):
    first = timezone.now() - dt.timedelta(days=3)
    services.client_first_meeting_record(client=client_a, at=first, recorded_by=counsellor_a)
    services.client_first_meeting_record(client=client_a, at=timezone.now(), recorded_by=counsellor_a)
    client_a.refresh_from_db()
    assert client_a.first_meeting_at == first


def test_the_profile_panel_saves_edits_and_shows_errors_next_to_the_field(login, counsellor_a, client_a):
    web = login(counsellor_a)
    url = reverse("clients:profile_edit", args=[client_a.code])
    data = {"first_name": "Lina", "last_name": "Farah", "date_of_birth": "1990-01-01", "preferred_language": "fr",
            "postal_code": "h2x 1y4", "credential_recognition": "n/a", "accommodations": ["screen_reader"]}
    assert web.post(url, {**data, "postal_code": "H2X"}).status_code == 422
    assert web.post(url, data).status_code == 302
    client_a.refresh_from_db()
    assert (client_a.postal_code, client_a.accommodations) == ("H2X 1Y4", ["screen_reader"])


def _count(web, url, **kwargs):
    with CaptureQueriesContext(connection) as queries:
        assert web.get(url, **kwargs).status_code == 200
    return len(queries)


def _counts(web, client):
    urls = [reverse("clients:detail", args=[client.code])] + [reverse(name, args=[client.code]) for name in PANELS]
    return [_count(web, url, headers={"HX-Request": "true"}) for url in urls]


def test_the_file_and_panels_query_count_does_not_grow(login, counsellor_a, provider_a, provider_b,
                                                      client_a):
    web = login(counsellor_a)
    services.assessment_record(client=client_a, answers=answers(housing=3), assessed_by=counsellor_a)
    for _ in range(2):
        make_client(provider_a, registered_by=counsellor_a)
        make_plan_item(client_a, by=counsellor_a, status="completed")
        make_plan_item(client_a, by=counsellor_a, provider=provider_b, service_code="mentorship")
    _counts(web, client_a)
    few = _counts(web, client_a)
    for _ in range(10):
        make_client(provider_a, registered_by=counsellor_a)
        make_plan_item(client_a, by=counsellor_a, status="completed")
        make_plan_item(client_a, by=counsellor_a, provider=provider_b, service_code="mentorship")
        services.assessment_record(client=client_a, answers=answers(), assessed_by=counsellor_a)
    assert _counts(web, client_a) == few


def test_a_profile_edit_keeps_what_it_replaced(client_a, counsellor_a):
    services.client_update(client=client_a, changed_by=counsellor_a, accommodation_notes="Needs a quiet room.")
    services.client_update(client=client_a, changed_by=counsellor_a, accommodation_notes="Needs a quiet room and "
                           "written instructions.", postal_code="m4c1b5")
    services.client_update(client=client_a, changed_by=counsellor_a, accommodation_notes="Needs a quiet room and "
                           "written instructions.")  # nothing changed: no new version

    revisions = list(client_a.revisions.order_by("id"))
    assert [r.before for r in revisions] == [
        {"accommodation_notes": ""},
        {"accommodation_notes": "Needs a quiet room.", "postal_code": "M5V 2T6"},
    ]
    assert all(r.changed_by == counsellor_a for r in revisions)
