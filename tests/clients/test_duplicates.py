"""Duplicate check at registration: anywhere in the network, without leaking another provider's details."""

import datetime as dt

import pytest

from clients import selectors, services
from clients.models import Client, Consent
from espportal.access import actor_for_user
from espportal.models import AuditEvent
from tests.clients.factories import make_client


@pytest.fixture
def lina_at_b(provider_b, counsellor_b):
    return make_client(provider_b, registered_by=counsellor_b, first_name="Lina", last_name="Farah",
                       date_of_birth=dt.date(1991, 3, 4), email="lina@example.test", phone="(613) 555-0199")


def test_it_matches_name_and_birth_date_email_or_phone_in_any_format(counsellor_a, lina_at_b):
    actor = actor_for_user(counsellor_a)
    by_name = selectors.possible_duplicates(actor, first_name="LINA", last_name="farah",
                                            date_of_birth=dt.date(1991, 3, 4))
    by_email = selectors.possible_duplicates(actor, email="Lina@Example.test")
    by_phone = selectors.possible_duplicates(actor, phone="+1 613 555 0199")
    assert [m.reasons for m in by_name + by_email + by_phone] == [["name_dob"], ["email"], ["phone"]]
    assert not selectors.possible_duplicates(actor, first_name="Lina", last_name="Farah",
                                             date_of_birth=dt.date(1991, 3, 5))


def test_it_hides_another_providers_record_until_the_person_consents(counsellor_a, counsellor_b, provider_a,
                                                                     lina_at_b):
    [match] = selectors.possible_duplicates(actor_for_user(counsellor_a), email="lina@example.test")
    assert (match.visible, match.at_own_provider, match.client) == (False, False, None)

    services.consent_grant(client=lina_at_b, scope=Consent.Scope.SHARE_PROVIDER, provider=provider_a,
                           granted_by=counsellor_b)
    [match] = selectors.possible_duplicates(actor_for_user(counsellor_a), email="lina@example.test")
    assert (match.visible, match.client) == (True, lina_at_b)
    [own] = selectors.possible_duplicates(actor_for_user(counsellor_b), email="lina@example.test")
    assert own.at_own_provider


def test_it_refuses_a_duplicate_unless_confirmed_and_audits_the_confirmation(provider_a, counsellor_a, lina_at_b):
    fields = {"first_name": "Lina", "last_name": "Farah", "date_of_birth": dt.date(1991, 3, 4),
              "postal_code": "K1A 0B1"}
    with pytest.raises(services.DuplicateClient) as error:
        services.client_register(provider=provider_a, registered_by=counsellor_a, **fields)
    assert error.value.codes == [str(lina_at_b.code)]
    assert Client.objects.count() == 1

    client = services.client_register(provider=provider_a, registered_by=counsellor_a,
                                      confirmed_not_duplicate=True, **fields)
    event = AuditEvent.objects.get(action="client.duplicate_overridden")
    assert (event.client_code, event.detail["resembles"]) == (client.code, [str(lina_at_b.code)])


def test_the_wizard_shows_another_providers_match_without_its_details(login, counsellor_a, lina_at_b):
    from tests.clients.test_intake import fill_all_steps

    web = login(counsellor_a)
    response = fill_all_steps(web, identity={"first_name": "Lina", "last_name": "Farah",
                                             "date_of_birth": "1991-03-04"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "A record exists at another provider" in page
    assert "613" not in page and str(lina_at_b.code) not in page and "Provider B" not in page
    assert Client.objects.count() == 1

    web.post("/clients/new/request-access/", {"token": response.context["matches"][0]["token"]})
    assert AuditEvent.objects.filter(action="client.access_requested", client_code=lina_at_b.code).exists()


def test_the_wizard_offers_to_open_a_record_at_the_same_provider(login, counsellor_a, client_a):
    from tests.clients.test_intake import fill_all_steps

    web = login(counsellor_a)
    response = fill_all_steps(web, identity={"email": "LINA.FARAH@example.test"})
    assert response.status_code == 422
    assert f'/clients/{client_a.code}/' in response.content.decode()
    assert "Open this record" in response.content.decode()


def test_the_wizard_registers_after_the_counsellor_confirms_a_different_person(login, counsellor_a, lina_at_b):
    from tests.clients.test_intake import fill_all_steps

    web = login(counsellor_a)
    identity = {"first_name": "Lina", "last_name": "Farah", "date_of_birth": "1991-03-04"}
    assert fill_all_steps(web, identity=identity).status_code == 422
    response = web.post("/clients/new/consents/", {"action": "register", "confirmed_not_duplicate": "on"})
    assert response.status_code == 302
    assert Client.objects.filter(first_name="Lina").count() == 2
    assert AuditEvent.objects.filter(action="client.duplicate_overridden").count() == 1
