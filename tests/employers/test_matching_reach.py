"""Clients for a lead find their candidates through the GiST index of each client's reach (client_reach): the
index must be built from the same expression the query filters on, and the reach box must never drop a person
the per-row commute box and the exact distance keep."""

import importlib
from decimal import Decimal

import pytest
from django.db import connection, transaction

from clients.models import Client
from employers import matching
from tests.employers.factories import LeadFactory, client_at

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="GiST index: PostgreSQL only")


def test_the_migration_builds_the_index_on_the_expression_the_query_reads():
    migration = importlib.import_module("clients.migrations.0016_client_reach")
    assert migration.REACH_BOX_SQL == matching.REACH_BOX_SQL


@postgresql_only
def test_the_candidates_query_can_use_the_reach_index(provider_a):
    lead = LeadFactory(provider=provider_a)
    client_at(provider_a)
    sql, params = matching.client_candidates(lead, Client.objects.all()).query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a handful of rows: the planner would rather scan
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "client_reach" in plan


def test_a_person_near_the_edge_of_their_commute_in_the_north_is_found_and_one_past_it_is_not(provider_a):
    """Moosonee (51.27 N): a degree of longitude is 69.7 km there. 30 km commutes; due east, 0.429 degrees is
    29.8 km (haversine), 0.438 degrees is 30.5 km."""
    lead = LeadFactory(provider=provider_a, latitude=Decimal("51.27000"), longitude=Decimal("-80.64000"))
    near = client_at(provider_a, latitude=Decimal("51.27000"), longitude=Decimal("-80.21100"), max_commute_km=30)
    client_at(provider_a, latitude=Decimal("51.27000"), longitude=Decimal("-80.20200"), max_commute_km=30)
    found = matching.clients_for_lead(lead, Client.objects.all(), limit=10)
    assert [s.client for s in found] == [near]
