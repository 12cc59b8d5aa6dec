"""The lead form (issue 12, fresh tester §8): the number boxes ask what the server requires, and "Not yet"
(accommodations unknown) with an accommodation ticked is refused with a clear message, what was typed kept."""

import pytest
from django.urls import reverse

from employers.models import JobLead

pytestmark = pytest.mark.django_db
DATA = {"title": "Cook", "noc": "63200", "postal_code": "M5V 2T6", "hours_per_week": "30",
        "permanence": "permanent", "positions": "1", "source": "job_developer"}


def test_the_number_boxes_ask_at_least_one(login, manager_a, employer):
    form = login(manager_a).get(reverse("employers:lead_create", args=[employer.code])).content.decode()
    positions = form.split('name="positions"')[1].split(">")[0]
    hours = form.split('name="hours_per_week"')[1].split(">")[0]
    assert 'min="1"' in positions
    assert 'min="1"' in hours and 'max="80"' in hours


def test_not_yet_with_an_accommodation_ticked_is_refused(login, manager_a, employer):
    response = login(manager_a).post(reverse("employers:lead_create", args=[employer.code]),
                                     {**DATA, "accommodations_known": "no", "accommodations_offered": ["step_free"]})
    assert response.status_code == 422
    assert "You said the employer has not told you yet: untick these, or answer “Yes” above." in (
        response.content.decode())
    assert 'value="Cook"' in response.content.decode()
    assert not JobLead.objects.exists()
