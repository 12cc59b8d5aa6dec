"""A query parameter that pins a record by its code (?case=, ?client=, ?match=, ...) but is not a UUID answers
400 with a message naming the parameter, on every API list and every page that takes one; never a 500."""

import django_filters
import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from espportal.filters import CodeFilter

BAD = "0123456789abcdef0123456789abcdef-xyz"  # 36 characters, not a UUID


def _viewsets(patterns=None, namespace=""):
    """(url name, viewset class) of every API list route (DRF router's "-list")."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _viewsets(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and (pattern.name or "").endswith("-list"):
            cls = getattr(pattern.callback, "cls", None)
            if cls is not None and getattr(cls, "filterset_class", None) is not None:
                yield f"{namespace}{pattern.name}", cls


API_CODE_PARAMS = sorted(
    (name, param) for name, cls in _viewsets()
    for param, flt in cls.filterset_class.base_filters.items()
    if isinstance(flt, (CodeFilter, django_filters.UUIDFilter))
)


def test_the_api_list_discovery_finds_the_pinned_parameters():
    # The discovery above must keep finding the routes, or the test below would pass on nothing.
    assert ("caseload_api:note-list", "case") in API_CODE_PARAMS
    assert ("employers_api:match-list", "lead") in API_CODE_PARAMS
    assert len(API_CODE_PARAMS) >= 15


@pytest.mark.parametrize("name,param", API_CODE_PARAMS)
def test_every_api_list_refuses_a_code_that_is_not_a_uuid_with_a_json_400(name, param, counsellor_a, login):
    response = login(counsellor_a).get(reverse(name), {param: BAD})
    assert response.status_code == 400, (name, param, response.status_code)
    assert response["Content-Type"] == "application/json"
    assert response.json()[param] == ["Enter a valid UUID."]


PAGES = [
    ("caseload:home", None, "client"),
    ("caseload:case", "case", "case"),
    ("caseload:referrals", None, "case"),
    ("employers:pipeline", None, "client"),
    ("employers:pipeline", None, "lead"),
    ("outcomes:checks_due", None, "placement"),
    ("outcomes:checks_due", None, "client"),
    ("outcomes:support_list", None, "client"),
    ("outcomes:placement_create", "client", "match"),
    ("outcomes:support_create", "client", "placement"),
]


@pytest.mark.parametrize("name,arg,param", PAGES)
def test_every_page_refuses_a_code_that_is_not_a_uuid_with_a_400_page(name, arg, param, case_a, counsellor_a,
                                                                       login):
    args = {"case": [case_a.code], "client": [case_a.client.code], None: []}[arg]
    response = login(counsellor_a).get(reverse(name, args=args), {param: BAD})
    assert response.status_code == 400, (name, param, response.status_code)
    assert "Enter a valid UUID." in response.content.decode()


def test_the_job_seekers_check_ins_page_refuses_a_support_code_that_is_not_a_uuid(case_a, seeker_a, login):
    response = login(seeker_a).get(reverse("outcomes:me_checks"), {"support": BAD})
    assert response.status_code == 400
    assert "The “support” parameter is not valid: Enter a valid UUID." in response.content.decode()


def test_the_api_answers_a_bad_request_as_json():
    from django.core.exceptions import BadRequest
    from django.test import RequestFactory

    from espportal.views import bad_request

    response = bad_request(RequestFactory().get("/api/v1/notes/"), BadRequest("The “case” parameter is wrong"))
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
