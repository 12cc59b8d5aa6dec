"""/api/v1/leads/ says whether the employer told which accommodations a lead offers (issue 12, fresh tester §8):
without it an empty `accommodations_offered` read as "offers none" when the employer had not said."""

import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from tests.employers.factories import LeadFactory

pytestmark = pytest.mark.django_db


def test_the_lead_api_and_its_schema_give_accommodations_known(login, counsellor_a, provider_a):
    lead = LeadFactory(provider=provider_a, accommodations_known=False, accommodations_offered=[])
    row = login(counsellor_a).get(reverse("employers_api:lead-detail", args=[lead.code])).json()
    assert (row["accommodations_known"], row["accommodations_offered"]) == (False, [])
    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert schema["components"]["schemas"]["Lead"]["properties"]["accommodations_known"]["type"] == "boolean"
