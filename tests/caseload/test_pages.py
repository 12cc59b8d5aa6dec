import datetime as dt

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from caseload import services
from caseload.models import Appointment, CaseFile, CaseNote
from clients.models import Client
from tests.caseload.factories import make_case, make_client


def _queries(web, url, **params) -> int:
    web.get(url, params)  # the first request of a session also writes the session; measure the steady state
    with CaptureQueriesContext(connection) as captured:
        response = web.get(url, params, **({"HTTP_HX_REQUEST": "true"} if params.pop("_htmx", False) else {}))
    assert response.status_code == 200
    return len(captured)


def _add_cases(provider, counsellor, count):
    for _ in range(count):
        case = make_case(provider, counsellor=counsellor)
        services.note_add(case=case, author=counsellor, kind="contact", body="Phoned", visibility="team")
        services.task_create(assignee=counsellor, kind="follow_up", title="Send leads", case=case,
                             due_on=timezone.localdate() - dt.timedelta(days=1))
        services.appointment_schedule(case=case, staff=counsellor, mode="phone", scheduled_by=counsellor,
                                      starts_at=timezone.now() + dt.timedelta(days=3))
        make_client(provider, registered_by=counsellor)


def test_the_caseload_page_does_not_grow_with_the_caseload(provider_a, counsellor_a, login):
    web = login(counsellor_a)
    url = reverse("caseload:home")
    _add_cases(provider_a, counsellor_a, 2)
    small = _queries(web, url)
    _add_cases(provider_a, counsellor_a, 10)
    assert _queries(web, url) == small
    assert _queries(web, url, sort="contact", overdue="on") == _queries(web, url, sort="name")


def test_the_caseload_page_shows_stage_next_action_contact_and_waiting(provider_a, counsellor_a, login, case_a):
    services.task_create(assignee=counsellor_a, kind="follow_up", title="Send three leads", case=case_a,
                         due_on=timezone.localdate() - dt.timedelta(days=2))
    with time_machine.travel(timezone.now() - dt.timedelta(days=4), tick=False):
        services.note_add(case=case_a, author=counsellor_a, kind="contact", body="Phoned", visibility="team")
    Client.objects.filter(pk=case_a.client.pk).update(registered_at=timezone.now() - dt.timedelta(days=9))
    page = login(counsellor_a).get(reverse("caseload:home")).content.decode()
    assert "Send three leads" in page and "overdue" in page
    assert "<td>4</td>" in page  # days since the last contact
    assert "Waiting" in page and "<td>9</td>" in page  # days waiting for a first meeting


def test_the_caseload_filters_and_sorts_with_htmx(provider_a, counsellor_a, login):
    waiting = make_case(provider_a, counsellor=counsellor_a, last_name="Zed")
    active = make_case(provider_a, counsellor=counsellor_a, last_name="Abe")
    services.case_set_status(case=active, status="active", changed_by=counsellor_a)
    web = login(counsellor_a)
    response = web.get(reverse("caseload:home"), {"stage": "active"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and 'id="caseload-table"' in body
    assert "Abe" in body and "Zed" not in body
    body = web.get(reverse("caseload:home"), {"sort": "name"}, HTTP_HX_REQUEST="true").content.decode()
    assert body.index(active.client.last_name) < body.index(waiting.client.last_name)


def test_the_case_page_does_not_grow_with_notes(case_a, counsellor_a, login):
    web = login(counsellor_a)
    url = reverse("caseload:case", args=[case_a.code])

    def add(n):
        for i in range(n):
            note = services.note_add(case=case_a, author=counsellor_a, kind="advice", body=f"Advice {i}",
                                     visibility="team")
            services.note_amend(note=note, author=counsellor_a, body=f"Better advice {i}")
            services.task_create(assignee=counsellor_a, kind="follow_up", title=f"Task {i}", case=case_a,
                                 due_on=timezone.localdate())
            services.appointment_schedule(case=case_a, staff=counsellor_a, mode="phone", scheduled_by=counsellor_a,
                                          starts_at=timezone.now() + dt.timedelta(days=i + 1))

    add(2)
    small = _queries(web, url)
    add(10)
    assert _queries(web, url) == small
    assert CaseNote.objects.count() == 24 and Appointment.objects.count() == 12


def test_the_manager_page_does_not_grow_with_the_team_caseload(provider_a, counsellor_a, counsellor_a2, manager_a,
                                                              provider_b, login):
    web = login(manager_a)
    url = reverse("caseload:manager")
    def transfer(n):
        for case in [make_case(provider_a, counsellor=counsellor_a) for _ in range(n)]:
            services.transfer_request(client=case.client, to_provider=provider_b, requested_by=counsellor_a,
                                      record_consent=True)

    _add_cases(provider_a, counsellor_a, 2)
    transfer(1)  # an empty list skips its page query (Django's empty slice), so every list holds a row
    small = _queries(web, url)
    _add_cases(provider_a, counsellor_a2, 10)
    transfer(3)
    assert _queries(web, url) == small


def test_the_manager_page_shows_breaches_stale_cases_and_transfers(provider_a, counsellor_a, manager_a, provider_b,
                                                                   login, settings):
    settings.ESP_WAIT_BREACH_DAYS = 14
    stale = make_case(provider_a, counsellor=counsellor_a, last_name="Longwait")
    forty_days_ago = timezone.now() - dt.timedelta(days=40)
    with time_machine.travel(forty_days_ago, tick=False):
        services.note_add(case=stale, author=counsellor_a, kind="contact", body="Hi", visibility="team")
    Client.objects.filter(pk=stale.client.pk).update(registered_at=forty_days_ago)
    CaseFile.objects.filter(pk=stale.pk).update(opened_at=forty_days_ago)
    make_case(provider_a, counsellor=counsellor_a, last_name="Newcomer")
    services.transfer_request(client=stale.client, to_provider=provider_b, requested_by=counsellor_a,
                              record_consent=True)
    page = login(manager_a).get(reverse("caseload:manager")).content.decode()
    breaches = page[page.index("Waiting more than 14 days"):page.index("No contact in 30 days")]
    assert "Longwait" in breaches and "Newcomer" not in breaches
    stale_section = page[page.index("No contact in 30 days"):page.index("Open transfers")]
    assert "Longwait" in stale_section and "<td>40</td>" in stale_section
    assert "Provider B" in page[page.index("Open transfers"):]
    # Each waiting row opens the client file and shows the code that tells namesakes apart.
    file_link = f'<a href="{reverse("clients:detail", args=[stale.client.code])}">'
    assert file_link in breaches and f"<code>{str(stale.client.code)[:8]}</code>" in breaches


def test_the_manager_page_reads_only_its_own_providers_cases_and_waiting_clients(
        provider_a, counsellor_a, manager_a, provider_b, counsellor_b, login, settings):
    # Issue 11: the no-contact list and the waiting list are the provider's own rows (its open cases, its current
    # clients), read without ClientVisibility, whose provider-wide hash made the page grow with the provider.
    settings.ESP_WAIT_BREACH_DAYS = 14
    forty_days_ago = timezone.now() - dt.timedelta(days=40)
    ours = make_case(provider_a, counsellor=counsellor_a, last_name="Ourstale")
    theirs = make_case(provider_b, counsellor=counsellor_b, last_name="Theirstale")
    Client.objects.filter(pk__in=[ours.client.pk, theirs.client.pk]).update(registered_at=forty_days_ago)
    CaseFile.objects.filter(pk__in=[ours.pk, theirs.pk]).update(opened_at=forty_days_ago)
    web = login(manager_a)
    web.get(reverse("caseload:manager"))
    with CaptureQueriesContext(connection) as captured:
        page = web.get(reverse("caseload:manager")).content.decode()
    breaches = page[page.index("Waiting more than 14 days"):page.index("No contact in 30 days")]
    stale = page[page.index("No contact in 30 days"):page.index("Open transfers")]
    assert "Ourstale" in breaches and "Ourstale" in stale
    assert "Theirstale" not in page
    assert not [q["sql"] for q in captured if "clients_clientvisibility" in q["sql"]]


def test_the_manager_page_counts_each_members_open_cases_at_the_provider(provider_a, counsellor_a, counsellor_a2,
                                                                         manager_a, provider_b, counsellor_b):
    # The team's counts read the provider's open cases as one hashed set (espportal.db.hashed_subquery) in a
    # COUNT without GROUP BY (subquery_count): a closed case and another provider's case do not count, and a
    # member holding nothing shows 0, not an empty cell.
    from caseload.selectors import manager_page
    from espportal.access import actor_for_user

    make_case(provider_a, counsellor=counsellor_a)
    make_case(provider_a, counsellor=counsellor_a)
    closed = make_case(provider_a, counsellor=counsellor_a)
    services.case_set_status(case=closed, status="closed", changed_by=counsellor_a, reason="moved")
    make_case(provider_b, counsellor=counsellor_b)
    lists = manager_page(actor_for_user(manager_a))
    assert {m.user_id: m.open_cases for m in lists["team"]} == {counsellor_a.pk: 2, counsellor_a2.pk: 0}
    assert lists["average"] == 1.0


def test_the_client_panel_shows_the_case_and_recent_notes(note_a, case_a, counsellor_a, login):
    page = login(counsellor_a).get(reverse("caseload:client_panel", args=[case_a.client.code]),
                                   headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in page  # the client file's lazy load gets the fragment; a direct visit gets a page
    assert "Called about the resume." in page and reverse("caseload:case", args=[case_a.code]) in page


def test_the_client_panel_opens_a_case_for_a_client_without_one(provider_a, counsellor_a, intake_a, login):
    client = make_client(provider_a, registered_by=intake_a)
    response = login(intake_a).post(reverse("caseload:case_open", args=[client.code]),
                                    {"counsellor": str(counsellor_a.code)})
    assert response.status_code == 302
    case = client.case_files.get()
    assert case.assignments.get().staff == counsellor_a


def test_the_inbox_keeps_my_tasks_about_nobody_or_a_client_we_see(provider_a, provider_b, counsellor_a, counsellor_b):
    from caseload.selectors import open_tasks_of
    from espportal.access import actor_for_user

    today = timezone.localdate()
    ours = make_client(provider_a, registered_by=counsellor_a)
    theirs = make_client(provider_b, registered_by=counsellor_b)
    for title, client in [("Team meeting", None), ("Call ours", ours), ("Call theirs", theirs)]:
        services.task_create(assignee=counsellor_a, kind="follow_up", title=title, client=client, due_on=today)
    tasks = open_tasks_of(actor_for_user(counsellor_a), counsellor_a)
    assert sorted(task.title for task in tasks) == ["Call ours", "Team meeting"]


def test_the_home_shows_the_providers_waiting_total_capped(monkeypatch, provider_a, counsellor_a, login):
    from espportal import pagination

    for _ in range(3):
        make_client(provider_a, registered_by=counsellor_a)  # registered, no first meeting: waiting
    web = login(counsellor_a)
    assert "3 clients wait for a first meeting at your provider." in web.get(reverse("caseload:home")).content.decode()
    monkeypatch.setattr(pagination, "COUNT_CAP", 2)
    assert "2+ clients wait for a first meeting" in web.get(reverse("caseload:home")).content.decode()


def test_the_caseload_count_reads_case_keys_not_the_next_action_of_each(provider_a, counsellor_a, login):
    # The page's rows carry five per-case subqueries (next action, overdue tasks); its capped count needs none.
    make_case(provider_a, counsellor=counsellor_a)
    web = login(counsellor_a)
    web.get(reverse("caseload:home"))
    with CaptureQueriesContext(connection) as captured:
        web.get(reverse("caseload:home"))
    [count] = [q["sql"] for q in captured.captured_queries
               if q["sql"].startswith('SELECT COUNT(*) FROM (SELECT "caseload_casefile"')]
    assert "caseload_task" not in count


def test_the_few_rows_form_of_the_case_door_lets_through_the_same_cases(provider_a, provider_b, counsellor_a,
                                                                        counsellor_b):
    from caseload.access import cases_for
    from clients import services as client_services
    from clients.models import Consent
    from espportal.access import actor_for_user

    ours = make_case(provider_a, counsellor=counsellor_a)
    shared = make_case(provider_b, counsellor=counsellor_b)
    client_services.consent_grant(client=shared.client, scope=Consent.Scope.SHARE_PROVIDER, provider=provider_a,
                                  granted_by=counsellor_b)
    make_case(provider_b, counsellor=counsellor_b)  # another provider's client, not shared: seen by neither form
    actor = actor_for_user(counsellor_a)
    expected = sorted([ours.pk, shared.pk])
    assert sorted(cases_for(actor).values_list("pk", flat=True)) == expected
    assert sorted(cases_for(actor, few=True).values_list("pk", flat=True)) == expected


def test_the_caseload_rows_speak_the_readers_language(provider_a, counsellor_a, login, case_a):
    # The stage is labelled once for the table (not get_status_display a row), in the reader's language.
    counsellor_a.preferred_language = "fr"
    counsellor_a.save(update_fields=["preferred_language"])
    page = login(counsellor_a).get(reverse("caseload:home")).content.decode()
    assert '<span class="tag">En attente</span>' in page and '<span class="tag">Waiting</span>' not in page


def test_the_case_page_shown_again_after_a_refused_note_pages_from_the_case_page(case_a, counsellor_a, login):
    import re

    for n in range(26):  # one more than a page of the timeline
        services.note_add(case=case_a, author=counsellor_a, kind="contact", body=f"Note {n}", visibility="team")
    web = login(counsellor_a)
    case_url = reverse("caseload:case", args=[case_a.code])
    notes_url = reverse("caseload:note_create", args=[case_a.code])  # POST-only: a GET answers 405
    refused = web.post(notes_url, {"kind": "contact", "body": "", "visibility": "team"},
                       HTTP_REFERER=f"http://testserver{case_url}")
    assert refused.status_code == 422
    next_links = re.findall(r'<a href="([^"]+)" rel="next">', refused.content.decode())
    assert next_links == [f"{case_url}?notes_page=2#notes-heading"]
    assert web.get(next_links[0].replace("&amp;", "&")).status_code == 200
    no_referer = web.post(notes_url, {"kind": "contact", "body": "", "visibility": "team"})
    assert 'rel="next"' not in no_referer.content.decode()  # no page to page from: no link to a 405
