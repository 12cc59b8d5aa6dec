"""`make bench`: server time, size and queries of every key page and API list, matching, the daily jobs, and
reference figures, on the current database (PostgreSQL), at the scale `seed_demo --scale` made.

    python manage.py bench --label small --out var/bench-small.json          # measure one database
    python manage.py bench --compare var/bench-small.json var/bench-province.json --out var/bench.json

Requests go through Django's test client in-process (server time: URL resolution, middleware, view, template,
every query), signed in as the scale's benchmark users. Writes a page makes (the audited open) are part of it.
"""

import json
import statistics
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client as WebClient
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import include, path, reverse

from caseload.models import CaseFile
from clients.models import Client
from employers import matching
from employers.models import JobLead
from espportal.models import User
from outcomes import bench_matching, scale


def trivial(request):
    """The reference: a view that does nothing (no session, no query)."""
    return HttpResponse("ok")


urlpatterns = [path("__bench__/trivial/", trivial), path("", include(settings.ROOT_URLCONF))]


class _Rollback(Exception):
    pass


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


class Command(BaseCommand):
    help = "Measure key pages, API lists, matching and daily jobs; print a table and write JSON."

    def add_arguments(self, parser):
        parser.add_argument("--label", default="")
        parser.add_argument("--repeat", type=int, default=15)
        parser.add_argument("--out", default="")
        parser.add_argument("--compare", nargs=2, metavar=("SMALL", "PROVINCE"))
        parser.add_argument("--only", default="", help="comma-separated words: measure only the rows whose name "
                            "holds one of them (e.g. --only 'client search,API notes'); the trivial view always runs")
        parser.add_argument("--matching", action="store_true", dest="matching_only",
                            help="measure only the trivial view and the two matching timings")
        parser.add_argument("--explain", action="store_true",
                            help="print EXPLAIN ANALYZE of the hot queries (PostgreSQL) and stop")

    def handle(self, *args, label, repeat, out, compare, explain, matching_only, only, **options):
        if settings.PRODUCTION:
            raise CommandError("bench refuses to run with DJANGO_ENV=production.")
        if explain:
            from outcomes.explain import explain_hot_queries

            explain_hot_queries(self.stdout)
            return
        if compare:
            result = self._compare(*compare)
        else:
            if not User.objects.filter(email=scale.BENCH_COUNSELLOR).exists():
                raise CommandError("No scale data here: run `manage.py seed_demo --scale small` first.")
            with override_settings(ROOT_URLCONF=__name__, ESP_REQUIRE_MFA=False, DEBUG=False):
                result = self._measure_matching(label, repeat) if matching_only else \
                    self._measure(label, repeat, [w.strip() for w in only.split(",") if w.strip()])
        if out:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            Path(out).write_text(json.dumps(result, indent=2, default=str))
            self.stdout.write(f"Wrote {out}")

    # --- one database -----------------------------------------------------------------------------------------

    def _measure(self, label: str, repeat: int, only: list[str] = ()) -> dict:
        """Every row, or those whose name holds one of the words in `only`."""
        counsellor = User.objects.get(email=scale.BENCH_COUNSELLOR)
        manager = User.objects.get(email=scale.BENCH_MANAGER)
        seeker = User.objects.get(email=scale.BENCH_SEEKER)
        case = CaseFile.objects.filter(assignments__staff=counsellor, assignments__ended_at__isnull=True).exclude(
            status="closed").select_related("client").order_by("pk").first()
        client = case.client
        lead = JobLead.objects.filter(status="open", provider=case.provider, remote=False).order_by("pk").first()
        code = client.code
        staff_pages = [
            ("counsellor home", reverse("caseload:home")),
            ("client list", reverse("clients:list")),
            ("client search", reverse("clients:list") + "?q=Singh"),
            ("client file", reverse("clients:detail", args=[code])),
            ("panel profile", reverse("clients:panel_profile", args=[code])),
            ("panel consent", reverse("clients:panel_consent", args=[code])),
            ("panel assessment", reverse("clients:panel_assessment", args=[code])),
            ("panel plan", reverse("clients:panel_plan", args=[code])),
            ("panel case", reverse("caseload:client_panel", args=[code])),
            ("panel matches", reverse("employers:client_panel", args=[code])),
            ("panel outcomes", reverse("outcomes:client_panel", args=[code])),
            ("case page", reverse("caseload:case", args=[case.code])),
            ("lead board", reverse("employers:lead_board")),
            ("lead candidates", reverse("employers:lead_detail", args=[lead.code])),
            ("check-ins due", reverse("outcomes:checks_due")),
            ("support list", reverse("outcomes:support_list")),
            ("pipeline", reverse("employers:pipeline")),
            ("employer directory", reverse("employers:directory")),
        ]
        api = ["clients", "cases", "notes", "tasks", "appointments", "leads", "matches", "placements",
               "retention-checks", "support-requests", "employers"]
        pages = [("trivial view", None, "/__bench__/trivial/"), ("sign-in page", None, reverse("account_login"))]
        pages += [(name, counsellor, url) for name, url in staff_pages]
        pages += [("manager page", manager, reverse("caseload:manager")),
                  ("ministry overview", _ministry_user(), reverse("kpis:overview")),
                  ("manager check-ins due", manager, reverse("outcomes:checks_due"))]
        pages += [(name, seeker, url) for name, url in [
            ("seeker home", reverse("clients:me")), ("seeker leads", reverse("employers:me_panel")),
            ("seeker case", reverse("caseload:me_panel")), ("seeker checks", reverse("outcomes:me_checks"))]]
        pages += [(f"API {name}", counsellor, f"/api/v1/{name}/") for name in api]

        def wanted(name: str) -> bool:
            return name == "trivial view" or not only or any(word in name for word in only)

        # The rollup runs before the ministry overview is timed, so the overview reads this run's facts.
        jobs = {}
        if wanted("KPI rollup (fiscal year to date)"):
            jobs["KPI rollup (fiscal year to date)"] = self._timed(_kpi_rollup, 1)
        rows = {name: self._time(user, url, repeat) for name, user, url in pages if wanted(name)}
        if wanted("top 20 leads for a client") or wanted("top 50 clients for a lead"):
            jobs.update(self._matching_jobs(counsellor, case.provider, repeat))
        for name, run, times in [("daily retention job", self._retention_job, 1),
                                 ("ministry overview rows, ORM", _overview_orm, repeat),
                                 ("ministry overview rows, bare SQL", _overview_sql, repeat)]:
            if wanted(name):
                jobs[name] = self._timed(run, times)
        result = {
            "label": label, "vendor": connection.vendor, "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "machine": _machine(), "counts": _counts(), "pages": rows, "jobs": jobs,
            "evaluation": _evaluation(),
        }
        self._print(result)
        return result

    def _matching_jobs(self, counsellor, provider, repeat: int) -> dict:
        """The two matching timings (`repeat` runs each), on a client and a lead whose lists are full
        (outcomes.bench_matching, named in each row's "subject"); a timing that returned fewer rows than asked
        is reported as not measured."""
        client, lead = bench_matching.bench_client(counsellor), bench_matching.bench_lead(provider)
        empty = {"median_ms": None, "p95_ms": None, "result": 0}
        leads = self._timed(lambda: matching.leads_for_client(client, limit=bench_matching.LEADS_ASKED), repeat) \
            if client else empty
        clients = self._timed(lambda: matching.clients_for_lead(lead, bench_matching.network_clients(),
                                                                 limit=bench_matching.CLIENTS_ASKED), repeat) \
            if lead else empty
        return {"top 20 leads for a client": {**bench_matching.measured(leads, bench_matching.LEADS_ASKED),
                                              "subject": client.code if client else None},
                "top 50 clients for a lead": {**bench_matching.measured(clients, bench_matching.CLIENTS_ASKED),
                                              "subject": lead.code if lead else None}}

    def _measure_matching(self, label: str, repeat: int) -> dict:
        """Only the trivial view (the reference) and the matching timings."""
        counsellor = User.objects.get(email=scale.BENCH_COUNSELLOR)
        provider = counsellor.memberships.first().provider
        result = {"label": label, "vendor": connection.vendor,
                  "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": _machine(),
                  "counts": _counts(), "pages": {"trivial view": self._time(None, "/__bench__/trivial/", repeat)},
                  "jobs": self._matching_jobs(counsellor, provider, repeat)}
        self._print(result)
        return result

    def _time(self, user, url: str, repeat: int) -> dict:
        web = WebClient()
        if user is not None:
            web.force_login(user)
        for _ in range(2):
            web.get(url)  # warm: the session's first write, caches
        samples = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            response = web.get(url)
            samples.append((time.perf_counter() - t0) * 1000)
        with CaptureQueriesContext(connection) as captured:
            response = web.get(url)
        return {"url": url, "status": response.status_code, "median_ms": round(statistics.median(samples), 1),
                "p95_ms": round(_p95(samples), 1), "bytes": len(response.content), "queries": len(captured)}

    def _timed(self, run, repeat: int) -> dict:
        samples, size = [], None
        for _ in range(repeat):
            t0 = time.perf_counter()
            result = run()
            samples.append((time.perf_counter() - t0) * 1000)
            size = len(result) if hasattr(result, "__len__") else result
        return {"median_ms": round(statistics.median(samples), 1), "p95_ms": round(_p95(samples), 1),
                "result": size}

    def _retention_job(self):
        from outcomes.tasks import retention_checks_run

        outcome = {}
        try:
            with transaction.atomic():
                outcome = retention_checks_run()
                raise _Rollback
        except _Rollback:
            pass
        return outcome

    def _print(self, result: dict):
        self.stdout.write(f"\n{result['label']} ({result['vendor']}, {result['when']}): {result['counts']}")
        self.stdout.write(f"{'page':<28}{'status':>7}{'median ms':>11}{'p95 ms':>9}{'bytes':>9}{'queries':>9}")
        for name, row in result["pages"].items():
            self.stdout.write(f"{name:<28}{row['status']:>7}{row['median_ms']:>11}{row['p95_ms']:>9}{row['bytes']:>9}"
                              f"{row['queries']:>9}")
        for name, row in result["jobs"].items():
            if row.get("not_measured"):
                self.stdout.write(f"{name:<28}{'':>7}  {row['not_measured']} — not measured")
                continue
            self.stdout.write(f"{name:<28}{'':>7}{row['median_ms']:>11}{row['p95_ms']:>9}   {row['result']}")
        if result.get("evaluation"):
            self.stdout.write(f"matching evaluation: {result['evaluation']}")

    # --- both scales --------------------------------------------------------------------------------------------

    def _compare(self, small_path: str, province_path: str) -> dict:
        small = json.loads(Path(small_path).read_text())
        province = json.loads(Path(province_path).read_text())
        trivial_p95 = province["pages"]["trivial view"]["p95_ms"] or 0.1
        rows = {}
        self.stdout.write(f"\nsmall: {small['counts']}\nprovince: {province['counts']}\n")
        self.stdout.write(f"{'page':<28}{'p95 small':>10}{'p95 prov':>10}{'prov/small':>11}{'/trivial':>9}"
                          f"{'bytes s':>9}{'bytes p':>9}{'q s':>5}{'q p':>5}")
        for name, big in province["pages"].items():
            little = small["pages"].get(name)
            if little is None:
                continue
            ratio = round(big["p95_ms"] / max(little["p95_ms"], 0.1), 2)
            rows[name] = {"small": little, "province": big, "p95_ratio": ratio,
                          "p95_over_trivial": round(big["p95_ms"] / trivial_p95, 1)}
            self.stdout.write(f"{name:<28}{little['p95_ms']:>10}{big['p95_ms']:>10}{ratio:>11}"
                              f"{rows[name]['p95_over_trivial']:>9}{little['bytes']:>9}{big['bytes']:>9}"
                              f"{little['queries']:>5}{big['queries']:>5}")
        for name, big in province["jobs"].items():
            little = small["jobs"][name]
            if big["p95_ms"] is None or little["p95_ms"] is None:
                rows[name] = {"small": little, "province": big, "p95_ratio": None, "p95_over_trivial": None}
                self.stdout.write(f"{name:<28} not measured")
                continue
            ratio = round(big["p95_ms"] / max(little["p95_ms"], 0.1), 2)
            rows[name] = {"small": little, "province": big, "p95_ratio": ratio,
                          "p95_over_trivial": round(big["p95_ms"] / trivial_p95, 1)}
            self.stdout.write(f"{name:<28}{little['p95_ms']:>10}{big['p95_ms']:>10}{ratio:>11}"
                              f"{rows[name]['p95_over_trivial']:>9}")
        for scale_name, data in (("small", small), ("province", province)):
            orm = data["jobs"].get("ministry overview rows, ORM")
            bare = data["jobs"].get("ministry overview rows, bare SQL")
            if orm and bare:
                ratio = round(orm["p95_ms"] / max(bare["p95_ms"], 0.1), 1)
                rows[f"ministry overview / bare SQL ({scale_name})"] = {"ratio": ratio}
                self.stdout.write(f"ministry overview ORM / bare SQL, {scale_name}: {ratio}")
        return {"small": small, "province": province, "rows": rows}


def _ministry_user() -> User:
    """The bench's ministry analyst (made on first use; MFA is off while the bench runs)."""
    user = User.objects.filter(email="scale.ministry@scale.espportal.test").first()
    return user or User.objects.create_user(email="scale.ministry@scale.espportal.test", password=scale.PASSWORD,
                                            kind=User.Kind.MINISTRY)


def _fiscal_year():
    from django.utils import timezone

    from outcomes.kpis import periods

    return periods.year_of(timezone.localdate())


def _kpi_rollup() -> int:
    """The KPI rollup of the current fiscal year so far (its months, quarters and the year), kept for the
    overview; returns rows written."""
    from django.utils import timezone

    from outcomes.kpis import rollup

    return rollup.rollup_range(_fiscal_year().start, timezone.localdate())


def _overview_orm() -> int:
    """What the ministry overview computes for the fiscal year: the snapshot (suppression included) and the
    regions table, through outcomes.kpis.selectors."""
    from outcomes.kpis import selectors

    period = _fiscal_year()
    snap = selectors.snapshot(period)
    return len(selectors.by_region(period, snap=snap).rows)


def _overview_sql() -> int:
    """The reference: the bare SQL of the rows the overview reads (the fiscal year's rollup cells), fetched."""
    year = _fiscal_year()
    with connection.cursor() as cursor:
        cursor.execute("SELECT period_kind, period_start, provider_id, area, dimension, value, stats "
                       "FROM kpis_providerperiodstats WHERE period_start BETWEEN %s AND %s", [year.start, year.end])
        return len(cursor.fetchall())


def _machine() -> str:
    import os
    import platform

    return f"{platform.node()} {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}"


def _counts() -> dict:
    from caseload.models import CaseNote
    from outcomes.models import Placement, RetentionCheck

    return {"clients": Client.objects.count(), "notes": CaseNote.objects.count(),
            "open leads": JobLead.objects.filter(status="open").count(), "placements": Placement.objects.count(),
            "retention checks": RetentionCheck.objects.count()}


def _evaluation() -> dict:
    """The matching engine's precision@5 and nDCG@10 on the labelled set (employers/evaluation)."""
    try:
        from employers.evaluation.metrics import evaluate
    except ImportError:
        return {}
    try:
        return evaluate()
    except Exception as error:  # the evaluation set needs reference data a bench database may lack
        return {"error": str(error)[:200]}
