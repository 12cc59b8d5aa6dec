from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from espportal.celery import app
from espportal.models import Heartbeat


def _database() -> dict:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True}
    except Exception as exc:
        return {"ok": False, "error": type(exc).__name__}


def _migrations() -> dict:
    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        return {"ok": not plan, "pending": len(plan)}
    except Exception as exc:
        return {"ok": False, "error": type(exc).__name__}


BROKER_TIMEOUT = 2  # seconds: a load balancer's probe must not hang on a dead broker


def _broker() -> dict:
    try:
        with app.connection_for_write(connect_timeout=BROKER_TIMEOUT) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=BROKER_TIMEOUT)
        return {"ok": True, "transport": app.conf.broker_url.split("://")[0]}
    except Exception as exc:
        return {"ok": False, "error": type(exc).__name__}


def report() -> dict:
    checks = {"database": _database(), "broker": _broker(), "migrations": _migrations()}
    heartbeat = None
    if checks["database"]["ok"] and checks["migrations"]["ok"]:
        beat = Heartbeat.objects.filter(name="celery").first()
        heartbeat = {"last_beat_at": beat.last_beat_at.isoformat(), "beats": beat.beats} if beat else None
    return {"ok": all(check["ok"] for check in checks.values()), **checks, "heartbeat": heartbeat}
