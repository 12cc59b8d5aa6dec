"""The raw facts of one reporting period, read in a fixed number of queries and grouped by provider.

Each list holds small tuples whose first item is the client id (None for an employer's survey or a complaint
filed without a client). Client ids never leave the rollup: they serve to break the facts down by group and
segment and to count people for small-cell suppression, and only counts are stored.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import DateTimeField, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from caseload.models import Appointment, Assignment, CaseFile, CaseNote, Referral, Transfer
from caseload.selectors import CONTACT_KINDS, EPOCH
from clients.models import Client, SelfIdentification
from clients.selectors import segments_on
from espportal.db import ids_in
from outcomes.kpis.periods import Period
from outcomes.models import Placement, RetentionCheck
from outcomes.quality.models import Complaint, Survey

PARKED_AFTER_DAYS = 60
UNKNOWN_SEGMENT = "unknown"
# The breakdowns every KPI cell is rolled up by: self-identified groups (as the intake records them) and segments.
GROUPS = [*SelfIdentification.values, "declined", "not_stated"]
SEGMENTS = ["1", "2", "3", UNKNOWN_SEGMENT]


@dataclass
class Facts:
    """One provider's facts for one period (or the subset of them about one group or segment)."""

    served: set = field(default_factory=set)  # client ids with a case at the provider open during the period
    registered: set = field(default_factory=set)  # ... of whom registered during the period
    first_meeting_days: list = field(default_factory=list)  # (client, days registration -> first meeting)
    placements: list = field(default_factory=list)  # (client, attribution, quality index, goal aligned, underemployed)
    checks: list = field(default_factory=list)  # (client, milestone months, status) due in the period
    counsellor_changes: list = field(default_factory=list)  # (client,) one per reassignment
    counsellors: int = 0  # distinct counsellors with a case at the provider during the period
    transfer_days: list = field(default_factory=list)  # (client, days requested -> completed)
    referrals_completed: list = field(default_factory=list)  # (client,)
    surveys_sent: list = field(default_factory=list)  # (client or None, answered?)
    surveys_answered: list = field(default_factory=list)  # (client or None, score 1-5)
    complaints: list = field(default_factory=list)  # (client or None,)
    complaint_days: list = field(default_factory=list)  # (client or None, days received -> resolved)
    open_cases: list = field(default_factory=list)  # (client, parked?) at the period's end
    segments: dict = field(default_factory=dict)  # client id -> "1" | "2" | "3" | "unknown"

    def only(self, clients: set) -> "Facts":
        """The same facts restricted to `clients` (a breakdown cell); rows without a client drop out."""
        keep = lambda rows: [row for row in rows if row[0] in clients]  # noqa: E731
        return Facts(
            served=self.served & clients, registered=self.registered & clients,
            first_meeting_days=keep(self.first_meeting_days), placements=keep(self.placements),
            checks=keep(self.checks), counsellor_changes=keep(self.counsellor_changes), counsellors=0,
            transfer_days=keep(self.transfer_days), referrals_completed=keep(self.referrals_completed),
            surveys_sent=keep(self.surveys_sent), surveys_answered=keep(self.surveys_answered),
            complaints=keep(self.complaints), complaint_days=keep(self.complaint_days),
            open_cases=keep(self.open_cases), segments=self.segments,
        )


def merged(many) -> Facts:
    """The facts of several providers together (a region, the province), people counted once: a person served
    by two providers is one person served, and their registration and first meeting (recorded once, on the
    client) count once. Events that belong to one provider (placements, checks, surveys...) are all kept."""
    out = Facts()
    first_meetings: dict = {}
    for f in many:
        out.served |= f.served
        out.registered |= f.registered
        first_meetings.update({row[0]: row for row in f.first_meeting_days})
        for name in ("placements", "checks", "counsellor_changes", "transfer_days", "referrals_completed",
                     "surveys_sent", "surveys_answered", "complaints", "complaint_days", "open_cases"):
            getattr(out, name).extend(getattr(f, name))
        out.counsellors += f.counsellors
        out.segments.update(f.segments)
    out.first_meeting_days = list(first_meetings.values())
    return out


def _bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of the period as aware datetimes in the project's time zone (America/Toronto)."""
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(period.start, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return start, end


def _days(later, earlier) -> int:
    return max(0, (timezone.localdate(later) - timezone.localdate(earlier)).days)


def gather(period: Period) -> tuple[dict, dict]:
    """({provider id: Facts}, {client id: {"groups": [codes], "segment": str}}) for `period`; 16 queries."""
    start, end = _bounds(period)
    facts: dict = defaultdict(Facts)
    served_by = defaultdict(set)  # client -> providers
    for provider_id, client_id in CaseFile.objects.filter(
            Q(closed_at__isnull=True) | Q(closed_at__gte=start), opened_at__lt=end).values_list("provider_id",
                                                                                              "client_id"):
        facts[provider_id].served.add(client_id)
        served_by[client_id].add(provider_id)
    for client_id, registered_at, first_meeting_at in Client.objects.filter(
            Q(registered_at__gte=start, registered_at__lt=end) | Q(first_meeting_at__gte=start,
                                                                    first_meeting_at__lt=end),
            ids_in("pk", served_by)).values_list("pk", "registered_at", "first_meeting_at"):
        for provider_id in served_by[client_id]:
            if start <= registered_at < end:
                facts[provider_id].registered.add(client_id)
            if first_meeting_at is not None and start <= first_meeting_at < end:
                facts[provider_id].first_meeting_days.append((client_id, _days(first_meeting_at, registered_at)))
    for provider_id, client_id, attribution, index, parts in Placement.objects.filter(
            start_date__gte=period.start, start_date__lte=period.end).values_list(
            "provider_id", "client_id", "attribution", "quality_index", "quality_parts"):
        aligned = bool(parts.get("goal_aligned", {}).get("met"))
        underemployed = bool(parts.get("teer_fit", {}).get("underemployment"))
        facts[provider_id].placements.append((client_id, attribution, index, aligned, underemployed))
    for provider_id, client_id, months, status in RetentionCheck.objects.filter(
            due_on__gte=period.start, due_on__lte=period.end).values_list(
            "placement__provider_id", "client_id", "milestone_months", "status"):
        facts[provider_id].checks.append((client_id, months, status))
    counsellors = Assignment.objects.filter(role=Assignment.Role.COUNSELLOR)
    for provider_id, client_id in counsellors.filter(started_at__gte=start, started_at__lt=end).exclude(
            reason=Assignment.Reason.INTAKE).values_list("case__provider_id", "case__client_id"):
        facts[provider_id].counsellor_changes.append((client_id,))
    for provider_id, staff_count in _counsellor_counts(counsellors, start, end):
        facts[provider_id].counsellors = staff_count
    for provider_id, client_id, requested_at, completed_at in Transfer.objects.filter(
            status=Transfer.Status.COMPLETED, completed_at__gte=start, completed_at__lt=end).values_list(
            "from_provider_id", "client_id", "requested_at", "completed_at"):
        facts[provider_id].transfer_days.append((client_id, _days(completed_at, requested_at)))
    for provider_id, client_id in Referral.objects.filter(
            status=Referral.Status.COMPLETED, closed_at__gte=start, closed_at__lt=end).values_list(
            "from_provider_id", "client_id"):
        facts[provider_id].referrals_completed.append((client_id,))
    for provider_id, client_id, answered_at in Survey.objects.filter(sent_at__gte=start, sent_at__lt=end).values_list(
            "provider_id", "client_id", "answered_at"):
        facts[provider_id].surveys_sent.append((client_id, answered_at is not None))
    for provider_id, client_id, score in Survey.objects.filter(
            answered_at__gte=start, answered_at__lt=end, score__isnull=False).values_list(
            "provider_id", "client_id", "score"):
        facts[provider_id].surveys_answered.append((client_id, score))
    for provider_id, client_id in Complaint.objects.filter(
            provider__isnull=False, received_at__gte=start, received_at__lt=end).values_list("provider_id",
                                                                                             "client_id"):
        facts[provider_id].complaints.append((client_id,))
    for provider_id, client_id, received_at, resolved_at in Complaint.objects.filter(
            provider__isnull=False, resolved_at__gte=start, resolved_at__lt=end).values_list(
            "provider_id", "client_id", "received_at", "resolved_at"):
        facts[provider_id].complaint_days.append((client_id, _days(resolved_at, received_at)))
    for provider_id, client_id, parked in _open_cases_at(end):
        facts[provider_id].open_cases.append((client_id, parked))
    people = _people({client for f in facts.values() for client in _client_ids(f)}, period.end)
    for f in facts.values():
        f.segments = {client: people[client]["segment"] for client in _client_ids(f) if client in people}
    return dict(facts), people


def _counsellor_counts(counsellors, start, end):
    # order_by(): without it the DISTINCT also covers Assignment's default ordering (started_at, id), one row per
    # assignment (368,715 rows for a province year, 4.5 s of loading datetimes) instead of one per counsellor
    rows = counsellors.filter(Q(ended_at__isnull=True) | Q(ended_at__gte=start), started_at__lt=end).values_list(
        "case__provider_id", "staff_id").order_by().distinct()
    counts = defaultdict(set)
    for provider_id, staff_id in rows:
        counts[provider_id].add(staff_id)
    return [(provider_id, len(staff)) for provider_id, staff in counts.items()]


def _open_cases_at(end: dt.datetime):
    """(provider, client, parked?) for each case open at `end`: parked when neither a contact or meeting note nor
    an attended appointment happened in the PARKED_AFTER_DAYS days before it (counting from the case's opening
    when there was never any contact)."""
    last_note = CaseNote.objects.filter(client=OuterRef("client"), kind__in=CONTACT_KINDS, created_at__lt=end
                                        ).order_by().values("client").annotate(m=Max("created_at")).values("m")[:1]
    last_visit = Appointment.objects.filter(client=OuterRef("client"), status=Appointment.Status.ATTENDED,
                                            starts_at__lt=end).order_by().values("client").annotate(
        m=Max("starts_at")).values("m")[:1]
    cases = CaseFile.objects.filter(Q(closed_at__isnull=True) | Q(closed_at__gte=end), opened_at__lt=end).annotate(
        last_contact=Greatest(
            Coalesce(Subquery(last_note, output_field=DateTimeField()), "opened_at"),
            Coalesce(Subquery(last_visit, output_field=DateTimeField()), "opened_at"),
        ))
    line = end - dt.timedelta(days=PARKED_AFTER_DAYS)
    for provider_id, client_id, last_contact in cases.values_list("provider_id", "client_id", "last_contact"):
        yield provider_id, client_id, (last_contact or EPOCH) < line


def _client_ids(f: Facts) -> set:
    ids = set(f.served)
    for rows in (f.first_meeting_days, f.placements, f.checks, f.counsellor_changes, f.transfer_days,
                 f.referrals_completed, f.surveys_sent, f.surveys_answered, f.complaints, f.complaint_days,
                 f.open_cases):
        ids.update(row[0] for row in rows if row[0] is not None)
    return ids


def recorded_groups(recorded, declined: bool) -> list:
    """The groups a person's intake record puts them in: the self-identified ones (Client.self_identification), or
    "declined" when the person chose not to say, "not_stated" when nothing was recorded."""
    return list(recorded) if recorded else (["declined"] if declined else ["not_stated"])


def _people(client_ids: set, day: dt.date) -> dict:
    """{client id: {"groups": [self-identified groups], "segment": str}}; "declined" when the person chose not
    to say, "not_stated" when nothing was recorded. The segment is the one in force on `day`, the period's last
    day (clients.selectors.segments_on), not today's: a re-assessment after the period does not move the period's
    figures. One segment per person per period (rather than the one in force at each placement or milestone) so
    that the segments partition the people of a period, as the suppression's sums (segments add up to everyone)
    require; it is the segment the person was being served in when the period closed."""
    people = {}
    rows = list(Client.objects.filter(ids_in("pk", client_ids)).values_list(
        "pk", "self_identification", "self_identification_declined"))
    segments = segments_on({(pk, day) for pk, _groups, _declined in rows})
    for pk, groups, declined in rows:
        segment = segments[(pk, day)]
        people[pk] = {
            "groups": recorded_groups(groups, declined),
            "segment": str(segment) if segment else UNKNOWN_SEGMENT,
        }
    return people
