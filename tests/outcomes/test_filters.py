"""The outcomes lists' FilterSets, on the API and the pages: a filter narrows, a bad parameter is a 400."""

import pytest
from django.urls import reverse

from outcomes.models import RetentionCheck, SupportRequest


def _codes(response):
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["results"]]


def test_placements_narrow_by_client(placement_a, case_a, counsellor_a, login):
    web = login(counsellor_a)
    url = reverse("outcomes_api:placement-list")
    assert _codes(web.get(url, {"client": str(case_a.client.code)})) == [str(placement_a.code)]
    assert _codes(web.get(url, {"client": "00000000-0000-0000-0000-000000000000"})) == []


def test_checks_narrow_by_placement_and_status(placement_a, counsellor_a, login):
    web = login(counsellor_a)
    url = reverse("outcomes_api:retention-check-list")
    everything = _codes(web.get(url, {"placement": str(placement_a.code)}))
    assert sorted(everything) == sorted(str(c.code) for c in placement_a.checks.all()) and everything
    pending = [str(c.code) for c in placement_a.checks.filter(status=RetentionCheck.Status.PENDING)]
    assert sorted(_codes(web.get(url, {"status": RetentionCheck.Status.PENDING}))) == sorted(pending)


def test_support_requests_narrow_by_status_on_the_api_and_the_page(support_request_a, counsellor_a, login):
    web = login(counsellor_a)
    url = reverse("outcomes_api:support-request-list")
    assert _codes(web.get(url, {"status": SupportRequest.Status.OPEN})) == [str(support_request_a.code)]
    assert _codes(web.get(url, {"status": SupportRequest.Status.RESOLVED})) == []
    page = web.get(reverse("outcomes:support_list"), {"status": SupportRequest.Status.OPEN})
    assert page.status_code == 200
    assert [s.code for s in page.context["support_requests"]] == [support_request_a.code]


@pytest.mark.parametrize("name,params", [
    ("outcomes_api:placement-list", {"client": "nope"}),
    ("outcomes_api:retention-check-list", {"status": "late"}),
    ("outcomes_api:support-request-list", {"client": "nope"}),
    ("outcomes:checks_due", {"status": "late"}),
    ("outcomes:support_list", {"status": "late"}),
])
def test_a_bad_parameter_is_a_400(name, params, counsellor_a, login):
    response = login(counsellor_a).get(reverse(name), params)
    assert response.status_code == 400
