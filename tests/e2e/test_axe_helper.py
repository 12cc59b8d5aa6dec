"""The axe helper fails a page with a serious problem, and says what and where."""

import pytest
from playwright.sync_api import Page

from tests.e2e.axe import assert_accessible

pytestmark = pytest.mark.browser


def test_it_fails_on_a_serious_violation_and_names_it(page: Page):
    page.set_content('<html lang="en"><head><title>t</title></head><body><main>'
                     '<img src="data:," id="unlabelled"></main></body></html>')
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)
    assert "image-alt (critical)" in str(failure.value)
    assert "#unlabelled" in str(failure.value)


def test_it_passes_a_clean_page(page: Page):
    page.set_content('<html lang="en"><head><title>t</title></head><body><main><h1>Hello</h1>'
                     '<img src="data:," alt="A dot"></main></body></html>')
    assert_accessible(page)
