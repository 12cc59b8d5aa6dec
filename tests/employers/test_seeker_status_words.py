"""The job seeker reads a match's status about themselves, wherever it appears (issue 12, fresh tester §6):
/me/jobs/<code>/ said "Already among your job leads (Shared with the client)", "(Communiquée au client)" in
French, in staff words."""

import pytest
from django.urls import reverse

from employers import matching, services
from employers.reasons import STAFF
from tests.employers.factories import LeadFactory, client_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(provider_a, seeker_a, counsellor_a):
    sam = client_at(provider_a, user=seeker_a)
    return services.match_share(client=sam, lead=LeadFactory(provider=provider_a, title="Clerk"), by=counsellor_a)


def test_the_lead_page_says_shared_with_you(shared, seeker_a, login):
    page = login(seeker_a).get(reverse("employers:me_lead", args=[shared.lead.code])).content.decode()
    assert "Already among your job leads (Shared with you)" in page
    assert "Shared with the client" not in page


def test_staff_still_read_it_about_the_client(shared):
    assert matching.explain_exclusion(shared.client, shared.lead, reader=STAFF) == [
        "Already among the client's matches (Shared with the client)"]


def test_a_lead_set_aside_by_the_counsellor_is_said_so_to_the_person(provider_a, seeker_a, counsellor_a, login):
    sam = client_at(provider_a, user=seeker_a)
    job = LeadFactory(provider=provider_a)
    services.match_dismiss(client=sam, lead=job, by=counsellor_a, note="Not now")
    assert matching.explain_exclusion(sam, job) == ["Declined before (Set aside by your counsellor)"]


def test_in_french_too(shared, seeker_a, login):
    seeker_a.preferred_language = "fr"
    seeker_a.save(update_fields=["preferred_language"])
    page = login(seeker_a).get(reverse("employers:me_lead", args=[shared.lead.code])).content.decode()
    assert "Communiquée au client" not in page
