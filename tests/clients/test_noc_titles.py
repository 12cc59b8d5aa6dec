"""NOC 2021 titles in the reader's language (issue 14 §4). Statistics Canada's French titles are loaded for the broad
categories and the unit groups; the official French structure file (sub-major and minor group titles) is not
available to us, so a French page shows those levels' English title marked lang="en" (a screen reader then
pronounces it as English) instead of a translation of our own."""

import pytest
from django.urls import reverse
from django.utils import translation

from clients.models import Occupation
from clients.templatetags.clients_extras import noc_title


@pytest.fixture
def sub_major(db):
    return Occupation.objects.get(code="111")  # loaded in English only by clients/migrations/0003


@pytest.fixture
def unit(db):
    return Occupation.objects.get(code="11100")


def test_a_french_reader_gets_the_english_title_marked_as_english_where_no_french_title_exists(sub_major):
    with translation.override("fr"):
        html = noc_title(sub_major)

    assert html == '<span lang="en">Auditors, accountants and investment professionals</span>'


def test_a_french_reader_gets_the_french_title_unmarked(unit):
    with translation.override("fr"):
        assert noc_title(unit) == "Vérificateurs/vérificatrices et comptables"


def test_an_english_reader_gets_the_english_title_unmarked(sub_major):
    with translation.override("en"):
        assert noc_title(sub_major) == "Auditors, accountants and investment professionals"


def test_the_title_is_escaped(sub_major):
    sub_major.title = "<b>Auditors</b>"
    with translation.override("fr"):
        assert noc_title(sub_major) == '<span lang="en">&lt;b&gt;Auditors&lt;/b&gt;</span>'


def test_the_placement_page_names_the_unit_group_in_french(login, placement_a, counsellor_a):
    counsellor_a.preferred_language = "fr"
    counsellor_a.save(update_fields=["preferred_language"])

    page = login(counsellor_a).get(reverse("outcomes:placement", args=[placement_a.code])).content.decode()

    assert "11100 Vérificateurs/vérificatrices et comptables" in page
    assert "Financial auditors and accountants" not in page


def test_the_lead_page_marks_an_english_only_title_for_a_french_reader(login, lead_a, counsellor_a):
    Occupation.objects.filter(code="11100").update(title_fr="")  # as an import of a newer NOC version may leave it
    counsellor_a.preferred_language = "fr"
    counsellor_a.save(update_fields=["preferred_language"])

    page = login(counsellor_a).get(reverse("employers:lead_detail", args=[lead_a.code])).content.decode()

    assert '<span lang="en">Financial auditors and accountants</span> (CNP 11100)' in page
