"""Landmarks of one kind carry different names (axe `landmark-unique`): a screen reader's landmark list shows
"region, Interview samples" twice otherwise, and the reader cannot tell which is the table. axe rates the rule
moderate, below what the browser crawl blocks on, so these pages pin it here."""

from html.parser import HTMLParser

from django.urls import reverse

from outcomes.funding.services import ledger_post

LANDMARK_TAGS = {"nav": "navigation", "main": "main", "aside": "complementary", "section": "region",
                 "form": "form", "header": "banner", "footer": "contentinfo"}


class _Landmarks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []  # (role, aria-label, labelledby id)
        self.text_of: dict = {}
        self.open_ids: list = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        role = attrs.get("role") or LANDMARK_TAGS.get(tag)
        if role in LANDMARK_TAGS.values() or role == "region":
            self.found.append((role, attrs.get("aria-label"), attrs.get("aria-labelledby")))
        if attrs.get("id"):
            self.open_ids.append((tag, attrs["id"]))
            self.text_of[attrs["id"]] = ""

    def handle_endtag(self, tag):
        if self.open_ids and self.open_ids[-1][0] == tag:
            self.open_ids.pop()

    def handle_data(self, data):
        for _tag, ident in self.open_ids:
            self.text_of[ident] += data


def duplicate_landmarks(html: str) -> list:
    """[(role, name)] named twice or more among the page's landmarks (name from aria-label or aria-labelledby;
    unnamed sections and forms are not landmarks)."""
    parser = _Landmarks()
    parser.feed(html)
    names = []
    for role, label, labelledby in parser.found:
        name = label or " ".join(parser.text_of.get(i, "") for i in (labelledby or "").split()).strip()
        if name or role not in ("region", "form"):
            names.append((role, " ".join(name.split())))
    return sorted({n for n in names if names.count(n) > 1})


def test_the_ledger_names_each_landmark_once(web, ministry, november):
    ledger_post()
    web.force_login(ministry)
    page = web.get(reverse("funding:ledger")).content.decode()
    assert "Totals by provider and quarter" in page and 'role="region"' in page
    assert duplicate_landmarks(page) == []


def test_the_qa_page_names_each_landmark_once(web, ministry, qa_sample_a):
    web.force_login(ministry)
    page = web.get(reverse("quality:qa")).content.decode()
    assert "2026-Q4" in page
    assert duplicate_landmarks(page) == []
