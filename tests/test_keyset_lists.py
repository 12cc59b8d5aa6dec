"""Every API list that grows with the data pages by keyset (issue 11): no COUNT(*) (DRF's page numbers counted
every row the person may see, 10x slower at province scale for the cases API), page 2 continues page 1 with no row
twice, both pages cost the same queries, and rows sharing the first ordering value (a due date, a name) are neither
skipped nor repeated across a page boundary. tests/test_keyset_pagination.py covers notes and the audit log."""

import datetime as dt
from base64 import b64encode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from caseload import services as caseload_services
from clients import services as client_services
from employers import services as employer_services
from outcomes import services as outcome_services
from outcomes.models import SupportRequest
from tests.caseload.factories import make_case
from tests.clients.factories import make_plan_item
from tests.employers.factories import LeadFactory
from tests.outcomes.factories import placement_for


def _get(web, url):
    with CaptureQueriesContext(connection) as captured:
        response = web.get(url)
    assert response.status_code == 200, response.content
    return response.json(), [q["sql"] for q in captured.captured_queries]


@pytest.fixture
def rows(provider_a, provider_b, counsellor_a, counsellor_a2, developer_a, candidate_a):
    """Four rows (or more) in every list counsellor_a, manager_a or developer_a reads."""
    for n in range(4):
        case = make_case(provider_a, counsellor=counsellor_a, last_name=f"Keyset{n}")
        caseload_services.task_create(assignee=counsellor_a, kind="follow_up", title="Call", case=case,
                                      due_on=timezone.localdate())
        caseload_services.appointment_schedule(case=case, staff=counsellor_a, mode="phone", scheduled_by=counsellor_a,
                                               starts_at=timezone.now() + dt.timedelta(days=3, hours=n))
        caseload_services.referral_request(case=case, specialist=counsellor_a2, reason="Trades",
                                           requested_by=counsellor_a)
        make_plan_item(case.client, by=counsellor_a)
        client_services.assessment_record(client=case.client, answers=_answers(), assessed_by=counsellor_a)
        placement = placement_for(case, by=counsellor_a, employer_name=f"Keyset {n}")
        outcome_services.support_request_open(client=case.client, placement=placement, opened_by=counsellor_a,
                                              category=SupportRequest.Category.HOURS_PAY, body="Hours cut.")
        lead = LeadFactory(provider=provider_a, created_by=developer_a)
        employer_services.match_create(client=candidate_a, lead=lead, by=developer_a)
        employer_services.activity_record(provider=provider_a, staff=developer_a, employer=lead.employer,
                                          kind="site_visit", date=timezone.localdate(), attendees=[candidate_a])
    for _ in range(4):
        case = make_case(provider_a, counsellor=counsellor_a)
        caseload_services.transfer_request(client=case.client, to_provider=provider_b, requested_by=counsellor_a,
                                           record_consent=True)


def _answers():
    from clients import assessment

    return {"barriers": {key: 0 for key, *_rest in assessment.BARRIERS}, "job_readiness": assessment.READINESS[0][0]}


LISTS = [
    ("counsellor_a", "clients_api:client-list"), ("counsellor_a", "clients_api:assessment-list"),
    ("counsellor_a", "clients_api:plan-list"), ("counsellor_a", "caseload_api:case-list"),
    ("counsellor_a", "caseload_api:task-list"), ("counsellor_a", "caseload_api:appointment-list"),
    ("counsellor_a", "caseload_api:transfer-list"), ("counsellor_a", "caseload_api:referral-list"),
    ("counsellor_a", "outcomes_api:placement-list"), ("counsellor_a", "outcomes_api:retention-check-list"),
    ("manager_a", "outcomes_api:support-request-list"), ("developer_a", "employers_api:employer-list"),
    ("developer_a", "employers_api:lead-list"), ("developer_a", "employers_api:match-list"),
    ("developer_a", "employers_api:activity-list"),
]


@pytest.mark.parametrize(("persona", "name"), LISTS)
def test_page_two_continues_page_one_at_the_same_cost_without_counting(request, login, rows, persona, name):
    web = login(request.getfixturevalue(persona))
    url = reverse(name) + "?page_size=2"
    web.get(url)  # warm the session
    first, first_sql = _get(web, url)
    assert "count" not in first and len(first["results"]) == 2 and first["previous"] is None
    second, second_sql = _get(web, first["next"])
    assert len(second["results"]) == 2
    assert not {r["code"] for r in first["results"]} & {r["code"] for r in second["results"]}
    assert len(first_sql) == len(second_sql)
    assert not any("COUNT(" in sql.upper() for sql in first_sql + second_sql)
    back, _sql = _get(web, second["previous"])
    assert [r["code"] for r in back["results"]] == [r["code"] for r in first["results"]]


def test_the_preferences_list_answers_without_counting(login, counsellor_a):
    body, sql = _get(login(counsellor_a), reverse("employers_api:preference-list"))
    assert "count" not in body and body["next"] is None
    assert not any("COUNT(" in s.upper() for s in sql)


def test_tasks_due_the_same_day_are_each_listed_once_across_pages(login, counsellor_a, case_a):
    day = timezone.localdate() + dt.timedelta(days=5)
    for n in range(5):
        caseload_services.task_create(assignee=counsellor_a, kind="follow_up", title=f"Same day {n}", case=case_a,
                                      due_on=day)
    web = login(counsellor_a)
    url, titles = reverse("caseload_api:task-list") + "?page_size=2", []
    while url:
        body, _sql = _get(web, url)
        titles += [r["title"] for r in body["results"]]
        url = body["next"]
    assert sorted(t for t in titles if t.startswith("Same day")) == [f"Same day {n}" for n in range(5)]
    assert len(titles) == len(set(titles))


def test_employers_sharing_a_name_are_each_listed_once_across_pages(login, developer_a):
    from tests.employers.factories import EmployerFactory

    made = {str(EmployerFactory(name="Same Name Bakery", postal_code=f"M5V 2T{n}").code) for n in range(5)}
    web = login(developer_a)
    url, codes = reverse("employers_api:employer-list") + "?page_size=2", []
    while url:
        body, _sql = _get(web, url)
        codes += [r["code"] for r in body["results"]]
        url = body["next"]
    assert made <= set(codes) and len(codes) == len(set(codes))


@pytest.mark.parametrize("cursor", ["not base64!", b64encode(b"[1, 2]").decode(),
                                    b64encode(b'{"k": ["soon", 1], "b": 0}').decode(),
                                    b64encode(b'{"k": [1], "b": 0}').decode(),
                                    b64encode(b'{"k": ["2026-01-01", 1e400], "b": 0}').decode(),
                                    b64encode(b'{"k": ["2026-01-01", 100000000000000000000000], "b": 0}').decode(),
                                    b64encode(b'{"k": ["2026-01-01\\u0000", 1], "b": 0}').decode()])
def test_a_cursor_this_list_did_not_write_answers_400(login, counsellor_a, cursor):
    response = login(counsellor_a).get(reverse("caseload_api:task-list"), {"cursor": cursor})
    assert response.status_code == 400
    assert "cursor" in response.json()


PLANS = [("caseload_api:case-list", "counsellor_a", "case_provider_opened"),
         ("caseload_api:task-list", "counsellor_a", "task_assignee_due"),
         ("employers_api:lead-list", "developer_a", "lead_advertised_newest"),
         ("outcomes_api:retention-check-list", "counsellor_a", "retention_check_due"),
         ("clients_api:client-list", "counsellor_a", "client_last_name_id")]


@pytest.mark.parametrize(("name", "persona", "index"), PLANS)
def test_a_page_walks_the_lists_index(request, login, rows, name, persona, index):
    """The page query reads an index in the list's order (no sort of every visible row): planned as for a large
    table, not these few rows."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL plans")
    web = login(request.getfixturevalue(persona))
    web.get(reverse(name))
    _body, sql = _get(web, reverse(name))
    page = max((s for s in sql if " LIMIT " in s.upper()), key=len)
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_sort", "enable_incremental_sort", "enable_bitmapscan"):
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute(f"EXPLAIN {page}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert index in plan


def test_a_name_cursor_with_a_nul_byte_answers_400(login, developer_a):
    cursor = b64encode(b'{"k": ["Bakery\\u0000", 1], "b": 0}').decode()
    response = login(developer_a).get(reverse("employers_api:employer-list"), {"cursor": cursor})
    assert response.status_code == 400
