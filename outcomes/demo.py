"""Synthetic placements for the demo: every attribution class, a spread of job quality over two years, and
retention checks in every state. No real person is described here. Runs after the lower apps' demos; when they
left too few open cases, it registers a few synthetic clients of its own through their services."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from caseload import services as caseload_services
from caseload.models import Assignment, CaseFile
from clients import services as client_services
from clients.models import Occupation, ServiceCatalogueEntry
from employers import services as employer_services
from employers.models import Employer
from espportal.demo import at_work
from espportal.models import Membership, Role
from outcomes import services
from outcomes.models import Placement, RetentionCheck, SupportRequest

# evidence, days from today to the start, NOC, title, hours, pay, permanence, benefits
SCENARIOS = [
    ("hiring_event", -700, "11100", "Junior accountant", "37.5", "27.50", "permanent", True),
    ("internship", -420, "21232", "Junior developer", "40", "31.00", "permanent", True),
    ("none", -330, "14101", "Receptionist", "24", "17.20", "casual", False),
    ("work_placement", -250, "14400", "Shipper and receiver", "40", "21.00", "contract", False),
    ("none", -160, "33102", "Patient service associate", "32", "19.50", "seasonal", False),
    ("hiring_event", -95, "13110", "Administrative assistant", "35", "23.00", "permanent", True),
    ("none", -36, "14101", "Front desk agent", "30", "18.00", "contract", False),
    ("resume", 14, "12200", "Bookkeeper", "30", "24.00", "permanent", False),
    ("interview_practice", 30, "22221", "Help desk technician", "37.5", "25.00", "contract", True),
]
# (scenario, months) -> how the check was answered; the others stay as the daily job leaves them.
ANSWERS = {
    (0, 1): ("employed_same", "Called: settling in well, same hours."),
    (0, 3): ("employed_same", "Met at the office: passed probation."),
    (0, 6): ("employed_same", "Called: still there, asked about training."),
    (0, 12): ("employed_other", "Called: moved to a larger firm for a senior role."),
    (1, 1): ("employed_same", "Called: enjoys the team."),
    (1, 3): ("unreachable", "Three calls and a voicemail over two weeks, no answer."),
    (2, 1): ("employed_same", "Called: shifts are irregular."),
    (2, 3): ("not_employed", "Called: hours dried up, looking again."),
    (3, 1): ("employed_same", "Called: contract renewed for three months."),
}
SYNTHETIC = [("Noor", "Qasim"), ("Tomas", "Lindqvist"), ("Adaeze", "Okonkwo"), ("Wei", "Zhang"),
             ("Elif", "Demir"), ("Mateo", "Rivas"), ("Priya", "Raman"), ("Jonah", "Whitfield"), ("Ana", "Sousa")]


def _counsellor_of(case):
    assignment = case.assignments.filter(role=Assignment.Role.COUNSELLOR, ended_at__isnull=True).first()
    return assignment.staff if assignment else None


def _cases(providers) -> list:
    """Open cases with a counsellor, from the lower demos, topped up with synthetic ones of our own."""
    # Only people who have met their counsellor: a placed client is never "waiting for a first meeting".
    cases = [c for c in CaseFile.objects.filter(status="active", provider__in=providers[:2], placements__isnull=True,
                                                  client__first_meeting_at__isnull=False).order_by("pk")
             if _counsellor_of(c) is not None][:len(SCENARIOS)]
    for i, (first, last) in enumerate(SYNTHETIC[:len(SCENARIOS) - len(cases)]):
        provider = providers[i % 2]
        counsellor = Membership.objects.active().filter(provider=provider, role=Role.COUNSELLOR).first()
        if counsellor is None:
            continue
        client = client_services.client_register(
            provider=provider, registered_by=counsellor.user, first_name=first, last_name=last,
            date_of_birth=dt.date(1985 + i, 1 + i, 10), postal_code="M5V 2T6", education_level="college",
            confirmed_not_duplicate=True)
        cases.append(caseload_services.case_open(client=client, provider=provider, opened_by=counsellor.user,
                                                 counsellor=counsellor.user))
    return cases


def _history_before(case, start: dt.date) -> None:
    """A placement long ago needs a case that began before it: move the registration, opening, first meeting
    and first assignment back (keeping them in office hours) so the file reads in order."""
    opened_by = at_work((start - timezone.localdate()).days - 120, hour=10)
    if case.opened_at <= opened_by:
        return
    client = case.client
    met = at_work((start - timezone.localdate()).days - 110, hour=11)
    type(client).objects.filter(pk=client.pk).update(registered_at=opened_by, first_meeting_at=met)
    CaseFile.objects.filter(pk=case.pk).update(opened_at=opened_by)
    case.appointments.filter(purpose="Intake").update(starts_at=met)
    first = case.assignments.order_by("started_at", "pk").first()
    if first is not None:
        type(first).objects.filter(pk=first.pk).update(started_at=opened_by)
    case.refresh_from_db()


def _evidence(kind, *, case, counsellor, employer, start):
    if kind in ("hiring_event", "internship", "work_placement") and employer is not None:
        employer_services.activity_record(provider=case.provider, staff=counsellor, employer=employer, kind=kind,
                                          date=start - dt.timedelta(days=40), attendees=[case.client],
                                          notes="Demo activity.")
    elif kind in ("resume", "interview_practice"):
        plan = client_services.plan_open(client=case.client, opened_by=counsellor, provider=case.provider)
        item = client_services.plan_item_add(plan=plan, added_by=counsellor, provider=case.provider,
                                             service=ServiceCatalogueEntry.objects.filter(kind=kind).first())
        client_services.plan_item_complete(item=item, completed_by=counsellor, outcome="Demo: done.")


def seed(stdout, context: dict) -> dict:
    if Placement.objects.exists():
        stdout.write("Outcomes: placements already seeded.\n")
        return {}
    today = timezone.localdate()
    employers = list(context.get("employers") or Employer.objects.order_by("pk")[:10])
    placements = []
    for i, (case, scenario) in enumerate(zip(_cases(context["providers"]), SCENARIOS, strict=False)):
        kind, days, noc, title, hours, pay, permanence, benefits = scenario
        counsellor = _counsellor_of(case)
        start = today + dt.timedelta(days=days)
        _history_before(case, start)
        employer = employers[i % len(employers)] if employers and kind != "none" else None
        _evidence(kind, case=case, counsellor=counsellor, employer=employer, start=start)
        placements.append(services.placement_record(
            client=case.client, recorded_by=counsellor, start_date=start, title=title,
            occupation=Occupation.objects.get(code=noc), hours_per_week=Decimal(hours), hourly_pay=Decimal(pay),
            permanence=permanence, benefits=benefits, employer=employer,
            employer_name="" if employer else "Neighbourhood employer (not in the network)",
            verification=("employer_confirmation", "pay_stub", "client_confirmation")[i % 3],
        ))
    services.retention_checks_fall_due(today=today)
    services.retention_checks_escalate(today=today)
    for (index, months), (status, note) in ANSWERS.items():
        if index < len(placements):
            check = RetentionCheck.objects.get(placement=placements[index], milestone_months=months)
            services.check_answer(check=check, status=status, evidence_kind="call_note", evidence=note,
                                  answered_by=_counsellor_of(placements[index].case))
    if placements:
        first = placements[0]
        services.support_request_open(client=first.client, placement=first, opened_by=_counsellor_of(first.case),
                                      category=SupportRequest.Category.ACCOMMODATION,
                                      body="Asked about a sit-stand desk after a back injury.")
    if len(placements) > 1:
        placement = placements[1]
        services.placement_contest(placement=placement, contested_by=_counsellor_of(placement.case),
                                   reason="Demo: the job developer introduced the client to the hiring manager.")
    stdout.write(f"Outcomes: {len(placements)} placements, "
                 f"{RetentionCheck.objects.exclude(status='pending').count()} retention checks past due.\n")
    return {"placements": placements}
