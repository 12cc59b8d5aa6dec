"""Every keyboard-reachable scroll region uses the one shared wrapper, `table-wrap` (issue 14 §1): it is the only class
the stylesheet makes scroll and positions, so a table in any other wrapper widens the page at 360 px (the QA
interview list did, 537 px wide in French) and its visually hidden labels escape it."""

import re
from pathlib import Path

from django.conf import settings

REGION = re.compile(r"<div\b[^>]*\brole=\"region\"[^>]*>", re.S)
SHARED = re.compile(r"\bclass=\"[^\"]*\btable-wrap\b")


def _templates() -> list[Path]:
    roots = [Path(settings.BASE_DIR) / "templates", *Path(settings.BASE_DIR).glob("*/templates")]
    return [path for root in roots for path in root.rglob("*.html")]


def scroll_regions_outside_the_pattern(text: str) -> list[str]:
    """The opening tags of focusable regions (role="region" tabindex="0") whose class is not table-wrap."""
    return [tag for tag in REGION.findall(text) if 'tabindex="0"' in tag and not SHARED.search(tag)]


def test_the_check_catches_a_home_made_scroll_wrapper():
    assert scroll_regions_outside_the_pattern('<div class="table-scroll" tabindex="0" role="region">') != []
    assert scroll_regions_outside_the_pattern('<div class="table-wrap" role="region" tabindex="0">') == []


def test_every_scroll_region_in_the_templates_is_the_shared_wrapper():
    found = {str(path.relative_to(settings.BASE_DIR)): tags for path in _templates()
             if (tags := scroll_regions_outside_the_pattern(path.read_text()))}
    assert found == {}
