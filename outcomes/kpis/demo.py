"""Two years of synthetic history for the ministry's dashboards: every chart has a trend, every KPI a value, and
at least one cell is small enough to show "suppressed" (three Indigenous clients at Lakeshore).

The history is written directly as closed, past records (people served and placed over the last 24 months),
reproducibly (a seeded random generator), and then rolled up. No real person is described here. Open work for
today's staff comes from the other apps' demos, through their services; nothing here lands in a caseload.
"""

import datetime as dt
import random
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from caseload.models import Appointment, Assignment, CaseFile, Referral, Transfer
from clients.models import Client, Occupation
from espportal.models import Membership, Provider, Role
from outcomes.kpis import rollup
from outcomes.models import Placement, RetentionCheck
from outcomes.quality.models import Complaint, Survey

FIRST = ["Amira", "Ben", "Chloé", "Dev", "Émilie", "Farid", "Grace", "Hugo", "Ines", "Jae", "Kofi", "Léa", "Malik",
         "Nadia", "Omar", "Paulo", "Rana", "Sami", "Tara", "Yusuf"]
LAST = ["Abara", "Bouchard", "Chen", "Dubois", "Ekwueme", "Fortin", "Gill", "Haddad", "Ito", "Jensen", "Khan",
        "Lavoie", "Mensah", "Nguyen", "Okafor", "Pelletier", "Quispe", "Roy", "Singh", "Tremblay"]
# Per provider: (people over two years, share placed, attribution weights direct/assisted/self-found, groups)
PROFILES = [
    (90, 0.55, (5, 3, 2), ["newcomer", "racialized", "disability", "youth"]),
    (70, 0.45, (3, 3, 4), ["francophone", "mature", "youth"]),
    (60, 0.35, (2, 2, 6), ["social_assistance", "racialized", "newcomer"]),
]
STATUSES = ["employed_same"] * 6 + ["employed_other"] * 2 + ["not_employed"] * 2 + ["unreachable"] * 2


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    """`hour` o'clock in Toronto on `day`, or on the Friday before when `day` is a weekend: providers' history
    happens on working days (tests/test_demo_consistency.py)."""
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _staff(provider, role):
    return [m.user for m in Membership.objects.active().filter(provider=provider, role=role).select_related("user")]


def seed(stdout, context: dict) -> dict:
    if Survey.objects.filter(dedupe_key__startswith="kpi-demo:").exists():
        stdout.write("KPIs: history already seeded.\n")
        return {}
    providers = list(context.get("providers") or Provider.objects.order_by("pk")[:3])
    rng = random.Random(2026)
    today = timezone.localdate()
    start = today - relativedelta(months=24)
    occupation = Occupation.objects.filter(level=Occupation.Level.UNIT).order_by("code").first()
    people = 0
    for index, provider in enumerate(providers[:3]):
        size, placed_share, weights, groups = PROFILES[index]
        counsellors = _staff(provider, Role.COUNSELLOR) or _staff(provider, Role.MANAGER)
        if not counsellors or occupation is None:
            continue
        others = [p for p in providers if p != provider]
        for n in range(size):
            people += 1
            _person(rng, provider=provider, counsellors=counsellors, others=others, groups=groups,
                    registered=start + dt.timedelta(days=rng.randrange(0, 660)), placed=rng.random() < placed_share,
                    weights=weights, occupation=occupation, today=today, n=n)
        if index == 0:  # the visible suppressed cell: three Indigenous clients at the first provider
            for n in range(3):
                _person(rng, provider=provider, counsellors=counsellors, others=others, groups=["indigenous"],
                        registered=today - relativedelta(months=4) + dt.timedelta(days=n), placed=False,
                        weights=weights, occupation=occupation, today=today, n=1000 + n, force_groups=True)
    rows = rollup.rollup_range(start, today)
    stdout.write(f"KPIs: {people} people's two-year history, {rows} rollup rows.\n")
    return {}


def _person(rng, *, provider, counsellors, others, groups, registered, placed, weights, occupation, today, n,
            force_groups=False):
    counsellor = rng.choice(counsellors)
    chosen = groups if force_groups else [g for g in groups if rng.random() < 0.3]
    closed = min(registered + dt.timedelta(days=rng.randrange(90, 300)), today - dt.timedelta(days=1))
    client = Client.objects.create(
        first_name=rng.choice(FIRST), last_name=rng.choice(LAST), date_of_birth=dt.date(1960 + rng.randrange(45),
                                                                                         rng.randrange(1, 13), 15),
        postal_code="K1A 0B1", self_identification=chosen,
        self_identification_declined=not chosen and rng.random() < 0.3,
        segment=rng.choice([1, 2, 2, 3, 3]) if rng.random() < 0.9 else None,
        registered_at=_at(registered), first_meeting_at=_at(registered + dt.timedelta(days=rng.randrange(1, 35))))
    case = CaseFile.objects.create(client=client, provider=provider, status="closed", opened_at=_at(registered),
                                   closed_at=_at(closed), close_reason="completed")
    Assignment.objects.create(case=case, staff=counsellor, role=Assignment.Role.COUNSELLOR, started_at=_at(registered),
                              ended_at=_at(closed), reason=Assignment.Reason.INTAKE)
    if rng.random() < 0.15 and len(counsellors) > 1:
        Assignment.objects.create(case=case, staff=rng.choice(counsellors), role=Assignment.Role.COUNSELLOR,
                                  started_at=_at(registered + dt.timedelta(days=30)), ended_at=_at(closed),
                                  reason=Assignment.Reason.CASELOAD_BALANCE)
    day = registered + dt.timedelta(days=rng.randrange(1, 35))
    visits = []
    while day < closed:
        if rng.random() < 0.85:  # now and then someone is left without contact for a while (parked)
            visits.append(Appointment(case=case, client=client, staff=counsellor, starts_at=_at(day),
                                      status=Appointment.Status.ATTENDED, created_by=counsellor,
                                      created_at=_at(day - dt.timedelta(days=7))))
        day += dt.timedelta(days=rng.randrange(20, 70))
    Appointment.objects.bulk_create(visits)
    if others and rng.random() < 0.1:
        asked = registered + dt.timedelta(days=rng.randrange(20, 60))
        if asked + dt.timedelta(days=10) < closed:
            done = asked + dt.timedelta(days=rng.randrange(1, 10))
            Transfer.objects.create(client=client, from_case=case, from_provider=provider,
                                    to_provider=rng.choice(others), status=Transfer.Status.COMPLETED,
                                    requested_at=_at(asked), requested_by=counsellor, due_on=asked + dt.timedelta(10),
                                    completed_at=_at(done), completed_by=counsellor)
    if others and rng.random() < 0.2:
        specialist = _staff(rng.choice(others), Role.COUNSELLOR)
        asked = registered + dt.timedelta(days=rng.randrange(10, 60))
        if specialist and asked < closed:
            Referral.objects.create(case=case, client=client, from_provider=provider,
                                    to_provider=specialist[0].memberships.first().provider, specialist=specialist[0],
                                    requested_by=counsellor, reason="Demo: specialist help.",
                                    status=Referral.Status.COMPLETED, requested_at=_at(asked),
                                    closed_at=_at(min(closed, asked + dt.timedelta(days=30))))
    _survey(rng, provider, client, registered + dt.timedelta(days=10), "first_meeting", today)
    if placed:
        _placement(rng, case=case, counsellor=counsellor, weights=_weights_for(weights),
                   start=registered + dt.timedelta(days=rng.randrange(40, 200)), occupation=occupation, today=today)
    if rng.random() < 0.06:
        received = registered + dt.timedelta(days=rng.randrange(5, 80))
        if received < today:
            resolved = received + dt.timedelta(days=rng.randrange(2, 25))
            done = resolved < today
            Complaint.objects.create(
                provider=provider, client=client, kind=rng.choice(["service", "conduct", "language"]),
                body="Demo: waited too long for a call back.", filed_by=counsellor, channel="staff",
                received_at=_at(received), due_on=received + dt.timedelta(days=14),
                status="resolved" if done else "received", resolved_at=_at(resolved) if done else None,
                resolution="Demo: apologised and set a meeting." if done else "")


def _weights_for(weights):
    return [("direct", weights[0]), ("assisted", weights[1]), ("self_found", weights[2])]


def _survey(rng, provider, client, sent: dt.date, moment: str, today: dt.date):
    if sent >= today:
        return
    answered = rng.random() < 0.6
    Survey.objects.create(provider=provider, client=client, respondent="client", moment=moment,
                          dedupe_key=f"kpi-demo:{client.code}:{moment}", sent_at=_at(sent),
                          answered_at=_at(sent + dt.timedelta(days=2)) if answered else None,
                          score=rng.choice([2, 3, 4, 4, 5, 5]) if answered else None)


def _placement(rng, *, case, counsellor, weights, start: dt.date, occupation, today):
    if start >= today:
        return
    attribution = rng.choices([w[0] for w in weights], [w[1] for w in weights])[0]
    parts = {"permanent": rng.random() < 0.6, "full_time": rng.random() < 0.7, "pay": rng.random() < 0.5,
             "goal_aligned": rng.random() < 0.55, "teer_fit": rng.random() < 0.8, "benefits": rng.random() < 0.4}
    weight = {"permanent": 20, "full_time": 20, "pay": 20, "goal_aligned": 15, "teer_fit": 15, "benefits": 10}
    index = sum(weight[k] for k, met in parts.items() if met)
    quality = {k: {"met": met, "points": weight[k] if met else 0, "weight": weight[k]} for k, met in parts.items()}
    quality["teer_fit"]["underemployment"] = not parts["teer_fit"]
    placement = Placement.objects.create(
        client=case.client, case=case, provider=case.provider, employer_name="Demo employer", start_date=start,
        title="Demo role", occupation=occupation, teer=occupation.teer or 0,
        hours_per_week=Decimal("37.5") if parts["full_time"] else Decimal("24"),
        hourly_pay=Decimal("26.00") if parts["pay"] else Decimal("18.50"),
        permanence="permanent" if parts["permanent"] else "contract", benefits=parts["benefits"],
        verification="employer_confirmation", verified_by=counsellor, attribution=attribution,
        evidence=[], quality_index=index, quality_parts=quality, recorded_by=counsellor, recorded_at=_at(start))
    checks = []
    for months in (1, 3, 6, 12):
        due = start + relativedelta(months=months)
        if due < today:
            status = rng.choice(STATUSES)
            checks.append(RetentionCheck(placement=placement, client=case.client, provider=placement.provider,
                                         milestone_months=months, due_on=due, status=status, evidence_kind="call_note",
                                         evidence="Demo: called.", answered_at=_at(due), answered_by=counsellor))
        else:
            checks.append(RetentionCheck(placement=placement, client=case.client, provider=placement.provider,
                                         milestone_months=months, due_on=due))
    RetentionCheck.objects.bulk_create(checks)
    _survey(rng, case.provider, case.client, start + dt.timedelta(days=14), "placement", today)
