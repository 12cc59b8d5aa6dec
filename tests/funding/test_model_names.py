"""A funding model's name is reference data in both languages (name_en, name_fr, edited in the admin), shown in
the reader's language on the what-if page, its CSV and the API; existing models got their French name by a data
migration."""

import csv
import datetime as dt
import importlib
import io

from django.apps import apps
from django.urls import reverse

from outcomes.funding import forms
from outcomes.funding.models import FundingModel
from tests.funding.factories import block_model, outcome_model

NOVEMBER = {"start": "2026-11-01", "end": "2026-11-30"}


def _french(user):
    user.preferred_language = "fr"
    user.save(update_fields=["preferred_language"])


def test_the_what_if_names_each_model_in_the_readers_language(web, ministry, provider_a):
    outcome_model()
    block_model()
    web.force_login(ministry)
    assert "Outcome-based" in web.get(reverse("funding:whatif"), NOVEMBER).content.decode()
    _french(ministry)
    page = web.get(reverse("funding:whatif"), NOVEMBER).content.decode()
    assert "Axé sur les résultats" in page and "Financement global" in page and "Outcome-based" not in page
    header = next(csv.reader(io.StringIO(web.get(reverse("funding:whatif"), {**NOVEMBER, "format": "csv"})
                                         .content.decode())))
    assert header[3:] == ["Financement global", "Axé sur les résultats"]
    api = web.get(reverse("funding_api:whatif"), NOVEMBER).json()
    assert [m["name"] for m in api["models"]] == ["Financement global", "Axé sur les résultats"]


def test_the_data_migration_gives_the_known_models_their_french_names(db):
    """Rows saved before the migration had one English name; the migration copies it to name_en (the rename) and
    fills name_fr: the demo's two codes get their French names, any other model its English name until edited."""
    FundingModel.objects.create(code="outcome", name_en="Outcome-based (pay for results)", name_fr="", kind="outcome")
    FundingModel.objects.create(code="block", name_en="Block funding (annual contract)", name_fr="", kind="block")
    FundingModel.objects.create(code="pilot_2027", name_en="Pilot 2027", name_fr="", kind="outcome")
    migration = importlib.import_module("outcomes.funding.migrations.0003_model_names_in_both_languages")
    migration.fill_french_names(apps, None)
    names = dict(FundingModel.objects.values_list("code", "name_fr"))
    assert names == {"outcome": "Axé sur les résultats (paiement aux résultats)",
                     "block": "Financement global (contrat annuel)", "pilot_2027": "Pilot 2027"}


def test_it_keeps_the_ledger_page_in_the_readers_language(web, ministry, case_a, counsellor_a):
    from outcomes.funding.services import ledger_post
    from outcomes.models import Placement
    from tests.outcomes.factories import placement_for

    placement = placement_for(case_a, by=counsellor_a, start_date=dt.date(2026, 11, 2))
    Placement.objects.filter(pk=placement.pk).update(attribution="direct")
    outcome_model()
    ledger_post(now=dt.datetime(2026, 11, 20, 17, tzinfo=dt.UTC))
    _french(ministry)
    web.force_login(ministry)
    page = web.get(reverse("funding:ledger")).content.decode()
    assert "Axé sur les résultats" in page


def test_the_what_if_period_boxes_keep_their_dates_in_french(web, ministry, provider_a):
    """A date box (<input type="date">) takes ISO dates only: in French, Django's first date format (31/03/2026)
    left the boxes empty, so running the what-if sent no period and was refused."""
    outcome_model()
    _french(ministry)
    web.force_login(ministry)
    page = web.get(reverse("funding:whatif")).content.decode()
    start = forms.PeriodForm.default_initial()["start"]
    assert f'name="start" value="{start.isoformat()}"' in page


def test_a_lead_closing_date_box_keeps_its_date_in_french(db):
    from django.utils import translation

    from employers.forms import DATE

    with translation.override("fr"):
        assert 'value="2026-12-31"' in DATE.render("closing_date", dt.date(2026, 12, 31))
