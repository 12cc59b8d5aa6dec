"""The staff why-not names the per-employer limit when that is what keeps a lead out (issue 12, fresh tester §7):
it said "passes every filter ... suggested when it ranks high enough" for a lead hidden because no more than
MAX_PER_EMPLOYER (3) suggestions come from one employer."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.employers.factories import EmployerFactory, LeadFactory, client_at

pytestmark = pytest.mark.django_db


def test_it_says_the_employers_other_leads_rank_above_it(provider_a, counsellor_a, login):
    sam = client_at(provider_a)
    acme = EmployerFactory(name="Acme")
    leads = [LeadFactory(provider=provider_a, employer=acme, title=f"Clerk {i}", created_at=timezone.now())
             for i in range(4)]  # the same score: the first three (by creation) are suggested, the fourth is not
    web = login(counsellor_a)
    fourth = web.get(reverse("employers:why_not", args=[sam.code, leads[3].code])).content.decode()
    assert ("It passes every filter, but 3 leads of Acme rank above it for this client, and no more than 3 "
            "suggestions come from one employer.") in fourth
    assert "suggested when it ranks high enough" not in fourth
    first = web.get(reverse("employers:why_not", args=[sam.code, leads[0].code])).content.decode()
    assert "suggested when it ranks high enough" in first
