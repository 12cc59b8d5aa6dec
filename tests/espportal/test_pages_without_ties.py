"""Page-number lists order without ties, so paging shows every row exactly once (fresh tester, 2026-11-30: the
client list without a search sorted by last and first name only, and 30 of 2,680 rows came twice while 30
clients were never shown)."""

import datetime as dt

from django.test import RequestFactory
from django.urls import reverse

from clients.models import Client
from espportal.models import User
from espportal.pagination import PAGE_SIZE, page_of, without_ties
from tests.clients.factories import make_client


def test_the_client_list_shows_namesakes_once_each_across_pages(login, counsellor_a, provider_a):
    people = [make_client(provider_a, registered_by=counsellor_a, first_name="Marc", last_name="Farah",
                          date_of_birth=dt.date(1980, 1, 1) + dt.timedelta(days=n)) for n in range(PAGE_SIZE + 5)]
    web = login(counsellor_a)
    seen = []
    for number in (1, 2):
        page = web.get(reverse("clients:list"), {"page": number}).context["page"]
        seen += [client.pk for client in page.object_list]
    assert sorted(seen) == sorted(person.pk for person in people)  # 30 rows, each once


def test_an_order_that_can_tie_gets_the_primary_key_last(db):
    assert without_ties(Client.objects.all()).query.order_by == ("last_name", "first_name", "pk")
    assert without_ties(User.objects.order_by("-date_joined")).query.order_by == ("-date_joined", "pk")
    assert without_ties(User.objects.order_by("email", "-id")).query.order_by == ("email", "-id")  # already total
    assert without_ties([3, 1, 2]) == [3, 1, 2]  # a list keeps its caller's order


def test_page_of_pages_the_untied_order(db):
    for n in range(3):
        User.objects.create_user(email=f"same.{n}@example.test", password="x-Unused-1", first_name="Same")
    request = RequestFactory().get("/", {"page": "1"})
    page = page_of(request, User.objects.filter(first_name="Same").order_by("first_name"))
    assert page.paginator.object_list.query.order_by == ("first_name", "pk")
