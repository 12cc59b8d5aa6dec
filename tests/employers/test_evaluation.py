"""The labelled evaluation set is what its README says, and the engine does not fall below the recorded figures."""

import json

import pytest

from employers.evaluation import generate, metrics

pytestmark = pytest.mark.django_db


def test_the_dataset_is_the_one_the_documented_script_makes():
    assert json.loads(metrics.DATASET.read_text()) == json.loads(json.dumps(generate.build()))


def test_the_dataset_has_enough_labelled_pairs_of_each_kind_of_person():
    data = metrics.load()
    assert len(data["pairs"]) >= 200
    assert {p["group"] for p in data["profiles"]} == {"newcomer", "disability", "mature", "youth"}
    labels = [yes for _p, _l, yes in data["pairs"]]
    assert 100 <= sum(labels) < len(labels)  # both answers, and enough relevant pairs to rank


def test_it_labels_by_the_noc_hierarchy_not_by_the_engine():
    profile = {"goals": ["21231"], "skills": ["python"], "accommodations": [], "open_to_interim_work": False,
               "accepted_occupations": []}
    job = {"noc": "21234", "required_skills": ["javascript"], "accommodations_offered": []}
    assert generate.label(profile, job) is True  # same minor group: relevant even without the skills
    assert generate.label(profile, {**job, "noc": "21223"}) is False  # sub-major only, no skill in common
    assert generate.label(profile, {**job, "noc": "21223", "required_skills": ["python"]}) is True
    assert generate.label({**profile, "accommodations": ["step_free"]}, job) is False
    assert generate.label({**profile, "open_to_interim_work": True}, {**job, "noc": "65100"}) is True


def test_precision_does_not_drop_below_the_recorded_baseline_and_nothing_breaks_the_gate():
    figures = metrics.evaluate()
    recorded = metrics.recorded()
    for direction in ("leads_for_client", "clients_for_lead"):
        assert figures[direction]["precision_at_5"] >= recorded["baseline"][direction]["precision_at_5"], direction
        assert figures[direction]["precision_at_5"] >= recorded["after"][direction]["precision_at_5"], direction
    assert figures["gate_breaks"] == 0.0
    assert figures["pairs"] == recorded["after"]["pairs"]
