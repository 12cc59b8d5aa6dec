"""Reads for the quality app: named queries that views, the API and tasks share."""

import datetime as dt

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from clients.models import Client
from espportal.models import AuditEvent, Provider, User
from espportal.selectors import describe_actors
from espportal.vocab import audit_action_label
from outcomes.quality.models import Complaint

# How far back the ombudsperson may look into a client's audit trail for a privacy-breach complaint.
PRIVACY_LOOKBACK = dt.timedelta(days=365)


def providers_of(client: Client) -> QuerySet[Provider]:
    """Providers that have served the client (one case file or more), the ones a complaint may name."""
    return Provider.objects.filter(case_files__client=client).distinct().order_by("name")


def ministry_users() -> QuerySet[User]:
    return User.objects.filter(kind=User.Kind.MINISTRY, is_active=True).order_by("first_name", "email")


def complaint_queue(queryset: QuerySet[Complaint]) -> QuerySet[Complaint]:
    """The ministry's queue: open complaints first, by deadline (filtered by outcomes.quality.filters)."""
    return queryset.select_related("provider", "assignee").order_by("resolved_at", "due_on", "-id")


def privacy_audit_events(complaint: Complaint) -> QuerySet[AuditEvent]:
    """The audit events an ombudsperson may inspect for a privacy-breach complaint, newest first: what people at
    the named provider (any provider when none is named) did with the complainant's record, from a year before the
    complaint (PRIVACY_LOOKBACK) until it is resolved (or now). Left out as unrelated to a breach: other people's
    records, events at no provider (the ministry's own, the person's own), automatic jobs (no actor), the
    person's own actions and the handling of complaints (complaint.*, complaint_audit.*). Empty for other kinds of complaint or a complaint without a client."""
    if complaint.kind != Complaint.Kind.PRIVACY_BREACH or complaint.client_id is None:
        return AuditEvent.objects.none()
    client = complaint.client
    events = AuditEvent.objects.filter(client_code=client.code, at__gte=complaint.received_at - PRIVACY_LOOKBACK,
                                       actor_code__isnull=False, provider_code__isnull=False)
    if complaint.resolved_at:
        events = events.filter(at__lte=complaint.resolved_at)
    if complaint.provider_id:
        events = events.filter(provider_code=complaint.provider.code)
    if client.user_id:
        events = events.exclude(actor_code=client.user.code)
    # The ministry's own handling of complaints is recorded against the provider too; it is not the record's use.
    events = events.exclude(action__startswith="complaint.").exclude(action__startswith="complaint_audit.")
    return events.order_by("-at", "-id")


def audit_rows(events, *, person_code=None) -> list[dict]:
    """Audit events as the ombudsperson reads them, in the reader's language: {"at", "who", "what"}; who by role
    (espportal.selectors.describe_actors: never a name or an e-mail), what from the vocabulary
    (espportal.vocab.audit_action_label: never a raw code). Two queries for any number of events."""
    events = list(events)
    who = describe_actors({(e.actor_code, e.provider_code) for e in events}, person_code=person_code)
    return [{"at": e.at, "who": who[(e.actor_code, e.provider_code)], "what": audit_action_label(e.action, e.detail)}
            for e in events]


def complaint_timeline(complaint: Complaint) -> list[dict]:
    """A complaint's progress as the ministry reads it: {"at", "action", "who"} per step, oldest first, who by
    role (the job seeker, "<role>, <provider>" for staff, the ministry colleague by name). Three queries."""
    events = list(complaint.events.select_related("actor"))
    person_code = complaint.client.user.code if complaint.client_id and complaint.client.user_id else None
    provider_code = complaint.provider.code if complaint.provider_id else None
    keys = {(e.actor.code if e.actor else None, provider_code) for e in events}
    who = describe_actors(keys, person_code=person_code)
    return [{"at": e.at, "action": e.get_action_display(),
             "who": who[(e.actor.code if e.actor else None, provider_code)]} for e in events]


CONTACT_SCOPES = ("contact_email", "contact_sms", "contact_phone")


def qa_population(provider: Provider, start: dt.date, end: dt.date) -> QuerySet[Client]:
    """Clients the provider served from `start` to `end` (a case file open at some point in it) who consent, now,
    to be contacted (by e-mail, text or phone: clients.Consent.Scope.CONTACT_*), ordered by id."""
    from caseload.models import CaseFile
    from clients.models import Consent

    served = CaseFile.objects.filter(provider=provider, opened_at__date__lte=end).filter(
        Q(closed_at__isnull=True) | Q(closed_at__date__gte=start)).values("client_id")
    consenting = Consent.objects.filter(scope__in=CONTACT_SCOPES, withdrawn_at__isnull=True).values("client_id")
    return Client.objects.filter(pk__in=served).filter(pk__in=consenting).order_by("pk")


def qa_samples(*, provider: Provider | None = None) -> QuerySet:
    """QA samples, newest quarter first, each with `sampled` (its member count) annotated; one provider's only
    when given."""
    from django.db.models import Count

    from outcomes.quality.models import QASample

    samples = QASample.objects.select_related("provider").annotate(sampled=Count("memberships"))
    if provider is not None:
        samples = samples.filter(provider=provider)
    return samples.order_by("-quarter", "provider__name")


def contested_placements() -> QuerySet:
    """The QA queue of attributions: contested placements that no review has decided yet, oldest contest first."""
    from outcomes.models import Placement

    return (Placement.objects.filter(attribution_contested=True, attribution_reviews__isnull=True)
            .select_related("provider").order_by("contested_at", "id"))


# How many closed quarters the provider's survey page shows: a fixed number, so the page never grows with the data.
SURVEY_QUARTERS = 4


def survey_results(provider: Provider, *, min_cell: int, today: dt.date) -> list[dict]:
    """The provider's satisfaction in its last SURVEY_QUARTERS closed fiscal quarters (America/Toronto; the current
    quarter is never shown), newest first: [{"period": Period, "moments": [{"moment", "label", "sent", "suppressed",
    "answered", "response_rate" (%), "satisfied_share" (% answering 4 or 5 of 5)}, ...]}, ...].

    Rule (issue 9 §8: the provider sees only aggregates of 5+): a survey counts in the quarter it was sent, and its
    answer only if given before that quarter closed; a moment's cell with fewer than `min_cell` answers is suppressed
    (None values). Why closed periods: staff know who was just placed, so a running total that moves with one new
    answer gives that person's score away, anonymous or not; a closed quarter's figures never change afterwards
    (a late answer is not counted here, for the same reason). One query."""
    from django.db.models import Case, Count, IntegerField, When

    from outcomes.kpis import periods
    from outcomes.quality.models import Survey

    quarters = [periods.quarter_of(today).previous(n) for n in range(1, SURVEY_QUARTERS + 1)]

    def moment(day: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time.min))

    bounds = [(moment(q.start), moment(q.end + dt.timedelta(days=1))) for q in quarters]
    in_time = Q()
    for start, end in bounds:
        in_time |= Q(sent_at__gte=start, sent_at__lt=end, answered_at__lt=end)
    rows = Survey.objects.filter(provider=provider, sent_at__gte=bounds[-1][0], sent_at__lt=bounds[0][1]).annotate(
        quarter=Case(*(When(sent_at__gte=start, sent_at__lt=end, then=n) for n, (start, end) in enumerate(bounds)),
                     output_field=IntegerField()),
    ).values("quarter", "moment").annotate(
        sent=Count("id"), answered=Count("id", filter=in_time),
        satisfied=Count("id", filter=in_time & Q(score__gte=4))).order_by()
    counts = {(row["quarter"], row["moment"]): row for row in rows}
    results = []
    for n, period in enumerate(quarters):
        moments = []
        for key, label in Survey.Moment.choices:
            row = counts.get((n, key), {"sent": 0, "answered": 0, "satisfied": 0})
            shown = row["answered"] >= min_cell
            moments.append({
                "moment": key, "label": label, "sent": row["sent"], "suppressed": not shown,
                "answered": row["answered"] if shown else None,
                "response_rate": round(100 * row["answered"] / row["sent"]) if shown else None,
                "satisfied_share": round(100 * row["satisfied"] / row["answered"]) if shown else None,
            })
        results.append({"period": period, "moments": moments})
    return results


def complaints_overdue(today: dt.date) -> list[int]:
    """Ids of open, not yet escalated complaints whose response deadline (a date) is before `today`."""
    return list(Complaint.objects.filter(status__in=(Complaint.Status.RECEIVED, Complaint.Status.IN_REVIEW),
                                         due_on__lt=today).values_list("pk", flat=True))


def min_cell() -> int:
    """The fewest survey answers a cell shows (settings.ESP_SURVEY_MIN_CELL); fewer are suppressed."""
    return settings.ESP_SURVEY_MIN_CELL
