"""/healthz/: what a load balancer and an operator see."""

import time

from django.urls import reverse

from espportal.models import Heartbeat
from espportal.tasks import heartbeat


def test_it_reports_healthy(db, web):
    response = web.get(reverse("healthz"))

    assert response.status_code == 200
    report = response.json()
    assert report["ok"] is True
    assert report["database"] == {"ok": True}
    assert report["broker"]["ok"] is True
    assert report["broker"]["transport"] in ("memory", "redis")
    assert report["migrations"] == {"ok": True, "pending": 0}
    assert report["heartbeat"] is None
    assert "no-cache" in response["Cache-Control"]


def test_it_shows_the_last_heartbeat(db, web):
    heartbeat()
    heartbeat()
    beat = Heartbeat.objects.get(name="celery")

    report = web.get(reverse("healthz")).json()

    assert report["heartbeat"] == {"last_beat_at": beat.last_beat_at.isoformat(), "beats": 2}


def test_it_answers_503_quickly_when_the_broker_is_unreachable(db, web, broker_down):
    started = time.monotonic()
    response = web.get(reverse("healthz"))

    assert time.monotonic() - started < 3
    assert response.status_code == 503
    report = response.json()
    assert report["ok"] is False
    assert report["broker"] == {"ok": False, "error": "OperationalError"}
    assert report["database"] == {"ok": True}
