"""Case files and who works on them: open, change stage, close, reassign (with a handoff brief)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from caseload.models import Assignment, CaseFile, HandoffBrief
from caseload.selectors import open_case_for
from caseload.services._common import is_staff_of, refuse
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
    """Move a case to another stage. Closing ends the assignments and, unless the case closes for a
    transfer (the receiving case takes over), leaves the client with no current provider."""
    if status not in CaseFile.Status.values:
        raise ValidationError(_("Unknown case stage: %(status)s.") % {"status": status})
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
        locked.close_reason = reason if reason in CaseFile.CloseReason.values else CaseFile.CloseReason.OTHER
        fields += ["closed_at", "close_reason"]
    locked.full_clean()
    locked.save(update_fields=fields)
    if status == CaseFile.Status.CLOSED:
        Assignment.objects.filter(case=locked, ended_at__isnull=True).update(ended_at=now)
        client = locked.client
        if reason != CaseFile.CloseReason.TRANSFER and client.current_provider_id == locked.provider_id:
            client_move(client=client, provider=None, moved_by=changed_by, reason="case_closed")
    audit.record(action="case.status_changed", actor=changed_by, provider=locked.provider, client=locked.client,
                 target=locked, detail={"from": previous, "to": status, "reason": reason})
    case.status, case.closed_at, case.close_reason = locked.status, locked.closed_at, locked.close_reason
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
