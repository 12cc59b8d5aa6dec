"""Key pages stay within 15 queries, whatever the data (issue 11's target; the case page is not there yet).

Each page is fetched once to warm the session, then measured; the rows below each list are created first so
every list on the page is non-empty (an empty page skips its row query)."""

import pytest
from django.urls import reverse

MAX_QUERIES = 15


@pytest.fixture
def _lists(case_a, note_a, task_a, support_request_a, retention_check_due_a, transfer_a):
    return case_a


PAGES = [
    ("counsellor_a", "caseload:home", ()),
    ("counsellor_a", "clients:list", ()),
    ("counsellor_a", "outcomes:checks_due", ()),
    ("counsellor_a", "outcomes:support_list", ()),
    ("counsellor_a", "employers:pipeline", ()),
    ("counsellor_a", "employers:lead_board", ()),
    ("developer_a", "employers:directory", ()),
    ("manager_a", "caseload:manager", ()),
    ("manager_a", "outcomes:checks_due", ()),
    ("seeker_a", "employers:me_panel", ()),
    ("seeker_a", "outcomes:me_checks", ()),
]


@pytest.mark.parametrize(("persona", "name", "args"), PAGES, ids=[f"{p}-{n}" for p, n, _ in PAGES])
def test_key_pages_stay_within_fifteen_queries(request, persona, name, args, login, _lists,
                                               django_assert_max_num_queries):
    web = login(request.getfixturevalue(persona))
    url = reverse(name, args=args)
    assert web.get(url).status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES):
        assert web.get(url).status_code == 200
