"""Hand-built histories for KPI tests: rows written directly with exact dates, so each expected figure can be
counted by hand from the test itself (not from the code under test)."""

import datetime as dt
import itertools
from decimal import Decimal
from zoneinfo import ZoneInfo

from caseload.models import Appointment, Assignment, CaseFile, CaseNote, Referral, Transfer
from clients.models import Client
from outcomes.models import Placement, RetentionCheck
from outcomes.quality.models import Complaint, Survey
from tests.employers.factories import noc

TZ = ZoneInfo("America/Toronto")
_seq = itertools.count(1)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


def person(provider, *, registered: dt.date, groups=(), segment=None, first_meeting: dt.date | None = None,
           closed: dt.date | None = None, counsellor=None, first_name=None, last_name=None) -> CaseFile:
    """A client registered (and their case opened) at `provider` on `registered`; returns the case."""
    n = next(_seq)
    client = Client.objects.create(
        first_name=first_name or f"Person{n}", last_name=last_name or f"Kpi{n:04d}", date_of_birth=dt.date(1990, 1, 1),
        postal_code="M5V 2T6", registered_at=at(registered), self_identification=list(groups), segment=segment,
        first_meeting_at=at(first_meeting) if first_meeting else None, current_provider=provider)
    case = CaseFile.objects.create(client=client, provider=provider, status="closed" if closed else "active",
                                   opened_at=at(registered), closed_at=at(closed) if closed else None,
                                   close_reason="completed" if closed else "")
    if counsellor is not None:
        Assignment.objects.create(case=case, staff=counsellor, role="counsellor", started_at=at(registered),
                                  reason="intake")
    return case


def placement(case, *, start: dt.date, by, attribution="direct", quality_index=80, goal_aligned=True,
              underemployed=False) -> Placement:
    parts = {"goal_aligned": {"met": goal_aligned}, "teer_fit": {"met": not underemployed,
                                                                  "underemployment": underemployed}}
    return Placement.objects.create(
        client=case.client, case=case, provider=case.provider, employer_name="Lakeside Books", start_date=start,
        title="Clerk", occupation=noc("11100"), teer=1, hours_per_week=Decimal("37.5"), hourly_pay=Decimal("25"),
        permanence="permanent", verification="employer_confirmation", verified_by=by, attribution=attribution,
        quality_index=quality_index, quality_parts=parts, recorded_by=by, recorded_at=at(start))


def check(placement_row, *, months: int, due: dt.date, status: str, by) -> RetentionCheck:
    answered = status not in ("pending", "due", "escalated")
    return RetentionCheck.objects.create(
        placement=placement_row, client=placement_row.client, provider=placement_row.provider,
        milestone_months=months, due_on=due, status=status,
        evidence_kind="call_note" if answered else "", evidence="Called." if answered else "",
        answered_at=at(due) if answered else None, answered_by=by if answered else None)


def reassign(case, *, on: dt.date, to) -> Assignment:
    case.assignments.filter(ended_at__isnull=True).update(ended_at=at(on))
    return Assignment.objects.create(case=case, staff=to, role="counsellor", started_at=at(on),
                                     reason="caseload_balance")


def transfer(case, *, to_provider, requested: dt.date, completed: dt.date, by) -> Transfer:
    return Transfer.objects.create(client=case.client, from_case=case, from_provider=case.provider,
                                   to_provider=to_provider, status="completed", requested_at=at(requested),
                                   requested_by=by, due_on=completed, completed_at=at(completed), completed_by=by)


def referral(case, *, to_provider, specialist, closed: dt.date, by, status="completed") -> Referral:
    return Referral.objects.create(case=case, client=case.client, from_provider=case.provider,
                                   to_provider=to_provider, specialist=specialist, requested_by=by,
                                   reason="Help", status=status, requested_at=at(closed - dt.timedelta(days=5)),
                                   closed_at=at(closed))


def survey(provider, *, client=None, sent: dt.date, answered: dt.date | None = None, score=None) -> Survey:
    return Survey.objects.create(
        provider=provider, client=client, respondent="client" if client else "employer", moment="placement",
        dedupe_key=f"kpi-test-{next(_seq)}", sent_at=at(sent), answered_at=at(answered) if answered else None,
        score=score)


def complaint(provider, *, client=None, received: dt.date, resolved: dt.date | None = None, by) -> Complaint:
    return Complaint.objects.create(
        provider=provider, client=client, kind="service", body="Slow service.", filed_by=by,
        received_at=at(received), due_on=received + dt.timedelta(days=14),
        status="resolved" if resolved else "received", resolved_at=at(resolved) if resolved else None,
        resolution="Apologised." if resolved else "")


def contact_note(case, *, on: dt.date, by) -> CaseNote:
    return CaseNote.objects.create(case=case, client=case.client, provider=case.provider, author=by,
                                   kind="contact", body="Phoned.", created_at=at(on))


def attended(case, *, on: dt.date, by) -> Appointment:
    return Appointment.objects.create(case=case, client=case.client, staff=by, starts_at=at(on),
                                      status="attended", created_by=by)
