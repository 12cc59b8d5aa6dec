"""Every list page paginates: with page-size + 1 rows the page shows a next link, and the next page a previous one.

The page sizes are shrunk to 2 so each list needs 3 rows; the views read them at request time."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from caseload import services as caseload_services
from clients.models import Client
from employers import selectors as employer_selectors
from employers import services as employer_services
from employers.models import Match
from espportal import pagination
from outcomes import services as outcome_services
from outcomes.models import RetentionCheck, SupportRequest
from tests.caseload.factories import make_case, make_client
from tests.employers.factories import EmployerFactory, LeadFactory, client_at
from tests.factories import staff_member
from tests.outcomes.factories import placement_for

ROWS = 3


@pytest.fixture(autouse=True)
def _small_pages(monkeypatch):
    monkeypatch.setattr(pagination, "PAGE_SIZE", ROWS - 1)
    monkeypatch.setattr(pagination, "TOP_SIZE", ROWS - 1)
    monkeypatch.setattr(employer_selectors, "COLUMN_LIMIT", ROWS - 1)


def _cases(provider, counsellor):
    return [make_case(provider, counsellor=counsellor) for _ in range(ROWS)]


def _shared_matches(provider, counsellor, developer, *, client=None):
    matches = []
    for _ in range(ROWS):
        lead = LeadFactory(provider=provider, employer=EmployerFactory(), created_by=developer)
        match = employer_services.match_create(client=client or client_at(provider), lead=lead, by=counsellor)
        matches.append(employer_services.match_move(match=match, status=Match.Status.SHARED, by=counsellor))
    return matches


def _placements(provider, counsellor):
    return [placement_for(case, by=counsellor) for case in _cases(provider, counsellor)]


def home_cases(f):
    _cases(f["provider_a"], f["counsellor_a"])
    return f["counsellor_a"], reverse("caseload:home"), "page"


def home_tasks(f):
    case = make_case(f["provider_a"], counsellor=f["counsellor_a"])
    for i in range(ROWS):
        caseload_services.task_create(assignee=f["counsellor_a"], kind="follow_up", title=f"Task {i}", case=case,
                                      due_on=timezone.localdate())
    return f["counsellor_a"], reverse("caseload:home"), "tasks_page"


def home_waiting(f):
    _cases(f["provider_a"], f["counsellor_a"])  # opened, no first meeting yet: waiting, and assigned to me
    return f["counsellor_a"], reverse("caseload:home"), "waiting_page"


def case_notes(f):
    case = make_case(f["provider_a"], counsellor=f["counsellor_a"])
    for i in range(ROWS):
        caseload_services.note_add(case=case, author=f["counsellor_a"], kind="advice", body=f"Note {i}",
                                   visibility="team")
    return f["counsellor_a"], reverse("caseload:case", args=[case.code]), "notes_page"


def referrals(f):
    for case in _cases(f["provider_a"], f["counsellor_a"]):
        caseload_services.referral_request(case=case, specialist=f["counsellor_a2"], reason="Trades",
                                           requested_by=f["counsellor_a"])
    return f["counsellor_a2"], reverse("caseload:referrals"), "page"


def manager_team(f):
    for _ in range(ROWS):
        staff_member(f["provider_a"])
    return f["manager_a"], reverse("caseload:manager"), "team_page"


def manager_breaches(f):
    long_ago = timezone.now() - dt.timedelta(days=60)
    for _ in range(ROWS):
        client = make_client(f["provider_a"], registered_by=f["counsellor_a"])
        Client.objects.filter(pk=client.pk).update(registered_at=long_ago)
    return f["manager_a"], reverse("caseload:manager"), "breaches_page"


def manager_stale(f):
    from caseload.models import CaseFile
    cases = _cases(f["provider_a"], f["counsellor_a"])
    CaseFile.objects.filter(pk__in=[c.pk for c in cases]).update(opened_at=timezone.now() - dt.timedelta(days=60))
    return f["manager_a"], reverse("caseload:manager"), "stale_page"


def manager_transfers(f):
    for case in _cases(f["provider_a"], f["counsellor_a"]):
        caseload_services.transfer_request(client=case.client, to_provider=f["provider_b"],
                                           requested_by=f["counsellor_a"], record_consent=True)
    return f["manager_a"], reverse("caseload:manager"), "transfers_page"


def checks_due(f):
    for placement in _placements(f["provider_a"], f["counsellor_a"]):
        check = placement.checks.order_by("milestone_months").first()
        outcome_services.retention_check_fall_due(check_id=check.pk)
    assert RetentionCheck.objects.filter(status="due").count() == ROWS
    return f["counsellor_a"], reverse("outcomes:checks_due"), "page"


def support_list(f):
    for placement in _placements(f["provider_a"], f["counsellor_a"]):
        outcome_services.support_request_open(client=placement.client, placement=placement,
                                              opened_by=f["counsellor_a"], body="Hours cut",
                                              category=SupportRequest.Category.HOURS_PAY)
    return f["counsellor_a"], reverse("outcomes:support_list"), "page"


def pipeline_column(f):
    _shared_matches(f["provider_a"], f["counsellor_a"], f["developer_a"])
    return f["counsellor_a"], reverse("employers:pipeline") + "?column=shared", "page"


def my_leads(f):
    client = client_at(f["provider_a"], user=f["seeker_a"])
    _shared_matches(f["provider_a"], f["counsellor_a"], f["developer_a"], client=client)
    return f["seeker_a"], reverse("employers:me_panel"), "page"


def lead_board(f):
    for _ in range(ROWS):
        LeadFactory(provider=f["provider_a"], employer=EmployerFactory(), created_by=f["developer_a"])
    return f["developer_a"], reverse("employers:lead_board"), "page"


def employer_directory(f):
    for _ in range(ROWS):
        EmployerFactory()
    return f["developer_a"], reverse("employers:directory"), "page"


def client_list(f):
    for _ in range(ROWS):
        make_client(f["provider_a"], registered_by=f["counsellor_a"])
    return f["counsellor_a"], reverse("clients:list"), "page"


LISTS = [home_cases, home_tasks, home_waiting, case_notes, referrals, manager_team, manager_breaches, manager_stale,
         manager_transfers, checks_due, support_list, pipeline_column, my_leads, lead_board, employer_directory,
         client_list]


@pytest.mark.parametrize("build", LISTS, ids=[b.__name__ for b in LISTS])
def test_it_paginates_every_list(build, login, provider_a, provider_b, counsellor_a, counsellor_a2, developer_a,
                                 manager_a, seeker_a):
    fixtures = locals()
    user, url, param = build(fixtures)
    web = login(user)
    first = web.get(url).content.decode()
    assert f'{param}=2' in first and 'rel="next"' in first
    second = web.get(url + ("&" if "?" in url else "?") + f"{param}=2").content.decode()
    assert 'rel="prev"' in second and f"{param}=1" in second


def test_the_pipeline_board_shows_the_top_of_each_column_and_a_link_to_all(login, provider_a, counsellor_a,
                                                                           developer_a):
    _shared_matches(provider_a, counsellor_a, developer_a)
    page = login(counsellor_a).get(reverse("employers:pipeline")).content.decode()
    assert "Show all 3" in page and "?column=shared" in page
    column = login(counsellor_a).get(reverse("employers:pipeline"), {"column": "shared"}).content.decode()
    assert "column=shared&amp;page=2" in column


# The capped count: a list counts its rows up to COUNT_CAP (or to the end of the page asked for) plus one, and
# shows "N+" past it, so no list page counts every row of the province.

def test_a_count_below_the_cap_is_exact():
    paginator = pagination.CappedPaginator(list(range(7)), 2, cap=10)
    assert (paginator.count, paginator.capped, paginator.total_label, paginator.pages_label) == (7, False, "7", "4")


def test_a_count_past_the_cap_stops_one_row_after_it_and_says_so():
    paginator = pagination.CappedPaginator(list(range(7)), 2, cap=4)
    assert (paginator.count, paginator.capped, paginator.total_label, paginator.pages_label) == (5, True, "4+", "3+")


def test_the_capped_total_reads_1000_plus_in_both_languages():
    from django.utils import translation

    paginator = pagination.CappedPaginator(list(range(1500)), 25, cap=1000)
    with translation.override("en"):
        assert paginator.total_label == "1,000+"
    with translation.override("fr"):
        assert paginator.total_label == "1\xa0000+"


def test_a_page_past_the_cap_still_knows_whether_another_follows():
    # 7 rows, pages of 2, cap 2: page 3 (rows 5-6) counts up to row 7 and links on; page 4 is the last.
    third = pagination.CappedPaginator(list(range(7)), 2, cap=2, reach=6).get_page(3)
    assert list(third) == [4, 5] and third.has_next()
    fourth = pagination.CappedPaginator(list(range(7)), 2, cap=2, reach=8).get_page(4)
    assert list(fourth) == [6] and not fourth.has_next() and not fourth.paginator.capped


@pytest.mark.django_db
def test_the_count_reads_a_limited_subquery_without_the_lists_order():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    paginator = pagination.CappedPaginator(Client.objects.order_by("last_name", "id"), 25, cap=1000)
    with CaptureQueriesContext(connection) as queries:
        assert paginator.count == 0
    [count] = [q["sql"] for q in queries.captured_queries]
    assert "COUNT(" in count and "LIMIT 1001" in count and "ORDER BY" not in count


def test_the_home_shows_a_capped_total_and_pages(monkeypatch, login, provider_a, counsellor_a):
    # 3 open cases, pages of 1, cap 1: page 1 counts 2 rows ("1+", at least 2 pages); page 3 counts all 3.
    monkeypatch.setattr(pagination, "COUNT_CAP", 1)
    monkeypatch.setattr(pagination, "PAGE_SIZE", 1)
    _cases(provider_a, counsellor_a)
    first = login(counsellor_a).get(reverse("caseload:home")).content.decode()
    assert "1+ open cases" in first and "Page 1 of 2+" in first and re.search(r"[?&;]page=2", first)
    last = login(counsellor_a).get(reverse("caseload:home"), {"page": 3}).content.decode()
    assert "3 open cases" in last and "Page 3 of 3" in last and not re.search(r"[?&;]page=4", last)


def test_a_page_number_too_large_for_the_database_gives_the_last_page(login, provider_a, counsellor_a):
    _cases(provider_a, counsellor_a)
    response = login(counsellor_a).get(reverse("caseload:home"), {"page": "9" * 30})
    assert response.status_code == 200 and "Page 2 of 2" in response.content.decode()
