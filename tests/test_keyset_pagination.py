"""Keyset (cursor) pagination for the API lists that grow without bound (issue 11): case notes and the audit
log page by an index range with no COUNT(*), every page costs the same queries whatever page it is and however
many rows exist, and following `next` visits every row once, newest first."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from caseload import services
from espportal import audit


def _get(web, url):
    with CaptureQueriesContext(connection) as captured:
        response = web.get(url)
    assert response.status_code == 200, response.content
    return response.json(), [q["sql"] for q in captured.captured_queries]


def _walk(web, url):
    """Every page from `url` on: (rows in order, query counts of each page, whether any page counted)."""
    rows, counts, counted = [], [], False
    web.get(url)  # warm the session
    while url:
        body, queries = _get(web, url)
        assert "count" not in body
        rows += body["results"]
        counts.append(len(queries))
        counted |= any("COUNT(" in sql.upper() for sql in queries)
        url = body["next"]
    return rows, counts, counted


def _notes(case, counsellor, n, start=0):
    at = timezone.now()
    for i in range(start, start + n):
        note = services.note_add(case=case, author=counsellor, kind="contact", body=f"Note {i}", visibility="team")
        type(note).objects.filter(pk=note.pk).update(created_at=at + dt.timedelta(minutes=i))


def test_notes_pages_walk_every_note_once_newest_first_without_counting(login, case_a, counsellor_a):
    _notes(case_a, counsellor_a, 5)
    rows, counts, counted = _walk(login(counsellor_a), reverse("caseload_api:note-list") + "?page_size=2")
    assert [r["body"] for r in rows] == ["Note 4", "Note 3", "Note 2", "Note 1", "Note 0"]
    assert len(counts) == 3
    assert not counted


def test_a_notes_page_costs_the_same_queries_with_five_notes_or_forty(login, case_a, counsellor_a):
    web = login(counsellor_a)
    url = reverse("caseload_api:note-list") + "?page_size=2"
    _notes(case_a, counsellor_a, 5)
    _rows, few, _counted = _walk(web, url)
    _notes(case_a, counsellor_a, 35, start=5)
    web.get(url)
    body, queries = _get(web, url)
    last_page, last_queries = _get(web, body["next"])
    assert len(queries) == len(last_queries) == few[0]
    assert [r["body"] for r in last_page["results"]] == ["Note 37", "Note 36"]


def test_the_audit_log_lists_the_managers_provider_only_in_keyset_pages(login, manager_a, counsellor_a, client_a,
                                                                      provider_a, provider_b, counsellor_b):
    for n in range(3):
        audit.record(action=f"test.a{n}", actor=counsellor_a, client=client_a, provider=provider_a)
    audit.record(action="test.b", actor=counsellor_b, provider=provider_b)
    rows, counts, counted = _walk(login(manager_a), reverse("api:audit-event-list") + "?page_size=2")
    actions = [r["action"] for r in rows]
    assert "test.b" not in actions
    assert [a for a in actions if a.startswith("test.")] == ["test.a2", "test.a1", "test.a0"]
    assert "ip" not in rows[0] and "detail" not in rows[0]
    assert len(set(counts)) == 1 and not counted


@pytest.mark.parametrize("persona", ["counsellor_a", "ministry", "seeker_a"])
def test_only_managers_read_the_audit_log(request, login, persona):
    assert login(request.getfixturevalue(persona)).get(reverse("api:audit-event-list")).status_code == 403


def test_a_notes_page_walks_the_providers_newest_notes_index_and_mixes_in_shared_notes(
        login, case_a, counsellor_a, counsellor_b, provider_a, provider_b):
    """The visibility rule as one OR kept PostgreSQL off `note_provider_newest`: it read and sorted every note the
    person may see (6.7 s at province scale). Each branch now has its own index; the page still holds another
    provider's note on a client who consented to share with this provider, in its place by time."""
    from caseload.models import CaseNote
    from clients import services as client_services
    from tests.caseload.factories import make_case

    _notes(case_a, counsellor_a, 3)
    elsewhere = make_case(provider_b, counsellor=counsellor_b, first_name="Omar", last_name="Haddad")
    shared = services.note_add(case=elsewhere, author=counsellor_b, kind="contact", body="From B",
                               visibility="team")
    CaseNote.objects.filter(pk=shared.pk).update(created_at=timezone.now() + dt.timedelta(seconds=90))
    services.note_add(case=elsewhere, author=counsellor_b, kind="contact", body="B only", visibility="sensitive")
    client_services.consent_grant(client=elsewhere.client, scope="share_provider", provider=provider_a,
                                  granted_by=counsellor_b)
    web = login(counsellor_a)
    url = reverse("caseload_api:note-list") + "?page_size=3"
    web.get(url)
    body, queries = _get(web, url)
    assert [r["body"] for r in body["results"]] == ["Note 2", "From B", "Note 1"]
    if connection.vendor != "postgresql":
        return  # SQLite (make run) reads the branches ORed: it refuses LIMIT inside a UNION's parts
    page = next(sql for sql in queries if "caseload_casenote" in sql and "UNION ALL" in sql.upper())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for setting in ("enable_seqscan", "enable_sort"):  # plan as for a large table, not these few rows
                cursor.execute(f"SET LOCAL {setting} = off")
            cursor.execute(f"EXPLAIN {page}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "note_provider_newest" in plan
