"""Browser tests: pytest-playwright driving Debian's Chromium against pytest-django's live_server."""

import os

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, yield_hotp_counters_from_time

from espportal.models import Role
from tests.factories import MembershipFactory, UserFactory

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse ORM calls from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "correct horse battery"  # tests/factories.py
# A fixed base32 secret, so the test computes the same codes an authenticator app would show.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        ],
    }


@pytest.fixture
def live(live_server, transactional_db, settings):
    """The live server's address; allauth's cache (rate limits, spent codes) starts empty."""
    from django.core.cache import cache

    cache.clear()
    return live_server.url


def totp_code(secret: str = TOTP_SECRET) -> str:
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


@pytest.fixture
def counsellor_with_phone(transactional_db, provider_a):
    """A counsellor whose authenticator app holds TOTP_SECRET."""
    user = UserFactory(email="counsellor.e2e@example.test", first_name="Alice", last_name="Martin")
    MembershipFactory(user=user, provider=provider_a, role=Role.COUNSELLOR)
    TOTP.activate(user, TOTP_SECRET)
    return user
