"""Synthetic case histories for the demo clients: past counsellors, many notes, tasks, appointments, a pending
transfer and two referrals. Idempotent: a client that already has a case file is left alone."""

import datetime as dt

from django.db.models import F
from django.utils import timezone

from caseload import selectors, services
from caseload.models import Appointment, Assignment, CaseFile, CaseNote, Referral, Transfer

# (email of the first counsellor, email of the one who took over) per provider index.
COUNSELLORS = [
    ("counsellor.a@demo.espportal.ca", "counsellor.a2@demo.espportal.ca"),
    ("counsellor.b@demo.espportal.ca", "manager.b@demo.espportal.ca"),
    ("counsellor.c@demo.espportal.ca", "manager.c@demo.espportal.ca"),
]
MANAGERS = ["manager.a@demo.espportal.ca", "manager.b@demo.espportal.ca", "manager.c@demo.espportal.ca"]

EARLY_NOTES = [
    ("meeting", "team", "First meeting. Wants warehouse or logistics work; has a forklift licence from 2019."),
    ("advice", "client", "Resume: move the forklift licence to the top and cut it to one page."),
    ("plan_change", "team", "Added a workplace safety refresher to the plan."),
    ("contact", "team", "Phoned to confirm the safety course date."),
    ("employer_contact", "team", "Spoke with a distribution centre about its spring hiring."),
    ("meeting", "sensitive", "Discussed housing pressure affecting attendance; referred to a community agency."),
    ("advice", "client", "Interview practice: answer with a short example of a time you solved a problem."),
]
LATER_NOTES = [
    ("contact", "team", "Introduced myself as the new counsellor; read the handoff brief together."),
    ("advice", "client", "Cover letter template shared; tailor the first paragraph to each employer."),
    ("meeting", "team", "Reviewed three leads; applying to two this week."),
    ("post_employment", "team", "Placeholder for follow-up once hired."),
]


def _clients(context) -> list:
    clients = context.get("clients") or []
    return list(clients.values()) if isinstance(clients, dict) else list(clients)


def _backdate_notes(case: CaseFile, start: dt.datetime, step: dt.timedelta) -> None:
    for i, note in enumerate(CaseNote.objects.filter(case=case).order_by("id")):
        CaseNote.objects.filter(pk=note.pk).update(created_at=start + step * i)


def _history(client, provider_index: int, providers, staff) -> CaseFile:
    provider = providers[provider_index]
    first, second = (staff[email] for email in COUNSELLORS[provider_index])
    manager = staff[MANAGERS[provider_index]]
    developer = staff.get("developer.a@demo.espportal.ca") if provider_index == 0 else None
    case = services.case_open(client=client, provider=provider, opened_by=manager, counsellor=first,
                              job_developer=developer)
    for kind, visibility, body in EARLY_NOTES:
        services.note_add(case=case, author=first, kind=kind, body=body, visibility=visibility)
    services.task_create(assignee=first, kind="follow_up", title="Send the safety course certificate to the client",
                         case=case, due_on=timezone.localdate() - dt.timedelta(days=3), created_by=first)
    assignment = services.assignment_change(case=case, role="counsellor", staff=second, reason="leave",
                                            changed_by=manager)
    services.handoff_brief_acknowledge(brief=assignment.handoff_brief, user=second)
    for kind, visibility, body in LATER_NOTES:
        services.note_add(case=case, author=second, kind=kind, body=body, visibility=visibility)
    services.task_create(assignee=second, kind="follow_up", title="Check on the two applications", case=case,
                         due_on=timezone.localdate() + dt.timedelta(days=2), created_by=second)
    services.task_create(assignee=second, kind="retention_check", title="Plan the first-month check-in",
                         case=case, due_on=timezone.localdate() + dt.timedelta(days=20), created_by=second)
    past = services.appointment_schedule(case=case, staff=first, mode="in_person", scheduled_by=first,
                                         starts_at=timezone.now() + dt.timedelta(minutes=5), purpose="Intake")
    Appointment.objects.filter(pk=past.pk).update(starts_at=timezone.now() - dt.timedelta(days=150))
    past.refresh_from_db()
    services.appointment_record(appointment=past, status="attended", recorded_by=first)
    for days, mode in ((2, "phone"), (9, "video"), (16, "in_person")):
        services.appointment_schedule(case=case, staff=second, mode=mode, scheduled_by=second,
                                      starts_at=timezone.now() + dt.timedelta(days=days, hours=1),
                                      purpose="Job search review")
    # A long history: the case opened half a year ago and the first counsellor held it for four months.
    opened = timezone.now() - dt.timedelta(days=180)
    CaseFile.objects.filter(pk=case.pk).update(opened_at=opened)
    Assignment.objects.filter(case=case, ended_at__isnull=False).update(
        started_at=opened, ended_at=opened + dt.timedelta(days=120))
    Assignment.objects.filter(case=case, ended_at__isnull=True, role="job_developer").update(started_at=opened)
    Assignment.objects.filter(case=case, ended_at__isnull=True, role="counsellor").update(
        started_at=opened + dt.timedelta(days=120))
    _backdate_notes(case, opened + dt.timedelta(days=1), dt.timedelta(days=15))
    CaseNote.objects.filter(case=case, author=second).update(created_at=F("created_at") + dt.timedelta(days=60))
    return case


def seed(stdout, context: dict) -> dict:
    clients = _clients(context)
    if not clients:
        stdout.write("caseload: no demo clients from the clients app; no cases seeded.\n")
        return {}
    providers, staff = context["providers"], context["staff"]
    cases = []
    for client in clients:
        existing = CaseFile.objects.filter(client=client).first()
        if existing is not None:
            cases.append(existing)
            continue
        index = next((i for i, p in enumerate(providers) if p.pk == client.current_provider_id), 0)
        cases.append(_history(client, index, providers, staff))
    first = cases[0]
    if first.provider_id == providers[0].pk and not Transfer.objects.filter(client=first.client).exists():
        services.transfer_request(client=first.client, to_provider=providers[1], record_consent=True,
                                  requested_by=staff[COUNSELLORS[0][1]], reason="Moving to Sudbury for family.")
    if not Referral.objects.filter(case__in=cases).exists():
        home = next((c for c in cases[1:] if c.provider_id == providers[0].pk), first)
        requester = selectors.current_assignee(home) or staff[MANAGERS[0]]
        own = staff["counsellor.a@demo.espportal.ca"] if home.provider_id == providers[0].pk else None
        other = staff["counsellor.c@demo.espportal.ca" if home.provider_id != providers[2].pk
                      else "counsellor.b@demo.espportal.ca"]
        if own is not None and own.pk != requester.pk:
            services.referral_request(case=home, specialist=own, requested_by=requester,
                                      reason="Help with a warehouse resume and employer introductions.")
        services.referral_request(case=home, specialist=other, requested_by=requester, record_consent=True,
                                  reason="Newcomer credential recognition advice.")
    stdout.write(f"caseload: {len(cases)} demo cases.\n")
    return {"cases": cases}
