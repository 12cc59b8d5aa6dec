from decimal import Decimal

import pytest

from outcomes.job_quality import WEIGHTS, job_quality

GOOD = {"permanence": "permanent", "hours_per_week": Decimal("37.5"), "hourly_pay": Decimal("25.00"),
        "benefits": True, "noc_code": "11100", "teer": 1, "goals": ["11100"], "qualification": 1}


def test_it_weighs_parts_to_a_hundred():
    assert sum(WEIGHTS.values()) == 100
    index, parts = job_quality(**GOOD)
    assert index == 100
    assert all(part["met"] for part in parts.values())


@pytest.mark.parametrize(("change", "lost"), [
    ({"permanence": "contract"}, "permanent"),
    ({"permanence": "casual"}, "permanent"),
    ({"hours_per_week": Decimal("29.5")}, "full_time"),
    ({"hourly_pay": Decimal("19.99")}, "pay"),
    ({"goals": ["41300"]}, "goal_aligned"),
    ({"goals": []}, "goal_aligned"),
    ({"benefits": False}, "benefits"),
])
def test_it_loses_exactly_the_weight_of_a_missing_part(change, lost):
    index, parts = job_quality(**{**GOOD, **change})
    assert index == 100 - WEIGHTS[lost]
    assert [name for name, part in parts.items() if not part["met"]] == [lost]


def test_it_counts_thirty_hours_and_the_threshold_itself_as_met():
    index, parts = job_quality(**{**GOOD, "hours_per_week": 30, "hourly_pay": Decimal("20.00")})
    assert (parts["full_time"]["met"], parts["pay"]["met"], parts["pay"]["threshold"]) == (True, True, "20.00")
    assert index == 100


def test_it_reads_the_pay_threshold_from_settings(settings):
    settings.ESP_QUALITY_PAY_THRESHOLD = Decimal("26.00")
    _index, parts = job_quality(**GOOD)
    assert (parts["pay"]["met"], parts["pay"]["threshold"]) == (False, "26.00")


def test_it_counts_the_same_minor_group_as_aligned():
    _index, parts = job_quality(**{**GOOD, "noc_code": "11101", "goals": ["11100"]})
    assert parts["goal_aligned"]["met"]


@pytest.mark.parametrize(("job_teer", "qualification", "underemployed"), [
    (1, 1, False), (2, 1, False), (3, 1, True), (5, 2, True), (4, 2, True), (0, 3, False), (5, None, False),
])
def test_it_flags_underemployment_two_teer_levels_below_the_qualification(job_teer, qualification, underemployed):
    index, parts = job_quality(**{**GOOD, "teer": job_teer, "qualification": qualification})
    assert parts["teer_fit"]["underemployment"] is underemployed
    assert parts["teer_fit"]["met"] is not underemployed
    assert index == 100 - (WEIGHTS["teer_fit"] if underemployed else 0)
