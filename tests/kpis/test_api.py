"""/api/v1/kpis/: aggregates only, filters, suppression, bad input, token authentication for BI clients, and
the same figures as the page and the CSV."""

import csv
import io

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token, TokenProxy

from espportal.models import AuditEvent
from tests.kpis.test_pages import Q, province  # noqa: F401  (the shared hand-built province)

API = "/api/v1/kpis/"


def _figures(result) -> dict:
    return {f["kpi"]: f["value"] for f in result["figures"]}


def test_the_url_is_the_documented_one():
    assert reverse("kpis_api:kpis") == API


def test_it_answers_the_province_by_default(web, ministry, province):  # noqa: F811
    web.force_login(ministry)
    body = web.get(API, {"period": Q.key}).json()
    assert body["period"] == Q.key
    assert [r["level"] for r in body["results"]] == ["province"]
    assert _figures(body["results"][0])["clients_served"] == 23
    assert {d["kpi"] for d in body["definitions"]} >= {"retention_6", "satisfaction_rate"}


def test_it_filters_by_provider_region_and_group_with_suppression(web, ministry, province):  # noqa: F811
    web.force_login(ministry)
    one = web.get(API, {"period": Q.key, "provider": str(province["a"].code)}).json()["results"]
    assert [(r["level"], r["name"]) for r in one] == [("provider", "Provider A")]
    assert _figures(one[0])["clients_served"] == 12
    northern = web.get(API, {"period": Q.key, "level": "provider", "region": "northern"}).json()["results"]
    values = {r["name"]: _figures(r)["clients_served"] for r in northern}
    assert values == {"Provider B": "suppressed", "=HYPERLINK(\"http://x\")": "suppressed"}
    groups = web.get(API, {"period": Q.key, "group": "indigenous", "level": "region"}).json()["results"]
    assert {r["key"]: _figures(r)["clients_served"] for r in groups}["northern"] == "suppressed"


@pytest.mark.parametrize("params,message", [
    ({"period": "2026-Q5"}, "is not a period"), ({"region": "atlantis"}, "There is no region"),
    ({"provider": "nope"}, "There is no provider"), ({"group": "martians"}, "There is no group"),
    ({"level": "planet"}, "is not a level: use province, region or provider"),
])
def test_bad_filters_answer_400_with_the_reason(web, ministry, db, params, message):
    web.force_login(ministry)
    response = web.get(API, params)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_a_token_created_for_an_analyst_reads_the_kpis_without_a_session(web, ministry, province):  # noqa: F811
    token = Token.objects.create(user=ministry)
    response = web.get(API, {"period": Q.key}, HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="kpis.api_read").exists()
    token.delete()  # revoked
    assert web.get(API, {"period": Q.key}, HTTP_AUTHORIZATION=f"Token {token.key}").status_code in (401, 403)


def test_a_token_is_scoped_to_its_user(web, counsellor_a, db):
    token = Token.objects.create(user=counsellor_a)
    assert web.get(API, HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 403


def test_tokens_are_created_and_revoked_by_an_admin_and_audited(web, ministry, db):
    from tests.factories import UserFactory

    admin_user = UserFactory(is_staff=True, is_superuser=True, with_totp=True)
    web.force_login(admin_user)
    add = reverse("admin:authtoken_tokenproxy_add")
    assert web.post(add, {"user": ministry.pk}).status_code == 302
    token = Token.objects.get(user=ministry)
    assert AuditEvent.objects.filter(action="api_token.created").count() == 1
    delete = reverse("admin:authtoken_tokenproxy_delete", args=[TokenProxy.objects.get(pk=token.pk).pk])
    assert web.post(delete, {"post": "yes"}).status_code == 302
    assert not Token.objects.exists()
    assert AuditEvent.objects.filter(action="api_token.revoked").count() == 1


def test_the_schema_documents_the_endpoint(web, ministry, db):
    web.force_login(ministry)
    schema = web.get(reverse("api_schema")).content.decode()
    assert "/api/v1/kpis/" in schema and "suppressed" in schema


def test_page_csv_and_api_agree(web, ministry, province):  # noqa: F811
    web.force_login(ministry)
    page = web.get(reverse("kpis:comparison"), {"period": Q.key}).context["table"]
    lines = list(csv.reader(io.StringIO(web.get(reverse("kpis:comparison"), {"period": Q.key, "format": "csv"})
                                        .content.decode())))
    api = {r["name"]: _figures(r) for r in web.get(API, {"period": Q.key, "level": "provider"}).json()["results"]}
    header = lines[0]
    for row in page.rows:
        line = next(line for line in lines if line[0] in (row.label, "'" + row.label))
        for kpi in page.columns:
            shown = row.figures[kpi.slug]
            expected = "suppressed" if shown.suppressed else shown.value
            assert api[row.label][kpi.slug] == expected, (row.label, kpi.slug)
            assert line[header.index(str(kpi.label))] == ("" if expected is None else str(expected))


@pytest.mark.parametrize("params,message", [
    ({"period": "2026-13"}, "“2026-13” is not a period."), ({"region": "atlantis"}, "There is no region “atlantis”."),
    ({"group": "martians"}, "There is no group “martians”."),
    ({"provider": "7f1e5a8e-0000-4000-8000-000000000000"}, "There is no provider with the code"),
])
def test_the_api_and_the_dashboard_refuse_a_parameter_alike(web, ministry, db, params, message):
    """One FilterSet (outcomes.kpis.filters.KpiFilterSet) reads the parameters of both."""
    from django.urls import reverse

    from outcomes.kpis.filters import KpiFilterSet

    web.force_login(ministry)
    api = web.get(API, params)
    page = web.get(reverse("kpis:comparison"), params)
    assert (api.status_code, page.status_code) == (400, 400)
    assert message in api.json()["detail"] and message in page.content.decode().replace("&quot;", '"')
    assert not KpiFilterSet(params).is_valid()
