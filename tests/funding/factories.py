"""Funding models with hand-picked parameters, so every expected amount in the tests is worked out by hand."""

import datetime as dt
from decimal import Decimal as D

from outcomes.funding.models import FundingModel, FundingModelVersion

OUTCOME_PARAMS = {
    "operating_base": D("36500.00"),  # $100 a day
    "placement_payment": D("1000.00"), "retention_3m_payment": D("300.00"),
    "retention_6m_payment": D("1500.00"), "retention_12m_payment": D("500.00"),
    "weight_segment_1": D("1.00"), "weight_segment_2": D("1.25"), "weight_segment_3": D("1.50"),
    "weight_segment_unknown": D("1.00"),
    "weight_direct": D("1.00"), "weight_assisted": D("0.60"), "weight_self_found": D("0.00"),
    "quality_threshold": 60, "quality_multiplier": D("1.20"),
}


def outcome_model(*, effective_from=dt.date(2026, 4, 1), pays_ledger=True, code="outcome", **params):
    model = FundingModel.objects.create(code=code, name_en="Outcome-based", name_fr="Axé sur les résultats",
                                        kind="outcome", pays_ledger=pays_ledger)
    FundingModelVersion.objects.create(model=model, effective_from=effective_from, **{**OUTCOME_PARAMS, **params})
    return model


def block_model(*, effective_from=dt.date(2026, 4, 1), **params):
    model = FundingModel.objects.create(code="block", name_en="Block", name_fr="Financement global", kind="block")
    values = {"operating_base": D("0.00"), "block_per_client": D("3650.00")}  # $10 a day a client
    FundingModelVersion.objects.create(model=model, effective_from=effective_from, **{**values, **params})
    return model
