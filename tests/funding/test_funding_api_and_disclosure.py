"""/api/v1/funding/ (the ledger's and the what-if's totals in one answer), the block amount that would give a
suppressed count away, and the ledger page's per-provider totals by quarter."""

import csv
import datetime as dt
import io
from decimal import Decimal as D

from django.urls import reverse

from caseload.models import CaseFile
from outcomes.funding import whatif
from outcomes.funding.services import ledger_post
from outcomes.models import Placement
from tests.factories import ProviderFactory
from tests.kpis import factories as kf
from tests.outcomes.factories import placement_for

NOVEMBER = {"start": "2026-11-01", "end": "2026-11-30"}  # 30 days
LATER = dt.datetime(2026, 12, 15, 17, tzinfo=dt.UTC)


def _six_clients(name="Provider C"):
    provider = ProviderFactory(name=name, region="eastern")
    for _n in range(6):
        case = kf.person(provider, registered=dt.date(2026, 10, 5))
        CaseFile.objects.filter(pk=case.pk).update(opened_at=dt.datetime(2026, 10, 5, tzinfo=dt.UTC))
    return provider


# --- /api/v1/funding/ -------------------------------------------------------------------------------------------

def test_the_funding_root_gives_the_ledger_and_what_if_totals(web, ministry, november):
    """Ledger: A's placement, 1000 x 1.50 x 1.00 x 1.20 = 1800. What-if: outcome 3000 + 1800 + 3000 = 7800; block
    300 + 300 = 600, but A's and B's 1 client each are suppressed and so is their total (2 people)."""
    ledger_post(now=LATER)
    web.force_login(ministry)
    data = web.get("/api/v1/funding/", NOVEMBER).json()
    assert (data["start"], data["end"]) == ("2026-11-01", "2026-11-30")
    assert data["ledger"]["total"] == "1800.00"
    assert [(p["provider_name"], p["total"]) for p in data["ledger"]["providers"]] == [("Provider A", "1800.00")]
    assert data["whatif"]["totals"] == {"outcome": "7800.00", "block": "suppressed"}
    assert [m["key"] for m in data["whatif"]["models"]] == ["block", "outcome"]


def test_the_funding_root_is_in_the_schema_and_refuses_a_bad_period(web, ministry, november):
    web.force_login(ministry)
    schema = web.get(reverse("api_schema")).content.decode()
    assert "/api/v1/funding/:" in schema
    bad = web.get("/api/v1/funding/", {"start": "2026-11-30", "end": "2026-11-01"})
    assert bad.status_code == 400 and "end" in bad.json()


# --- The block amount never gives a suppressed count away ----------------------------------------------------

def test_a_block_amount_built_on_fewer_than_5_clients_is_suppressed_with_its_complement(november):
    """A and B serve 1 client each: their block amounts (300 = 3650 x 1 x 30/365) would tell the count, so they
    are suppressed; together they are 2 people, so C's (6 clients: 1800) is suppressed too, and the total
    (300 + 300 + 1800 = 2400) then covers 8 people and is shown. Outcome amounts stay shown."""
    _six_clients()
    result = whatif.compare(start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30))
    shown = {row.provider.name: dict(zip([c.key for c in result.columns], row.shown_cells, strict=True))
             for row in result.rows}
    assert shown["Provider A"] == {"block": None, "outcome": D("4800.00")}
    assert shown["Provider B"] == {"block": None, "outcome": D("3000.00")}
    assert shown["Provider C"] == {"block": None, "outcome": D("3000.00")}
    assert dict(zip([c.key for c in result.columns], result.shown_totals, strict=True)) == {
        "block": D("2400.00"), "outcome": D("10800.00")}


def test_a_provider_with_5_clients_or_more_shows_its_block_amount(november):
    """A and B (1 client each) are suppressed; C (6) and D (6) both have enough people: the smaller is hidden as
    the complement (C, first by name at the same count), D stays shown: 3650 x 6 x 30/365 = 1800."""
    _six_clients("Provider C")
    _six_clients("Provider D")
    result = whatif.compare(start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30))
    block = {row.provider.name: row.shown_cells[0] for row in result.rows}
    assert block == {"Provider A": None, "Provider B": None, "Provider C": None, "Provider D": D("1800.00")}


def test_the_page_csv_and_api_hide_the_same_block_amounts(web, ministry, november):
    web.force_login(ministry)
    page = web.get(reverse("funding:whatif"), NOVEMBER).content.decode()
    assert "$300.00" not in page and "$600.00" not in page and "$7,800.00" in page
    lines = list(csv.reader(io.StringIO(web.get(reverse("funding:whatif"), {**NOVEMBER, "format": "csv"})
                                        .content.decode())))
    header = lines[0]
    block = header.index("Block")
    assert [line[block] for line in lines[1:]] == ["suppressed", "suppressed", "suppressed"]
    data = web.get(reverse("funding_api:whatif"), NOVEMBER).json()
    assert {p["provider_name"]: p["amounts"]["block"] for p in data["providers"]} == {
        "Provider A": "suppressed", "Provider B": "suppressed"}
    assert data["totals"]["block"] == "suppressed"


# --- The ledger page: per-provider totals by quarter, paginated ---------------------------------------------

def test_the_ledger_page_totals_each_provider_by_quarter(web, ministry, november, case_b, counsellor_b):
    """A: 1800 on 2 Nov 2026 (Q3 2026-27). B: a direct placement of a client not assessed on 20 Aug 2026 (Q2):
    1000 x 1.00 x 1.00 x 1.20 = 1200."""
    placement = placement_for(case_b, by=counsellor_b, start_date=dt.date(2026, 8, 20))
    Placement.objects.filter(pk=placement.pk).update(attribution="direct")
    ledger_post(now=LATER)
    web.force_login(ministry)
    response = web.get(reverse("funding:ledger"))
    totals = [(row["provider"], row["period"].key, row["total"]) for row in response.context["totals"]]
    assert totals == [("Provider A", "2026-27-Q3", D("1800.00")), ("Provider B", "2026-27-Q2", D("1200.00"))]
    assert "Q3 2026-27" in response.content.decode()
