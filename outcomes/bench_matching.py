"""The benchmark's matching subjects (manage.py bench): a client whose top 20 leads and a lead whose top 50 clients
are full lists, so the timings measure the scoring of real candidates, not candidate queries that return nothing
(issue 11: the first bench timed empty lists)."""

from clients.models import Client
from employers import matching
from employers.models import JobLead

LEADS_ASKED = 20  # "top 20 leads for a client"
CLIENTS_ASKED = 50  # "top 50 clients for a lead"
TRIES = 200  # subjects tried before giving up (each try is one matching call)


def network_clients():
    """The clients 'top 50 clients for a lead' ranks among: every client with a current provider."""
    return Client.objects.filter(current_provider__isnull=False)


def bench_client(counsellor) -> Client | None:
    """The first (by primary key) of `counsellor`'s clients in an open case whose top LEADS_ASKED leads are a full
    list, among those who did not widen their search (open to interim work or accepted occupations lift the
    relevance gate); None when none of the first TRIES is."""
    clients = (Client.objects.filter(case_files__assignments__staff=counsellor,
                                     case_files__assignments__ended_at__isnull=True, open_to_interim_work=False)
               .exclude(case_files__status="closed").filter(accepted_occupations=[]).distinct().order_by("pk"))
    for client in clients[:TRIES]:
        if len(matching.leads_for_client(client, limit=LEADS_ASKED)) == LEADS_ASKED:
            return client
    return None


def bench_lead(provider) -> JobLead | None:
    """The first (by primary key) open, on-site lead of `provider` whose top CLIENTS_ASKED clients in the network
    are a full list; None when none of the first TRIES is."""
    for lead in JobLead.objects.filter(status="open", provider=provider, remote=False).order_by("pk")[:TRIES]:
        if len(matching.clients_for_lead(lead, network_clients(), limit=CLIENTS_ASKED)) == CLIENTS_ASKED:
            return lead
    return None


def measured(timing: dict, asked: int) -> dict:
    """`timing` ({"median_ms", "p95_ms", "result": rows returned}) when it returned `asked` rows; else the same
    with no times and `not_measured` ("<n> rows of <asked>"): a timing of a shorter list is not the figure asked."""
    if timing["result"] is not None and timing["result"] >= asked:
        return timing
    return {**timing, "median_ms": None, "p95_ms": None, "not_measured": f"{timing['result'] or 0} rows of {asked}"}
