"""Measure the matching engine on the labelled evaluation set (dataset.json, made by generate.py).

`evaluate()` returns, for both directions (leads for a client, clients for a lead):

- precision@5: of the first five suggestions (fewer when fewer are made), the share labelled relevant, averaged
  over the queries that get at least one suggestion;
- nDCG@10: normalised discounted cumulative gain of the first ten suggestions with binary relevance
  (gain 1 / log2(rank + 1)), averaged over the queries that have at least one relevant item (a query with relevant
  items and no suggestion counts 0, so hiding everything cannot score well);
- coverage: the share of queries with at least one suggestion;
- gate_breaks: the share of all suggestions shown (first ten of every query) that break the relevance gate
  (employers.relevance.gate); the target is 0.

The rows are built in a transaction that is always rolled back. Ties in the engine are broken by primary key,
so the figures are the same on every run and on SQLite and PostgreSQL.
"""

import json
import math
from pathlib import Path

from django.db import transaction

from employers import matching
from employers.evaluation.build import build
from employers.relevance import Scope, gate

DATASET = Path(__file__).resolve().parent / "dataset.json"
FIGURES = Path(__file__).resolve().parent / "figures.json"


class _Rollback(Exception):
    pass


def load() -> dict:
    return json.loads(DATASET.read_text())


def recorded() -> dict:
    """The figures recorded in figures.json: {"baseline": {...}, "after": {...}}."""
    return json.loads(FIGURES.read_text())


def _precision(ranked: list[bool], k: int) -> float | None:
    top = ranked[:k]
    return sum(top) / len(top) if top else None


def _ndcg(ranked: list[bool], relevant_count: int, k: int) -> float | None:
    if not relevant_count:
        return None
    dcg = sum(1 / math.log2(i + 2) for i, rel in enumerate(ranked[:k]) if rel)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(relevant_count, k)))
    return dcg / ideal


def _mean(values) -> float:
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 4) if values else 0.0


def _scope(profile: dict, skill_ids: dict) -> Scope:
    return Scope(goal_codes=tuple(profile["goals"]), skill_ids=frozenset(skill_ids[c] for c in profile["skills"]),
                 closeness=2, interim=profile["open_to_interim_work"],
                 accepted=tuple(profile["accepted_occupations"]))


def evaluate(data: dict | None = None) -> dict:
    """Run both directions on the set; returns {"pairs", "relevant", "leads_for_client": {...},
    "clients_for_lead": {...}, "gate_breaks": float}, the figures rounded to 4 places."""
    data = data or load()
    result = {}
    try:
        with transaction.atomic():
            result = _measure(data)
            raise _Rollback
    except _Rollback:
        pass
    return result


def _measure(data: dict) -> dict:
    from clients.models import Client, Skill
    from employers.models import JobLead

    clients, leads = build(data)
    relevant = {(p, job) for p, job, yes in data["pairs"] if yes}
    profiles = {p["id"]: p for p in data["profiles"]}
    lead_rows = {row["id"]: row for row in data["leads"]}
    skill_ids = dict(Skill.objects.values_list("code", "pk"))
    lead_id_of = {lead.pk: lid for lid, lead in leads.items()}
    client_id_of = {client.pk: pid for pid, client in clients.items()}
    shown, breaks = 0, 0
    own_leads = JobLead.objects.filter(pk__in=[lead.pk for lead in leads.values()])

    def count_breaks(pid, lid):
        nonlocal shown, breaks
        shown += 1
        required = [skill_ids[c] for c in lead_rows[lid]["required_skills"]]
        breaks += bool(gate(_scope(profiles[pid], skill_ids), lead_rows[lid]["noc"], required))

    per_client = []
    for pid, client in clients.items():
        found = matching.lead_suggestions(client, limit=10, others=0, among=own_leads)
        ranked = [lead_id_of[s.lead.pk] for s in found.suggestions]
        for lid in ranked:
            count_breaks(pid, lid)
        hits = [(pid, lid) in relevant for lid in ranked]
        per_client.append((hits, sum(1 for p, _l in relevant if p == pid)))
    scope = Client.objects.filter(pk__in=[c.pk for c in clients.values()])
    per_lead = []
    for lid, lead in leads.items():
        ranked = [client_id_of[s.client.pk] for s in matching.clients_for_lead(lead, scope, limit=10)]
        for pid in ranked:
            count_breaks(pid, lid)
        hits = [(pid, lid) in relevant for pid in ranked]
        per_lead.append((hits, sum(1 for _p, job in relevant if job == lid)))
    return {
        "pairs": len(data["pairs"]), "relevant": len(relevant),
        "leads_for_client": _direction(per_client), "clients_for_lead": _direction(per_lead),
        "gate_breaks": round(breaks / shown, 4) if shown else 0.0, "suggestions_shown": shown,
    }


def _direction(rows) -> dict:
    return {
        "precision_at_5": _mean(_precision(hits, 5) for hits, _n in rows),
        "ndcg_at_10": _mean(_ndcg(hits, n, 10) for hits, n in rows),
        "coverage": round(sum(1 for hits, _n in rows if hits) / len(rows), 4) if rows else 0.0,
        "queries": len(rows),
    }
