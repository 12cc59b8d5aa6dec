"""Throughput under concurrent users: gunicorn on loopback, N simulated sessions, p50/p95 and requests/s.

    python manage.py throughput --users 16 --seconds 30 --workers 2 --threads 4

Starts gunicorn (`outcomes.bench_wsgi`: the portal plus the trivial view) on a free loopback port against the
current database, signs the scale's benchmark counsellor in once per simulated user (a real session each), then
for each target (the trivial view, the sign-in page, the counsellor home, the case page and the client list)
runs `--users` threads that GET it in a loop for `--seconds` (urllib: no extra package), and reports
requests/s, p50, p95 and errors (any status but 200, or a failed connection). Bounded: at most 64 users and
120 seconds per target. Needs the scale data (`seed_demo --scale small|province`); writes JSON with --out.
"""

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client as WebClient
from django.urls import reverse

from caseload.models import CaseFile
from espportal.models import User
from outcomes import scale

MAX_USERS = 64
MAX_SECONDS = 120


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _p(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return round(ordered[max(0, int(round(share * len(ordered))) - 1)], 1) if ordered else 0.0


def _session_cookie(user) -> str:
    web = WebClient()
    web.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={web.cookies[settings.SESSION_COOKIE_NAME].value}"


def _drive(base: str, path: str, cookies: list[str], seconds: float) -> dict:
    """Each cookie is one user looping GET `path` until the time is up; returns the figures of all of them."""
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.perf_counter() + seconds

    def user(cookie):
        while time.perf_counter() < deadline:
            # base is our own http://127.0.0.1 gunicorn: no other scheme can reach urlopen.
            request = urllib.request.Request(base + path, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                    response.read()
                    ok = response.status == 200
            except (urllib.error.URLError, OSError):
                ok = False
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                errors[0] += 0 if ok else 1

    started = time.perf_counter()
    threads = [threading.Thread(target=user, args=(cookie,)) for cookie in cookies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {"requests": len(latencies), "errors": errors[0], "rps": round(len(latencies) / wall, 1),
            "p50_ms": _p(latencies, 0.5), "p95_ms": _p(latencies, 0.95),
            "median_ms": round(statistics.median(latencies), 1) if latencies else 0.0}


class Command(BaseCommand):
    help = "Gunicorn on loopback with concurrent simulated users: requests/s, p50, p95 and errors per page."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=16)
        parser.add_argument("--seconds", type=float, default=20)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument("--out", default="")

    def handle(self, *args, users, seconds, workers, threads, out, **options):
        if settings.PRODUCTION:
            raise CommandError("throughput refuses to run with DJANGO_ENV=production.")
        if not 1 <= users <= MAX_USERS or not 1 <= seconds <= MAX_SECONDS:
            raise CommandError(f"--users 1..{MAX_USERS} and --seconds 1..{MAX_SECONDS}.")
        counsellor = User.objects.filter(email=scale.BENCH_COUNSELLOR).first()
        if counsellor is None:
            raise CommandError("No scale data here: run `manage.py seed_demo --scale small` first.")
        case = CaseFile.objects.filter(assignments__staff=counsellor, assignments__ended_at__isnull=True).exclude(
            status="closed").order_by("pk").first()
        cookies = [_session_cookie(counsellor) for _ in range(users)]
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "DEBUG": "false", "ESP_REQUIRE_MFA": "false"}
        server = subprocess.Popen(  # noqa: S603 (a fixed argument list: this Python, gunicorn, numbers)
            [sys.executable, "-m", "gunicorn", "outcomes.bench_wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", str(workers), "--threads", str(threads), "--log-level", "warning"], env=env)
        try:
            self._wait(base)
            targets = [("trivial view", "/__bench__/trivial/", False), ("sign-in page", reverse("account_login"), False),
                       ("counsellor home", reverse("caseload:home"), True),
                       ("case page", reverse("caseload:case", args=[case.code]), True),
                       ("client list", reverse("clients:list"), True)]
            rows = {}
            for name, path, signed_in in targets:
                _drive(base, path, cookies[:2] if signed_in else [""] * 2, 2)  # warm the workers
                rows[name] = {"path": path, **_drive(base, path, cookies if signed_in else [""] * users, seconds)}
                row = rows[name]
                self.stdout.write(f"{name:<18}{row['rps']:>8} req/s  p50 {row['p50_ms']:>8} ms  p95 "
                                  f"{row['p95_ms']:>8} ms  {row['requests']:>6} requests  {row['errors']} errors")
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        trivial = rows["trivial view"]["rps"] or 0.1
        share = round(100 * rows["counsellor home"]["rps"] / trivial, 1)
        self.stdout.write(f"counsellor home throughput: {share}% of the trivial view's "
                          f"({users} users, {workers} workers x {threads} threads, {seconds:g} s per page)")
        result = {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "users": users, "seconds": seconds,
                  "workers": workers, "threads": threads, "pages": rows, "home_share_of_trivial_pct": share}
        if out:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            Path(out).write_text(json.dumps(result, indent=2))
            self.stdout.write(f"Wrote {out}")

    def _wait(self, base: str):
        for _ in range(100):
            try:
                with urllib.request.urlopen(base + "/__bench__/trivial/", timeout=2):  # noqa: S310
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        raise CommandError("gunicorn did not start.")
