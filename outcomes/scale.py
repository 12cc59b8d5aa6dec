"""A province-size synthetic network for benchmarks: `manage.py seed_demo --scale province|small [--fraction F]`.

One generator for both scales (small is the province divided by 100), PostgreSQL only. Providers, staff and
memberships are a few thousand ORM rows; everything else is made by the database with INSERT ... SELECT from
generate_series and deterministic pseudo-random expressions (outcomes.scale_sql: a hash of the row number and a
salt, so a run makes the same network every time), with the tables' secondary indexes dropped during the load and
rebuilt once after it, then ANALYZE. Stored facts the services keep are computed from the rows made: the case's
last contact is the latest contact or meeting note (one aggregate over the notes), the client's current provider
is their case's provider, the access door's visibility rows come from it. It lives in outcomes, the top app,
because it writes every app's rows. Distributions:
- providers sized unevenly (a few large agencies, many small: weights 1/rank^0.7);
- a quarter of cases open (caseloads of 60-120 per counsellor at province scale), the rest closed over two years;
- 8% of clients registered and still waiting for a first meeting; notes skewed towards open cases (20 a case on
  average against 6.6 for a closed one);
- employer sectors skewed (retail, health care, construction, manufacturing, accommodation lead);
- clients and leads placed around Ontario's population centres (PLACES: Toronto about half);
- placements over two years, each with its 1/3/6/12-month checks: past ones answered, about 3% due now and 1%
  escalated, the rest scheduled.
Matching (so the bench's matching timings score real candidates; outcomes.scale_profiles has the tables):
- a lead's occupation is a NOC unit group its employer's sector hires (SECTOR_NOC: retail -> 62/64/65, health
  care -> 3/44/422...), so leads follow the skewed sectors; 80% require 1-3 skills from their occupation's
  skills (SKILLS_BY_CATEGORY), 20% none (NO_SKILLS_LEAD_SHARE: entry-level postings often list none);
- a client's goal is drawn the same way (a sector with the SECTORS weights, then a unit group it hires): people
  look for the work the region offers; 30% have a second goal (SECOND_GOAL_SHARE); they have 2-4 of their first
  goal's occupation's skills, and 60% one general skill (teamwork, bilingual...);
- terms vary (ACCEPTS): 95% accept permanent work, 70% contract, 30% seasonal, 35% casual; leads are 55%
  permanent, 20% contract, 10% seasonal, 15% casual (LEAD_PERMANENCE); 20% are fine with remote work, 5% are
  open to interim work (the gate lifted), goal closeness is the default major group for 85%, the broad category
  for 10%, the minor group for 5%.
  Result at small scale (measured on 39 of the bench counsellor's clients, 2026-11-30): about 5% of the leads
  that pass a client's hard filters (terms, commute, consent) pass the relevance gate too (median 5%, 236 of
  4,613), a related-work share like a job board's for one person's trade; a lead's clients passing the gate:
  median 14 among 5,000 clients, up to 208. The bench picks a client and a lead with full lists
  (outcomes.bench_matching).
One counsellor (scale.counsellor@scale.espportal.test, the benchmark's user) holds 300 open cases at both scales.
"""

import itertools
import random
import sys
import time

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from caseload.models import Appointment, Assignment, CaseFile, CaseNote, Task
from clients.models import Client, ClientVisibility, Consent, Occupation, OccupationalGoal
from clients.models.reference import name_key
from employers.models import Employer, JobLead, Match
from espportal.models import Membership, Provider, Role, User
from outcomes.models import Placement, RetentionCheck
from outcomes.scale_profiles import create_lookups, general_count
from outcomes.scale_sql import (
    choice,
    drop_secondary_indexes,
    insert_select,
    literal,
    next_id,
    pick,
    rnd,
    run,
    sync_identity,
    weighted,
)

PROVINCE = {"providers": 50, "staff": 2000, "clients": 500_000, "notes": 5_000_000, "employers": 20_000,
            "leads": 200_000, "placements": 300_000, "matches": 100_000}
SCALES = {"province": 1.0, "small": 0.01}
BENCH_COUNSELLOR = "scale.counsellor@scale.espportal.test"
BENCH_MANAGER = "scale.manager@scale.espportal.test"
BENCH_SEEKER = "scale.seeker@scale.espportal.test"
BENCH_CASELOAD = 300
PASSWORD = "demo-pass-2026"
CHUNK = 5000
OPEN_SHARE = 0.25  # of cases
WAITING_SHARE_OF_OPEN = 0.32  # of open cases: 8% of all clients wait for a first meeting
SLICES = 10  # the per-client inserts run in this many slices of clients, one progress step each
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
MATCH_STATUSES = ["suggested", "shared", "interested", "applied", "interview", "offer", "hired", "not_for_me"]
CHECK_ANSWERS = ["employed_same", "employed_same", "employed_other", "not_employed", "unreachable"]
# The tables the bulk load writes, whose secondary indexes are dropped during it and rebuilt after.
LOADED = [Employer, JobLead, JobLead.required_skills.through, Client, Client.skills.through, OccupationalGoal, Consent,
          CaseFile, Assignment, CaseNote, Task, Appointment, Placement, RetentionCheck, Match]
# What people accept and want (shares of clients; see the module docstring for why).
ACCEPTS = {"permanent": 0.95, "contract": 0.7, "seasonal": 0.3, "casual": 0.35}
LEAD_PERMANENCE = {"permanent": 55, "contract": 20, "seasonal": 10, "casual": 15}
SECOND_GOAL_SHARE = 0.3
NO_SKILLS_LEAD_SHARE = 0.2


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
        else:
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
    """Write a synthetic network of `targets(scale, fraction)` rows into the current PostgreSQL database; returns
    the counts made. `seed` salts every pseudo-random draw (same seed, same network). Raises ValueError when scale
    rows already exist (drop and re-create the database to regenerate), when NOC unit groups are missing, or on a
    database other than PostgreSQL."""
    if connection.vendor != "postgresql":
        raise ValueError("The scale generator needs PostgreSQL.")
    if Provider.objects.filter(name__startswith="Scale provider").exists():
        raise ValueError("This database already holds scale data.")
    if not Occupation.objects.filter(level=Occupation.Level.UNIT).exists():
        raise ValueError("No NOC unit groups: run migrate first.")
    counts = targets(scale, fraction)
    progress = Progress(stdout)
    now = timezone.now()
    with transaction.atomic():

        providers, counsellors, developers, _managers = _network(random.Random(seed), counts)
    progress.done("providers and staff")
    made = {}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if cursor.fetchone()[0]:
            # Foreign keys are not checked row by row during the load (the generator makes them consistent; the
            # consistency tests check it). Only a superuser may do this; others load with the checks on.
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        cursor.execute("SET LOCAL work_mem = '128MB'")
        cursor.execute("SET LOCAL synchronous_commit = off")
        rebuild = drop_secondary_indexes(LOADED)
        load = _Load(seed=seed, counts=counts, now=now, providers=providers, counsellors=counsellors,
                     developers=developers, bench=User.objects.get(email=BENCH_COUNSELLOR), progress=progress)
        made = load.run()
        run(rebuild)
        progress.done("indexes rebuilt")
        sync_identity([Employer, JobLead, Client, CaseFile, Placement])
        visibility_backfill()
    _seeker(providers[0], User.objects.get(email=BENCH_COUNSELLOR))
    with connection.cursor() as cursor:
        if connection.in_atomic_block:
            cursor.execute("ANALYZE")
        else:  # VACUUM sets the visibility map, so index-only scans skip the heap on a fresh load
            cursor.execute("VACUUM (ANALYZE)")
    progress.done("analyze")
    stdout.write(f"Made {len(providers)} providers, {counts['staff']} staff, {made['clients']:,} clients, "
                 f"{made['notes']:,} notes, {made['employers']:,} employers, {made['leads']:,} leads, "
                 f"{made['placements']:,} placements, {made['checks']:,} retention checks, {made['matches']:,} "
                 f"matches in {time.perf_counter() - progress.started:.0f}s.")
    return {**made, "providers": len(providers), "staff": counts["staff"]}


def visibility_backfill() -> None:
    """The access door's rows (clients.ClientVisibility, which clients.services keeps): each client is visible to
    their current provider. One INSERT ... SELECT."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {ClientVisibility._meta.db_table} (provider_id, client_id, via) "
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


# Where people and jobs are: Ontario's population centres (latitude, longitude, weight, spread in degrees), so the
# people within a lead's reach are a region's, not the province's (employers.matching.REACH_BOX_SQL).
PLACES = [(43.70, -79.42, 48, 0.25), (45.42, -75.69, 10, 0.15), (43.26, -79.87, 7, 0.12),
          (42.98, -81.25, 5, 0.10), (43.45, -80.49, 5, 0.10), (42.31, -83.04, 3, 0.08), (44.39, -79.69, 3, 0.10),
          (44.23, -76.49, 2, 0.08), (46.49, -80.99, 2, 0.08), (48.38, -89.25, 1, 0.08), (44.30, -78.32, 2, 0.08),
          (46.31, -79.46, 1, 0.08), (45.0, -80.0, 11, 1.5)]


class _Load:
    """The bulk rows of one generation, each table one INSERT ... SELECT (the per-client tables a slice of clients
    at a time). Client n (0-based) has id client_base + n + 1, and so do its case file and its placement, so every
    table joins the plan (a temporary table of one row per client with the draws its rows share) by n."""

    def __init__(self, *, seed, counts, now, providers, counsellors, developers, bench, progress):
        self.seed, self.counts, self.now, self.progress = seed, counts, now, progress
        self.providers, self.counsellors, self.developers, self.bench = providers, counsellors, developers, bench
        self.at = f"{literal(now.isoformat())}::timestamptz"
        self.today = f"{literal(now.date().isoformat())}::date"
        self.base = {model: next_id(model) for model in (Employer, JobLead, Client, CaseFile, Placement)}

    def r(self, key: str, salt: int) -> str:
        return rnd(key, self.seed * 1000 + salt)

    def pick(self, key, salt, count):
        return pick(key, self.seed * 1000 + salt, count)

    def choice(self, key, salt, values, weights=None):
        return choice(key, self.seed * 1000 + salt, values, weights)

    def run(self) -> dict:
        self._lookups()
        made = {"employers": self._employers(), "leads": self._leads()}
        self._plan()
        made.update(self._per_client())
        return made

    def _lookups(self):
        """Small temporary tables the draws index into: providers (by rank), their counsellors and job developers
        (arrays, a provider without any borrows the first provider's), NOC unit groups, population centres."""
        first_counsellors = next(iter(self.counsellors.values()))
        first_developers = next(iter(self.developers.values()))
        # The bench counsellor's caseload is exactly the 300 cases the plan gives them, so others draw without them.
        rows = [(n, p.pk, p.region, [u.pk for u in self.counsellors.get(p.pk, first_counsellors)
                                     if u != self.bench] or [self.bench.pk],
                 [u.pk for u in self.developers.get(p.pk, first_developers)]) for n, p in enumerate(self.providers)]
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS scale_provider, scale_unit, scale_place, scale_plan")
            cursor.execute("CREATE TEMP TABLE scale_provider (n int PRIMARY KEY, id bigint, region text, "
                           "counsellors bigint[], developers bigint[])")
            cursor.executemany("INSERT INTO scale_provider VALUES (%s, %s, %s, %s, %s)", rows)
            cursor.execute(f"CREATE TEMP TABLE scale_unit AS SELECT (row_number() OVER (ORDER BY id) - 1)::int AS n, "
                           f"id, code, coalesce(teer, 0) AS teer FROM {Occupation._meta.db_table} WHERE level = %s",
                           [Occupation.Level.UNIT])
            cursor.execute("CREATE TEMP TABLE scale_place (n int, lat float8, lng float8, spread float8)")
            cursor.executemany("INSERT INTO scale_place VALUES (%s, %s, %s, %s)",
                               [(n, lat, lng, spread) for n, (lat, lng, _w, spread) in enumerate(PLACES)])
            cursor.execute("ANALYZE scale_provider; ANALYZE scale_unit; ANALYZE scale_place")
            cursor.execute("SELECT count(*) FROM scale_unit")
            self.units = cursor.fetchone()[0]
            create_lookups(cursor)
            self.general = general_count(cursor)

    def _place(self, key: str) -> tuple[str, str, str]:
        """(join, latitude, longitude) SQL placing row `key` around a population centre (5 decimals)."""
        join = f"JOIN scale_place pl ON pl.n = {weighted(key, self.seed * 1000 + 80, [p[2] for p in PLACES])}"
        return (join, f"round((pl.lat + ({self.r(key, 81)} * 2 - 1) * pl.spread)::numeric, 5)",
                f"round((pl.lng + ({self.r(key, 82)} * 2 - 1) * pl.spread * 1.4)::numeric, 5)")

    def _employers(self) -> int:
        total, base = self.counts["employers"], self.base[Employer]
        made = insert_select(Employer, {
            "id": f"{base} + n + 1", "name": "'Scale employer ' || n", "name_normalised": "'scale employer ' || n",
            "postal_code": "'M5V 2T6'", "postal_normalised": "'M' || n % 10 || 'V' || n % 10 || 'T' || n % 10",
            "sector": self.choice("n", 1, list(SECTORS), list(SECTORS.values())),
            "size_band": self.choice("n", 2, ["small", "medium", "large"]),
        }, f"FROM generate_series(0, {total - 1}) n", self.now)
        self.progress.done("employers")
        return made

    def _leads(self) -> int:
        total, base = self.counts["leads"], self.base[JobLead]
        key = "k + 1000000000"  # a key space apart from the clients', so leads are not placed like client n
        join, latitude, longitude = self._place(key)
        pay = f"((1700 + {self.pick(key, 91, 2800)}) / 100.0)"
        employer = f"{self.base[Employer] + 1} + {self.pick(key, 90, self.counts['employers'])}"
        made = insert_select(JobLead, {
            "id": f"{base} + k + 1", "employer_id": employer,
            "provider_id": "p.id", "title": "'Job ' || k", "occupation_id": "u.id", "noc_code": "u.code",
            "teer": "u.teer", "postal_code": "'M5V 2T6'", "latitude": latitude, "longitude": longitude,
            "remote": f"{self.r(key, 93)} < 0.05", "pay_min": pay, "pay_max": f"{pay} + 3",
            "hours_per_week": self.choice(key, 94, [16, 24, 30, 37, 40]),
            "permanence": self.choice(key, 95, list(LEAD_PERMANENCE), list(LEAD_PERMANENCE.values())),
            "region": "p.region", "status": "'open'",
            "created_by_id": f"p.developers[1 + {self.pick(key, 96, 'cardinality(p.developers)')}]",
            "created_at": f"{self.at} - make_interval(days => {self.pick(key, 92, 90)})",
        }, f"FROM generate_series(0, {total - 1}) k JOIN scale_provider p ON p.n = k % {len(self.providers)} "
           f"JOIN {Employer._meta.db_table} e ON e.id = {employer} JOIN scale_sector s ON s.sector = e.sector "
           f"JOIN scale_sector_unit su ON su.sector = s.sector AND su.idx = {self.pick(key, 97, 's.units')} "
           f"JOIN scale_unit u ON u.n = su.unit_n {join}", self.now)
        # Required skills: none for NO_SKILLS_LEAD_SHARE of the leads, else 1-3 draws from the occupation's skills.
        key = "l.id * 4 + m"
        insert_select(JobLead.required_skills.through, {"joblead_id": "x.lead_id", "skill_id": "x.skill_id"},
                      f"FROM (SELECT DISTINCT l.id AS lead_id, us.skill_id FROM {JobLead._meta.db_table} l "
                      f"JOIN scale_unit u ON u.id = l.occupation_id "
                      f"CROSS JOIN LATERAL generate_series(1, 1 + {self.pick('l.id', 98, 3)}) m "
                      f"JOIN scale_unit_skill us ON us.unit_n = u.n AND us.idx = {self.pick(key, 99, 'u.skills')} "
                      f"WHERE l.id > {base} AND {self.r('l.id', 100)} >= {NO_SKILLS_LEAD_SHARE}) x", self.now)
        self.progress.done("leads")
        return made

    def _plan(self):
        """One row per client with the draws its rows share: provider, counsellor, open/waiting, dates, how many
        notes and matches, whether placed. The bench counsellor's 300 open cases: every third of the first 900
        clients, at the first provider."""
        counts = self.counts
        # Waiting clients have no notes and no placement: the others make up for them, so the totals are the
        # targets (open cases write 2.0 notes for every 0.66 of a closed one).
        waiting = OPEN_SHARE * WAITING_SHARE_OF_OPEN
        per_note = counts["notes"] / counts["clients"] / ((OPEN_SHARE - waiting) * 2.0 + (1 - OPEN_SHARE) * 0.66)
        open_notes, closed_notes = per_note * 2.0, per_note * 0.66
        per_placement = counts["placements"] / counts["clients"] / (1 - waiting)
        per_match = counts["matches"] / counts["clients"]
        weights = [1 / (rank + 1) ** 0.7 for rank in range(len(self.providers))]

        def mean_count(mean, salt):
            return f"({int(mean)} + ({self.r('i', salt)} < {mean - int(mean)!r})::int)"

        with connection.cursor() as cursor:
            cursor.execute(f"""
                CREATE TEMP TABLE scale_plan AS
                SELECT e.*, e.registered + interval '2 hours' AS opened,
                  CASE WHEN e.is_open THEN NULL ELSE least({self.at}, e.registered + interval '2 hours'
                    + make_interval(days => 60 + {self.pick('i', 9, 340)})) END AS closed,
                  CASE WHEN e.waiting THEN 'waiting' WHEN e.is_open
                    THEN {self.choice('i', 10, ['active', 'active', 'placed', 'following_up'])} ELSE 'closed' END AS status,
                  CASE WHEN e.waiting THEN 0 WHEN e.is_open THEN {mean_count(open_notes, 11)}
                    ELSE {mean_count(closed_notes, 11)} END AS notes,
                  NOT e.waiting AND {self.r('i', 12)} < {per_placement!r} AS placed,
                  {mean_count(per_match, 13)} AS matches,
                  {self.r('i', 14)} < 0.8 AS consent
                FROM (
                  SELECT d.i, d.provider_id, d.is_open, d.waiting,
                    {self.at} - make_interval(secs => {self.r('i', 4)} * CASE WHEN d.waiting THEN 40 ELSE 730 END
                      * 86400) AS registered,
                    CASE WHEN d.bench THEN {self.bench.pk}
                      ELSE d.counsellors[1 + {self.pick('i', 8, 'cardinality(d.counsellors)')}] END AS staff_id
                  FROM (
                    SELECT c.*, p.id AS provider_id, p.counsellors, c.is_open AND {self.r('i', 3)} < {WAITING_SHARE_OF_OPEN} AS waiting
                    FROM (
                      SELECT i, bench, CASE WHEN bench THEN 0 ELSE {weighted('i', self.seed * 1000 + 1, weights)} END
                        AS provider_n, bench OR {self.r('i', 2)} < {OPEN_SHARE} AS is_open
                      FROM (SELECT i, i % 3 = 0 AND i < {3 * BENCH_CASELOAD} AS bench
                            FROM generate_series(0, {counts['clients'] - 1}) i) b
                    ) c JOIN scale_provider p ON p.n = c.provider_n
                  ) d
                ) e""")
            cursor.execute("CREATE INDEX ON scale_plan (i)")
            cursor.execute("ANALYZE scale_plan")
        self.progress.done("plan")

    def _slices(self, label, insert) -> int:
        """Run insert(where) over SLICES slices of the clients (`where` is an SQL condition on the plan row p),
        a progress step each; returns the rows inserted."""
        total, made = self.counts["clients"], 0
        size = -(-total // SLICES)
        for start in range(0, total, size):
            made += insert(f"p.i >= {start} AND p.i < {start + size}")
            self.progress.step(label, min(start + size, total), total)
        return made

    def _per_client(self) -> dict:
        client, case, placement = self.base[Client] + 1, self.base[CaseFile] + 1, self.base[Placement] + 1
        ids = {"client_id": f"{client} + p.i", "case_id": f"{case} + p.i"}
        firsts = [(f, name_key(f, "").split("|")[0]) for f in FIRST]
        lasts = [(name, name_key("", name).split("|")[1]) for name in LAST]
        first_n, last_n = self.pick("i", 20, len(FIRST)), self.pick("i", 21, len(LAST))
        join, latitude, longitude = self._place("i")
        made = {"clients": insert_select(Client, {
            "id": f"{client} + i", "first_name": f"(ARRAY[{', '.join(literal(f) for f, _ in firsts)}])[1 + {first_n}]",
            "last_name": f"(ARRAY[{', '.join(literal(name) for name, _ in lasts)}])[1 + {last_n}]",
            "name_key": f"(ARRAY[{', '.join(literal(k) for _, k in firsts)}])[1 + {first_n}] || '|' || "
                        f"(ARRAY[{', '.join(literal(k) for _, k in lasts)}])[1 + {last_n}]",
            "date_of_birth": "make_date(1960 + i % 45, 1 + i % 12, 1 + i % 28)", "postal_code": "'M5V 2T6'",
            "phone": "'416-555-' || lpad((i % 10000)::text, 4, '0')",
            "phone_digits": "'416555' || lpad((i % 10000)::text, 4, '0')",
            "latitude": latitude, "longitude": longitude, "max_commute_km": self.choice("i", 22, [10, 20, 30, 50]),
            "current_provider_id": "p.provider_id", "registered_at": "p.registered",
            "first_meeting_at": f"CASE WHEN p.waiting THEN NULL ELSE p.registered + make_interval(days => 1 + "
                                f"{self.pick('i', 5, 19)}) END",
            "min_hourly_wage": f"17 + {self.pick('i', 23, 13)}", "wants_part_time": f"{self.r('i', 24)} < 0.3",
            **{f"accepts_{kind}": f"{self.r('i', 26 + n)} < {share}" for n, (kind, share) in enumerate(ACCEPTS.items())},
            "remote_ok": f"{self.r('i', 34)} < 0.2", "open_to_interim_work": f"{self.r('i', 35)} < 0.05",
            "goal_closeness": self.choice("i", 36, [1, 2, 3], [10, 85, 5]),
        }, f"FROM scale_plan p {join}", self.now)}
        self.progress.done("clients")
        self._goals_and_skills(ids)
        insert_select(Consent, {"client_id": ids["client_id"], "scope": literal(Consent.Scope.SHARE_EMPLOYERS),
                                "granted_by_id": "p.staff_id", "granted_at": "p.opened"},
                      "FROM scale_plan p WHERE p.consent", self.now)
        self.progress.done("goals, consents")
        key = "p.i * 100 + n"
        made["notes"] = self._slices("notes", lambda where: insert_select(CaseNote, {
            **ids, "provider_id": "p.provider_id", "author_id": "p.staff_id",
            "kind": self.choice(key, 30, [k for k, _ in NOTE_KINDS], [w for _, w in NOTE_KINDS]),
            "body": self.choice(key, 31, NOTE_BODIES),
            "visibility": self.choice(key, 32, ["team", "client", "sensitive"], [85, 10, 5]),
            "created_at": f"p.opened + make_interval(secs => {self.r(key, 33)} * "
                          f"greatest(extract(epoch FROM {self.at} - p.opened), 3600))",
        }, f"FROM scale_plan p CROSS JOIN LATERAL generate_series(1, p.notes) n WHERE {where}", self.now))
        insert_select(CaseFile, {
            "id": ids["case_id"], "client_id": ids["client_id"], "provider_id": "p.provider_id", "status": "p.status",
            "opened_at": "p.opened", "closed_at": "p.closed",
            "close_reason": "CASE WHEN p.closed IS NULL THEN '' ELSE 'completed' END", "last_contact_at": "lc.at",
        }, f"FROM scale_plan p LEFT JOIN (SELECT case_id, max(created_at) AS at FROM {CaseNote._meta.db_table} "
           f"WHERE kind IN ('contact', 'meeting') AND case_id >= {case} GROUP BY case_id) lc "
           f"ON lc.case_id = {case} + p.i", self.now)
        insert_select(Assignment, {"case_id": ids["case_id"], "staff_id": "p.staff_id", "role": "'counsellor'",
                                   "started_at": "p.opened", "ended_at": "p.closed"}, "FROM scale_plan p", self.now)
        insert_select(Task, {**ids, "assignee_id": "p.staff_id", "kind": "'follow_up'", "title": "'Follow up'",
                             "due_on": f"{self.today} + (-10 + {self.pick('p.i', 40, 30)})"},
                      "FROM scale_plan p WHERE p.closed IS NULL", self.now)
        insert_select(Appointment, {**ids, "staff_id": "p.staff_id", "created_by_id": "p.staff_id",
                                    "starts_at": f"{self.at} + make_interval(days => 1 + {self.pick('p.i', 41, 29)}, "
                                                 f"hours => 3)"},
                      "FROM scale_plan p WHERE p.closed IS NULL", self.now)
        self.progress.done("cases, assignments, tasks, appointments")
        made["placements"] = self._placements(placement, ids)
        made["checks"] = self._checks(placement)
        made["matches"] = self._matches(ids)
        return made

    def _goals_and_skills(self, ids):
        """Goals: a unit group of a sector drawn with the leads' SECTORS weights (so people want the work the
        network offers), a second one for SECOND_GOAL_SHARE of clients. Skills: 2-4 draws from the first goal's
        occupation's skills and, for 60%, one general skill."""
        sector = self.choice("p.i * 2 + g", 25, list(SECTORS), list(SECTORS.values()))
        with connection.cursor() as cursor:
            cursor.execute(f"""
                CREATE TEMP TABLE scale_goal AS SELECT DISTINCT ON (p.i, su.unit_n) p.i, g, su.unit_n
                FROM scale_plan p CROSS JOIN LATERAL generate_series(0, ({self.r('p.i', 37)}
                  < {SECOND_GOAL_SHARE})::int) g
                JOIN scale_sector s ON s.sector = {sector}
                JOIN scale_sector_unit su ON su.sector = s.sector AND su.idx = {self.pick('p.i * 2 + g', 38, 's.units')}
                ORDER BY p.i, su.unit_n, g""")
        insert_select(OccupationalGoal, {"client_id": ids["client_id"], "occupation_id": "u.id"},
                      "FROM scale_goal p JOIN scale_unit u ON u.n = p.unit_n", self.now)
        key = "p.i * 8 + m"
        insert_select(Client.skills.through, {"client_id": f"{self.base[Client] + 1} + x.i", "skill_id": "x.skill_id"},
                      f"FROM (SELECT p.i, us.skill_id FROM scale_goal p JOIN scale_unit u ON u.n = p.unit_n "
                      f"CROSS JOIN LATERAL generate_series(1, 2 + {self.pick('p.i', 39, 3)}) m "
                      f"JOIN scale_unit_skill us ON us.unit_n = u.n AND us.idx = {self.pick(key, 42, 'u.skills')} "
                      f"WHERE p.g = 0 UNION SELECT p.i, gs.skill_id FROM scale_plan p JOIN scale_general gs "
                      f"ON gs.idx = {self.pick('p.i', 43, self.general)} WHERE {self.r('p.i', 44)} < 0.6) x", self.now)

    def _placements(self, placement, ids) -> int:
        start = f"(p.opened::date + 20 + {self.pick('p.i', 50, 280)})"
        made = insert_select(Placement, {
            **ids, "id": f"{placement} + p.i", "provider_id": "p.provider_id", "employer_name": "'Scale employer'",
            "start_date": f"CASE WHEN {start} > {self.today} THEN {self.today} - 1 - {self.pick('p.i', 51, 29)} "
                          f"ELSE {start} END",
            "title": "'Warehouse associate'", "occupation_id": "u.id", "teer": "u.teer", "hours_per_week": "37.5",
            "hourly_pay": f"17 + {self.pick('p.i', 52, 18)}", "permanence": "'permanent'",
            "verification": "'pay_stub'", "verified_by_id": "p.staff_id", "recorded_by_id": "p.staff_id",
            "attribution": self.choice("p.i", 53, ["direct", "assisted", "self_found"]),
            "quality_index": f"30 + {self.pick('p.i', 54, 65)}",
        }, f"FROM scale_plan p JOIN scale_unit u ON u.n = {self.pick('p.i', 55, self.units)} WHERE p.placed",
            self.now)
        self.progress.done("placements")
        return made

    def _checks(self, placement) -> int:
        """Each placement's 1/3/6/12-month checks (due 30 days a month after the start): answered when more than 20
        days past due (or half of those past due at all), escalated after 14 days, due, or pending before."""
        key = "c.placement_id * 16 + c.months"
        answered = f"(c.age > 20 OR (c.age > 0 AND {self.r(key, 60)} < 0.5))"
        done = f"(c.age >= 0 AND {answered})"
        made = insert_select(RetentionCheck, {
            "placement_id": "c.placement_id", "client_id": "c.client_id", "provider_id": "c.provider_id",
            "milestone_months": "c.months",
            "due_on": "c.due", "status": f"CASE WHEN c.age < 0 THEN 'pending' WHEN {answered} THEN "
                                         f"{self.choice(key, 61, CHECK_ANSWERS)} WHEN c.age > 14 THEN 'escalated' "
                                         "ELSE 'due' END",
            "answered_at": f"CASE WHEN {done} THEN {self.at} - make_interval(days => greatest(c.age - 5, 0)) END",
            "evidence_kind": f"CASE WHEN {done} THEN 'call_note' ELSE '' END",
            "evidence": f"CASE WHEN {done} THEN 'Phoned the client.' ELSE '' END",
        }, f"FROM (SELECT pl.id AS placement_id, pl.client_id, pl.provider_id, m.months, pl.start_date + 30 * m.months AS due, "
           f"{self.today} - (pl.start_date + 30 * m.months) AS age FROM {Placement._meta.db_table} pl "
           f"CROSS JOIN (VALUES (1), (3), (6), (12)) m(months) WHERE pl.id >= {placement}) c", self.now)
        self.progress.done("retention checks")
        return made

    def _matches(self, ids) -> int:
        key = "p.i * 8 + m"
        status = self.choice(key, 71, MATCH_STATUSES)
        made = insert_select(Match, {
            "client_id": "x.client_id", "lead_id": "x.lead_id", "status": "x.status", "score": "x.score",
            "shared_at": "x.shared_at",
        }, f"FROM (SELECT DISTINCT ON (client_id, lead_id) * FROM (SELECT {ids['client_id']} AS client_id, "
           f"{self.base[JobLead] + 1} + {self.pick(key, 70, self.counts['leads'])} AS lead_id, {status} AS status, "
           f"40 + {self.pick(key, 72, 60)} AS score, CASE WHEN {status} = 'suggested' THEN NULL ELSE {self.at} - "
           f"make_interval(days => {self.pick(key, 73, 60)}) END AS shared_at "
           f"FROM scale_plan p CROSS JOIN LATERAL generate_series(1, p.matches) m) y) x", self.now)
        self.progress.done("matches")
        return made


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
