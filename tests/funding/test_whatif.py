"""The what-if page and /api/v1/funding/: hand-worked totals, bad input answered with a clear message."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outcomes.funding import whatif
from outcomes.funding.models import FundingModelVersion, LedgerEntry
from tests.funding.factories import block_model, outcome_model
from tests.outcomes.factories import placement_for

NOVEMBER = {"start": "2026-11-01", "end": "2026-11-30"}  # 30 days


def test_it_compares_the_models_per_provider_with_totals(november, provider_a, provider_b):
    result = whatif.compare(start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30))
    by_provider = {row.provider.name: row.amounts for row in result.rows}
    # Outcome: base 36500 x 30/365 = 3000, plus A's placement 1800. Block: 3650 x 1 client x 30/365 = 300.
    assert by_provider["Provider A"] == {"outcome": D("4800.00"), "block": D("300.00")}
    assert by_provider["Provider B"] == {"outcome": D("3000.00"), "block": D("300.00")}
    assert result.totals == {"outcome": D("7800.00"), "block": D("600.00")}


def test_the_page_shows_the_comparison_to_an_analyst(web, ministry, november):
    web.force_login(ministry)
    response = web.get(reverse("funding:whatif"), NOVEMBER)
    page = response.content.decode()
    assert response.status_code == 200
    # Block amounts on 1 client each (and their total, 2 people) would give the counts away: suppressed.
    assert "$4,800.00" in page and "$7,800.00" in page and "$600.00" not in page


def test_trial_parameters_add_a_column_and_save_nothing(web, ministry, november):
    web.force_login(ministry)
    trial = {f"trial-{k}": v for k, v in {
        "operating_base": "0", "placement_payment": "2000", "retention_3m_payment": "0",
        "retention_6m_payment": "0", "retention_12m_payment": "0", "weight_segment_1": "1",
        "weight_segment_2": "1", "weight_segment_3": "1", "weight_segment_unknown": "1", "weight_direct": "1",
        "weight_assisted": "1", "weight_self_found": "0", "quality_threshold": "60", "quality_multiplier": "1"}.items()}
    versions = FundingModelVersion.objects.count()
    page = web.get(reverse("funding:whatif"), {**NOVEMBER, **trial}).content.decode()
    assert "Trial parameters" in page and "$2,000.00" in page
    assert FundingModelVersion.objects.count() == versions


def test_a_negative_payment_is_refused_with_a_clear_message(web, ministry, november):
    web.force_login(ministry)
    response = web.get(reverse("funding:whatif"), {**NOVEMBER, "trial-operating_base": "0",
                                                   "trial-placement_payment": "-500"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "A payment cannot be negative." in page and 'value="-500"' in page
    assert not LedgerEntry.objects.exists()


def test_a_period_that_ends_before_it_starts_is_refused(web, ministry, november):
    web.force_login(ministry)
    response = web.get(reverse("funding:whatif"), {"start": "2026-11-30", "end": "2026-11-01"})
    assert response.status_code == 422 and "comes before its start" in response.content.decode()


def test_a_period_with_no_data_says_so(web, ministry, november):
    web.force_login(ministry)
    page = web.get(reverse("funding:whatif"), {"start": "2026-04-01", "end": "2026-04-30"}).content.decode()
    assert "No client was served and no milestone was reached" in page


def test_the_api_gives_the_same_totals(web, ministry, november):
    web.force_login(ministry)
    data = web.get(reverse("funding_api:whatif"), NOVEMBER).json()
    assert data["totals"] == {"outcome": "7800.00", "block": "suppressed"}
    assert {p["provider_name"]: p["amounts"]["outcome"] for p in data["providers"]} == {
        "Provider A": "4800.00", "Provider B": "3000.00"}
    bad = web.get(reverse("funding_api:whatif"), {"start": "2026-11-30", "end": "2026-11-01"})
    assert bad.status_code == 400 and "end" in bad.json()


def test_the_ledger_api_lists_rows_without_naming_a_placement(web, ministry, november):
    from outcomes.funding.services import ledger_post

    ledger_post()
    web.force_login(ministry)
    data = web.get(reverse("funding_api:ledger-list")).json()
    assert [(r["milestone"], r["kind"], r["amount"]) for r in data["results"]] == [("placement", "payment",
                                                                                    "1800.00")]
    assert "placement" not in data["results"][0]


def test_the_api_and_pages_refuse_staff(web, counsellor_a, november):
    web.force_login(counsellor_a)
    assert web.get(reverse("funding_api:whatif"), NOVEMBER).status_code == 403
    assert web.get(reverse("funding_api:ledger-list")).status_code == 403
    assert web.get(reverse("funding:whatif")).status_code == 403


def test_the_page_issues_a_fixed_number_of_queries(web, ministry, november, case_a, counsellor_a):
    web.force_login(ministry)
    web.get(reverse("funding:whatif"), NOVEMBER)  # the first request of a session does its one-off work
    with CaptureQueriesContext(connection) as few:
        assert web.get(reverse("funding:whatif"), NOVEMBER).status_code == 200
    for day in (3, 4, 5):
        placement_for(case_a, by=counsellor_a, start_date=dt.date(2026, 11, day))
    with CaptureQueriesContext(connection) as more:
        assert web.get(reverse("funding:whatif"), NOVEMBER).status_code == 200
    assert len(few) == len(more) <= 15


def test_the_ledger_page_lists_rows_with_their_total(web, ministry, november, provider_b):
    from outcomes.funding.services import ledger_post

    ledger_post()
    web.force_login(ministry)
    page = web.get(reverse("funding:ledger")).content.decode()
    assert page.count("$1,800.00") == 3  # the row, the total, and provider A's total for the quarter
    page = web.get(reverse("funding:ledger"), {"provider": str(provider_b.code)}).content.decode()
    assert "No ledger row matches." in page


# --- CSV export: the same audited, formula-safe path as the KPI tables ------------------------------------------

def _csv(response):
    import csv
    import io

    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_whatif_csv_agrees_with_the_page_and_the_api_and_is_audited(web, ministry, november, provider_a):
    from espportal.models import AuditEvent

    type(provider_a).objects.filter(pk=provider_a.pk).update(name="=HYPERLINK(\"http://x\")")
    web.force_login(ministry)
    page = web.get(reverse("funding:whatif"), NOVEMBER)
    assert "format=csv" in page.content.decode()
    lines = _csv(web.get(reverse("funding:whatif"), {**NOVEMBER, "format": "csv"}))
    header, rows = lines[0], {line[0]: line for line in lines[1:]}
    assert header[:3] == ["Provider", "Clients served", "Verified milestones"]
    # The provider's name would run as a formula in a spreadsheet: it is neutralised.
    assert "=HYPERLINK(\"http://x\")" not in rows and "'=HYPERLINK(\"http://x\")" in rows
    a = rows["'=HYPERLINK(\"http://x\")"]
    outcome, block = header.index("Outcome-based"), header.index("Block")
    # One client served and one milestone: counts of fewer than 5 people are suppressed, and so is the block
    # amount that would give the count away (with its total: 2 people); outcome amounts stay shown.
    assert (a[1], a[2], a[outcome], a[block]) == ("suppressed", "suppressed", "4800.00", "suppressed")
    assert (rows["Total"][outcome], rows["Total"][block]) == ("7800.00", "suppressed")
    # The page shows the same figures, and so does the API.
    text = page.content.decode()
    assert "$4,800.00" in text and "$7,800.00" in text
    api = web.get(reverse("funding_api:whatif"), NOVEMBER).json()
    by_code = {row["provider"]: row["amounts"] for row in api["providers"]}
    assert by_code[str(provider_a.code)] == {"outcome": "4800.00", "block": "suppressed"}
    assert api["totals"] == {"outcome": "7800.00", "block": "suppressed"}
    event = AuditEvent.objects.get(action="funding.exported")
    assert event.detail["table"] == "whatif" and event.detail["start"] == "2026-11-01"


def test_the_ledger_csv_lists_the_filtered_rows_as_the_page_and_the_api(web, ministry, november, provider_a):
    from espportal.models import AuditEvent
    from outcomes.funding import services

    services.ledger_post()
    web.force_login(ministry)
    params = {"provider": str(provider_a.code)}
    lines = _csv(web.get(reverse("funding:ledger"), {**params, "format": "csv"}))
    header = lines[0]
    assert [line[header.index("Amount")] for line in lines[1:]] == ["1800.00"]
    assert lines[1][header.index("Milestone")] == "Verified placement"
    assert lines[1][header.index("Milestone date")] == "2026-11-02"
    page = web.get(reverse("funding:ledger"), params).content.decode()
    assert "$1,800.00" in page
    api = web.get(reverse("funding_api:ledger-list"), params).json()
    results = api["results"] if isinstance(api, dict) else api
    assert [row["amount"] for row in results] == ["1800.00"]
    assert AuditEvent.objects.filter(action="funding.exported", detail__table="ledger").count() == 1


def test_a_bad_period_exports_nothing(web, ministry, november):
    from espportal.models import AuditEvent

    web.force_login(ministry)
    response = web.get(reverse("funding:whatif"), {"start": "2026-11-30", "end": "2026-11-01", "format": "csv"})
    assert response.status_code == 422 and not response["Content-Type"].startswith("text/csv")
    assert not AuditEvent.objects.filter(action="funding.exported").exists()


# --- Small cells: counts of people on the what-if (page, CSV, API) follow the KPIs' rule ---------------------

@pytest.fixture
def small_cells(provider_a, provider_b, counsellor_a):
    """November: provider A serves 6 people, 4 of them placed on 2 Nov; provider B serves 3, places nobody."""
    from tests.kpis import factories as f

    cases = [f.person(provider_a, registered=dt.date(2026, 10, 5)) for _n in range(6)]
    for case in cases[:4]:
        f.placement(case, start=dt.date(2026, 11, 2), by=counsellor_a)
    for _n in range(3):
        f.person(provider_b, registered=dt.date(2026, 10, 5))
    outcome_model()
    block_model()


def test_counts_of_fewer_than_five_people_are_suppressed_everywhere(web, ministry, small_cells, provider_a,
                                                                   provider_b):
    web.force_login(ministry)
    page = web.get(reverse("funding:whatif"), NOVEMBER)
    rows = {row.provider.name: row for row in page.context["comparison"].rows}
    assert (rows["Provider A"].clients_served_shown, rows["Provider A"].milestones_shown) == (6, None)
    assert (rows["Provider B"].clients_served_shown, rows["Provider B"].milestones_shown) == (None, 0)
    cells = {name: [td.strip() for td in row.split('<td class="num">')[1:3]]
             for name, row in ((n, page.content.decode().split(f'<th scope="row">{n}</th>')[1].split("</tr>")[0])
                               for n in ("Provider A", "Provider B"))}
    assert [c.split("<")[0] for c in cells["Provider A"]] == ["6", "suppressed"]
    assert [c.split("<")[0] for c in cells["Provider B"]] == ["suppressed", "0"]
    lines = {line[0]: line for line in _csv(web.get(reverse("funding:whatif"), {**NOVEMBER, "format": "csv"}))}
    assert lines["Provider A"][1:3] == ["6", "suppressed"] and lines["Provider B"][1:3] == ["suppressed", "0"]
    api = {row["provider"]: row for row in web.get(reverse("funding_api:whatif"), NOVEMBER).json()["providers"]}
    assert (api[str(provider_a.code)]["clients_served"], api[str(provider_a.code)]["milestones"]) == (6, "suppressed")
    assert (api[str(provider_b.code)]["clients_served"], api[str(provider_b.code)]["milestones"]) == ("suppressed", 0)
    # Amounts are payments and stay shown: 4 placements x 1800 (segment unknown, direct) + base 3000.
    assert api[str(provider_a.code)]["amounts"]["outcome"] != "suppressed"
