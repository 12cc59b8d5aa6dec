from decimal import Decimal

import pytest

from outcomes.job_quality import WEIGHTS, job_quality

GOOD = {"permanence": "permanent", "hours_per_week": Decimal("37.5"), "hourly_pay": Decimal("25.00"),
        "benefits": True, "noc_code": "11100", "teer": 1, "goals": ["11100"], "qualification": 1}


def test_it_weighs_parts_to_a_hundred():
    assert WEIGHTS == {"permanent": 20, "full_time": 20, "pay": 20, "goal_aligned": 15, "teer_fit": 15, "benefits": 10}
    index, parts = job_quality(**GOOD)
    assert index == 100
    assert all(part["met"] for part in parts.values())


# The weights by hand (outcomes/job_quality.py's definition): permanent 20, full time 20, pay 20, goal-aligned
# 15, TEER fit 15, benefits 10; pinned here, not read from WEIGHTS, so a changed weight fails.
@pytest.mark.parametrize(("change", "lost", "index"), [
    ({"permanence": "contract"}, "permanent", 80),
    ({"permanence": "casual"}, "permanent", 80),
    ({"hours_per_week": Decimal("29.5")}, "full_time", 80),
    ({"hourly_pay": Decimal("19.99")}, "pay", 80),
    ({"goals": ["41300"]}, "goal_aligned", 85),
    ({"goals": []}, "goal_aligned", 85),
    ({"benefits": False}, "benefits", 90),
])
def test_it_loses_exactly_the_weight_of_a_missing_part(change, lost, index):
    computed, parts = job_quality(**{**GOOD, **change})
    assert computed == index
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
    assert index == (85 if underemployed else 100)  # TEER fit weighs 15
