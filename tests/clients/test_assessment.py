"""The instrument's segment, pinned at each threshold, and the assessment services."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from clients import assessment as instrument
from clients import services
from clients.models import Assessment
from espportal.models import AuditEvent
from tests.clients.factories import answers


def segment(readiness="ready", **barriers):
    return instrument.compute(instrument.validate(answers(readiness, **barriers)))


@pytest.mark.parametrize(("hand_built", "expected_segment", "expected_points"), [
    ({}, 1, 0),
    ({"transport": 2, "digital": 2}, 1, 4),                                      # 4 points, no severe: 1
    ({"transport": 2, "digital": 2, "childcare": 1}, 2, 5),                      # 5 points: 2
    ({"housing": 3}, 2, 3),                                                      # one severe barrier: 2
    ({"transport": 2, "digital": 2, "health": 2, "language": 2, "literacy": 2, "record": 1}, 2, 11),  # 11: 2
    ({"transport": 2, "digital": 2, "health": 2, "language": 2, "literacy": 2, "record": 2}, 3, 12),  # 12: 3
    ({"housing": 3, "health": 3}, 3, 6),                                         # two severe barriers: 3
])
def test_it_pins_the_segment_at_each_threshold(hand_built, expected_segment, expected_points):
    result = segment(**hand_built)
    assert (result.segment, result.points) == (expected_segment, expected_points)


def test_it_counts_job_readiness_points():
    assert segment("ready", transport=2, digital=2).segment == 1
    result = segment("needs_tools", transport=2, digital=2)
    assert (result.segment, result.points) == (2, 5)
    assert segment("not_ready", housing=3, health=3, language=3).points == 12


def test_it_explains_the_segment_in_plain_words():
    result = segment("exploring", housing=3, transport=1)
    texts = instrument.reason_texts(result.reasons)
    assert "Housing: severe barrier (+3)" in texts
    assert "Transportation: minor barrier (+1)" in texts
    assert "Job readiness: exploring (+2)" in texts
    assert texts[-1] == "6 points: 5 to 11 means segment 2"


def test_it_stores_the_reasons_as_codes_and_words_them_in_the_readers_language():
    result = segment("exploring", housing=3, transport=1)
    assert result.reasons[-1] == {"code": "points_2", "params": {"points": 6, "low": 5, "high": 11}}
    with translation.override("fr"):
        texts = instrument.reason_texts(result.reasons)
    assert "Logement : obstacle important (+3)" in texts
    assert texts[-1] == "6 points : de 5 à 11 correspond au segment 2"


@pytest.mark.parametrize(("barriers", "english", "french"), [
    ({"transport": 1}, "1 point and no severe barrier: 4 or fewer means segment 1",
     "1 point et aucun obstacle important : 4 ou moins correspond au segment 1"),
    ({"transport": 2}, "2 points and no severe barrier: 4 or fewer means segment 1",
     "2 points et aucun obstacle important : 4 ou moins correspond au segment 1"),
    ({}, "0 points and no severe barrier: 4 or fewer means segment 1",
     "0 point et aucun obstacle important : 4 ou moins correspond au segment 1"),
])
def test_it_counts_points_in_each_languages_plural(barriers, english, french):
    rule = segment(**barriers).reasons[-1]
    assert instrument.reason_text(rule) == english
    with translation.override("fr"):
        assert instrument.reason_text(rule) == french


def test_it_shows_a_reason_stored_as_a_sentence_as_it_is():
    assert instrument.reason_texts(["Housing: severe barrier (+3)", {"code": "gone", "params": {}}]) == [
        "Housing: severe barrier (+3)"]


def test_it_refuses_answers_outside_the_instrument():
    bad = answers(housing=4)
    bad["job_readiness"] = "eager"
    with pytest.raises(ValidationError) as error:
        instrument.validate(bad)
    assert set(error.value.message_dict) == {"housing", "job_readiness"}


def test_it_keeps_every_assessment_and_the_latest_sets_the_segment(client_a, counsellor_a):
    first = services.assessment_record(client=client_a, answers=answers(housing=3, health=3), assessed_by=counsellor_a)
    second = services.assessment_record(client=client_a, answers=answers(), assessed_by=counsellor_a)
    client_a.refresh_from_db()
    assert list(Assessment.objects.filter(client=client_a).order_by("assessed_at", "id")) == [first, second]
    assert (first.segment, second.segment, client_a.segment) == (3, 1, 1)
    assert first.instrument_version == instrument.VERSION
    assert AuditEvent.objects.filter(action="assessment.recorded", client_code=client_a.code).count() == 2


def test_it_requires_a_reason_to_override_and_audits_it(client_a, counsellor_a):
    assessment = services.assessment_record(client=client_a, answers=answers(), assessed_by=counsellor_a)
    with pytest.raises(ValidationError):
        services.assessment_override(assessment=assessment, segment=3, reason="  ", overridden_by=counsellor_a)
    services.assessment_override(assessment=assessment, segment=3, reason="Recent eviction notice",
                                 overridden_by=counsellor_a)
    assessment.refresh_from_db()
    client_a.refresh_from_db()
    assert (assessment.computed_segment, assessment.segment, client_a.segment) == (1, 3, 3)
    event = AuditEvent.objects.get(action="assessment.overridden")
    assert event.detail["reason"] == "Recent eviction notice"
    assert (event.detail["computed"], event.detail["to"]) == (1, 3)
