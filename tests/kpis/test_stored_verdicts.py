"""Suppression verdicts are decided by the rollup, once per fiscal year, and stored: no page, CSV or API answer
decides them at request time; a later rollup of any period of the year (a late correction, `kpi_rollup --from
--to`) decides them again, and verdicts left stale are never shown."""

import datetime as dt

import pytest
from django.urls import reverse

from outcomes.kpis import periods, rollup, selectors, suppression
from outcomes.kpis.models import SuppressionVerdicts
from tests.kpis import factories as f
from tests.kpis.test_pages import Q, province  # noqa: F401  (the shared hand-built province)

API = "/api/v1/kpis/"


@pytest.fixture
def protect_calls(monkeypatch):
    """Counts the calls to our own suppression computation (outcomes.kpis.suppression.protect)."""
    calls = []
    real = suppression.protect

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(suppression, "protect", counting)
    return calls


def _served(table) -> dict:
    return {row.label: row.figures["clients_served"] for row in table.rows}


def test_the_rollup_stores_the_verdicts_of_the_fiscal_year(province):  # noqa: F811
    stored = SuppressionVerdicts.objects.get(year_start=dt.date(2026, 4, 1))
    hidden = {(kind, start, slug, entity_kind, entity_id, dimension, value): why
              for kind, start, slug, entity_kind, entity_id, dimension, value, why in stored.hidden}
    # Provider C served 3 people in Q1 (too few); B (8) is the next-smallest in the Northern region.
    assert hidden[("quarter", "2026-04-01", "clients_served", "provider", province["c"].pk, "all", "")] == "small"
    assert hidden[("quarter", "2026-04-01", "clients_served", "provider", province["b"].pk, "all", "")] == \
        "complement"
    assert ("quarter", "2026-04-01", "clients_served", "provider", province["a"].pk, "all", "") not in hidden


def test_no_page_csv_or_api_answer_decides_suppression(web, ministry, province, protect_calls):  # noqa: F811
    web.force_login(ministry)
    answers = [web.get(reverse("kpis:overview"), {"period": Q.key}),
               web.get(reverse("kpis:comparison"), {"period": Q.key}),
               web.get(reverse("kpis:comparison"), {"period": Q.key, "format": "csv"}),
               web.get(reverse("kpis:region", args=["northern"]), {"period": Q.key}),
               web.get(reverse("kpis:provider", args=[province["c"].code]), {"period": Q.key}),
               web.get(API, {"period": Q.key, "level": "provider"})]
    assert [a.status_code for a in answers] == [200] * 6
    assert protect_calls == []
    served = _served(answers[1].context["table"])
    assert served["Provider A"].value == 12
    assert served["Provider B"].suppressed == "complement"
    assert served[str(province["c"].name)].suppressed == "small"


def test_a_late_correction_rolled_up_decides_the_year_again(ministry, province, protect_calls):  # noqa: F811
    before = SuppressionVerdicts.objects.get(year_start=dt.date(2026, 4, 1)).computed_at
    for _n in range(3):  # three more people registered with provider C in April, recorded late
        f.person(province["c"], registered=dt.date(2026, 4, 20), groups=["indigenous"], segment=2)
    rollup.rollup_range(dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    assert SuppressionVerdicts.objects.get(year_start=dt.date(2026, 4, 1)).computed_at > before  # the rollup...
    served = _served(selectors.comparison(Q))
    assert protect_calls == []  # ...not by the reader
    assert served[str(province["c"].name)].value == 6
    assert served["Provider B"].value == 8


def test_verdicts_left_stale_by_a_rollup_are_decided_again_before_anything_is_shown(province):  # noqa: F811
    for _n in range(3):
        f.person(province["c"], registered=dt.date(2026, 4, 20), groups=["indigenous"], segment=2)
    rollup.rollup_period(Q, decide=False)  # rows rewritten, verdicts of the year not decided again
    served = _served(selectors.comparison(Q))
    assert served[str(province["c"].name)].value == 6
    assert served["Provider B"].value == 8
    stored = SuppressionVerdicts.objects.get(year_start=dt.date(2026, 4, 1))
    assert not any(row[3] == "provider" and row[4] == province["b"].pk and row[2] == "clients_served"
                   and row[0] == "quarter" for row in stored.hidden)


def test_a_year_never_rolled_up_hides_nothing_and_stores_nothing(db):
    table = selectors.comparison(periods.parse("2019-20-Q2"))
    assert table.empty
    assert not SuppressionVerdicts.objects.exists()
