"""EXPLAIN ANALYZE of the hot queries at scale (`manage.py bench --explain`, PostgreSQL): the plans README's
"Scale" section quotes, so an index's use is checked on province-size rows rather than assumed.

Each query is built by the code the pages run (selectors, the matching pre-filters, the keyset pages), with the
scale's benchmark users (outcomes.scale), and printed with its plan, the rows it returned and its time.
"""

import datetime as dt

from django.db import connection

from caseload.models import CaseFile, CaseNote
from clients.models import Client
from employers import matching
from employers.models import JobLead
from espportal.models import AuditEvent, Provider, User
from outcomes import bench_matching, scale


def _plan(queryset) -> str:
    return queryset.explain(analyze=True, buffers=True)


def hot_queries() -> list[tuple[str, object]]:
    """(name, queryset) of the queries that grow with the data: matching both ways, a keyset page of notes and
    of the audit log, the waiting list and the daily retention job's two batches (falling due, to escalate)."""
    from caseload import selectors as caseload_selectors
    from espportal.access import actor_for_user
    from outcomes import selectors as outcomes_selectors

    counsellor = User.objects.get(email=scale.BENCH_COUNSELLOR)
    actor = actor_for_user(counsellor)
    case = CaseFile.objects.filter(assignments__staff=counsellor, assignments__ended_at__isnull=True).exclude(
        status="closed").select_related("client").order_by("pk").first()
    lead = JobLead.objects.filter(status="open", remote=False, latitude__isnull=False).order_by("pk").first()
    # The client the bench's matching row times (a full list of leads), not the counsellor's first case, whose
    # client may have no candidate at all (an empty query has no plan).
    facts = matching.ClientFacts.of(bench_matching.bench_client(counsellor) or case.client)
    provider = Provider.objects.order_by("pk").first()
    return [
        ("clients for a lead: candidates", matching.client_candidates(
            lead, Client.objects.filter(current_provider__isnull=False))[:matching.CANDIDATE_LIMIT]),
        ("leads for a client: candidates", matching.lead_candidates(
            facts, today=lead.created_at.date())[:matching.CANDIDATE_LIMIT]),
        ("notes API: a keyset page", CaseNote.objects.filter(provider=provider).order_by("-created_at", "-id")[:51]),
        ("audit API: a keyset page", AuditEvent.objects.filter(provider_code=provider.code).order_by("-at", "-id")
         [:51]),
        ("waiting list (mine)", caseload_selectors.my_waiting_list(actor, counsellor)[:10]),
        ("daily retention job: checks falling due", outcomes_selectors.retention_checks_due(dt.date.today())
         .order_by("due_on", "id").values_list("pk", flat=True)[:500]),
        ("daily retention job: checks to escalate", outcomes_selectors.retention_checks_overdue(dt.date.today())
         .order_by("due_on", "id").values_list("pk", flat=True)[:500]),
    ]


def explain_hot_queries(stdout) -> None:
    if connection.vendor != "postgresql":
        stdout.write("EXPLAIN ANALYZE needs PostgreSQL.")
        return
    for name, queryset in hot_queries():
        stdout.write(f"\n=== {name}\n{_plan(queryset)}")
