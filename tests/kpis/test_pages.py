"""The /ministry/ pages: what an analyst sees, CSV exports (audited, formula-safe), bad input, constant queries,
and no person's name or code on any page, CSV or API answer."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from espportal.models import AuditEvent
from outcomes.kpis import periods, rollup
from tests.factories import ProviderFactory
from tests.kpis import factories as f

Q = periods.parse("2026-27-Q1")
NAMES = ("Zebulon", "Quixotica", "Xanthippe")


@pytest.fixture
def province(provider_a, provider_b, counsellor_a, counsellor_b):
    """Provider A (Toronto): 12 people, 6 placed; provider B (Northern): 8; provider C (Northern): 3."""
    provider_c = ProviderFactory(name="=HYPERLINK(\"http://x\")", region="northern")
    cases = []
    for n in range(12):
        cases.append(f.person(provider_a, registered=dt.date(2026, 4, 10), groups=["newcomer"], segment=3,
                              first_name=NAMES[n % 3], last_name=f"Surname{n}Unique"))
    for case in cases[:6]:
        f.placement(case, start=dt.date(2026, 5, 4), by=counsellor_a)
    for _n in range(8):
        f.person(provider_b, registered=dt.date(2026, 4, 10), groups=["francophone"], segment=1)
    for _n in range(3):
        f.person(provider_c, registered=dt.date(2026, 4, 10), groups=["indigenous"], segment=2)
    rollup.rollup_period(Q)
    for period in periods.trend(Q)[:-1]:
        rollup.rollup_period(period)
    return {"a": provider_a, "b": provider_b, "c": provider_c, "cases": cases}


def _get(web, ministry, url, **params):
    web.force_login(ministry)
    return web.get(url, {"period": Q.key, **params})


def test_the_overview_shows_province_figures_charts_and_tables(web, ministry, province):
    response = _get(web, ministry, reverse("kpis:overview"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page and 'role="img"' in page and 'id="regions-table"' in page
    assert "Figures as of" in page
    table = response.context["regions_table"]
    assert table.total.figures["clients_served"].value == 23
    assert table.total.figures["placements"].value == 6


def test_the_comparison_sorts_by_any_kpi(web, ministry, province):
    response = _get(web, ministry, reverse("kpis:comparison"), sort="clients_served", dir="asc")
    rows = response.context["table"].rows
    # C (3 people) is suppressed, and B is its complement: both sort after A's shown figure.
    assert [r.label for r in rows][0] == "Provider A"
    assert {r.figures["clients_served"].suppressed for r in rows[1:]} == {"small", "complement"}


def test_the_region_drill_down_lists_its_providers_and_trend(web, ministry, province):
    response = _get(web, ministry, reverse("kpis:region", args=["northern"]))
    assert response.status_code == 200
    assert [r.label for r in response.context["table"].rows] == ["=HYPERLINK(\"http://x\")", "Provider B"]
    assert len(response.context["trend_table"].rows) == 8


def test_the_provider_page_shows_eight_quarters(web, ministry, province):
    response = _get(web, ministry, reverse("kpis:provider", args=[province["a"].code]), kpi="placements")
    trend = response.context["trend_table"]
    assert [r.key for r in trend.rows] == [p.key for p in periods.trend(Q)]
    assert trend.rows[-1].figures["placements"].value == 6
    assert trend.rows[0].figures["placements"].value == 0


def test_the_csv_export_is_audited_and_neutralises_formulas(web, ministry, province):
    response = _get(web, ministry, reverse("kpis:comparison"), format="csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    labels = [line[0] for line in lines]
    assert "'=HYPERLINK(\"http://x\")" in labels and "=HYPERLINK(\"http://x\")" not in labels
    header = lines[0]
    row_a = lines[labels.index("Provider A")]
    assert row_a[header.index("Clients served")] == "12"
    assert "suppressed" in lines[labels.index("Provider B")]
    assert AuditEvent.objects.filter(action="kpis.exported", detail__table="providers").count() == 1


def test_page_csv_agree(web, ministry, province):
    page = _get(web, ministry, reverse("kpis:comparison")).context["table"]
    lines = list(csv.reader(io.StringIO(_get(web, ministry, reverse("kpis:comparison"), format="csv")
                                        .content.decode())))
    header = lines[0]
    for row in page.rows:
        line = next(line for line in lines if line[0] == row.label or line[0] == "'" + row.label)
        for kpi in page.columns:
            shown = row.figures[kpi.slug]
            expected = "suppressed" if shown.suppressed else ("" if shown.value is None else str(shown.value))
            assert line[header.index(str(kpi.label))] == expected, (row.label, kpi.slug)


@pytest.mark.parametrize("params,message", [
    ({"period": "2026-13"}, "is not a period"), ({"period": "last year"}, "is not a period"),
    ({"group": "martians"}, "There is no group"), ({"kpi": "happiness"}, "There is no KPI"),
    ({"region": "atlantis"}, "There is no region"),
])
def test_bad_choices_answer_400_with_the_reason(web, ministry, province, params, message):
    web.force_login(ministry)
    response = web.get(reverse("kpis:comparison"), params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_unknown_region_or_provider_is_400(web, ministry, db):
    web.force_login(ministry)
    assert web.get(reverse("kpis:region", args=["atlantis"])).status_code == 400
    assert web.get(reverse("kpis:provider", args=["7f1e5a8e-0000-4000-8000-000000000000"])).status_code == 400


def test_a_period_with_no_data_says_so(web, ministry, province):
    web.force_login(ministry)
    response = web.get(reverse("kpis:overview"), {"period": "2019-20-Q2"})
    assert response.status_code == 200
    assert "No figures have been rolled up for this period yet." in response.content.decode()


def test_the_overview_issues_a_constant_number_of_queries(web, ministry, province, provider_a,
                                                         django_assert_max_num_queries):
    web.force_login(ministry)
    url = reverse("kpis:overview")
    web.get(url, {"period": Q.key})  # warm the session
    with django_assert_max_num_queries(12) as small:
        web.get(url, {"period": Q.key})
    for n in range(4):
        extra = ProviderFactory(name=f"Extra {n}", region="eastern")
        for _k in range(6):
            f.person(extra, registered=dt.date(2026, 4, 12))
    for period in periods.trend(Q):
        rollup.rollup_period(period)
    with django_assert_max_num_queries(len(small.captured_queries)):
        web.get(url, {"period": Q.key})


def test_the_overview_reads_rollups_only(web, ministry, province, django_assert_max_num_queries):
    web.force_login(ministry)
    web.get(reverse("kpis:overview"), {"period": Q.key})
    with django_assert_max_num_queries(12) as queries:
        web.get(reverse("kpis:overview"), {"period": Q.key})
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    assert "kpis_providerperiodstats" in tables  # it reads the rollups...
    for raw in ("clients_client", "caseload_casefile", "outcomes_placement", "outcomes_retentioncheck"):
        assert raw not in tables  # ...and never the records


def _ministry_urls(province, sample, contested, complaints=()):
    """Every ministry page, CSV and API answer that could carry a person: the KPI pages with each CSV table, the
    API, the QA pages (samples of consenting clients), the funding pages, the contested-attribution queue, and each
    complaint's page and (for a privacy breach) its audit inspection."""
    code = province["a"].code
    # Each page with every CSV table it offers.
    base = [(reverse("kpis:overview"), ("regions", "group", "segment", "trend")),
            (reverse("kpis:comparison"), ("providers",)),
            (reverse("kpis:region", args=["toronto"]), ("providers", "trend")),
            (reverse("kpis:provider", args=[code]), ("trend", "group", "segment"))]
    urls = []
    for url, tables in base:
        urls += [(url, {}), (url, {"format": "csv"}), (url, {"group": "newcomer"})]
        urls += [(url, {"format": "csv", "table": table}) for table in tables]
    urls += [(reverse("kpis_api:kpis"), {}), (reverse("kpis_api:kpis"), {"provider": str(code)}),
             (reverse("kpis_api:kpis"), {"group": "newcomer", "level": "provider"})]
    urls = [(url, {"period": Q.key, **params}) for url, params in urls]
    quarter = {"start": "2026-04-01", "end": "2026-06-30"}
    urls += [(reverse("quality:qa"), {}), (reverse("quality:qa_sample", args=[sample.code]), {}),
             (reverse("quality:attribution_queue"), {}), (reverse("quality:complaints"), {}),
             (reverse("funding:whatif"), quarter), (reverse("funding:ledger"), {}),
             (reverse("funding:whatif"), {**quarter, "format": "csv"}), (reverse("funding:ledger"), {"format": "csv"}),
             (reverse("funding_api:whatif"), quarter), (reverse("funding_api:ledger-list"), {}),
             (reverse("quality:attribution_review", args=[contested.contest_code]), {})]
    for complaint in complaints:
        urls.append((reverse("quality:complaint", args=[complaint.code]), {}))
        if complaint.kind == "privacy_breach":
            urls.append((reverse("quality:complaint_audit", args=[complaint.code]), {}))
    return urls


def test_no_name_code_or_row_of_a_person_reaches_any_ministry_answer(web, ministry, province, counsellor_a):
    """The people behind the figures have names, phone numbers, e-mails and codes; consenting ones are drawn for
    a QA interview, one placement's attribution is contested, one person files a privacy complaint from the portal
    and a counsellor files another on someone's behalf, and the counsellor's look at the file is in the audit
    trail. None of it (nor the placement's code, nor the counsellor's or the job seeker's name or e-mail) is on any
    ministry answer; every ministry page that a GET reaches is visited."""
    from django.urls import resolve

    from clients.models import Client, Consent
    from espportal import audit
    from espportal.models import User
    from outcomes import services as outcome_services
    from outcomes.quality.services import complaints as complaint_services
    from outcomes.quality.services import qa
    from tests.factories import UserFactory

    for n, case in enumerate(province["cases"]):
        Client.objects.filter(pk=case.client.pk).update(phone=f"416-555-01{n:02d}", email=f"person{n}@example.org")
        Consent.objects.create(client=case.client, scope="contact_phone", granted_by=counsellor_a)
    sample = qa.qa_sample_draw(provider=province["a"], quarter="2026-Q2", drawn_by=ministry, seed=3)
    assert sample.memberships.count() > 0
    contested = outcome_services.placement_contest(placement=province["cases"][0].client.placements.get(),
                                                   reason="The pipeline shows our lead.", contested_by=counsellor_a)
    User.objects.filter(pk=counsellor_a.pk).update(first_name="Ottoline", last_name="Vexwhistle")
    seeker = UserFactory(kind=User.Kind.JOB_SEEKER, email="zq.seeker@example.org", first_name="Zorbalina",
                         last_name="Quenchworth")
    first, second = province["cases"][0].client, province["cases"][1].client
    Client.objects.filter(pk=first.pk).update(user=seeker)
    first.refresh_from_db()
    audit.record_open(client=first, actor=counsellor_a, target=first, route="page", reason="care")
    filed = [complaint_services.complaint_file(client=first, provider=province["a"], kind="privacy_breach",
                                               body="My file was read out in the waiting room.", filed_by=seeker),
             complaint_services.complaint_file(client=second, provider=province["a"], kind="service",
                                               body="Filed for the person at the front desk.", filed_by=counsellor_a)]
    complaint_services.complaint_assign(complaint=filed[0], assignee=ministry, assigned_by=ministry)
    web.force_login(ministry)
    secrets = set(NAMES) | {f"Surname{n}Unique" for n in range(12)}
    secrets |= {f"416-555-01{n:02d}" for n in range(12)} | {f"person{n}@example.org" for n in range(12)}
    secrets |= {"Ottoline", "Vexwhistle", counsellor_a.email, "Zorbalina", "Quenchworth", seeker.email}
    for case in province["cases"]:
        secrets |= {str(case.client.code), str(case.code)}
        secrets |= {str(p.code) for p in case.client.placements.all()}
    urls = _ministry_urls(province, sample, contested, filed)
    for url, params in urls:
        response = web.get(url, params)
        assert response.status_code == 200, url
        body = response.content.decode()
        leaked = [s for s in secrets if s in body]
        assert not leaked, (url, params, leaked)
    # Every ministry page a GET reaches is among those visited (the POST-only actions answer 405 to a GET).
    visited = {resolve(url).view_name for url, _params in urls}
    for name, path in _every_ministry_route():
        if web.get(path).status_code != 405:
            assert name in visited, name


def _every_ministry_route():
    """(url name, path with dummy arguments) for every URL pattern under /ministry/, found by walking the URL
    configuration: a ministry page added later is covered without touching this list."""
    import re
    import uuid

    from django.urls import URLPattern, URLResolver, get_resolver

    dummies = {"uuid": str(uuid.UUID(int=1)), "str": "toronto", "int": "1", "slug": "x", "path": "x"}
    found = []

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and route.lstrip("^/").startswith("ministry/"):
                path = "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda m: dummies[m.group(1) or "str"], route.lstrip("^/"))
                found.append((f"{namespace}:{pattern.name}", path))

    walk(get_resolver().url_patterns, "", "")
    return found


def test_counsellors_and_job_seekers_get_403_on_every_ministry_url(web, counsellor_a, seeker_a, manager_a):
    routes = _every_ministry_route()
    names = {name for name, _path in routes}
    assert {"kpis:overview", "funding:whatif", "funding:ledger", "quality:qa_sample", "quality:complaints"} <= names
    for user in (counsellor_a, manager_a, seeker_a):
        web.force_login(user)
        for name, path in routes:
            response = web.get(path)
            if response.status_code == 405:  # a POST-only action
                response = web.post(path)
            assert response.status_code == 403, (user.email, name, path, response.status_code)


def test_a_french_analysts_csv_is_in_french_with_the_pages_term_for_suppressed(web, ministry, province):
    """The page says « supprimé » to a French reader; the CSV of the same table says it too, under French headers
    (Provider C's 3 people are suppressed, and B as its complement)."""
    ministry.preferred_language = "fr"
    ministry.save(update_fields=["preferred_language"])
    response = _get(web, ministry, reverse("kpis:comparison"), format="csv")
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert lines[0][:2] == ["Fournisseur", "Personnes servies"]
    labels = [line[0] for line in lines]
    assert "supprimé" in lines[labels.index("Provider B")]
    assert "suppressed" not in response.content.decode()
    assert lines[-1][0].startswith("Données au ")
    trend = _get(web, ministry, reverse("kpis:provider", args=[province["a"].code]), format="csv")
    assert "T1 2026-27 (avril 2026 à juin 2026)" in [line[0] for line in csv.reader(io.StringIO(trend.content.decode()))]
    assert "suppressed" not in trend.content.decode()


def test_a_french_analysts_what_if_csv_says_supprime(web, ministry, province):
    from tests.funding.factories import block_model

    block_model()
    ministry.preferred_language = "fr"
    ministry.save(update_fields=["preferred_language"])
    web.force_login(ministry)
    response = web.get(reverse("funding:whatif"), {"start": "2026-04-01", "end": "2026-06-30", "format": "csv"})
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert lines[0][:3] == ["Fournisseur", "Personnes servies", "Jalons vérifiés"]
    row_c = next(line for line in lines if line[0].endswith('HYPERLINK("http://x")'))
    assert row_c[1] == "supprimé"  # 3 clients served
    assert "suppressed" not in response.content.decode()
