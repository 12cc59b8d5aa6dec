"""The scale generator (seed_demo --scale) writes a consistent network: every row the pages need, the facts the
services keep (visibility, last contact), and the benchmark's users."""

import importlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection  # noqa: F401 (read by the skipif condition)

from caseload.models import Assignment, CaseFile, CaseNote
from clients.models import Client, ClientVisibility, Occupation
from espportal.models import User
from outcomes import scale
from outcomes.models import Placement, RetentionCheck


@pytest.fixture
def noc_units(db):
    """NOC 2021 from its data migration, put back when a browser test's flush emptied it earlier in the run."""
    if not Occupation.objects.filter(level=Occupation.Level.UNIT).exists():
        importlib.import_module("clients.migrations.0003_noc_and_skills").load(apps, None)


@pytest.mark.django_db
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="the generator writes with PostgreSQL's SQL")
def test_it_generates_a_small_network_with_the_facts_services_keep(noc_units):
    call_command("seed_demo", "--scale", "small", "--fraction", "0.02")
    clients = Client.objects.count()
    assert clients == scale.targets("small", 0.02)["clients"] == 100
    assert ClientVisibility.objects.filter(via="current").count() == clients
    assert CaseFile.objects.count() == clients and Assignment.objects.count() == clients
    contacted = CaseFile.objects.filter(last_contact_at__isnull=False)
    assert contacted.exists()
    for case in contacted[:10]:
        latest = CaseNote.objects.filter(case=case, kind__in=["contact", "meeting"]).order_by("-created_at").first()
        assert latest.created_at == case.last_contact_at
    assert RetentionCheck.objects.count() == 4 * Placement.objects.count()
    counsellor = User.objects.get(email=scale.BENCH_COUNSELLOR)
    assert Assignment.objects.filter(staff=counsellor, ended_at__isnull=True).exists()
    assert Client.objects.filter(user__email=scale.BENCH_SEEKER).exists()
    with pytest.raises(CommandError):
        call_command("seed_demo", "--scale", "small", "--fraction", "0.02")
