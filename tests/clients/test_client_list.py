"""The staff client list: search within what the provider may see, days waiting, constant query count."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clients import services
from clients.models import Consent
from tests.clients.factories import make_client


def names(response):
    return [client.first_name for client in response.context["page"].object_list]


@pytest.fixture
def people(provider_a, provider_b, counsellor_a, counsellor_b):
    return {
        "ana": make_client(provider_a, registered_by=counsellor_a, first_name="Ana", last_name="Silva",
                           email="ana.silva@example.test", phone="416-555-0111"),
        "raj": make_client(provider_a, registered_by=counsellor_a, first_name="Raj", last_name="Mehta",
                           phone="(905) 555-0177"),
        "bea": make_client(provider_b, registered_by=counsellor_b, first_name="Bea", last_name="Silva"),
    }


@pytest.mark.parametrize(("query", "expected"), [
    ("", ["Raj", "Ana"]),
    ("silva", ["Ana"]),
    ("ana silva", ["Ana"]),
    ("ANA.SILVA@example.test", ["Ana"]),
    ("905 555 0177", ["Raj"]),
    ("9055550177", ["Raj"]),
])
def test_it_finds_clients_by_name_email_phone_within_the_provider(login, counsellor_a, people, query, expected):
    response = login(counsellor_a).get(reverse("clients:list"), {"q": query})
    assert names(response) == expected


def test_it_finds_a_client_by_code(login, counsellor_a, people):
    web = login(counsellor_a)
    assert names(web.get(reverse("clients:list"), {"q": str(people["raj"].code)})) == ["Raj"]
    assert names(web.get(reverse("clients:list"), {"q": str(people["raj"].code)[:8]})) == ["Raj"]
    assert names(web.get(reverse("clients:list"), {"q": str(people["bea"].code)})) == []


def test_it_lists_clients_shared_by_consent(login, counsellor_a, counsellor_b, provider_a, people):
    services.consent_grant(client=people["bea"], scope=Consent.Scope.SHARE_PROVIDER, provider=provider_a,
                           granted_by=counsellor_b)
    response = login(counsellor_a).get(reverse("clients:list"), {"q": "silva"})
    assert sorted(names(response)) == ["Ana", "Bea"]
    assert "shared with you" in response.content.decode()


def test_it_shows_days_waiting(login, counsellor_a, people):
    Client = type(people["ana"])
    Client.objects.filter(pk=people["ana"].pk).update(registered_at=timezone.now() - dt.timedelta(days=9))
    response = login(counsellor_a).get(reverse("clients:list"), {"q": "Ana"})
    assert "<td>9</td>" in response.content.decode()


def test_its_query_count_does_not_grow_with_the_number_of_clients(login, counsellor_a, provider_a):
    web = login(counsellor_a)
    for _ in range(2):
        make_client(provider_a, registered_by=counsellor_a)
    web.get(reverse("clients:list"))
    with CaptureQueriesContext(connection) as few:
        web.get(reverse("clients:list"))
    for _ in range(10):
        make_client(provider_a, registered_by=counsellor_a)
    with CaptureQueriesContext(connection) as many:
        response = web.get(reverse("clients:list"))
    assert len(response.context["page"].object_list) == 12
    assert len(many) == len(few)


@pytest.mark.parametrize("query", ["a" * 33, "9" * 40])
def test_more_hex_digits_than_a_code_has_finds_nobody_and_is_no_500(login, counsellor_a, people, query):
    # Found by a fresh tester: 33+ hex digits were parsed as a UUID (a 500 on the page and the API).
    web = login(counsellor_a)
    response = web.get(reverse("clients:list"), {"q": query})
    assert response.status_code == 200
    assert names(response) == []
    response = web.get("/api/v1/clients/", {"q": query})
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_a_whole_code_pasted_with_dashes_finds_that_client(login, counsellor_a, people):
    code = str(people["raj"].code)
    response = login(counsellor_a).get(reverse("clients:list"), {"q": code})
    assert names(response) == ["Raj"]
    response = login(counsellor_a).get(reverse("clients:list"), {"q": code + "1"})
    assert names(response) == []


def test_a_code_prefix_longer_than_its_first_group_finds_that_client(login, counsellor_a, people):
    # The code's first 12 hex digits, typed with or without its dash: a range of the code's index.
    code = str(people["raj"].code)
    web = login(counsellor_a)
    assert names(web.get(reverse("clients:list"), {"q": code[:13]})) == ["Raj"]
    assert names(web.get(reverse("clients:list"), {"q": code.replace("-", "")[:12]})) == ["Raj"]
    assert names(web.get(reverse("clients:list"), {"q": str(people["bea"].code)[:13]})) == []


def test_search_results_page_in_a_stable_order(monkeypatch, login, counsellor_a, provider_a):
    from espportal import pagination

    monkeypatch.setattr(pagination, "PAGE_SIZE", 2)
    for first in ["Cy", "Al", "Bo"]:
        make_client(provider_a, registered_by=counsellor_a, first_name=first, last_name="Okafor")
    web = login(counsellor_a)
    first = web.get(reverse("clients:list"), {"q": "okafor"})
    second = web.get(reverse("clients:list"), {"q": "okafor", "page": 2})
    assert names(first) == ["Al", "Bo"] and names(second) == ["Cy"]
    assert first.context["page"].paginator.count == 3


def test_the_search_branches_are_exactly_what_the_provider_sees(counsellor_a, counsellor_b, provider_a, provider_b):
    from clients.access import client_branches, clients_for
    from espportal.access import actor_for_user

    own = make_client(provider_a, registered_by=counsellor_a)
    shared = make_client(provider_b, registered_by=counsellor_b)
    services.consent_grant(client=shared, scope=Consent.Scope.SHARE_PROVIDER, provider=provider_a,
                           granted_by=counsellor_b)
    make_client(provider_b, registered_by=counsellor_b)  # not shared: seen by neither
    actor = actor_for_user(counsellor_a)
    branches = [sorted(branch.values_list("pk", flat=True)) for branch in client_branches(actor)]
    assert branches == [[own.pk], [shared.pk]]
    assert sorted(clients_for(actor).values_list("pk", flat=True)) == sorted([own.pk, shared.pk])


def test_the_search_meets_the_providers_clients_on_the_clients_table(counsellor_a, provider_a):
    # The provider's branch ANDs `current_provider_id` with the name match in one WHERE of the clients table, so
    # PostgreSQL can AND the two index bitmaps (issue 11: not every client of the network whose name matches).
    from clients.selectors import client_search
    from espportal.access import actor_for_user

    sql = str(client_search(actor_for_user(counsellor_a), "silva").query)
    own_branch = sql.split("UNION ALL")[0]
    assert f'"current_provider_id" = {provider_a.pk}' in own_branch and "LIKE" in own_branch
    assert "clients_clientvisibility" not in own_branch


def test_the_api_search_stays_within_what_the_provider_sees(login, counsellor_a, counsellor_b, provider_a, people):
    web = login(counsellor_a)
    assert [row["first_name"] for row in web.get("/api/v1/clients/", {"q": "silva"}).json()["results"]] == ["Ana"]
    services.consent_grant(client=people["bea"], scope=Consent.Scope.SHARE_PROVIDER, provider=provider_a,
                           granted_by=counsellor_b)
    assert sorted(row["first_name"] for row in web.get("/api/v1/clients/", {"q": "silva"}).json()["results"]) == [
        "Ana", "Bea"]


def test_clients_sharing_a_name_keep_their_place_from_page_to_page(monkeypatch, login, counsellor_a, provider_a):
    from espportal import pagination

    monkeypatch.setattr(pagination, "PAGE_SIZE", 2)
    made = [make_client(provider_a, registered_by=counsellor_a, first_name="Amit", last_name="Singh",
                        date_of_birth=dt.date(1990 - i, 1, 1)) for i in range(3)]
    type(made[0]).objects.filter(pk=made[0].pk).update(phone="416-555-0100")  # its row moves to the table's end
    web = login(counsellor_a)
    shown = [c.pk for page in (1, 2) for c in web.get(reverse("clients:list"), {"page": page}).context["page"]]
    assert shown == [c.pk for c in sorted(made, key=lambda c: c.date_of_birth)]  # by name, birth date, then id


def test_a_word_of_one_or_two_letters_still_matches_inside_a_name(login, counsellor_a, provider_a, people):
    # No trigram serves "li": it is matched on LOWER(name) as a filter, in the list's order, with the same meaning.
    make_client(provider_a, registered_by=counsellor_a, first_name="Wei", last_name="Li")
    make_client(provider_a, registered_by=counsellor_a, first_name="Olivia", last_name="Brown")
    web = login(counsellor_a)
    assert names(web.get(reverse("clients:list"), {"q": "li"})) == ["Olivia", "Wei"]
    assert names(web.get(reverse("clients:list"), {"q": "LI wei"})) == ["Wei"]
    assert [row["first_name"] for row in web.get("/api/v1/clients/", {"q": "li"}).json()["results"]] == [
        "Olivia", "Wei"]
