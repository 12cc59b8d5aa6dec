"""The demo reads like a real network (issue 14 §6): one seed_demo, checked across apps. Every record a person
opens agrees with the others: placements and their matches are the same person's, nothing that happened is dated
in the future, assignments end after they start, meetings and notes fall in business hours (Toronto), a placed
client has had a first meeting, and each French-speaking job seeker finds French for what they read (their goals,
plan, the skills and jobs shown to them)."""

import io
from collections import Counter

from django.core.management import call_command
from django.utils import timezone

from caseload.models import Appointment, Assignment, CaseNote
from clients.models import Client, PlanItem
from employers.models import Match
from outcomes.models import Placement

OPEN_HOUR, CLOSE_HOUR = 8, 19  # a provider's day, Toronto time: 8:00 to 19:00 (evening sessions included)


def _business_hours(when) -> bool:
    local = timezone.localtime(when)
    return local.weekday() < 5 and OPEN_HOUR <= local.hour < CLOSE_HOUR


def test_the_demo_is_consistent_across_apps(db):
    call_command("seed_demo", stdout=io.StringIO())
    now, problems = timezone.now(), []

    for placement in Placement.objects.select_related("match", "client").filter(match__isnull=False):
        if placement.match.client_id != placement.client_id:
            problems.append(f"placement {placement.code}: its match is another person's")
        if placement.client.first_meeting_at is None:
            problems.append(f"placement {placement.code}: {placement.client} placed without a first meeting")
    for note in CaseNote.objects.filter(created_at__gt=now):
        problems.append(f"note {note.code} dated in the future: {note.created_at:%Y-%m-%d}")
    for note in CaseNote.objects.all():
        if not _business_hours(note.created_at):
            problems.append(f"note {note.code} written at {timezone.localtime(note.created_at):%a %H:%M}")
    for appointment in Appointment.objects.all():
        if not _business_hours(appointment.starts_at):
            problems.append(f"appointment {appointment.code} at {timezone.localtime(appointment.starts_at):%a %H:%M}")
    for assignment in Assignment.objects.filter(ended_at__isnull=False):
        if assignment.ended_at < assignment.started_at or assignment.started_at > now:
            problems.append(f"assignment from {assignment.started_at:%Y-%m-%d} to {assignment.ended_at:%Y-%m-%d}")
    for client in Client.objects.filter(first_meeting_at__gt=now):
        problems.append(f"{client}: first meeting in the future")

    french = Client.objects.filter(preferred_language="fr")
    assert french.exists(), "the demo has no French-speaking job seeker"
    for client in french:
        for goal in client.goals.select_related("occupation"):
            if not goal.occupation.title_fr:
                problems.append(f"{client}: goal {goal.occupation.code} has no French title")
        for skill in client.skills.all():
            if not skill.name_fr:
                problems.append(f"{client}: skill {skill.code} has no French name")
        for item in PlanItem.objects.filter(client=client).select_related("service"):
            if item.service_id and item.title == item.service.name and not item.service.name_fr:
                problems.append(f"{client}: plan item {item.title!r} has no French name")
        for match in Match.objects.filter(client=client).select_related("lead__occupation"):
            if not match.lead.occupation.title_fr:
                problems.append(f"{client}: lead {match.lead.title!r} has no French NOC title")

    kinds = Counter(problem.split(" ", 1)[0] for problem in problems)
    assert not problems, f"{len(problems)} inconsistencies {dict(kinds)}:\n" + "\n".join(
        [next(p for p in problems if p.startswith(kind)) for kind in kinds] + problems[:20])
