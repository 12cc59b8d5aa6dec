"""A province-size synthetic network for benchmarks: `manage.py seed_demo --scale province|small [--fraction F]`.

One generator for both scales (small is the province divided by 100). Rows are written a chunk of clients at a
time with their cases, assignments, notes, tasks, appointments, placements and retention checks, so memory stays
flat (bulk_create for rows whose keys later rows need; PostgreSQL COPY, psycopg 3, for notes, tasks, appointments,
retention checks and matches); stored facts the services keep (the case's last contact, the client's
current provider) are computed here as the rows are made. It lives in outcomes, the top app, because it writes
every app's rows. Distributions:
- providers sized unevenly (a few large agencies, many small: weights 1/rank^0.7);
- a quarter of cases open (caseloads of 60-120 per counsellor at province scale), the rest closed over two years;
- 8% of clients registered and still waiting for a first meeting; notes skewed towards open cases;
- employer sectors skewed (retail, health care, construction, manufacturing, accommodation lead);
- clients and leads placed around Ontario's population centres (PLACES: Toronto about half);
- placements over two years, each with its 1/3/6/12-month checks: past ones answered, about 3% due now and 1%
  escalated, the rest scheduled.
One counsellor (scale.counsellor@scale.espportal.test, the benchmark's user) holds 300 open cases at both scales.
"""

import datetime as dt
import itertools
import random
import sys
import time
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from caseload.models import Appointment, Assignment, CaseFile, CaseNote, Task
from clients.models import Client, Consent, Occupation, OccupationalGoal
from employers.models import Employer, JobLead, Match, Permanence
from espportal.models import Membership, Provider, Role, User
from outcomes.models import Placement, RetentionCheck

PROVINCE = {"providers": 50, "staff": 2000, "clients": 500_000, "notes": 5_000_000, "employers": 20_000,
            "leads": 200_000, "placements": 300_000, "matches": 100_000}
SCALES = {"province": 1.0, "small": 0.01}
BENCH_COUNSELLOR = "scale.counsellor@scale.espportal.test"
BENCH_MANAGER = "scale.manager@scale.espportal.test"
BENCH_SEEKER = "scale.seeker@scale.espportal.test"
BENCH_CASELOAD = 300
PASSWORD = "demo-pass-2026"
CHUNK = 5000
SECTORS = {"44": 18, "62": 14, "23": 10, "31": 9, "72": 8, "48": 6, "54": 6, "56": 6, "61": 5, "91": 4, "52": 4,
           "81": 4, "41": 3, "53": 3}
REGIONS = ["toronto", "central", "eastern", "southwestern", "northern"]
FIRST = ["Amira", "Ben", "Chloé", "Dev", "Elena", "Farid", "Grace", "Hugo", "Isabelle", "Jamal", "Kai", "Lina",
         "Marc", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tara", "Uma", "Victor", "Wen", "Yara", "Zoe"]
LAST = ["Ahmed", "Brun", "Chen", "Dubois", "Farah", "Gagnon", "Hassan", "Ibrahim", "Jones", "Kaur", "Lee", "Martin",
        "Nguyen", "Okafor", "Patel", "Roy", "Singh", "Tremblay", "Wong", "Young"]
NOTE_KINDS = [("contact", 40), ("meeting", 20), ("advice", 25), ("other", 15)]
NOTE_BODIES = ["Phoned about the resume; sending two leads.", "Met to review the action plan.",
               "Mock interview practice; good progress.", "Left a voicemail about the job fair.",
               "Discussed transport to the new site.", "Reviewed the cover letter together."]


class Progress:
    """A one-line progress bar on stderr (a line per step when stderr is not a terminal)."""

    def __init__(self, stdout):
        self.stdout = stdout
        self.started = time.perf_counter()

    def step(self, label: str, done: int, total: int):
        width = 30
        filled = int(width * done / max(total, 1))
        line = f"\r{label:<12} [{'#' * filled}{'.' * (width - filled)}] {done:>9,}/{total:,} " \
               f"{time.perf_counter() - self.started:7.1f}s"
        if sys.stderr.isatty():
            sys.stderr.write(line)
            sys.stderr.flush()
        elif done >= total or done % (CHUNK * 20) == 0:
            self.stdout.write(line.strip())

    def done(self, label: str):
        if sys.stderr.isatty():
            sys.stderr.write("\n")
        self.stdout.write(f"{label} done at {time.perf_counter() - self.started:.1f}s")


def targets(scale: str, fraction: float = 1.0) -> dict:
    """Row counts for a scale: the province numbers times the scale's factor times `fraction`."""
    factor = SCALES[scale] * fraction
    counts = {key: max(1, int(value * factor)) for key, value in PROVINCE.items()}
    counts["providers"] = max(3, counts["providers"])
    counts["staff"] = max(counts["providers"] * 6, counts["staff"])
    return counts


def generate(*, scale: str, stdout, fraction: float = 1.0, seed: int = 11) -> dict:
    """Write a synthetic network of `targets(scale, fraction)` rows into the current database; returns the counts
    made. Refuses when scale rows already exist (drop and re-create the database to regenerate)."""
    if Provider.objects.filter(name__startswith="Scale provider").exists():
        raise ValueError("This database already holds scale data.")
    rng = random.Random(seed)
    counts = targets(scale, fraction)
    progress = Progress(stdout)
    units = list(Occupation.objects.filter(level=Occupation.Level.UNIT).only("pk", "code", "teer"))
    if not units:
        raise ValueError("No NOC unit groups: run migrate first.")
    now = timezone.now()
    with transaction.atomic():
        providers, counsellors, developers, managers = _network(rng, counts)
    progress.done("providers and staff")
    with transaction.atomic():
        employers, leads = _employers(rng, counts, providers, developers, units, now, progress)
    made = {"clients": 0, "notes": 0, "placements": 0, "checks": 0, "matches": 0}
    weights = [1 / (rank + 1) ** 0.7 for rank in range(len(providers))]
    per_client_notes = counts["notes"] / counts["clients"]
    per_client_placements = counts["placements"] / counts["clients"]
    per_client_matches = counts["matches"] / counts["clients"]
    bench = {"counsellor": User.objects.get(email=BENCH_COUNSELLOR), "left": BENCH_CASELOAD}
    for start in range(0, counts["clients"], CHUNK):
        size = min(CHUNK, counts["clients"] - start)
        with transaction.atomic():
            chunk = _clients_chunk(rng, start, size, providers, weights, counsellors, units, leads, now, bench,
                                   per_client_notes, per_client_placements, per_client_matches)
        for key in made:
            made[key] += chunk[key]
        progress.step("clients", start + size, counts["clients"])
    progress.done("clients, cases, notes, placements")
    _seeker(providers[0], bench["counsellor"])
    visibility_backfill()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    stdout.write(f"Made {len(providers)} providers, {counts['staff']} staff, {made['clients']:,} clients, "
                 f"{made['notes']:,} notes, {len(employers):,} employers, {len(leads):,} leads, "
                 f"{made['placements']:,} placements, {made['checks']:,} retention checks, {made['matches']:,} "
                 f"matches in {time.perf_counter() - progress.started:.0f}s.")
    return {**made, "providers": len(providers), "staff": counts["staff"], "employers": len(employers),
            "leads": len(leads)}


def visibility_backfill() -> None:
    """The access door's rows (clients.ClientVisibility, which clients.services keeps): each client is visible to
    their current provider. One INSERT ... SELECT."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO clients_clientvisibility (provider_id, client_id, via) "
            "SELECT current_provider_id, id, 'current' FROM clients_client WHERE current_provider_id IS NOT NULL "
            "ON CONFLICT DO NOTHING")


def _network(rng, counts):
    password = make_password(PASSWORD)
    providers = Provider.objects.bulk_create([
        Provider(name=f"Scale provider {i:02d}", region=REGIONS[i % len(REGIONS)], languages=["en", "fr"][: 1 + i % 2])
        for i in range(counts["providers"])])
    users, roles = [], []
    for i in range(counts["staff"]):
        provider = providers[i % len(providers)]
        index = i // len(providers)
        role = Role.MANAGER if index == 0 else Role.INTAKE if index == 1 else (
            Role.JOB_DEVELOPER if index % 4 == 2 else Role.COUNSELLOR)
        email = f"scale.staff{i}@scale.espportal.test"
        if i == 0:
            email = BENCH_MANAGER
        elif provider == providers[0] and role == Role.COUNSELLOR and BENCH_COUNSELLOR not in [u.email for u in users]:
            email = BENCH_COUNSELLOR
        users.append(User(email=email, password=password, kind=User.Kind.STAFF, first_name=rng.choice(FIRST),
                          last_name=rng.choice(LAST)))
        roles.append((provider, role))
    users = User.objects.bulk_create(users, batch_size=CHUNK)
    Membership.objects.bulk_create([Membership(user=u, provider=p, role=r) for u, (p, r) in zip(users, roles, strict=True)],
                                   batch_size=CHUNK)
    by_role = {}
    for user, (provider, role) in zip(users, roles, strict=True):
        by_role.setdefault(role, {}).setdefault(provider.pk, []).append(user)
    return providers, by_role.get(Role.COUNSELLOR, {}), by_role.get(Role.JOB_DEVELOPER, {}), by_role.get(Role.MANAGER,
                                                                                                             {})


# Where people and jobs are: Ontario's population centres (latitude, longitude, weight, spread in degrees), so a
# lead's 100 km box holds a region's clients, not the province's (employers.matching.BOX_KM).
PLACES = [(43.70, -79.42, 48, 0.25), (45.42, -75.69, 10, 0.15), (43.26, -79.87, 7, 0.12),
          (42.98, -81.25, 5, 0.10), (43.45, -80.49, 5, 0.10), (42.31, -83.04, 3, 0.08), (44.39, -79.69, 3, 0.10),
          (44.23, -76.49, 2, 0.08), (46.49, -80.99, 2, 0.08), (48.38, -89.25, 1, 0.08), (44.30, -78.32, 2, 0.08),
          (46.31, -79.46, 1, 0.08), (45.0, -80.0, 11, 1.5)]


def _coords(rng):
    lat, lng, _weight, spread = rng.choices(PLACES, [p[2] for p in PLACES])[0]
    return (Decimal(f"{lat + rng.uniform(-spread, spread):.5f}"),
            Decimal(f"{lng + rng.uniform(-spread, spread) * 1.4:.5f}"))


def _employers(rng, counts, providers, developers, units, now, progress):
    sectors, sector_weights = list(SECTORS), list(SECTORS.values())
    employers = Employer.objects.bulk_create([
        Employer(name=f"Scale employer {i}", name_normalised=f"scale employer {i}",
                 postal_code="M5V 2T6", postal_normalised=f"M{i % 10}V{i % 10}T{i % 10}",
                 sector=rng.choices(sectors, sector_weights)[0], size_band=rng.choice(["small", "medium", "large"]))
        for i in range(counts["employers"])], batch_size=CHUNK)
    leads = []
    batch = []
    any_developer = next(iter(developers.values()))[0]
    for i in range(counts["leads"]):
        unit = rng.choice(units)
        provider = providers[i % len(providers)]
        latitude, longitude = _coords(rng)
        low = Decimal(rng.randrange(1700, 4500)) / 100
        batch.append(JobLead(
            employer=employers[rng.randrange(len(employers))], provider=provider, title=f"Job {i}", occupation=unit,
            noc_code=unit.code, teer=unit.teer or 0, postal_code="M5V 2T6", latitude=latitude, longitude=longitude,
            remote=rng.random() < 0.05, pay_min=low, pay_max=low + 3, hours_per_week=rng.choice([16, 24, 30, 37, 40]),
            permanence=rng.choice(Permanence.values), region=provider.region, status="open",
            created_by=rng.choice(developers.get(provider.pk, [any_developer])),
            created_at=now - dt.timedelta(days=rng.randrange(90))))
        if len(batch) == CHUNK:
            leads += JobLead.objects.bulk_create(batch)
            batch = []
            progress.step("leads", len(leads), counts["leads"])
    leads += JobLead.objects.bulk_create(batch)
    progress.done("employers and leads")
    return employers, leads


def _copy(model, rows: list) -> None:
    """Write `rows` (unsaved instances whose primary keys nobody needs back) with PostgreSQL COPY (psycopg 3),
    several times faster than INSERT for the millions of notes and checks; batched bulk_create elsewhere."""
    if connection.vendor != "postgresql":
        model.objects.bulk_create(rows, batch_size=CHUNK)
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([f.get_db_prep_save(f.pre_save(row, add=True), connection) for f in fields])


def _count(rng, mean: float) -> int:
    """A whole number of rows with the given mean (floor, plus one with the fractional probability)."""
    whole = int(mean)
    return whole + (1 if rng.random() < mean - whole else 0)


def _clients_chunk(rng, start, size, providers, weights, counsellors, units, leads, now, bench, per_note,
                   per_placement, per_match):
    two_years = 730
    clients, plans = [], []
    for i in range(start, start + size):
        provider = rng.choices(providers, weights)[0]
        if bench["left"] > 0 and i % 3 == 0:
            provider = providers[0]
        registered = now - dt.timedelta(days=rng.random() * two_years)
        is_open = rng.random() < 0.25 or (bench["left"] > 0 and provider == providers[0])
        waiting = is_open and rng.random() < 0.32  # 8% of all clients
        if waiting:
            registered = now - dt.timedelta(days=rng.random() * 40)
        latitude, longitude = _coords(rng)
        clients.append(Client(
            first_name=rng.choice(FIRST), last_name=rng.choice(LAST), date_of_birth=dt.date(1960 + i % 45, 1 + i % 12,
                                                                                             1 + i % 28),
            postal_code="M5V 2T6", phone=f"416-555-{i % 10000:04d}", phone_digits=f"416555{i % 10000:04d}",
            latitude=latitude, longitude=longitude, max_commute_km=rng.choice([10, 20, 30, 50]),
            current_provider=provider, registered_at=registered,
            first_meeting_at=None if waiting else registered + dt.timedelta(days=rng.randrange(1, 20)),
            min_hourly_wage=Decimal(rng.randrange(17, 30)), wants_part_time=rng.random() < 0.3))
        pool = counsellors.get(provider.pk) or next(iter(counsellors.values()))
        staff = pool[rng.randrange(len(pool))]
        if provider == providers[0] and is_open and bench["left"] > 0:
            staff = bench["counsellor"]
            bench["left"] -= 1
        plans.append((provider, is_open, waiting, staff, registered))
    clients = Client.objects.bulk_create(clients)
    OccupationalGoal.objects.bulk_create([OccupationalGoal(client=c, occupation=rng.choice(units)) for c in clients])
    Consent.objects.bulk_create([Consent(client=c, scope=Consent.Scope.SHARE_EMPLOYERS, granted_by=plans[n][3])
                                 for n, c in enumerate(clients) if rng.random() < 0.8])
    cases, notes_for = [], []
    for client, (provider, is_open, waiting, _staff, registered) in zip(clients, plans, strict=True):
        opened = registered + dt.timedelta(hours=2)
        notes = []
        count = _count(rng, per_note * (2.0 if is_open else 0.66))
        span = max((now - opened).total_seconds(), 3600)
        for _ in range(0 if waiting else count):
            kind = rng.choices([k for k, _ in NOTE_KINDS], [w for _, w in NOTE_KINDS])[0]
            notes.append((kind, opened + dt.timedelta(seconds=rng.random() * span)))
        contacts = [at for kind, at in notes if kind in ("contact", "meeting")]
        closed = None if is_open else min(now, opened + dt.timedelta(days=rng.randrange(60, 400)))
        status = ("waiting" if waiting else rng.choice(["active", "active", "placed", "following_up"])) if is_open \
            else "closed"
        cases.append(CaseFile(client=client, provider=provider, status=status, opened_at=opened, closed_at=closed,
                              close_reason="" if is_open else "completed", last_contact_at=max(contacts, default=None)))
        notes_for.append(notes)
    cases = CaseFile.objects.bulk_create(cases)
    Assignment.objects.bulk_create([
        Assignment(case=case, staff=plan[3], role="counsellor", started_at=case.opened_at,
                   ended_at=case.closed_at) for case, plan in zip(cases, plans, strict=True)])
    note_rows, tasks, appointments = [], [], []
    for case, plan, notes in zip(cases, plans, notes_for, strict=True):
        staff = plan[3]
        for kind, at in notes:
            note_rows.append(CaseNote(case=case, client=case.client, provider=case.provider, author=staff, kind=kind,
                                      body=rng.choice(NOTE_BODIES), created_at=at,
                                      visibility=rng.choices(["team", "client", "sensitive"], [85, 10, 5])[0]))
        if case.closed_at is None:
            tasks.append(Task(assignee=staff, case=case, client=case.client, kind="follow_up", title="Follow up",
                              due_on=(now + dt.timedelta(days=rng.randrange(-10, 20))).date()))
            appointments.append(Appointment(case=case, client=case.client, staff=staff, created_by=staff,
                                            starts_at=now + dt.timedelta(days=rng.randrange(1, 30), hours=3)))
    _copy(CaseNote, note_rows)
    _copy(Task, tasks)
    _copy(Appointment, appointments)
    placements, checks = _placements(rng, cases, plans, units, now, per_placement)
    matches = _matches(rng, cases, leads, plans, now, per_match)
    return {"clients": len(clients), "notes": len(note_rows), "placements": placements, "checks": checks,
            "matches": matches}


def _placements(rng, cases, plans, units, now, per_placement):
    rows = []
    for case, plan in zip(cases, plans, strict=True):
        if plan[2] or rng.random() >= per_placement:
            continue
        unit = rng.choice(units)
        start = (case.opened_at + dt.timedelta(days=rng.randrange(20, 300))).date()
        if start > now.date():
            start = now.date() - dt.timedelta(days=rng.randrange(1, 30))
        rows.append(Placement(
            client=case.client, case=case, provider=case.provider, employer_name="Scale employer", start_date=start,
            title="Warehouse associate", occupation=unit, teer=unit.teer or 0, hours_per_week=Decimal("37.5"),
            hourly_pay=Decimal(rng.randrange(17, 35)), permanence="permanent", verification="pay_stub",
            verified_by=plan[3], recorded_by=plan[3], attribution=rng.choice(["direct", "assisted", "self_found"]),
            quality_index=rng.randrange(30, 95)))
    rows = Placement.objects.bulk_create(rows)
    checks = []
    today = now.date()
    for placement in rows:
        for months in (1, 3, 6, 12):
            due = placement.start_date + dt.timedelta(days=30 * months)
            age = (today - due).days
            answered = age > 20 or (age > 0 and rng.random() < 0.5)
            status = "pending" if age < 0 else (rng.choice(["employed_same", "employed_same", "employed_other",
                                                            "not_employed", "unreachable"]) if answered
                                                else "escalated" if age > 14 else "due")
            checks.append(RetentionCheck(
                placement=placement, client=placement.client, milestone_months=months, due_on=due, status=status,
                answered_at=now - dt.timedelta(days=max(age - 5, 0)) if status not in ("pending", "due",
                                                                                       "escalated") else None,
                evidence_kind="call_note" if status not in ("pending", "due", "escalated") else "",
                evidence="Phoned the client." if status not in ("pending", "due", "escalated") else ""))
    _copy(RetentionCheck, checks)
    return len(rows), len(checks)


def _matches(rng, cases, leads, plans, now, per_match):
    statuses = ["suggested", "shared", "interested", "applied", "interview", "offer", "hired", "not_for_me"]
    rows, seen = [], set()
    for case in cases:
        for _ in range(_count(rng, per_match)):
            lead = leads[rng.randrange(len(leads))]
            if (case.client_id, lead.pk) in seen:
                continue
            seen.add((case.client_id, lead.pk))
            status = rng.choice(statuses)
            rows.append(Match(client=case.client, lead=lead, status=status, score=rng.randrange(40, 100),
                              shared_at=None if status == "suggested" else now - dt.timedelta(days=rng.randrange(60))))
    _copy(Match, rows)
    return len(rows)


def _seeker(provider, counsellor):
    """A job seeker account on one of the bench counsellor's clients, for the seeker pages."""
    client = Client.objects.filter(current_provider=provider, case_files__assignments__staff=counsellor,
                                   user__isnull=True).order_by("pk").first()
    user = User.objects.create_user(email=BENCH_SEEKER, password=PASSWORD, kind=User.Kind.JOB_SEEKER,
                                    first_name=client.first_name, last_name=client.last_name)
    client.user = user
    client.save(update_fields=["user"])
    leads = list(itertools.islice(JobLead.objects.filter(status="open").order_by("pk"), 30))
    Match.objects.bulk_create([Match(client=client, lead=lead, status="shared", score=70, shared_at=timezone.now())
                               for lead in leads], ignore_conflicts=True)
