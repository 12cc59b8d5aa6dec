"""Bad input on the ministry's pages and APIs (issue 9 "Bad input"): an unknown region, provider, period, group,
sort, direction, export format or table answers 400 with a message, in the reader's language, that says what was
wrong and lists what is allowed; nothing is silently ignored. The parameters are validated by FilterSets."""

import pytest
from django.urls import reverse

UNKNOWN_PROVIDER = "7f1e5a8e-0000-4000-8000-000000000000"
KPI_PAGES = [reverse("kpis:overview"), reverse("kpis:comparison"), reverse("kpis:region", args=["toronto"])]


@pytest.fixture
def analyst(web, ministry):
    web.force_login(ministry)
    return web


def test_an_unknown_region_in_the_address_is_a_400_that_names_the_regions(analyst):
    response = analyst.get(reverse("kpis:region", args=["atlantis"]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is no region “atlantis”." in page
    assert "toronto, central, eastern, western, northern" in page


def test_an_unknown_region_is_a_400_in_french(web, ministry):
    ministry.preferred_language = "fr"
    ministry.save(update_fields=["preferred_language"])
    web.force_login(ministry)
    response = web.get(reverse("kpis:region", args=["atlantis"]))
    assert response.status_code == 400
    assert "Il n&#x27;existe aucune région « atlantis ». Choisissez parmi : toronto," in response.content.decode()


def test_an_unknown_provider_in_the_address_is_a_400(analyst):
    response = analyst.get(reverse("kpis:provider", args=[UNKNOWN_PROVIDER]))
    assert response.status_code == 400
    assert f"There is no provider with the code “{UNKNOWN_PROVIDER}”." in response.content.decode()


def test_a_provider_address_that_is_not_a_code_is_a_400(analyst):
    response = analyst.get("/ministry/providers/not-a-code/")
    assert response.status_code == 400
    assert "There is no provider with the code “not-a-code”." in response.content.decode()


@pytest.mark.parametrize("url", KPI_PAGES)
@pytest.mark.parametrize("params,message", [
    ({"format": "xlsx"}, "“xlsx” is not an export format: use csv."),
    ({"period": "2026-13"}, "is not a period"),
    ({"group": "martians"}, "There is no group “martians”."),
])
def test_every_kpi_page_refuses_a_bad_format_period_or_group(analyst, url, params, message):
    response = analyst.get(url, params)
    assert response.status_code == 400, (url, params)
    assert message in response.content.decode()


def test_a_bad_sort_is_refused_with_the_kpis_it_could_sort_by(analyst):
    response = analyst.get(reverse("kpis:comparison"), {"sort": "happiness"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is no KPI “happiness” to sort by." in page and "clients_served" in page


def test_a_bad_sort_direction_is_refused(analyst):
    response = analyst.get(reverse("kpis:comparison"), {"dir": "sideways"})
    assert response.status_code == 400
    assert "“sideways” is not a direction: use asc or desc." in response.content.decode()


@pytest.mark.parametrize("url,allowed", [
    (reverse("kpis:overview"), "regions, group, segment, trend"),
    (reverse("kpis:region", args=["toronto"]), "providers, trend"),
])
def test_a_bad_csv_table_is_refused_with_the_tables_of_that_page(analyst, url, allowed):
    response = analyst.get(url, {"format": "csv", "table": "secrets"})
    assert response.status_code == 400
    assert f"There is no table “secrets” on this page: use {allowed}." in response.content.decode()


@pytest.mark.parametrize("url", [reverse("funding:whatif"), reverse("funding:ledger")])
def test_the_funding_pages_refuse_a_bad_format(analyst, url):
    response = analyst.get(url, {"format": "pdf"})
    assert response.status_code == 400
    assert "“pdf” is not an export format: use csv." in response.content.decode()


def test_the_ledger_refuses_a_bad_milestone_with_a_400(analyst):
    response = analyst.get(reverse("funding:ledger"), {"milestone": "retention_99m"})
    assert response.status_code == 400


def test_the_complaint_queue_refuses_an_unknown_status(analyst):
    response = analyst.get(reverse("quality:complaints"), {"status": "lost"})
    assert response.status_code == 400
    assert "lost" in response.content.decode()


@pytest.mark.parametrize("url", [reverse("kpis_api:kpis"), reverse("funding_api:ledger-list"),
                                 reverse("funding_api:whatif")])
def test_the_apis_refuse_a_bad_format_with_a_json_400_listing_json(analyst, url):
    response = analyst.get(url, {"format": "xml", "start": "2026-04-01", "end": "2026-06-30"})
    assert response.status_code == 400
    assert response.json() == {"format": ["“xml” is not a format of this API: use json."]}


def test_the_kpi_api_refuses_an_unknown_level_listing_the_levels(analyst):
    response = analyst.get(reverse("kpis_api:kpis"), {"level": "planet"})
    assert response.status_code == 400
    assert "province, region or provider" in response.json()["detail"]
