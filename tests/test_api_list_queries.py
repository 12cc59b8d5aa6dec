"""The caseload and employers API lists issue a fixed number of queries, whatever the number of rows they return
(ARCHITECTURE.md rule 5): measured with few rows and with more, and bounded."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from caseload import services as caseload_services
from employers import services as employer_services
from tests.caseload.factories import make_case
from tests.employers.factories import LeadFactory


def _queries(web, url) -> int:
    web.get(url)  # warm up: the session's first request reads and writes things a later one does not
    with CaptureQueriesContext(connection) as captured:
        response = web.get(url)
    assert response.status_code == 200, response.content
    assert response.json()["results"], "the list must not be empty, or the count proves nothing"
    return len(captured)


def _caseload_rows(provider, counsellor, specialist, n):
    for _ in range(n):
        case = make_case(provider, counsellor=counsellor)
        caseload_services.note_add(case=case, author=counsellor, kind="contact", body="Called", visibility="team")
        caseload_services.task_create(assignee=counsellor, kind="follow_up", title="Call", case=case,
                                      due_on=timezone.localdate())
        caseload_services.appointment_schedule(case=case, staff=counsellor, mode="phone", scheduled_by=counsellor,
                                               starts_at=timezone.now() + dt.timedelta(days=3))
        caseload_services.referral_request(case=case, specialist=specialist, reason="Trades", requested_by=counsellor)


CASELOAD_LISTS = ["caseload_api:case-list", "caseload_api:note-list", "caseload_api:task-list",
                  "caseload_api:appointment-list", "caseload_api:referral-list", "caseload_api:transfer-list"]


@pytest.mark.parametrize("name", CASELOAD_LISTS)
def test_caseload_lists_do_not_grow_with_rows(name, provider_a, provider_b, counsellor_a, counsellor_a2, login):
    _caseload_rows(provider_a, counsellor_a, counsellor_a2, 2)
    if name == "caseload_api:transfer-list":
        case = make_case(provider_a, counsellor=counsellor_a)
        caseload_services.transfer_request(client=case.client, to_provider=provider_b, requested_by=counsellor_a,
                                           record_consent=True)
    web = login(counsellor_a)
    few = _queries(web, reverse(name))
    _caseload_rows(provider_a, counsellor_a, counsellor_a2, 4)
    if name == "caseload_api:transfer-list":
        for _ in range(3):
            case = make_case(provider_a, counsellor=counsellor_a)
            caseload_services.transfer_request(client=case.client, to_provider=provider_b,
                                               requested_by=counsellor_a, record_consent=True)
    assert _queries(web, reverse(name)) == few
    assert few <= 12


EMPLOYER_LISTS = ["employers_api:employer-list", "employers_api:lead-list", "employers_api:match-list",
                  "employers_api:activity-list"]


def _employer_rows(provider, developer, client, n):
    for _ in range(n):
        lead = LeadFactory(provider=provider, created_by=developer)
        employer_services.match_create(client=client, lead=lead, by=developer)
        employer_services.activity_record(provider=provider, staff=developer, employer=lead.employer,
                                          kind="site_visit", date=timezone.localdate(), attendees=[client])


@pytest.mark.parametrize("name", EMPLOYER_LISTS)
def test_employers_lists_do_not_grow_with_rows(name, provider_a, developer_a, candidate_a, login):
    _employer_rows(provider_a, developer_a, candidate_a, 2)
    web = login(developer_a)
    few = _queries(web, reverse(name))
    _employer_rows(provider_a, developer_a, candidate_a, 4)
    assert _queries(web, reverse(name)) == few
    assert few <= 12
