"""Names are stored in NFC and compared without accents or case; postal codes are accepted in any spacing."""

import datetime as dt
import unicodedata

import pytest
from django.urls import reverse

from clients.models import Client, IntakeDraft
from clients.selectors import duplicate_candidates
from tests.clients.factories import make_client
from tests.clients.test_intake import STEP_DATA

DOB = dt.date(1979, 4, 2)
NEW = {"date_of_birth": DOB.isoformat(), "postal_code": "M5V 2T6"}


@pytest.fixture
def jose_at_b(provider_b, counsellor_b):
    return make_client(provider_b, registered_by=counsellor_b, first_name="José", last_name="Gagné",
                       date_of_birth=DOB)


@pytest.mark.parametrize(("first", "last"), [("Jose", "Gagne"), ("JOSE", "gagné"),
                                             (unicodedata.normalize("NFD", "José"),
                                              unicodedata.normalize("NFD", "Gagné")),
                                             ("  José ", "Gagné  ")])
def test_the_duplicate_check_ignores_accents_case_and_unicode_form(jose_at_b, first, last):
    assert list(duplicate_candidates(first_name=first, last_name=last, date_of_birth=DOB)) == [jose_at_b]


def test_a_different_name_or_birth_date_is_not_a_duplicate(jose_at_b):
    assert not duplicate_candidates(first_name="Josée", last_name="Gagné", date_of_birth=DOB).exists()
    assert not duplicate_candidates(first_name="José", last_name="Gagné", date_of_birth=DOB.replace(day=3)).exists()
    assert list(duplicate_candidates(first_name="José", last_name="Gagné", date_of_birth=DOB)) == [jose_at_b]


def test_the_api_refuses_the_unaccented_name_as_a_duplicate_revealing_nothing_of_the_other_record(
        login, counsellor_a, jose_at_b):
    response = login(counsellor_a).post("/api/v1/clients/", {**NEW, "first_name": "Jose", "last_name": "Gagne"},
                                        content_type="application/json")

    assert response.status_code == 400
    assert "duplicate" in response.json()
    text = response.content.decode()
    assert str(jose_at_b.code) not in text and "Gagné" not in text and "Provider B" not in text
    assert Client.objects.count() == 1


def test_names_are_stored_in_nfc(login, counsellor_a):
    decomposed = unicodedata.normalize("NFD", "Hélène")
    response = login(counsellor_a).post("/api/v1/clients/", {**NEW, "first_name": decomposed,
                                                             "last_name": "Côté"}, content_type="application/json")

    assert response.status_code == 201, response.content
    client = Client.objects.get()
    assert client.first_name == "Hélène" and len(client.first_name) == 6
    assert client.name_key == "helene|cote"


@pytest.mark.parametrize("typed", ["m5v2t6", " M5V  2T6 ", "m5v-2t6", "M5V 2t6"])
def test_the_api_accepts_a_postal_code_in_any_spacing_or_case(login, counsellor_a, typed):
    response = login(counsellor_a).post("/api/v1/clients/", {**NEW, "postal_code": typed, "first_name": "Ana",
                                                             "last_name": "Lima"}, content_type="application/json")

    assert response.status_code == 201, response.content
    assert Client.objects.get().postal_code == "M5V 2T6"


@pytest.mark.parametrize("typed", ["m6h1a1", "  m6h  1a1", "M6H-1A1"])
def test_the_intake_page_accepts_a_postal_code_in_any_spacing_or_case(login, counsellor_a, typed):
    response = login(counsellor_a).post(reverse("clients:intake_step", args=["identity"]),
                                        {**STEP_DATA["identity"], "postal_code": typed, "action": "next"})

    assert response.status_code == 302
    assert IntakeDraft.objects.get().data["identity"]["postal_code"] == [typed]


def test_a_postal_code_that_is_not_canadian_is_still_refused(login, counsellor_a):
    response = login(counsellor_a).post("/api/v1/clients/", {**NEW, "postal_code": "D5V 2T6", "first_name": "Ana",
                                                             "last_name": "Lima"}, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["postal_code"] == ["Enter a Canadian postal code such as M5V 2T6."]
