"""An analyst compares two providers, drills from a region into one of them and exports a CSV, in English and
in French, at desktop and phone width; axe checks each page. A counsellor and a job seeker get 403 on every
/ministry/ URL."""

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from outcomes.kpis import periods, rollup
from tests.e2e.axe import assert_accessible
from tests.e2e.test_outcomes_journey import page_as
from tests.funding.factories import block_model, outcome_model
from tests.kpis import factories as f

pytestmark = pytest.mark.browser
Q = periods.parse("2026-27-Q1")


@pytest.fixture
def province(transactional_db, provider_a, provider_b, counsellor_a, counsellor_b):
    for n in range(12):
        case = f.person(provider_a, registered=dt.date(2026, 4, 10), groups=["newcomer"], segment=3)
        if n < 6:
            f.placement(case, start=dt.date(2026, 5, 4), by=counsellor_a)
    for n in range(9):
        case = f.person(provider_b, registered=dt.date(2026, 4, 10), groups=["francophone"], segment=1)
        if n < 5:
            f.placement(case, start=dt.date(2026, 5, 20), by=counsellor_b, attribution="self_found")
    for period in periods.trend(Q):
        rollup.rollup_period(period)
    return provider_a, provider_b


@pytest.mark.parametrize("language,width", [("en", 1280), ("fr", 360)])
def test_an_analyst_compares_drills_down_and_exports(browser: Browser, live, province, ministry, language, width):
    provider_a, provider_b = province
    page = page_as(browser, live, ministry, viewport={"width": width, "height": 800})
    page.goto(reverse("kpis:overview") + f"?period={Q.key}")
    if language == "fr":
        page.get_by_role("button", name="Français").click()
        expect(page.locator("h1")).to_have_text("Vue d'ensemble provinciale")
    assert_accessible(page)

    page.goto(reverse("kpis:comparison") + f"?period={Q.key}")
    table = page.locator("#providers-table")
    expect(table.get_by_role("row").filter(has_text="Provider A")).to_contain_text("12")
    expect(table.get_by_role("row").filter(has_text="Provider B")).to_contain_text("9")
    header = "Placements : trouvés seuls" if language == "fr" else "Placements: self-found"
    table.get_by_role("link", name=header).click()
    expect(page.locator("#providers-table tbody tr").first).to_contain_text("Provider B")
    assert_accessible(page)

    page.goto(reverse("kpis:overview") + f"?period={Q.key}")
    page.locator("#regions-table").get_by_role("link", name="Toronto").click()
    expect(page.locator("h1")).to_have_text("Toronto")
    page.locator("#providers-table").get_by_role("link", name="Provider A").click()
    expect(page.locator("h1")).to_have_text("Provider A")
    expect(page.locator("#trend-table tbody tr")).to_have_count(8)
    assert_accessible(page)

    download_name = "Télécharger ce tableau (CSV)" if language == "fr" else "Download this table (CSV)"
    with page.expect_download() as info:
        page.get_by_role("link", name=download_name).first.click()
    lines = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + 8 + 1  # header, eight quarters, "as of"
    assert ",12," in lines[-2] and ",6," in lines[-2]  # the last quarter: 12 served, 6 placed

    # A funding what-if for the quarter: an outcome-based model beside the block model, with totals.
    outcome_model()
    block_model()
    page.goto(reverse("funding:whatif"))
    page.get_by_label("Du" if language == "fr" else "From").fill("2026-04-01")
    page.get_by_label("Au" if language == "fr" else "To").fill("2026-06-30")
    page.get_by_role("button", name="Comparer" if language == "fr" else "Compare").click()
    funding = page.get_by_role("table")
    expect(funding.get_by_role("row").filter(has_text="Provider A")).to_contain_text("12")
    expect(funding.locator("tfoot")).to_contain_text("$")
    assert_accessible(page)
    with page.expect_download() as info:
        page.get_by_role("link", name=download_name).click()
    rows = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("Fournisseur" if language == "fr" else "Provider")
    assert len(rows) == 1 + 2 + 1  # header, two providers, the total


def test_staff_and_job_seekers_get_403_on_every_ministry_url(browser: Browser, live, province, counsellor_a,
                                                            seeker_a):
    provider_a, _b = province
    urls = [reverse("kpis:overview"), reverse("kpis:comparison"), reverse("kpis:region", args=["toronto"]),
            reverse("kpis:provider", args=[provider_a.code]), reverse("kpis:comparison") + "?format=csv",
            reverse("funding:whatif"), reverse("funding:whatif") + "?format=csv", reverse("funding:ledger"),
            reverse("quality:qa"), reverse("quality:attribution_queue"), reverse("quality:complaints")]
    # Every other /ministry/ URL: tests/kpis/test_pages.py walks the URL configuration.
    for user in (counsellor_a, seeker_a):
        page = page_as(browser, live, user)
        for url in urls:
            assert page.goto(url).status == 403, (user, url)
