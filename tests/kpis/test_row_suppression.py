"""Within a row, the counts that add up to a shown total protect each other: placements = direct + assisted +
self-found, so a lone hidden part is hidden with the next-smallest part (or the total), and a share built from
those parts ("direct and assisted share") is hidden when any of them is. Cases found by a fresh tester (issue 9
§3): 16 placements = 8 direct + 2 assisted + 6 self-found gave the 2 assisted back as 16 - 8 - 6; 8 placements
at 87.5 % direct-or-assisted gave the 1 self-found back as 8 x 12.5 %."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from espportal.models import Role
from outcomes.kpis import demo, periods, rollup, selectors
from outcomes.kpis.definitions import BY_SLUG
from outcomes.kpis.models import ProviderPeriodStats
from tests.factories import ProviderFactory, staff_member
from tests.kpis import factories as f
from tests.kpis.test_pages import Q

API = "/api/v1/kpis/"
PARTS = ("placements_direct", "placements_assisted", "placements_self_found")


def _placed(provider, by, split: dict) -> None:
    for attribution, count in split.items():
        for _n in range(count):
            case = f.person(provider, registered=dt.date(2026, 4, 10), groups=["newcomer"], segment=2)
            f.placement(case, start=dt.date(2026, 5, 4), by=by, attribution=attribution)
    rollup.rollup_period(Q)


def _answers(web, ministry, provider) -> dict:
    """{where: {slug: value or "suppressed"}} for `provider`'s row on the API (province and provider level), the
    comparison page and its CSV."""
    web.force_login(ministry)
    api_province = web.get(API, {"period": Q.key}).json()["results"][0]
    api_provider = next(r for r in web.get(API, {"period": Q.key, "level": "provider"}).json()["results"]
                        if r["name"] == provider.name)
    table = web.get(reverse("kpis:comparison"), {"period": Q.key}).context["table"]
    row = next(r for r in table.rows if r.label == provider.name)
    lines = list(csv.reader(io.StringIO(
        web.get(reverse("kpis:comparison"), {"period": Q.key, "format": "csv"}).content.decode())))
    line = next(line for line in lines if line[0] == provider.name)
    by_label = dict(zip(lines[0], line, strict=True))
    return {
        "api province": {fig["kpi"]: fig["value"] for fig in api_province["figures"]},
        "api provider": {fig["kpi"]: fig["value"] for fig in api_provider["figures"]},
        "page": {slug: "suppressed" if shown.suppressed else shown.value for slug, shown in row.figures.items()},
        "csv": {slug: by_label[str(kpi.label)] for slug, kpi in BY_SLUG.items() if str(kpi.label) in by_label},
    }


def _hidden(value) -> bool:
    return value == "suppressed"


@pytest.mark.parametrize("where", ["api province", "api provider", "page", "csv"])
def test_it_hides_a_second_part_when_one_part_of_the_placements_is_hidden(web, ministry, provider_a,
                                                                           counsellor_a, where):
    _placed(provider_a, counsellor_a, {"direct": 8, "assisted": 2, "self_found": 6})
    figures = _answers(web, ministry, provider_a)[where]
    assert str(figures["placements"]) == "16"
    assert _hidden(figures["placements_assisted"])  # 2 people: too few
    # 6 self-found is the next-smallest part: hidden with it, so 16 - 8 leaves 8 for the two together.
    assert _hidden(figures["placements_self_found"])
    assert str(figures["placements_direct"]) == "8"
    assert _hidden(figures["helped_share"])  # 14 / 16 would give self-found = 16 - 14 = 2... and assisted back


@pytest.mark.parametrize("where", ["api province", "api provider", "page", "csv"])
def test_it_hides_a_share_that_would_give_a_hidden_part_back(web, ministry, provider_b, counsellor_b, where):
    _placed(provider_b, counsellor_b, {"direct": 7, "self_found": 1})
    figures = _answers(web, ministry, provider_b)[where]
    assert str(figures["placements"]) == "8"
    assert _hidden(figures["placements_self_found"])  # 1 person
    # No one was assisted (0 protects nothing): direct (7) is the next-smallest part with anyone in it.
    assert _hidden(figures["placements_direct"])
    assert str(figures["placements_assisted"]) == "0"
    assert _hidden(figures["helped_share"])  # 87.5 % of 8 would leave 1 self-found


def _leaks(table) -> list:
    """The rows of `table` where a hidden placement count comes back: one hidden among the total and its parts
    (total minus the shown parts), or the share shown while the total or a part is hidden (share x total)."""
    found = []
    for row in [*table.rows, *([table.total] if table.total is not None else [])]:
        shown = row.figures
        if "placements" not in shown:
            continue
        hidden = [slug for slug in ("placements", *PARTS) if shown[slug] is not None and shown[slug].suppressed]
        if len(hidden) == 1 or (hidden and not shown["helped_share"].suppressed):
            found.append((row.label, hidden))
    return found


def test_no_hidden_placement_count_comes_back_anywhere_in_the_demo(provider_a, provider_b, counsellor_a,
                                                                  counsellor_b):
    provider_c = ProviderFactory(name="Provider C", region="eastern")
    staff_member(provider_c, Role.COUNSELLOR, email="counsellor.c@example.test")
    demo.seed(io.StringIO(), {"providers": [provider_a, provider_b, provider_c]})
    rolled = set(ProviderPeriodStats.objects.values_list("period_kind", "period_start").distinct())
    checked, hidden_parts, leaks = 0, 0, []
    for kind, start in sorted(rolled):
        period = periods.of(start, kind)
        snap = selectors.snapshot(period)
        for table in (selectors.comparison(period, snap=snap), selectors.by_region(period, snap=snap)):
            checked += 1
            hidden_parts += sum(1 for row in table.rows for slug in PARTS
                                if row.figures.get(slug) is not None and row.figures[slug].suppressed)
            leaks += [(period.key, *leak) for leak in _leaks(table)]
    assert checked >= 2 * 30  # two years of months, quarters and years, two tables each
    assert hidden_parts > 0  # the demo does hide placement counts: the property is not checked on nothing
    assert leaks == []
