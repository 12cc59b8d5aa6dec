"""The demo shows matching at work (issue 12, fresh tester): after seed_demo the demo job seekers and most demo
clients of provider A have live suggestions that pass the relevance gate, not "no job fits your goals"."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from clients.models import Client
from espportal.models import User

pytestmark = pytest.mark.django_db

# Hand-stated from employers/demo.py LEADS and clients/demo.py PEOPLE: Lina (goals 12200/11100, bookkeeping,
# spreadsheets, 10 km, flexible hours) keeps two advertised bookkeeping or accounting leads near her; Marc (goal 73300,
# class A licence, forklift, Sudbury) keeps two of the three Sudbury truck-driving leads. Provider A clients keeping two
# or more: Lina, Priya, Daniel, Mohammed, Grace, Kevin, Aisha, Noah and Ethan (not Olivia: no lead offers her need).
SEEKERS = ["seeker.a@demo.espportal.ca", "seeker.b@demo.espportal.ca"]
MIN_PROVIDER_A_CLIENTS = 3


@pytest.fixture(params=["fresh ids", "ids after other tests"])
def ids(request):
    """The demo seeded on fresh ids and on ids that do not start at 1 (CI, 2026-11-30: after 300 other tests the
    demo's every-fifth-client rule, then by primary key, took Lina's consent to share with employers, and she had
    no suggestion). On PostgreSQL the clients' sequence is moved so the first demo client's id is a multiple of 5."""
    if request.param == "ids after other tests":
        if connection.vendor != "postgresql":
            pytest.skip("moves a PostgreSQL sequence")
        with connection.cursor() as cursor:
            cursor.execute("SELECT setval(pg_get_serial_sequence('clients_client', 'id'), "
                           "(SELECT (COALESCE(MAX(id), 0) / 5 + 2) * 5 - 1 FROM clients_client))")
    return request.param


def test_it_gives_each_demo_job_seeker_two_or_more_suggestions_on_me_leads(web, ids):
    call_command("seed_demo", stdout=io.StringIO())
    for email in SEEKERS:
        web.force_login(User.objects.get(email=email))
        page = web.get("/me/leads/")
        assert page.status_code == 200
        assert len(page.context["suggestions"]) >= 2, (email, [s.lead.title for s in page.context["suggestions"]])
        body = page.content.decode()
        assert "No open job fits your goals" not in body

    provider_a = Client.objects.get(email="lina.farah@example.org").current_provider
    counsellor = User.objects.get(email="counsellor.a@demo.espportal.ca")
    web.force_login(counsellor)
    with_two = []
    for client in Client.objects.filter(current_provider=provider_a).order_by("pk"):
        page = web.get(f"/clients/{client.code}/employers/")
        assert page.status_code == 200
        if len(page.context["suggestions"]) >= 2:
            with_two.append(client.first_name)
    assert len(with_two) >= MIN_PROVIDER_A_CLIENTS, with_two
