"""The manager's own provider beside the provincial median, on the team page (an HTMX fragment by URL name)."""

import datetime as dt

from django.urls import reverse

from outcomes.kpis import periods, rollup
from tests.factories import ProviderFactory
from tests.kpis import factories as f


def test_the_team_page_loads_the_panel_by_url_name(web, manager_a):
    web.force_login(manager_a)
    page = web.get(reverse("caseload:manager")).content.decode()
    assert f'hx-get="{reverse("kpis_team:panel")}"' in page


def test_the_panel_shows_the_managers_provider_beside_the_provincial_median(web, manager_a, provider_a,
                                                                             provider_b):
    q = periods.quarter_of(dt.date.today())
    provider_c = ProviderFactory(name="Provider C", region="eastern")
    for provider, people in ((provider_a, 6), (provider_b, 10), (provider_c, 20)):
        for _n in range(people):
            f.person(provider, registered=q.start)
    rollup.rollup_period(q)
    web.force_login(manager_a)
    response = web.get(reverse("kpis_team:panel"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body  # a fragment
    rows = {kpi.slug: (own, median) for kpi, own, median in response.context["rows"]}
    assert rows["clients_served"][0].value == 6
    assert rows["clients_served"][1] == 10  # median of 6, 10 and 20
    assert "Provider B" not in body and "Provider C" not in body


def test_opened_directly_it_is_a_page(web, manager_a):
    web.force_login(manager_a)
    response = web.get(reverse("kpis_team:panel"))
    assert response.status_code == 200 and "<html" in response.content.decode()


def test_a_period_that_names_nothing_answers_400_with_the_dashboards_reason(web, manager_a, ministry):
    web.force_login(ministry)
    dashboard = web.get(reverse("kpis:overview"), {"period": "bogus"})
    web.force_login(manager_a)
    panel = web.get(reverse("kpis_team:panel"), {"period": "bogus"})
    assert (dashboard.status_code, panel.status_code) == (400, 400)
    assert "“bogus” is not a period." in dashboard.content.decode()
    assert "“bogus” is not a period." in panel.content.decode()
    assert reverse("kpis:overview") not in panel.content.decode()  # no way into the ministry's pages


def test_a_chosen_period_is_the_one_shown(web, manager_a, provider_a):
    q = periods.parse("2025-26-Q2")
    for _n in range(7):
        f.person(provider_a, registered=q.start)
    rollup.rollup_period(q)
    rollup.rollup_period(periods.quarter_of(dt.date.today()))  # the latest quarter, shown by default
    web.force_login(manager_a)
    response = web.get(reverse("kpis_team:panel"), {"period": q.key})
    assert response.context["period"] == q
    rows = {kpi.slug: own for kpi, own, _median in response.context["rows"]}
    assert rows["clients_served"].value == 7
