"""Fixtures the clients tests and the permission matrix share."""

import pytest

from clients import services
from clients.models import Consent
from tests.clients.factories import answers, make_client, make_plan_item


@pytest.fixture
def client_a(provider_a, counsellor_a, seeker_a):
    """A job seeker at provider A whose account is seeker_a."""
    return make_client(provider_a, registered_by=counsellor_a, user=seeker_a, first_name="Lina", last_name="Farah",
                       email="lina.farah@example.test", phone="416-555-0101")


@pytest.fixture
def client_b(provider_b, counsellor_b, seeker_b):
    return make_client(provider_b, registered_by=counsellor_b, user=seeker_b, first_name="Marc",
                       last_name="Bélanger", preferred_language="fr", email="marc.belanger@example.test")


@pytest.fixture
def consent_a(client_a, counsellor_a):
    return services.consent_grant(client=client_a, scope=Consent.Scope.SHARE_EMPLOYERS, granted_by=counsellor_a)


@pytest.fixture
def assessment_a(client_a, counsellor_a):
    return services.assessment_record(client=client_a, answers=answers("needs_tools", housing=2),
                                      assessed_by=counsellor_a)


@pytest.fixture
def plan_item_a(client_a, counsellor_a):
    return make_plan_item(client_a, by=counsellor_a)


@pytest.fixture
def intake_first_step():
    return "identity"


@pytest.fixture
def plan_a(plan_item_a):
    return plan_item_a.plan


@pytest.fixture
def clients_reference_data(transactional_db):
    """NOC 2021, skills and the service catalogue, put back after a transactional test flushed them.

    They come from data migrations, which a flush empties; browser tests (live_server) request this.
    """
    import importlib

    from django.apps import apps

    for name in ("0003_noc_and_skills", "0004_service_catalogue"):
        importlib.import_module(f"clients.migrations.{name}").load(apps, None)


@pytest.fixture
def invitation_a(provider_a, counsellor_a):
    """An open printed invitation for a client without an account; `.token` is the code the person types."""
    from types import SimpleNamespace

    from clients.services import invitation

    newcomer = make_client(provider_a, registered_by=counsellor_a, first_name="Noor", last_name="Haddad",
                           preferred_language="fr")
    issued, token = invitation.invitation_issue(client=newcomer, channel="printed", issued_by=counsellor_a)
    return SimpleNamespace(invitation=issued, token=token, client=newcomer)
