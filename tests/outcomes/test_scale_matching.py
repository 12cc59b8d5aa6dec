"""The bench's matching timings measure real matching (issue 11): the small scale's generated clients and leads
have skills, related goals and varied terms, so the bench finds a client with a full top 20 of leads and a lead
with a full top 50 of clients; a timing of a shorter list is reported as not measured."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection  # noqa: F401 (read by the skipif condition)

from clients.models import Client
from employers import matching
from employers.models import JobLead
from espportal.models import User
from outcomes import bench_matching, scale
from tests.outcomes.test_scale import noc_units  # noqa: F401 (fixture)


def test_a_short_list_is_not_measured():
    timing = {"median_ms": 3.0, "p95_ms": 4.0, "result": 0}
    assert bench_matching.measured(timing, 20) == {"median_ms": None, "p95_ms": None, "result": 0,
                                                   "not_measured": "0 rows of 20"}
    assert bench_matching.measured({**timing, "result": 19}, 20)["not_measured"] == "19 rows of 20"
    assert bench_matching.measured({**timing, "result": 20}, 20) == {**timing, "result": 20}


@pytest.mark.django_db
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="the generator writes with PostgreSQL's SQL")
def test_the_small_scale_gives_the_bench_full_matching_lists(noc_units, tmp_path):  # noqa: F811
    call_command("seed_demo", "--scale", "small", stdout=io.StringIO())
    # people have skills and a goal or two; most leads ask for skills; terms vary
    assert Client.skills.through.objects.values("client_id").distinct().count() == Client.objects.count()
    assert JobLead.required_skills.through.objects.values("joblead_id").distinct().count() > 1000  # of 2,000
    assert Client.objects.filter(accepts_casual=True).exists() and Client.objects.filter(accepts_casual=False).exists()
    counsellor = User.objects.get(email=scale.BENCH_COUNSELLOR)
    client = bench_matching.bench_client(counsellor)
    lead = bench_matching.bench_lead(counsellor.memberships.get().provider)
    assert client is not None and lead is not None
    assert len(matching.leads_for_client(client, limit=20)) == 20
    assert len(matching.clients_for_lead(lead, bench_matching.network_clients(), limit=50)) == 50
    out = tmp_path / "bench.json"
    call_command("bench", "--matching", "--repeat", "2", "--out", str(out), stdout=io.StringIO())
    jobs = json.loads(out.read_text())["jobs"]
    assert jobs["top 20 leads for a client"]["result"] == 20 and jobs["top 20 leads for a client"]["p95_ms"] > 0
    assert jobs["top 50 clients for a lead"]["result"] == 50 and jobs["top 50 clients for a lead"]["p95_ms"] > 0
