"""The funding formulas on hand-worked numbers (parameters in tests/funding/factories.py)."""

import datetime as dt
from decimal import Decimal as D

from outcomes.funding import rules
from outcomes.funding.models import FundingModelVersion
from tests.funding.factories import OUTCOME_PARAMS

VERSION = FundingModelVersion(**OUTCOME_PARAMS, block_per_client=D("3650.00"))


def facts(milestone="placement", segment=3, attribution="direct", quality_index=85):
    return rules.MilestoneFacts(milestone=milestone, earned_on=dt.date(2026, 11, 2), provider_id=1, segment=segment,
                                attribution=attribution, quality_index=quality_index)


def test_a_direct_placement_of_a_segment_3_client_into_a_good_job():
    # 1000 x 1.50 (segment 3) x 1.00 (direct) x 1.20 (quality 85 >= 60)
    assert rules.milestone_amount(VERSION, facts())[0] == D("1800.00")


def test_an_assisted_placement_below_the_quality_threshold():
    # 1000 x 1.25 (segment 2) x 0.60 (assisted) x 1 (quality 50 < 60)
    assert rules.milestone_amount(VERSION, facts(segment=2, attribution="assisted", quality_index=50))[0] == D("750.00")


def test_self_found_pays_nothing():
    assert rules.milestone_amount(VERSION, facts(attribution="self_found"))[0] == D("0.00")


def test_six_months_employed_of_an_unassessed_client():
    # 1500 x 1.00 (not assessed) x 1.00 x 1.20
    assert rules.milestone_amount(VERSION, facts(milestone="retention_6m", segment=None))[0] == D("1800.00")


def test_block_funding_is_prorated_by_days():
    # (0 + 3650 x 4 clients) x 30 / 365 = 1200.00
    block = FundingModelVersion(operating_base=D("0"), block_per_client=D("3650.00"))
    assert rules.block_amount(block, start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30),
                              clients_served=4) == D("1200.00")
