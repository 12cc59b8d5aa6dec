"""The crawl's checks fail when a page breaks a rule: a wide element at 360 px, an English catalogue string on a
French page, an unnamed scrollable table, and they pass the shared patterns that fix them."""

import pytest

from tests.e2e import crawl

pytestmark = pytest.mark.browser


def page_with(page, body: str, *, lang="fr", width=360):
    page.set_viewport_size({"width": width, "height": 700})
    page.set_content(f'<!DOCTYPE html><html lang="{lang}"><head><title>Essai</title>'
                     f'<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
                     f'<body><main><h1>Essai</h1>{body}</main></body></html>')
    return page


def test_it_reports_a_page_wider_than_a_phone(page):
    found = crawl.sideways_scroll(page_with(page, '<div id="too-wide" style="width: 500px">x</div>'))

    assert found and "#too-wide" in found[0] and "in a 360 px window" in found[0]


def test_it_reports_a_visually_hidden_label_escaping_its_scroll_wrapper(page):
    hidden = "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap"
    table = (f'<table style="width:600px"><tr><td style="padding-left:550px"><button>Go'
             f'<span style="{hidden}">: update the whole plan item</span></button></td></tr></table>')
    escaped = crawl.sideways_scroll(page_with(page, f'<div style="overflow-x:auto">{table}</div>'))
    contained = crawl.sideways_scroll(page_with(
        page, f'<div class="table-wrap" style="overflow-x:auto;position:relative">{table}</div>'))

    assert escaped and not contained


def test_it_reports_english_catalogue_strings_on_a_french_page(page):
    found = crawl.untranslated(page_with(page, '<p>Ajouter une note</p><button>Add note</button>'
                                               '<input aria-label="Send my answer">'))

    assert found == ["untranslated on a French page: 'Add note'",
                     "untranslated on a French page: 'Send my answer'"]


def test_names_and_words_shared_by_both_languages_pass(page):
    assert crawl.untranslated(page_with(page, "<p>Total</p><p>Lina Farah</p><p>Toronto</p>")) == []


def test_axe_reports_an_unreachable_scroll_region_and_passes_the_shared_pattern(page):
    wide = '<table style="width:900px"><tr><th>A</th><td>1</td></tr></table>'
    bare = crawl.axe_problems(page_with(page, f'<div style="overflow-x:auto">{wide}</div>'),
                              rules=["scrollable-region-focusable"])
    shared = crawl.axe_problems(page_with(
        page, f'<div class="table-wrap" style="overflow-x:auto" role="region" tabindex="0" aria-label="Essai">'
              f'{wide}</div>'), rules=["scrollable-region-focusable"])

    assert bare and "scrollable-region-focusable" in bare[0]
    assert shared == []


def test_the_french_header_brand_is_checked(page):
    assert crawl.brand(page_with(page, "")) == []
    page.set_content('<html lang="fr"><body><header><a>ESP Portal</a></header></body></html>')
    assert crawl.brand(page) == ["the header brand says 'ESP Portal' on a French page"]


def test_a_panel_still_loading_is_reported_rather_than_checked_half_loaded(page):
    from tests.e2e.test_crawl import _settle

    assert _settle(page_with(page, '<div hx-get="/panel/" hx-trigger="load">Loading...</div>'),
                   timeout_ms=300) == ["a panel was still loading after 0.3 s"]
    assert _settle(page_with(page, "<section><h2>Loaded</h2></section>"), timeout_ms=300) == []
