"""Panels opened as pages: a direct visit (the "Loading..." fallback link, no JavaScript) gets a whole page with the
layout, <html lang> and a title; an HTMX request gets the bare fragment. One view serves both."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

STAFF_PANELS = settings.CLIENT_FILE_PANELS
SEEKER_PANELS = settings.SEEKER_PORTAL_PANELS


def _is_page(html: str) -> bool:
    return bool(re.search(r'<html lang="(en|fr)">', html)) and "<title>" in html and "<h1" in html \
        and 'class="site-header"' in html


@pytest.mark.parametrize("name", STAFF_PANELS)
def test_a_staff_panel_is_a_page_when_opened_directly(login, counsellor_a, case_a, name):
    web = login(counsellor_a)
    url = reverse(name, args=[case_a.client.code])
    page = web.get(url)
    assert page.status_code == 200 and _is_page(page.content.decode())
    fragment = web.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith("<section") and "<html" not in fragment


@pytest.mark.parametrize("name", SEEKER_PANELS)
def test_a_seeker_panel_is_a_page_in_french_when_opened_directly(login, seeker_b, case_b, name):
    web = login(seeker_b)  # prefers French
    page = web.get(reverse(name)).content.decode()
    assert _is_page(page) and '<html lang="fr">' in page
    fragment = web.get(reverse(name), headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith("<section") and "<html" not in fragment


def test_every_panel_url_the_portal_links_to_is_covered(login, seeker_a, case_a):
    page = login(seeker_a).get(reverse("clients:me"))
    assert sorted(page.context["panels"]) == sorted(reverse(name) for name in SEEKER_PANELS)


def test_a_transfer_refused_without_javascript_answers_a_page(login, seeker_a, case_a):
    response = login(seeker_a).post(reverse("caseload:me_transfer"), {})
    assert response.status_code == 422 and _is_page(response.content.decode())
