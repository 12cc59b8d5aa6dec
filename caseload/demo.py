"""Synthetic case histories for the demo clients: past counsellors, many notes, tasks, appointments, a pending
transfer and two referrals. Idempotent: a client that already has a case file is left alone."""

import datetime as dt

from django.utils import timezone

from caseload import selectors, services
from caseload.models import Appointment, Assignment, CaseFile, CaseNote, Referral, Transfer
from espportal.demo import at_work

# (email of the first counsellor, email of the one who took over) per provider index.
COUNSELLORS = [
    ("counsellor.a@demo.espportal.ca", "counsellor.a2@demo.espportal.ca"),
    ("counsellor.b@demo.espportal.ca", "manager.b@demo.espportal.ca"),
    ("counsellor.c@demo.espportal.ca", "manager.c@demo.espportal.ca"),
]
MANAGERS = ["manager.a@demo.espportal.ca", "manager.b@demo.espportal.ca", "manager.c@demo.espportal.ca"]

# Notes are written about the person's own goal, so each case reads differently.
EARLY_NOTES = [
    ("meeting", "team", "First meeting with {name}. Wants to work as {goal}; we talked about what a good job looks like."),
    ("advice", "client", "Resume: lead with the experience closest to {goal} and keep it to one page."),
    ("plan_change", "team", "Added a short workshop and one-to-one coaching to the plan, at {name}'s request."),
    ("contact", "team", "Phoned {name} to confirm next week's session."),
    ("employer_contact", "team", "Asked an employer in our network about openings for {goal}."),
    ("meeting", "sensitive", "{name} shared pressures at home that affect attendance; referred to a community agency."),
    ("advice", "client", "Interview practice: answer with a short example of a problem you solved."),
]
LATER_NOTES = [
    ("contact", "team", "Introduced myself as {name}'s new counsellor; we read the handoff brief together."),
    ("advice", "client", "Cover letter: tailor the first paragraph to each employer hiring for {goal}."),
    ("meeting", "team", "Reviewed three leads with {name}; applying to two this week."),
]
TASKS = [
    "Send {name} the workshop schedule",
    "Call {name} about the information interview",
    "Check {name}'s applications from last week",
    "Book a mock interview for {name}",
    "Ask the job developer about leads for {goal}",
]


def _clients(context) -> list:
    clients = context.get("clients") or []
    return list(clients.values()) if isinstance(clients, dict) else list(clients)


def _spread_notes(notes, first_day: int, last_day: int) -> None:
    """Date notes evenly from `first_day` to `last_day` (days from today, negative: past), in office hours."""
    rows = list(notes.order_by("id").values_list("pk", flat=True))
    last_day = max(min(last_day, -1), first_day)
    for n, pk in enumerate(rows):
        day = first_day + (last_day - first_day) * n // max(len(rows) - 1, 1)
        CaseNote.objects.filter(pk=pk).update(created_at=at_work(day, hour=9 + (pk * 5) % 8, minute=(pk * 7) % 60))


def _words(client) -> dict:
    goal = client.goals.select_related("occupation").first()
    return {"name": client.first_name, "goal": goal.occupation.title.lower() if goal else "steady work nearby"}


def _history(client, i: int, provider_index: int, providers, staff) -> CaseFile:
    """Three shapes, in turn: one counsellor all along; a handoff to the provider's first counsellor; a handoff
    away from them. Clients the clients demo left without a first meeting stay on the waiting list."""
    provider = providers[provider_index]
    primary, other = (staff[email] for email in COUNSELLORS[provider_index])
    first, second = [(primary, None), (other, primary), (primary, other)][i % 3]
    manager = staff[MANAGERS[provider_index]]
    developer = staff.get("developer.a@demo.espportal.ca") if provider_index == 0 else None
    words = _words(client)
    waiting = client.first_meeting_at is None
    case = services.case_open(client=client, provider=provider, opened_by=manager, counsellor=first,
                              job_developer=developer)
    for kind, visibility, body in EARLY_NOTES[: 2 if waiting else len(EARLY_NOTES) - i % 3]:
        services.note_add(case=case, author=first, kind=kind, body=body.format(**words), visibility=visibility)
    current = first
    if second is not None:
        assignment = services.assignment_change(case=case, role="counsellor", staff=second, reason="leave",
                                                changed_by=manager)
        current = second
        # One brief is left for the demo's counsellor to read and acknowledge.
        if not (i == 1 and provider_index == 0):
            services.handoff_brief_acknowledge(brief=assignment.handoff_brief, user=second)
            for kind, visibility, body in LATER_NOTES:
                services.note_add(case=case, author=second, kind=kind, body=body.format(**words),
                                  visibility=visibility)
    for n in range(1 + i % 2):
        services.task_create(assignee=current, kind="follow_up", title=TASKS[(i + n) % len(TASKS)].format(**words),
                             case=case, due_on=timezone.localdate() + dt.timedelta(days=(i % 5) * 3 - 4 + n * 7),
                             created_by=current)
    # Dates relative to today, in office hours, and consistent with the clients demo: the case opened when the
    # person registered; a handoff happened two thirds of the way to today; nothing is dated after today.
    opened = client.registered_at
    span = max((timezone.localdate() - timezone.localtime(opened).date()).days, 3)
    ago = -span  # days from today to the opening
    handoff = ago + span * 2 // 3 if second is not None else None
    if not waiting:
        intake_at = client.first_meeting_at or at_work(ago + 2, hour=10)
        past = services.appointment_schedule(case=case, staff=first, mode="in_person", scheduled_by=first,
                                             starts_at=timezone.now() + dt.timedelta(minutes=5), purpose="Intake")
        Appointment.objects.filter(pk=past.pk).update(starts_at=intake_at)
        past.refresh_from_db()
        services.appointment_record(appointment=past, status="attended", recorded_by=first)
        for days, mode in ((2 + i % 4, "phone"), (9 + i % 5, "video"))[: 1 + i % 2]:
            services.appointment_schedule(case=case, staff=current, mode=mode, scheduled_by=current,
                                          starts_at=at_work(days, hour=9 + (i + days) % 7, minute=30 * (i % 2)),
                                          purpose="Job search review")
    CaseFile.objects.filter(pk=case.pk).update(opened_at=opened)
    if handoff is not None:
        Assignment.objects.filter(case=case, ended_at__isnull=False).update(
            started_at=opened, ended_at=at_work(handoff, hour=9))
    Assignment.objects.filter(case=case, ended_at__isnull=True, role="job_developer").update(started_at=opened)
    Assignment.objects.filter(case=case, ended_at__isnull=True, role="counsellor").update(
        started_at=at_work(handoff, hour=9) if handoff is not None else opened)
    _spread_notes(case.notes.filter(author=first) if second is not None else case.notes.all(),
                  ago + 1, (handoff if handoff is not None else 0) - 1)
    if second is not None:
        _spread_notes(case.notes.filter(author=second), handoff + 1, -1)
    return case


def seed(stdout, context: dict) -> dict:
    clients = _clients(context)
    if not clients:
        stdout.write("caseload: no demo clients from the clients app; no cases seeded.\n")
        return {}
    providers, staff = context["providers"], context["staff"]
    cases = []
    for i, client in enumerate(clients):
        existing = CaseFile.objects.filter(client=client).first()
        if existing is not None:
            cases.append(existing)
            continue
        index = next((i for i, p in enumerate(providers) if p.pk == client.current_provider_id), 0)
        cases.append(_history(client, i, index, providers, staff))
    first = cases[0]
    if first.provider_id == providers[0].pk and not Transfer.objects.filter(client=first.client).exists():
        services.transfer_request(client=first.client, to_provider=providers[1], record_consent=True,
                                  requested_by=staff[COUNSELLORS[0][1]], reason="Moving to Sudbury for family.")
    if not Referral.objects.filter(case__in=cases).exists():
        home = next((c for c in cases[1:] if c.provider_id == providers[0].pk), first)
        requester = selectors.current_assignee(home) or staff[MANAGERS[0]]
        own = None
        if home.provider_id == providers[0].pk:
            own = staff[COUNSELLORS[0][0] if requester.email != COUNSELLORS[0][0] else COUNSELLORS[0][1]]
        other = staff["counsellor.c@demo.espportal.ca" if home.provider_id != providers[2].pk
                      else "counsellor.b@demo.espportal.ca"]
        if own is not None and own.pk != requester.pk:
            services.referral_request(case=home, specialist=own, requested_by=requester,
                                      reason="Help with a warehouse resume and employer introductions.")
        services.referral_request(case=home, specialist=other, requested_by=requester, record_consent=True,
                                  reason="Newcomer credential recognition advice.")
    # The histories above back-date notes and appointments; the stored last contact follows them.
    services.cases_last_contact_recompute(CaseFile.objects.filter(pk__in=[case.pk for case in cases]))
    stdout.write(f"caseload: {len(cases)} demo cases.\n")
    return {"cases": cases}
