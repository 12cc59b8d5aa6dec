"""Undoing learned preferences that changed the same field, in any order (issue 12, fresh tester §3).

The tester raised a minimum twice by "pay too low" ($17.20 -> $19.00 -> $20.00), undid the first, then the second,
and was left at $19.00 instead of $17.20. The field is worked out again from its value before the first change and
the preferences still in force."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from clients.models import Client
from employers import services, services_preferences
from employers.models import LearnedPreference, Match
from tests.employers.factories import LeadFactory, client_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def raised_twice(provider_a, seeker_a, counsellor_a):
    """$17.20, then "pay too low" on a flat $18.00 lead ($19.00), then on a flat $19.00 lead ($20.00)."""
    sam = client_at(provider_a, user=seeker_a, min_hourly_wage=Decimal("17.20"))
    rows = []
    for day, wage in ((2, "18.00"), (3, "19.00")):
        with time_machine.travel(dt.datetime(2026, 3, day, 12, 0, tzinfo=dt.UTC), tick=False):
            job = LeadFactory(provider=provider_a, pay_min=Decimal(wage), pay_max=Decimal(wage),
                              created_at=timezone.now())
            match = services.match_share(client=sam, lead=job, by=counsellor_a)
            services.match_answer(match=match, by=seeker_a, answer=Match.Status.NOT_FOR_ME, reason_code="pay")
            rows.append(LearnedPreference.objects.get(match=match))
    assert minimum(sam) == Decimal("20.00")
    return sam, rows


def minimum(client):
    return Client.objects.get(pk=client.pk).min_hourly_wage


def test_undoing_the_first_raise_then_the_second_restores_the_original(raised_twice, seeker_a):
    sam, (first, second) = raised_twice
    services_preferences.preference_undo(preference=first, by=seeker_a)
    assert minimum(sam) == Decimal("20.00")  # the second raise is still in force
    services_preferences.preference_undo(preference=second, by=seeker_a)
    assert minimum(sam) == Decimal("17.20")


def test_undoing_the_second_raise_then_the_first_restores_the_original(raised_twice, seeker_a):
    sam, (first, second) = raised_twice
    services_preferences.preference_undo(preference=second, by=seeker_a)
    assert minimum(sam) == Decimal("19.00")  # back to the first raise
    services_preferences.preference_undo(preference=first, by=seeker_a)
    assert minimum(sam) == Decimal("17.20")


def test_a_value_set_by_hand_since_is_left_alone(raised_twice, seeker_a):
    sam, (first, second) = raised_twice
    Client.objects.filter(pk=sam.pk).update(min_hourly_wage=Decimal("25.00"))
    services_preferences.preference_undo(preference=first, by=seeker_a)
    services_preferences.preference_undo(preference=second, by=seeker_a)
    assert minimum(sam) == Decimal("25.00")
