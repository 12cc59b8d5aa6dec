"""Writes for outcomes: placements, retention checks and post-employment support.

Every function is keyword-only, validated, atomic and audited. Refusals that concern a person's record are
audited before the atomic block opens, so the audit row survives the refusal.
"""

import datetime as dt
import uuid
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from caseload import selectors as caseload_selectors
from caseload import services as caseload_services
from caseload.models import CaseFile
from clients.access import is_current_provider
from clients.models import Client, Occupation
from employers import services as employer_services
from employers.models import Employer, JobLead, Match
from espportal import audit
from espportal.access import CASE_ROLES, actor_for_user
from espportal.dates import date_rule
from espportal.db import constraint_refusal
from espportal.models import User
from espportal.services import notifications_send
from outcomes import attribution, job_quality, selectors
from outcomes.access import may_open_support, may_see_support_request
from outcomes.models import (
    DUPLICATE_PLACEMENT,
    Placement,
    Resource,
    ResourceReferral,
    RetentionCheck,
    SupportMessage,
    SupportRequest,
)


def _refuse(message, *, action: str, actor=None, client=None, target=None, provider=None, exc=ValidationError):
    audit.record(action=action, actor=actor, client=client, target=target, provider=provider,
                 detail={"reason": str(message)})
    raise exc(message)


# --- Placements -----------------------------------------------------------------------------------------------

def placement_record(
    *,
    client: Client,
    recorded_by: User,
    start_date: dt.date,
    title: str,
    occupation: Occupation,
    hours_per_week: Decimal,
    hourly_pay: Decimal,
    permanence: str,
    verification: str,
    benefits: bool = False,
    employer: Employer | None = None,
    employer_name: str = "",
    lead: JobLead | None = None,
    match: Match | None = None,
) -> Placement:
    """Record a hire: attribution and job quality are computed here, retention checks planned, the case moves to
    "placed" and the match (if any) to hired. Bad input is refused and nothing is saved."""
    actor = actor_for_user(recorded_by)
    if not is_current_provider(actor, client) or actor.role not in CASE_ROLES:
        _refuse(_("Only counsellors, job developers and managers of the client's current provider may record a "
                  "placement."),
                action="placement.refused", actor=recorded_by, client=client, exc=PermissionDenied)
    case = caseload_selectors.open_case_for(client)
    if case is None or case.provider_id != actor.provider.pk:
        _refuse(_("The client has no open case at your provider."), action="placement.refused",
                actor=recorded_by, client=client, provider=actor.provider)
    if match is not None:
        if match.client_id != client.pk:
            raise ValidationError({"match": _("This match belongs to another client.")})
        lead = match.lead
    if lead is not None:
        employer = lead.employer
    if employer is not None:
        employer_name = employer.name
    return _placement_save(
        client=client, case=case, recorded_by=recorded_by, start_date=start_date, title=title, occupation=occupation,
        hours_per_week=hours_per_week, hourly_pay=hourly_pay, permanence=permanence, verification=verification,
        benefits=benefits, employer=employer, employer_name=employer_name, lead=lead, match=match,
    )


@transaction.atomic
def _placement_save(*, client, case: CaseFile, recorded_by, start_date, occupation, hours_per_week, hourly_pay,
                    permanence, benefits, employer, lead, match, **fields) -> Placement:
    errors = {}
    try:
        date_rule("placement_start")(start_date)
    except ValidationError as error:
        errors["start_date"] = error.messages
    if hours_per_week is None or Decimal(hours_per_week) <= 0:
        errors["hours_per_week"] = _("Hours a week must be more than 0.")
    if hourly_pay is not None and Decimal(hourly_pay) < 0:
        errors["hourly_pay"] = _("Pay cannot be below zero.")
    if occupation.level != Occupation.Level.UNIT:
        errors["occupation"] = _("Choose a NOC unit group (5 digits).")
    if errors:
        raise ValidationError(errors)
    history = attribution.history_for(client, provider_id=case.provider_id,
                                      employer_id=employer.pk if employer else None,
                                      hiring_match_id=match.pk if match is not None else None)
    attributed, evidence = attribution.attribute(history=history, provider_id=case.provider_id,
                                                 employer_id=employer.pk if employer else None, start_date=start_date)
    index, parts = job_quality.job_quality(
        permanence=permanence, hours_per_week=hours_per_week, hourly_pay=hourly_pay, benefits=benefits,
        noc_code=occupation.code, teer=occupation.teer, goals=job_quality.goal_codes(client),
        qualification=job_quality.qualification_teer(client),
    )
    placement = Placement(
        client=client, case=case, provider=case.provider, start_date=start_date, occupation=occupation,
        teer=occupation.teer, hours_per_week=hours_per_week, hourly_pay=hourly_pay, permanence=permanence,
        benefits=benefits, employer=employer, lead=lead, match=match, verified_by=recorded_by,
        attribution=attributed, evidence=evidence, quality_index=index, quality_parts=parts,
        recorded_by=recorded_by, **fields,
    )
    placement.full_clean()
    with constraint_refusal(DUPLICATE_PLACEMENT):
        placement.save()
    RetentionCheck.objects.bulk_create([
        RetentionCheck(placement=placement, client=client, provider=placement.provider, milestone_months=months,
                       due_on=start_date + relativedelta(months=months))
        for months in settings.ESP_RETENTION_MILESTONES
    ])
    caseload_services.case_set_status(case=case, status=CaseFile.Status.PLACED, changed_by=recorded_by,
                                      reason="placement")
    if match is not None and Match.Status.HIRED in employer_services.TRANSITIONS.get(match.status, set()):
        employer_services.match_move(match=match, status=Match.Status.HIRED, by=recorded_by)
    audit.record(action="placement.recorded", actor=recorded_by, client=client, target=placement,
                 provider=case.provider, detail={"attribution": attributed, "quality_index": index})
    return placement


@transaction.atomic
def placement_contest(*, placement: Placement, reason: str, contested_by: User) -> Placement:
    """Flag the computed attribution for quality review; the class itself never changes here."""
    actor = actor_for_user(contested_by)
    if not actor.is_staff_member or actor.provider.pk != placement.provider_id or actor.role not in CASE_ROLES:
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"contest_reason": _("Say why the attribution looks wrong.")})
    updated = Placement.objects.filter(pk=placement.pk, attribution_contested=False).update(
        attribution_contested=True, contest_reason=reason.strip(), contested_by=contested_by,
        contested_at=timezone.now(), contest_code=uuid.uuid4(),
    )
    if not updated:
        raise ValidationError(_("This attribution is already flagged for review."))
    placement.refresh_from_db()
    manager = caseload_selectors.manager_of(placement.provider)
    if manager is not None:
        caseload_services.task_create(
            assignee=manager, kind="attribution_review", case=placement.case, created_by=contested_by,
            message="outcomes.attribution_review", params={"title": placement.title},
            detail=placement.contest_reason, due_on=timezone.localdate() + dt.timedelta(days=7),
            source_key=f"attribution-review:{placement.code}",
        )
    audit.record(action="placement.attribution_contested", actor=contested_by, client=placement.client,
                 target=placement, provider=placement.provider,
                 detail={"attribution": placement.attribution})
    return placement


# --- Retention checks -----------------------------------------------------------------------------------------

RETENTION_BATCH = 500  # checks claimed, and their tasks, notifications and audit events written, per transaction


def retention_checks_fall_due(*, today: dt.date, now: dt.datetime | None = None) -> int:
    """Daily: every pending check due by `today` becomes due (see _fall_due), RETENTION_BATCH at a time, oldest
    first; returns how many. Each batch is one transaction: a worker that dies mid-way loses only its batch, which
    the rerun makes whole (nothing is doubled: a claimed check is no longer pending)."""
    made, now = 0, now or timezone.now()
    while claimed := _fall_due(selectors.retention_checks_due(today), now=now):
        made += claimed
    return made


def retention_check_fall_due(*, check_id: int, now: dt.datetime | None = None) -> bool:
    """Make one check due now, if it is pending (see _fall_due)."""
    pending = RetentionCheck.objects.filter(pk=check_id, status=RetentionCheck.Status.PENDING)
    return _fall_due(pending, now=now or timezone.now()) == 1


@transaction.atomic
def _fall_due(pending, *, now: dt.datetime) -> int:
    """Make up to RETENTION_BATCH of the `pending` checks (oldest first) due: one task for each case's counsellor
    (its manager when the case has none) and one notification to the client. The checks are claimed with one
    UPDATE of rows locked FOR UPDATE SKIP LOCKED (a second worker takes other checks or none), and the claim
    commits together with the tasks and notifications, so a rerun (or a second worker) neither doubles nor loses
    them. A fixed number of queries per batch, however many checks."""
    ids = list(pending.select_for_update(skip_locked=True).order_by("due_on", "id")
               .values_list("pk", flat=True)[:RETENTION_BATCH])
    if not ids:
        return 0
    RetentionCheck.objects.filter(pk__in=ids).update(status=RetentionCheck.Status.DUE, task_created_at=now)
    checks = list(RetentionCheck.objects.filter(pk__in=ids).order_by("due_on", "id").select_related(
        "placement__provider", "placement__case__provider", "placement__case__client", "client__user"))
    counsellors = caseload_selectors.current_assignees([check.placement.case for check in checks])
    managers = caseload_selectors.managers_of({c.placement.provider_id for c in checks
                                               if c.placement.case_id not in counsellors})
    tasks, notices = [], []
    for check in checks:
        placement = check.placement
        params = {"months": check.milestone_months, "title": placement.title}
        counsellor = counsellors.get(placement.case_id) or managers.get(placement.provider_id)
        if counsellor is not None:
            tasks.append({"assignee": counsellor, "kind": "retention_check", "case": placement.case,
                          "message": "outcomes.retention_check_due", "params": params, "due_on": check.due_on,
                          "source_key": f"retention:{check.code}"})
        if check.client.user is not None:
            notices.append({"recipient": check.client.user, "message": "outcomes.retention_check_client",
                            "params": params, "link": reverse("outcomes:me_checks"),
                            "dedupe_key": f"retention:{check.code}:client"})
    caseload_services.tasks_create(tasks)
    notifications_send(notices)
    RetentionCheck.objects.filter(pk__in=[c.pk for c in checks if c.client.user is not None]).update(notified_at=now)
    audit.record_many([{"action": "retention_check.due", "client": check.client, "target": check,
                        "provider": check.placement.provider, "detail": {"milestone_months": check.milestone_months}}
                       for check in checks])
    return len(checks)


def retention_checks_escalate(*, today: dt.date, now: dt.datetime | None = None) -> int:
    """Daily: every check still unanswered ESCALATE_AFTER_DAYS after falling due goes to its provider's manager
    (see _escalate), RETENTION_BATCH at a time, oldest first, one transaction each; returns how many."""
    made, now = 0, now or timezone.now()
    while claimed := _escalate(selectors.retention_checks_overdue(today), now=now):
        made += claimed
    return made


def retention_check_escalate(*, check_id: int, now: dt.datetime | None = None) -> bool:
    """An overdue check goes to the provider's manager, once (see _escalate)."""
    due = RetentionCheck.objects.filter(pk=check_id, status=RetentionCheck.Status.DUE, escalated_at__isnull=True)
    return _escalate(due, now=now or timezone.now()) == 1


@transaction.atomic
def _escalate(due, *, now: dt.datetime) -> int:
    """Escalate up to RETENTION_BATCH of the `due` checks (oldest first): each becomes "escalated" and its
    provider's manager gets one task. Claimed like _fall_due (locked rows, one UPDATE, one transaction with the
    tasks), so it happens once. A fixed number of queries per batch, however many checks."""
    ids = list(due.select_for_update(skip_locked=True).order_by("due_on", "id")
               .values_list("pk", flat=True)[:RETENTION_BATCH])
    if not ids:
        return 0
    RetentionCheck.objects.filter(pk__in=ids).update(status=RetentionCheck.Status.ESCALATED, escalated_at=now)
    checks = list(RetentionCheck.objects.filter(pk__in=ids).order_by("due_on", "id").select_related(
        "placement__provider", "placement__case__provider", "placement__case__client", "client"))
    managers = caseload_selectors.managers_of({check.placement.provider_id for check in checks})
    tasks = []
    for check in checks:
        placement = check.placement
        if placement.provider_id in managers:
            tasks.append({"assignee": managers[placement.provider_id], "kind": "retention_overdue",
                          "case": placement.case, "message": "outcomes.retention_check_overdue",
                          "params": {"months": check.milestone_months, "client": check.client.full_name},
                          "due_on": timezone.localdate(now), "source_key": f"retention:{check.code}:escalation"})
    caseload_services.tasks_create(tasks)
    audit.record_many([{"action": "retention_check.escalated", "client": check.client, "target": check,
                        "provider": check.placement.provider, "detail": {"milestone_months": check.milestone_months}}
                       for check in checks])
    return len(checks)


def _may_answer(user: User, check: RetentionCheck) -> bool:
    if check.client.user_id is not None and check.client.user_id == user.pk:
        return True
    actor = actor_for_user(user)
    return actor.is_staff_member and actor.provider.pk == check.placement.provider_id


@transaction.atomic
def check_answer(*, check: RetentionCheck, status: str, evidence_kind: str, evidence: str,
                 answered_by: User) -> RetentionCheck:
    """Close a check with the evidence of a two-way contact. A second answer is refused; a job loss reopens the
    case's job search."""
    if not _may_answer(answered_by, check):
        raise PermissionDenied
    errors = {}
    if status not in RetentionCheck.ANSWER_STATUSES:
        errors["status"] = _("Choose how the person is doing.")
    if evidence_kind not in RetentionCheck.EvidenceKind.values:
        errors["evidence_kind"] = _("Say how you were in touch: the client's answer, a call, a meeting or the "
                                    "employer.")
    elif status == RetentionCheck.Status.UNREACHABLE and evidence_kind != RetentionCheck.EvidenceKind.CALL_NOTE:
        errors["evidence_kind"] = _("An unreachable client is recorded with a note of the calls tried.")
    elif (evidence_kind == RetentionCheck.EvidenceKind.CLIENT_ANSWER) != (answered_by.pk == check.client.user_id):
        errors["evidence_kind"] = _("Only the client answers for themselves; staff record a call, meeting or "
                                    "employer confirmation.")
    if not (evidence or "").strip():
        errors["evidence"] = _("Write down what was said.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    answered = RetentionCheck.objects.filter(pk=check.pk, status__in=RetentionCheck.OPEN_STATUSES).update(
        status=status, evidence_kind=evidence_kind, evidence=evidence.strip(), answered_at=now,
        answered_by=answered_by,
    )
    if answered != 1:
        raise ValidationError(_("This check-in has already been answered."))
    check.refresh_from_db()
    case = check.placement.case
    if status == RetentionCheck.Status.NOT_EMPLOYED:
        case.refresh_from_db(fields=["status"])
        if case.is_open:
            caseload_services.case_set_status(case=case, status=CaseFile.Status.ACTIVE, changed_by=answered_by,
                                              reason="job_loss")
    audit.record(action="retention_check.answered", actor=answered_by, client=check.client, target=check,
                 provider=check.placement.provider, detail={"status": status, "evidence_kind": evidence_kind})
    return check


# --- Post-employment support ----------------------------------------------------------------------------------

def support_request_open(*, client: Client, category: str, body: str, opened_by: User,
                         placement: Placement | None = None) -> SupportRequest:
    """The client, their assigned staff or the provider's manager opens a confidential support request."""
    case = caseload_selectors.open_case_for(client)
    if case is None and placement is not None:
        case = placement.case
    if not may_open_support(opened_by, client, case):
        _refuse(_("Only the client or the staff on their case may ask for support."),
                action="support_request.refused", actor=opened_by, client=client, exc=PermissionDenied)
    if placement is not None and placement.client_id != client.pk:
        raise ValidationError({"placement": _("This placement belongs to another client.")})
    return _support_request_save(client=client, case=case, category=category, body=body, opened_by=opened_by,
                                 placement=placement)


@transaction.atomic
def _support_request_save(*, client, case, category, body, opened_by, placement) -> SupportRequest:
    if not (body or "").strip():
        raise ValidationError({"body": _("Say what is happening.")})
    request = SupportRequest(client=client, case=case, provider=case.provider, placement=placement,
                             category=category, opened_by=opened_by)
    request.full_clean()
    request.save()
    SupportMessage.objects.create(request=request, author=opened_by, body=body.strip())
    audit.record(action="support_request.opened", actor=opened_by, client=client, target=request,
                 provider=case.provider, detail={"category": category})
    return request


@transaction.atomic
def support_message_add(*, support_request: SupportRequest, author: User, body: str) -> SupportMessage:
    if not may_see_support_request(author, support_request):
        raise PermissionDenied
    message = SupportMessage(request=support_request, author=author, body=(body or "").strip())
    message.full_clean()
    message.save()
    audit.record(action="support_message.added", actor=author, client=support_request.client,
                 target=support_request, provider=support_request.provider)
    return message


@transaction.atomic
def support_consent_record(*, support_request: SupportRequest, consented_by: User, consent: bool) -> SupportRequest:
    """Only the client, in their own account, says whether the employer may be involved."""
    if support_request.client.user_id != consented_by.pk:
        raise PermissionDenied
    support_request.employer_share_consent = consent
    support_request.employer_share_consent_at = timezone.now() if consent else None
    support_request.save(update_fields=["employer_share_consent", "employer_share_consent_at"])
    audit.record(action="support_request.employer_consent", actor=consented_by, client=support_request.client,
                 target=support_request, provider=support_request.provider, detail={"consent": consent})
    return support_request


@transaction.atomic
def support_share_with_employer(*, support_request: SupportRequest, shared_by: User) -> SupportRequest:
    """Mark that staff took the matter to the employer; refused without the client's recorded consent."""
    if not may_see_support_request(shared_by, support_request) or support_request.client.user_id == shared_by.pk:
        raise PermissionDenied
    updated = SupportRequest.objects.filter(pk=support_request.pk, employer_share_consent=True).update(
        shared_with_employer_at=timezone.now(), shared_with_employer_by=shared_by
    )
    if not updated:
        raise ValidationError(_("The client has not consented to involve the employer."))
    support_request.refresh_from_db()
    audit.record(action="support_request.shared_with_employer", actor=shared_by, client=support_request.client,
                 target=support_request, provider=support_request.provider)
    return support_request


@transaction.atomic
def resource_refer(*, support_request: SupportRequest, resource: Resource, referred_by: User,
                   follow_up_on: dt.date) -> ResourceReferral:
    actor = actor_for_user(referred_by)
    if not actor.is_staff_member or not may_see_support_request(referred_by, support_request):
        raise PermissionDenied
    if follow_up_on < timezone.localdate():
        raise ValidationError({"follow_up_on": _("The follow-up date cannot be in the past.")})
    referral = ResourceReferral(request=support_request, client=support_request.client, resource=resource,
                                referred_by=referred_by, follow_up_on=follow_up_on)
    referral.full_clean()
    referral.save()
    SupportRequest.objects.filter(pk=support_request.pk, status=SupportRequest.Status.OPEN).update(
        status=SupportRequest.Status.REFERRED)
    audit.record(action="support_request.referred", actor=referred_by, client=support_request.client,
                 target=referral, provider=support_request.provider, detail={"resource": resource.code})
    # The follow-up lands in the referrer's inbox on the day, like every other piece of work.
    caseload_services.task_create(
        assignee=referred_by, kind="support_follow_up", due_on=follow_up_on,
        message="outcomes.resource_follow_up",
        params={"client": support_request.client.first_name, "resource": resource.name},
        case=caseload_selectors.open_case_for(support_request.client), client=support_request.client,
        created_by=referred_by, source_key=f"resource-referral:{referral.code}",
    )
    return referral
