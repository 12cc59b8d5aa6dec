"""Personas every test speaks of: counsellor_a and manager_a at provider A, counsellor_b at provider B,
seeker_a and seeker_b (job seekers), ministry (an analyst). Staff and ministry personas have TOTP set up."""

import pytest
from django.test import Client as HttpClient

from espportal.models import Role, User
from tests.factories import ProviderFactory, UserFactory, staff_member

pytest_plugins = [
    "tests.espportal.fixtures",
    "tests.clients.fixtures",
    "tests.caseload.fixtures",
    "tests.employers.fixtures",
    "tests.outcomes.fixtures",
]


@pytest.fixture
def web():
    """The HTTP test client (pytest-django's `client` name clashes with our Client model)."""
    return HttpClient()


@pytest.fixture
def provider_a(db):
    return ProviderFactory(name="Provider A", region="toronto", languages=["en"])


@pytest.fixture
def provider_b(db):
    return ProviderFactory(name="Provider B", region="northern", languages=["en", "fr"])


@pytest.fixture
def counsellor_a(provider_a):
    return staff_member(provider_a, Role.COUNSELLOR, email="counsellor.a@example.test", first_name="Alice")


@pytest.fixture
def counsellor_a2(provider_a):
    return staff_member(provider_a, Role.COUNSELLOR, email="counsellor.a2@example.test", first_name="Aaron")


@pytest.fixture
def developer_a(provider_a):
    return staff_member(provider_a, Role.JOB_DEVELOPER, email="developer.a@example.test", first_name="Dana")


@pytest.fixture
def intake_a(provider_a):
    return staff_member(provider_a, Role.INTAKE, email="intake.a@example.test", first_name="Ivan")


@pytest.fixture
def manager_a(provider_a):
    return staff_member(provider_a, Role.MANAGER, email="manager.a@example.test", first_name="Maya")


@pytest.fixture
def counsellor_b(provider_b):
    return staff_member(provider_b, Role.COUNSELLOR, email="counsellor.b@example.test", first_name="Bruno")


@pytest.fixture
def manager_b(provider_b):
    return staff_member(provider_b, Role.MANAGER, email="manager.b@example.test", first_name="Bea")


@pytest.fixture
def seeker_a(db):
    return UserFactory(kind=User.Kind.JOB_SEEKER, email="seeker.a@example.test", first_name="Sam")


@pytest.fixture
def seeker_b(db):
    return UserFactory(kind=User.Kind.JOB_SEEKER, email="seeker.b@example.test", first_name="Sofia",
                       preferred_language="fr")


@pytest.fixture
def ministry(db):
    return UserFactory(kind=User.Kind.MINISTRY, email="analyst@example.test", with_totp=True)


@pytest.fixture
def login(web):
    def _login(user):
        web.force_login(user)
        return web

    return _login
