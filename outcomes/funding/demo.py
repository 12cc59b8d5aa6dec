"""Demo funding: today's block model and an outcome-based model (two versions, the second in effect this fiscal
year) that pays the ledger, then the ledger posted from the demo's verified milestones. Parameters are invented
for the demo; the shape follows the focus-group report's proposal (see outcomes.funding.models)."""

import datetime as dt
from decimal import Decimal as D

from django.utils import timezone

from outcomes.funding import services
from outcomes.funding.models import FundingModel, FundingModelVersion


def _fiscal_start(day: dt.date) -> dt.date:
    return dt.date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def seed(stdout, context: dict) -> dict:
    if FundingModel.objects.exists():
        stdout.write("Funding: models already seeded.\n")
        return {}
    this_year = _fiscal_start(timezone.localdate())
    two_years_ago = this_year.replace(year=this_year.year - 2)
    block = FundingModel.objects.create(code="block", name_en="Block funding (annual contract)",
                                        name_fr="Financement global (contrat annuel)", kind="block")
    FundingModelVersion.objects.create(model=block, effective_from=two_years_ago, operating_base=D("180000.00"),
                                       block_per_client=D("2400.00"), note="Today's contract terms.")
    outcome = FundingModel.objects.create(code="outcome", name_en="Outcome-based (pay for results)",
                                          name_fr="Axé sur les résultats (paiement aux résultats)", kind="outcome",
                                          pays_ledger=True)
    common = {"weight_segment_1": D("0.80"), "weight_segment_2": D("1.00"), "weight_segment_3": D("1.50"),
              "weight_segment_unknown": D("1.00"), "weight_direct": D("1.00"), "weight_assisted": D("0.60"),
              "weight_self_found": D("0.00"), "quality_threshold": 60, "quality_multiplier": D("1.20")}
    FundingModelVersion.objects.create(model=outcome, effective_from=two_years_ago, operating_base=D("120000.00"),
                                       placement_payment=D("1500.00"), retention_3m_payment=D("300.00"),
                                       retention_6m_payment=D("2000.00"), retention_12m_payment=D("800.00"),
                                       note="First trial parameters.", **common)
    FundingModelVersion.objects.create(model=outcome, effective_from=this_year, operating_base=D("110000.00"),
                                       placement_payment=D("1400.00"), retention_3m_payment=D("400.00"),
                                       retention_6m_payment=D("2200.00"), retention_12m_payment=D("900.00"),
                                       note="More weight on keeping the job.", **common)
    result = services.ledger_post()
    stdout.write(f"Funding: 2 models, {result['rows']} ledger rows.\n")
    return {}
