"""Objects the permission matrix and the building's tests share."""

import pytest

from espportal.models import Notification


@pytest.fixture
def notification_of_manager_b(manager_b):
    return Notification.objects.create(recipient=manager_b, subject="Private to manager B")


@pytest.fixture
def fresh_cache(settings):
    """allauth counts sign-in attempts and spent TOTP codes in the cache; give each test its own, empty one."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "espportal-tests"}}
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"


def reset_broker_pools(app):
    """Celery caches its connection and producer pools: drop them, so the next publish connects afresh to
    whatever broker_url now says (and a pool a test worker closed on its way out is not reused)."""
    import kombu.pools

    kombu.pools.reset()  # closes and forgets kombu's global pools, which Celery's are drawn from
    app._pool = None
    app.amqp._producer_pool = None


class BrokerOutage:
    """Points Celery at a broker nobody listens on (connection refused) until restore() puts the real one back."""

    def __init__(self):
        from espportal.celery import app

        self.app = app
        self.original = app.conf.broker_url

    def _reset_pools(self):
        reset_broker_pools(self.app)

    def start(self):
        self._reset_pools()
        self.app.conf.broker_url = UNREACHABLE_BROKER

    def restore(self):
        self._reset_pools()
        self.app.conf.broker_url = self.original


@pytest.fixture
def broker_down():
    outage = BrokerOutage()
    outage.start()
    yield outage
    outage.restore()


@pytest.fixture
def picker_name():
    """A search picker's name, for the permission matrix's row of espportal:pick."""
    return "specialist"
