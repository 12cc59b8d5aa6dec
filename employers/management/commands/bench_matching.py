"""Time the matching engine on synthetic data in the current database, and show the pre-filter's plan.

    python manage.py bench_matching --leads 20000 --clients 50000

Rows it adds are tagged (employer "Bench employer ...", clients named "Bench") so --clean removes them.
"""

import random
import time
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from clients.models import Accommodation, Client, Consent, Occupation, OccupationalGoal
from employers import matching
from employers.models import Employer, JobLead, Permanence
from espportal.models import Provider, User

BENCH = "Bench"


class Command(BaseCommand):
    help = "Generate N leads and M clients, then time ranked leads for a client and ranked clients for a lead."

    def add_arguments(self, parser):
        parser.add_argument("--leads", type=int, default=2000)
        parser.add_argument("--clients", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--clean", action="store_true", help="Remove earlier bench rows and stop.")

    def handle(self, *args, leads, clients, seed, clean, **options):
        from django.conf import settings

        if settings.PRODUCTION:
            raise CommandError("bench_matching refuses to run with DJANGO_ENV=production.")
        if clean:
            self._clean()
            return
        units = list(Occupation.objects.filter(level=Occupation.Level.UNIT))
        if not units:
            raise CommandError("No NOC unit groups: run migrate first.")
        rng = random.Random(seed)
        started = time.perf_counter()
        with transaction.atomic():
            provider = self._provider()
            self._generate(rng, provider, units, leads, clients)
        self.stdout.write(f"Generated {leads} leads and {clients} clients in {time.perf_counter() - started:.1f}s")
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE employers_joblead; ANALYZE clients_client; ANALYZE clients_consent; "
                               "ANALYZE clients_occupationalgoal; ANALYZE employers_match")
        # A client who consented to employer sharing: without it there is nothing to rank (and no query to EXPLAIN).
        client = Client.objects.filter(last_name=BENCH, consents__scope=Consent.Scope.SHARE_EMPLOYERS,
                                       consents__withdrawn_at__isnull=True).order_by("?").first()
        # A typical lead (permanent, on site) so "clients for a lead" measures real candidates, not an empty set.
        lead = JobLead.objects.filter(employer__name__startswith=BENCH, status="open", permanence="permanent",
                                      remote=False, hours_per_week__gte=30).order_by("?").first()

        facts = matching.ClientFacts.of(client)
        sql, params = matching.lead_candidates(facts, today=timezone.localdate())[:matching.CANDIDATE_LIMIT] \
            .query.sql_with_params()
        with connection.cursor() as cursor:
            explain = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
            cursor.execute(explain + sql, params)
            self.stdout.write("\nPre-filter plan (leads for a client):")
            for row in cursor.fetchall():
                self.stdout.write("  " + " | ".join(str(col) for col in row))

        for label, run in (
            ("ranked leads for a client", lambda: matching.leads_for_client(client, limit=20)),
            ("ranked clients for a lead", lambda: matching.clients_for_lead(
                lead, Client.objects.filter(current_provider__isnull=False), limit=20)),
        ):
            timings = []
            for _ in range(5):
                t0 = time.perf_counter()
                result = run()
                timings.append(time.perf_counter() - t0)
            timings.sort()
            self.stdout.write(f"{label}: median {timings[2] * 1000:.0f} ms, worst {timings[-1] * 1000:.0f} ms, "
                              f"{len(result)} results")

    def _provider(self) -> Provider:
        provider, _created = Provider.objects.get_or_create(name=f"{BENCH} provider",
                                                            defaults={"region": "toronto", "languages": ["en"]})
        return provider

    def _generate(self, rng, provider, units, n_leads, n_clients):
        employers = Employer.objects.bulk_create([
            Employer(name=f"{BENCH} employer {i}-{rng.random():.6f}", name_normalised=f"bench {i} {rng.random()}",
                     postal_code="M5V 2T6", postal_normalised=f"B{rng.randrange(10**5):05d}", sector="54",
                     size_band="small")
            for i in range(max(1, n_leads // 10))
        ])
        accommodations = Accommodation.values
        now = timezone.now()
        leads = []
        for i in range(n_leads):
            unit = rng.choice(units)
            low = Decimal(rng.randrange(1700, 4500)) / 100
            leads.append(JobLead(
                employer=rng.choice(employers), provider=provider, title=f"Bench job {i}", occupation=unit,
                noc_code=unit.code, teer=unit.teer or 0, postal_code="M5V 2T6",
                latitude=Decimal(f"{43.3 + rng.random() * 1.2:.5f}"),
                longitude=Decimal(f"{-80.2 + rng.random() * 1.6:.5f}"), remote=rng.random() < 0.05,
                pay_min=low, pay_max=low + 3, hours_per_week=rng.choice([16, 24, 30, 37, 40]),
                permanence=rng.choice(Permanence.values), region="toronto",
                accommodations_offered=rng.sample(accommodations, rng.randrange(0, 4)),
                created_at=now - timezone.timedelta(days=rng.randrange(60)),
                status="open" if rng.random() < 0.9 else "filled",
            ))
        JobLead.objects.bulk_create(leads, batch_size=2000)
        granted_by = User.objects.order_by("pk").first()
        if granted_by is None:
            granted_by = User.objects.create_user(email="bench@example.test", password=None)
        batch = []
        for i in range(n_clients):
            batch.append(Client(
                first_name=f"C{i}", last_name=BENCH, date_of_birth="1990-01-01", postal_code="M5V 2T6",
                latitude=Decimal(f"{43.3 + rng.random() * 1.2:.5f}"),
                longitude=Decimal(f"{-80.2 + rng.random() * 1.6:.5f}"), education_level="college",
                max_commute_km=rng.choice([10, 20, 30, 50]), accommodations=rng.sample(accommodations[:3],
                                                                                       rng.randrange(0, 2)),
                current_provider=provider, min_hourly_wage=Decimal(rng.randrange(17, 30)),
                wants_part_time=rng.random() < 0.3,
            ))
        created = Client.objects.bulk_create(batch, batch_size=2000)
        OccupationalGoal.objects.bulk_create(
            [OccupationalGoal(client=c, occupation=rng.choice(units)) for c in created], batch_size=2000)
        Consent.objects.bulk_create(
            [Consent(client=c, scope=Consent.Scope.SHARE_EMPLOYERS, granted_by=granted_by)
             for c in created if rng.random() < 0.8], batch_size=2000)

    def _clean(self):
        clients = Client.objects.filter(last_name=BENCH)
        Consent.objects.filter(client__in=clients).delete()
        OccupationalGoal.objects.filter(client__in=clients).delete()
        JobLead.objects.filter(employer__name__startswith=BENCH).delete()
        clients.delete()
        Employer.objects.filter(name__startswith=BENCH).delete()
        self.stdout.write("Bench rows removed.")
