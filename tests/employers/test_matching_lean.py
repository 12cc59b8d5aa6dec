"""The top leads for a client at province scale (issue 11: 15.8x the trivial view): candidates are scored from
lean rows (no JobLead instances), a lead the relevance gate keeps out is not scored when no "other openings" are
asked for, and what is shown is unchanged: whole leads, the same order and scores."""

import datetime as dt

import pytest
from django.utils import timezone

from employers import matching
from employers.models import JobLead
from tests.employers.factories import LeadFactory, client_at, noc

TODAY = dt.date(2026, 3, 2)
pytestmark = pytest.mark.django_db


def test_only_the_leads_that_pass_the_gate_are_scored_and_the_shown_ones_are_whole(provider_a, monkeypatch):
    seeker = client_at(provider_a, goals=("11100",))
    near = LeadFactory(provider=provider_a, occupation=noc("11100"), created_at=timezone.now())
    LeadFactory(provider=provider_a, occupation=noc("73300"), created_at=timezone.now())  # unrelated: gated out
    scored, real_score = [], matching.score

    def counting(facts, lead, **kwargs):
        scored.append(lead.pk)
        assert not isinstance(lead, JobLead)  # a lean row, not a model instance
        return real_score(facts, lead, **kwargs)

    monkeypatch.setattr(matching, "score", counting)
    shown = matching.leads_for_client(seeker, today=TODAY)
    assert scored == [near.pk]
    assert [s.lead for s in shown] == [near] and isinstance(shown[0].lead, JobLead)
    assert shown[0].lead.employer.name  # the whole lead, with its employer


def test_a_lean_lead_reads_full_time_like_the_model(provider_a):
    from employers.scoring_rows import scoring_rows

    for hours in (20, 30, 37, 40):
        LeadFactory(provider=provider_a, hours_per_week=hours)
    lean, _required = scoring_rows(JobLead.objects.order_by("pk"))
    assert [row.full_time for row in lean] == [job.full_time for job in JobLead.objects.order_by("pk")]


def test_clients_for_a_lead_are_scored_from_lean_rows_and_the_shown_ones_are_whole(provider_a, monkeypatch,
                                                                                    django_assert_num_queries):
    """Two candidates for a lead; the top one shown is a whole Client (its name read without a query), both were
    scored from lean rows carrying the goal (with its title) and the learned preferences the facts read."""
    from clients.models import Client
    from employers.models import LearnedPreference

    lead = LeadFactory(provider=provider_a, occupation=noc("11100"), created_at=timezone.now())
    first = client_at(provider_a, first_name="Ana", goals=("11100",))
    second = client_at(provider_a, first_name="Ben", goals=("11100",))
    LearnedPreference.objects.create(client=second, occupation=noc("11100"), effect="lower", source="answer")
    scored, real_score = [], matching.score

    def counting(facts, lead, **kwargs):
        scored.append((facts.pk, facts.goals[0][0], facts.lowered_nocs))
        return real_score(facts, lead, **kwargs)

    monkeypatch.setattr(matching, "score", counting)
    shown = matching.clients_for_lead(lead, Client.objects.all(), limit=1, today=TODAY)
    assert sorted(scored) == sorted([(first.pk, "11100", frozenset()), (second.pk, "11100", frozenset({"11100"}))])
    assert [s.client for s in shown] == [first] and isinstance(shown[0].client, Client)
    with django_assert_num_queries(0):
        assert shown[0].client.first_name == "Ana"
