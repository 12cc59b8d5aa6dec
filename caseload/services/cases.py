"""Case files and who works on them: open, change stage, close (with a reason) and reopen, reassign (with a handoff
brief)."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from caseload.models import Assignment, CaseClosure, CaseFile, HandoffBrief
from caseload.selectors import open_case_for
from caseload.services._common import is_manager_of, is_staff_of, refuse
from caseload.services.handoff import brief_snapshot
from caseload.services.handover import appointments_reassign, tasks_reassign
from clients.models import Client
from clients.services import client_move
from espportal import audit
from espportal.models import Provider, Role, User
from espportal.services import notification_send

ROLE_FOR_ASSIGNMENT = {Assignment.Role.COUNSELLOR: {Role.COUNSELLOR, Role.MANAGER},
                       Assignment.Role.JOB_DEVELOPER: {Role.JOB_DEVELOPER, Role.COUNSELLOR, Role.MANAGER}}


def _check_assignable(staff: User, provider: Provider, role: str) -> None:
    if not is_staff_of(staff, provider, ROLE_FOR_ASSIGNMENT[role]):
        raise ValidationError(
            _("%(name)s cannot be assigned as %(role)s at %(provider)s.")
            % {"name": staff.display_name, "role": Assignment.Role(role).label, "provider": provider.name}
        )


@transaction.atomic
def case_open(
    *,
    client: Client,
    provider: Provider,
    opened_by: User | None,
    counsellor: User | None = None,
    job_developer: User | None = None,
) -> CaseFile:
    """Open a case at a provider; the client's current provider follows (the access door reads it)."""
    existing = open_case_for(client)
    if existing is not None:
        raise ValidationError(
            _("%(client)s already has an open case at %(provider)s.")
            % {"client": client.full_name, "provider": existing.provider.name}
        )
    status = CaseFile.Status.ACTIVE if client.first_meeting_at else CaseFile.Status.WAITING
    case = CaseFile(client=client, provider=provider, opened_by=opened_by, status=status)
    case.full_clean()
    case.save()
    for staff, role in ((counsellor, Assignment.Role.COUNSELLOR), (job_developer, Assignment.Role.JOB_DEVELOPER)):
        if staff is not None:
            _check_assignable(staff, provider, role)
            Assignment.objects.create(case=case, staff=staff, role=role, reason=Assignment.Reason.INTAKE,
                                      assigned_by=opened_by, started_at=case.opened_at)
    if client.current_provider_id != provider.pk:
        client_move(client=client, provider=provider, moved_by=opened_by, reason="case_opened")
    audit.record(action="case.opened", actor=opened_by, provider=provider, client=client, target=case)
    return case


@transaction.atomic
def case_set_status(*, case: CaseFile, status: str, changed_by: User | None, reason: str = "") -> CaseFile:
    """Move a case to another stage. Closing needs a reason (a CaseFile.CloseReason code, never defaulted),
    records a CaseClosure, ends the assignments and, unless the case closes for a transfer (the receiving case
    takes over), leaves the client with no current provider. Raises ValidationError for an unknown stage, a
    closing without a reason, or a closed case."""
    if status not in CaseFile.Status.values:
        raise ValidationError(_("Unknown case stage: %(status)s.") % {"status": status})
    if status == CaseFile.Status.CLOSED and (not reason or reason not in CaseFile.CloseReason.values):
        raise ValidationError({"reason": _("Choose why the case closes.")})
    locked = CaseFile.objects.select_for_update().get(pk=case.pk)
    if locked.status == CaseFile.Status.CLOSED:
        raise ValidationError(_("This case is closed; open a new case instead."))
    previous = locked.status
    if previous == status:
        return locked
    locked.status = status
    fields = ["status"]
    now = timezone.now()
    if status == CaseFile.Status.CLOSED:
        locked.closed_at = now
        locked.close_reason = reason
        fields += ["closed_at", "close_reason"]
    locked.full_clean()
    locked.save(update_fields=fields)
    if status == CaseFile.Status.CLOSED:
        CaseClosure.objects.create(case=locked, client=locked.client, closed_at=now, closed_by=changed_by,
                                   reason=reason, previous_status=previous)
        Assignment.objects.filter(case=locked, ended_at__isnull=True).update(ended_at=now)
        client = locked.client
        if reason != CaseFile.CloseReason.TRANSFER and client.current_provider_id == locked.provider_id:
            client_move(client=client, provider=None, moved_by=changed_by, reason="case_closed")
    audit.record(action="case.status_changed", actor=changed_by, provider=locked.provider, client=locked.client,
                 target=locked, detail={"from": previous, "to": status, "reason": reason})
    case.status, case.closed_at, case.close_reason = locked.status, locked.closed_at, locked.close_reason
    return case


# The reasons a person may give on the page; "transfer" is the transfer's own (caseload.services.transfers).
CLOSE_REASONS = [c for c in CaseFile.CloseReason.choices if c[0] not in ("", CaseFile.CloseReason.TRANSFER)]


def case_close(*, case: CaseFile, reason: str, closed_by: User) -> CaseFile:
    """Close a case for a reason a person gives (CLOSE_REASONS; refused without one, audited)."""
    if reason not in dict(CLOSE_REASONS):
        refuse(_("Choose why the case closes."), action="case.close_refused", actor=closed_by, client=case.client,
               target=case, provider=case.provider)
    return case_set_status(case=case, status=CaseFile.Status.CLOSED, changed_by=closed_by, reason=reason)


def reopen_deadline(case: CaseFile) -> dt.datetime | None:
    """Until when a manager may reopen this closed case (closed_at + ESP_CASE_REOPEN_DAYS), or None: open, or
    closed for a transfer (the client's case continues at the other provider)."""
    if case.is_open or case.close_reason == CaseFile.CloseReason.TRANSFER or case.closed_at is None:
        return None
    return case.closed_at + dt.timedelta(days=settings.ESP_CASE_REOPEN_DAYS)


def case_reopen(*, case: CaseFile, reopened_by: User) -> CaseFile:
    """A manager of the case's provider reopens a case closed less than ESP_CASE_REOPEN_DAYS ago: it goes back to
    the stage it closed from, its last counsellor and job developer are assigned again (when still staff there),
    the client is the provider's again. The closing stays on record (CaseClosure.reopened_at). Refusals, audited:
    not a manager there, not closed, closed for a transfer, past the period, or the client has another open case."""
    def no(message):
        refuse(message, action="case.reopen_refused", actor=reopened_by, client=case.client, target=case,
               provider=case.provider)

    if not is_manager_of(reopened_by, case.provider):
        no(_("Only a manager of %(provider)s can reopen this case.") % {"provider": case.provider.name})
    if case.is_open:
        no(_("This case is open."))
    if case.close_reason == CaseFile.CloseReason.TRANSFER:
        no(_("This case closed for a transfer; the client's case continues at the other provider."))
    deadline = reopen_deadline(case)
    if deadline is None or timezone.now() > deadline:
        no(_("This case closed on %(date)s, more than %(days)s days ago, and can no longer be reopened. Open a new "
             "case instead.") % {"date": timezone.localtime(case.closed_at).date().isoformat(),
                                 "days": settings.ESP_CASE_REOPEN_DAYS})
    other = open_case_for(case.client)
    if other is not None:
        no(_("%(client)s already has an open case at %(provider)s.")
           % {"client": case.client.full_name, "provider": other.provider.name})
    return _case_reopen(case=case, reopened_by=reopened_by)


@transaction.atomic
def _case_reopen(*, case, reopened_by) -> CaseFile:
    now = timezone.now()
    locked = CaseFile.objects.select_for_update().get(pk=case.pk)
    if locked.is_open:  # a simultaneous reopening won: the same answer as the sequential case
        raise ValidationError(_("This case is open."))
    closure = CaseClosure.objects.filter(case=locked, reopened_at__isnull=True).order_by("-closed_at", "-id").first()
    status = closure.previous_status if closure else CaseFile.Status.ACTIVE
    CaseClosure.objects.filter(pk=getattr(closure, "pk", None)).update(reopened_at=now, reopened_by=reopened_by)
    locked.status, locked.closed_at, locked.close_reason = status, None, ""
    locked.full_clean()
    locked.save(update_fields=["status", "closed_at", "close_reason"])
    # The assignments the closing ended (it ended them at the closing's own time).
    ended = Assignment.objects.filter(case=locked, ended_at=closure.closed_at).select_related("staff") \
        if closure else Assignment.objects.none()
    for previous in ended:
        if is_staff_of(previous.staff, locked.provider, ROLE_FOR_ASSIGNMENT[previous.role]):
            Assignment.objects.create(case=locked, staff=previous.staff, role=previous.role,
                                      reason=Assignment.Reason.REOPENED, assigned_by=reopened_by, started_at=now)
    if locked.client.current_provider_id != locked.provider_id:
        client_move(client=locked.client, provider=locked.provider, moved_by=reopened_by, reason="case_reopened")
    audit.record(action="case.reopened", actor=reopened_by, provider=locked.provider, client=locked.client,
                 target=locked, detail={"to": status, "closed_at": closure.closed_at.isoformat() if closure else None})
    case.status, case.closed_at, case.close_reason = locked.status, None, ""
    return case


def assignment_change(
    *, case: CaseFile, role: str, staff: User, reason: str, changed_by: User, keep_work: bool = False
) -> Assignment:
    """End the current assignment for a role and start a new one. A new counsellor gets a handoff brief to
    acknowledge before writing on the case, and the client hears who their new counsellor is.

    The previous counsellor's open tasks on the case and its appointments still to come move to the new one
    (listed in the brief), unless the manager chooses `keep_work=True` (they stay where they are)."""
    if not case.is_open:
        refuse(_("This case is closed."), action="assignment.refused", actor=changed_by, client=case.client,
               target=case, provider=case.provider)
    if role not in Assignment.Role.values or reason not in Assignment.Reason.values:
        raise ValidationError(_("Choose a role and a reason."))
    _check_assignable(staff, case.provider, role)
    return _assignment_change(case=case, role=role, staff=staff, reason=reason, changed_by=changed_by,
                              keep_work=keep_work)


@transaction.atomic
def _assignment_change(*, case, role, staff, reason, changed_by, keep_work=False) -> Assignment:
    now = timezone.now()
    CaseFile.objects.select_for_update().filter(pk=case.pk).first()
    previous = Assignment.objects.filter(case=case, role=role, ended_at__isnull=True).select_related("staff").first()
    if previous is not None and previous.staff_id == staff.pk:
        return previous
    if previous is not None:
        previous.ended_at = now
        previous.save(update_fields=["ended_at"])
    assignment = Assignment(case=case, staff=staff, role=role, reason=reason, assigned_by=changed_by, started_at=now)
    assignment.full_clean()
    assignment.save()
    audit.record(action="assignment.changed", actor=changed_by, provider=case.provider, client=case.client,
                 target=assignment, detail={"role": role, "reason": reason, "staff": str(staff.code),
                                            "previous": str(previous.staff.code) if previous else None})
    if role == Assignment.Role.COUNSELLOR and previous is not None:
        moved = {"tasks": 0, "appointments": 0}
        if not keep_work:
            moved = {"tasks": len(tasks_reassign(case=case, from_staff=previous.staff, to_staff=staff,
                                                 by=changed_by)),
                     "appointments": len(appointments_reassign(case=case, from_staff=previous.staff, to_staff=staff,
                                                               by=changed_by))}
            audit.record(action="assignment.work_moved", actor=changed_by, provider=case.provider,
                         client=case.client, target=assignment, detail=moved)
        brief = HandoffBrief(case=case, client=case.client, assignment=assignment, for_staff=staff,
                             from_staff=previous.staff, snapshot={**brief_snapshot(case), "moved": moved})
        brief.save()
        audit.record(action="handoff_brief.created", actor=changed_by, provider=case.provider,
                     client=case.client, target=brief)
        notification_send(
            recipient=staff, message="caseload.handoff_staff", params={"client": case.client.full_name},
            link=reverse("caseload:case", kwargs={"code": case.code}),
            dedupe_key=f"handoff-staff:{assignment.code}",
        )
        if case.client.user_id:
            notification_send(
                recipient=case.client.user, message="caseload.handoff_client",
                params={"name": staff.display_name, "provider": case.provider.name},
                dedupe_key=f"handoff-client:{assignment.code}",
            )
    return assignment


def cases_bulk_reassign(
    *, provider: Provider, from_staff: User, to_staff: list[User], reason: str, changed_by: User
) -> list[Assignment]:
    """Move every open case a staff member holds as counsellor to others, spread evenly in turn."""
    if not to_staff:
        raise ValidationError(_("Choose at least one counsellor to take the cases."))
    if any(s.pk == from_staff.pk for s in to_staff):
        raise ValidationError(_("Choose counsellors other than the one leaving."))
    for staff in to_staff:
        _check_assignable(staff, provider, Assignment.Role.COUNSELLOR)
    with transaction.atomic():
        cases = list(
            CaseFile.objects.filter(
                provider=provider, assignments__staff=from_staff, assignments__ended_at__isnull=True,
                assignments__role=Assignment.Role.COUNSELLOR,
            ).exclude(status=CaseFile.Status.CLOSED).select_related("client", "client__user", "provider")
            .order_by("opened_at", "id")
        )
        changed = [
            _assignment_change(case=case, role=Assignment.Role.COUNSELLOR, staff=to_staff[i % len(to_staff)],
                               reason=reason, changed_by=changed_by)
            for i, case in enumerate(cases)
        ]
        audit.record(action="caseload.bulk_reassigned", actor=changed_by, provider=provider, target=from_staff,
                     detail={"cases": len(changed), "to": [str(s.code) for s in to_staff]})
    return changed


def handoff_brief_acknowledge(*, brief: HandoffBrief, user: User) -> HandoffBrief:
    if brief.for_staff_id != user.pk:
        refuse(_("This handoff brief is for someone else; only they can acknowledge it."),
               action="handoff_brief.refused", actor=user, client=brief.client, target=brief)
    with transaction.atomic():
        updated = HandoffBrief.objects.filter(pk=brief.pk, acknowledged_at__isnull=True).update(
            acknowledged_at=timezone.now())
        brief.refresh_from_db(fields=["acknowledged_at"])
        if updated:
            audit.record(action="handoff_brief.acknowledged", actor=user, client=brief.client, target=brief)
    return brief
