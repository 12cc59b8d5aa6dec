"""Personas every test speaks of: counsellor_a and manager_a at provider A, counsellor_b at provider B,
seeker_a and seeker_b (job seekers), ministry (an analyst). Staff and ministry personas have TOTP set up."""

import pytest
from django.db.models.signals import post_migrate
from django.dispatch import receiver
from django.test import Client as HttpClient

from espportal.models import Role, User
from tests.factories import ProviderFactory, UserFactory, staff_member

pytest_plugins = [
    "tests.espportal.fixtures",
    "tests.clients.fixtures",
    "tests.caseload.fixtures",
    "tests.employers.fixtures",
    "tests.outcomes.fixtures",
    "tests.quality.fixtures",
    "tests.funding.fixtures",
]


@pytest.fixture(autouse=True)
def _language_reset():
    """Each test starts in the site's default language, whatever the one before it activated."""
    from django.utils import translation

    yield
    translation.deactivate()


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


# --- transactional tests and the append-only audit table --------------------------------------------------------
# A transactional test (live_server, a real Celery worker) ends with a flush, which DELETEs (SQLite) or
# TRUNCATEs (PostgreSQL) every table; migration 0002's triggers rightly refuse that for the audit table. So such
# tests lift the triggers just before the flush, and the flush's post_migrate signal puts them back.

AUDIT_TRIGGERS_MIGRATION = "espportal.migrations.0002_auditevent_append_only"


def _audit_triggers(*, install: bool) -> None:
    import importlib

    from django.db import connection

    migration = importlib.import_module(AUDIT_TRIGGERS_MIGRATION)
    with connection.schema_editor() as editor:
        migration.down(None, editor)  # idempotent: DROP ... IF EXISTS
        if install:
            migration.up(None, editor)


@pytest.fixture(autouse=True)
def _audit_triggers_lifted_for_flush(request):
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or bool(marker and marker.kwargs.get("transaction"))
    if not transactional:
        yield
        return
    request.getfixturevalue("transactional_db")  # set up first, so its flush runs after this teardown
    yield
    _audit_triggers(install=False)


@receiver(post_migrate)
def _audit_triggers_back_after_flush(sender, **kwargs):
    if sender.label == "espportal" and "plan" not in kwargs:  # a flush (migrate passes its plan)
        _audit_triggers(install=True)
