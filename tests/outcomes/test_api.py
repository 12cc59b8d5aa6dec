from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.caseload.factories import make_case
from tests.outcomes.factories import placement_for


def _count_queries(web, url):
    with CaptureQueriesContext(connection) as queries:
        response = web.get(url)
    assert response.status_code == 200
    return len(queries), response.json()


def test_it_lists_only_placements_the_caller_may_see(login, placement_a, placement_b, counsellor_a, seeker_a):
    for user in (counsellor_a, seeker_a):
        data = login(user).get(reverse("outcomes_api:placement-list")).json()
        assert [row["code"] for row in data["results"]] == [str(placement_a.code)]
        assert data["results"][0]["attribution"] == placement_a.attribution


def test_it_keeps_list_queries_flat_as_rows_grow(login, provider_a, counsellor_a):
    def add(n):
        for _ in range(n):
            case = make_case(provider_a, counsellor=counsellor_a)
            placement_for(case, by=counsellor_a)

    web = login(counsellor_a)
    web.get(reverse("outcomes_api:placement-list"))  # the first request of a session also loads the session
    add(2)
    counts = {}
    for name in ("placement", "retention-check"):
        counts[name], _ = _count_queries(web, reverse(f"outcomes_api:{name}-list"))
    add(10)
    for name in ("placement", "retention-check"):
        after, data = _count_queries(web, reverse(f"outcomes_api:{name}-list"))
        assert len(data["results"]) >= 12  # keyset pages: no count
        assert after == counts[name], name


def test_it_keeps_support_requests_from_unassigned_colleagues(login, support_request_a, counsellor_a2, manager_a):
    assert login(counsellor_a2).get(reverse("outcomes_api:support-request-list")).json()["results"] == []
    data = login(manager_a).get(reverse("outcomes_api:support-request-list")).json()
    assert [row["code"] for row in data["results"]] == [str(support_request_a.code)]
