"""The handoff brief: what a new counsellor needs from the record so the client does not start over."""

from django.utils import timezone

from caseload.models import Appointment, CaseNote, Task
from clients import selectors as clients_selectors


def _catalogue_french(item) -> str:
    """The French name of a plan item that is a catalogue service under its catalogue name ("" for the person's own
    words, which read as written)."""
    return item.service.name_fr if item.service_id and item.title == item.service.name else ""


def _assessment_and_plan(client) -> dict:
    """The latest assessment (segment and why) and the current action plan's items, from the clients app."""
    latest = client.assessments.order_by("-assessed_at", "-id").first()
    plan = clients_selectors.current_plan(client)
    items = clients_selectors.plan_items(plan) if plan else []
    return {
        "segment": latest.segment if latest else None,
        # Reasons as the assessment keeps them (codes, worded when read); an override reason is the person's words.
        "segment_reasons": list(latest.reasons) + (
            [latest.override_reason] if latest.override_reason else []) if latest else [],
        "plan_goals": [str(g) for g in plan.goals] if plan else [],
        "plan_items": [{"title": i.title, "title_fr": _catalogue_french(i), "status": i.status,
                        "due_on": i.due_on.isoformat() if i.due_on else None} for i in items],
    }


def brief_snapshot(case) -> dict:
    """A JSON snapshot of the record at handoff time, stored on the brief so it reads the same later."""
    client = case.client
    now = timezone.now()
    notes = CaseNote.objects.filter(client=client).exclude(visibility=CaseNote.Visibility.SENSITIVE).select_related(
        "author", "provider")

    def note_row(note):
        return {"when": note.created_at.isoformat(), "kind": note.kind, "by": note.author.display_name,
                "provider": note.provider.name, "body": note.body[:1000]}

    open_tasks = Task.objects.filter(case=case, done_at__isnull=True).select_related("assignee").order_by("due_on")
    return {
        "client": client.full_name,
        "stage": case.status,
        "goals": [
            {"title": goal.occupation.title, "title_fr": goal.occupation.title_fr, "noc": goal.occupation.code, "horizon": goal.horizon}
            for goal in client.goals.select_related("occupation")
        ],
        **_assessment_and_plan(client),
        "accommodations": list(client.accommodations),  # codes: the brief's reader sees them in their language
        "accommodation_notes": client.accommodation_notes,
        "advice": [note_row(n) for n in notes.filter(kind=CaseNote.Kind.ADVICE)[:10]],
        "last_contacts": [
            note_row(n) for n in notes.filter(kind__in=[CaseNote.Kind.CONTACT, CaseNote.Kind.MEETING])[:5]
        ],
        "open_tasks": [
            {"title": t.title, "title_key": t.title_key, "title_params": t.title_params, "kind": t.kind,
             "due_on": t.due_on.isoformat(), "assignee": t.assignee.display_name}
            for t in open_tasks
        ],
        "check_ins": [
            {"title": t.title, "title_key": t.title_key, "title_params": t.title_params, "due_on": t.due_on.isoformat()}
            for t in open_tasks if t.kind == "retention_check"
        ],
        "upcoming_appointments": [
            {"starts_at": a.starts_at.isoformat(), "mode": a.mode, "with": a.staff.display_name, "purpose": a.purpose}
            for a in Appointment.objects.filter(
                case=case, status=Appointment.Status.SCHEDULED, starts_at__gte=now
            ).select_related("staff")[:10]
        ],
    }
