"""One "too far" answer about a job close to home must not shrink the commute to almost nothing (issue 12, fresh
tester §4): a 20 km commute became 2 km after "too far" on a job 2-3 km away. It now tightens to just short of the
job but never below MIN_COMMUTE_KM (5 km), and the effect shown says so."""

from decimal import Decimal

import pytest
from django.urls import reverse

from clients.models import Client
from employers import services
from employers.models import LearnedPreference, Match
from tests.employers.factories import LeadFactory, client_at

pytestmark = pytest.mark.django_db
NEAR = {"latitude": Decimal("43.66250"), "longitude": Decimal("-79.39000")}  # 2.5 km north of client_at's home


def too_far(client, seeker, counsellor):
    job = LeadFactory(provider=client.current_provider, title="Near job", **NEAR)
    match = services.match_share(client=client, lead=job, by=counsellor)
    services.match_answer(match=match, by=seeker, answer=Match.Status.NOT_FOR_ME, reason_code="distance")
    return LearnedPreference.objects.get(match=match)


def test_too_far_on_a_job_near_home_stops_at_five_km_and_says_so(provider_a, seeker_a, counsellor_a, login):
    sam = client_at(provider_a, user=seeker_a, max_commute_km=20)
    preference = too_far(sam, seeker_a, counsellor_a)
    assert Client.objects.get(pk=sam.pk).max_commute_km == 5  # not 2 (2.5 km rounds up to 3, less one)
    assert (preference.before, preference.after) == (20, 5)
    page = login(seeker_a).get(reverse("employers:me_panel")).content.decode()
    assert ("Jobs now at most 5 km from home (it was 20 km). An answer never brings it below 5 km: tell your "
            "counsellor if you need jobs closer than that.") in page


def test_too_far_with_a_commute_already_at_the_floor_changes_nothing(provider_a, seeker_a, counsellor_a):
    sam = client_at(provider_a, user=seeker_a, max_commute_km=5)
    assert too_far(sam, seeker_a, counsellor_a).effect == "none"
    assert Client.objects.get(pk=sam.pk).max_commute_km == 5
