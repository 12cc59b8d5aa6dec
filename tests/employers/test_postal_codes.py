"""Employers' and leads' postal codes follow the clients' one rule (clients.models.postal_code_clean): any spacing
or case is stored as "A1A 1A1"; what is not a postal code once normalised is refused with a clear message."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from employers.models import Employer, JobLead

pytestmark = pytest.mark.django_db

EMPLOYER = {"name": "Harbour Logistics", "sector": "48", "size_band": "medium"}


def _lead(postal_code):
    return {"title": "Cook", "noc": "63200", "postal_code": postal_code, "pay_min": "20", "pay_max": "24",
            "hours_per_week": "30", "permanence": "permanent", "positions": "1", "source": "job_developer",
            "closing_date": (timezone.localdate() + dt.timedelta(days=10)).isoformat(),
            "accommodations_known": "no"}


@pytest.mark.parametrize("typed", ["m5v3l9", " M5V  3L9 ", "m5v-3l9"])
def test_it_stores_an_employers_postal_code_in_any_spacing_as_canada_post_writes_it(typed, login, manager_a):
    response = login(manager_a).post(reverse("employers:employer_create"), {**EMPLOYER, "postal_code": typed})
    assert response.status_code == 302, response.content.decode()[:2000]
    employer = Employer.objects.get()
    assert employer.postal_code == "M5V 3L9"
    assert employer.locations.get().postal_code == "M5V 3L9"


def test_it_refuses_an_employer_postal_code_that_is_not_one_and_keeps_what_was_typed(login, manager_a):
    response = login(manager_a).post(reverse("employers:employer_create"), {**EMPLOYER, "postal_code": "M5V 3L"})
    assert response.status_code == 422
    body = response.content.decode()
    assert "Enter a Canadian postal code such as M5V 2T6." in body and "Harbour Logistics" in body
    assert not Employer.objects.exists()


@pytest.mark.parametrize("typed", ["m5v3l9", " M5V  3L9 "])
def test_it_stores_a_leads_postal_code_in_any_spacing_on_create_and_edit(typed, login, manager_a, employer,
                                                                        lead_a):
    web = login(manager_a)
    response = web.post(reverse("employers:lead_create", args=[employer.code]), _lead(typed))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert JobLead.objects.get(title="Cook").postal_code == "M5V 3L9"
    response = web.post(reverse("employers:lead_edit", args=[lead_a.code]),
                        {**_lead(typed), "title": "Accountant", "noc": "11100"})
    assert response.status_code == 302, response.content.decode()[:2000]
    lead_a.refresh_from_db()
    assert lead_a.postal_code == "M5V 3L9"


def test_it_refuses_a_lead_postal_code_that_is_not_one(login, manager_a, employer):
    response = login(manager_a).post(reverse("employers:lead_create", args=[employer.code]), _lead("12345"))
    assert response.status_code == 422
    assert "Enter a Canadian postal code such as M5V 2T6." in response.content.decode()
    assert not JobLead.objects.filter(title="Cook").exists()
