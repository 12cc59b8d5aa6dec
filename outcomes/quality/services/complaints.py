"""Writes for complaints: file (the job seeker, or staff on their behalf), assign, review, resolve, escalate.

Source of the rules: issue 9 §9 (ministry queue, configurable response deadline in business days, escalation of
overdue complaints, privacy breaches linked to the audit trail) and issue 10 §8 (the job seeker files and follows).
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from caseload.selectors import add_business_days
from clients.models import Client
from espportal import audit
from espportal.access import actor_for_user
from espportal.models import Provider, User
from espportal.services import notification_send
from outcomes.quality.models import Complaint, ComplaintEvent

# A second identical submission within this window is the same complaint (a double click, a resent form).
DUPLICATE_WINDOW = dt.timedelta(minutes=10)


def response_due(received_on: dt.date) -> dt.date:
    """The response deadline: settings.ESP_COMPLAINT_RESPONSE_BUSINESS_DAYS (default 10) business days after
    `received_on`, weekends and Ontario holidays excluded (caseload.selectors.add_business_days)."""
    return add_business_days(received_on, settings.ESP_COMPLAINT_RESPONSE_BUSINESS_DAYS)


def _notify_client(complaint: Complaint, message: str, key: str) -> None:
    """Tell the job seeker through the outbox (a message key, rendered in their language)."""
    user = complaint.client.user if complaint.client_id else None
    if user is None:
        return
    notification_send(recipient=user, message=message, params={},
                      link=reverse("quality:me_complaint", args=[complaint.code]),
                      dedupe_key=f"complaint:{complaint.code}:{key}")


@transaction.atomic
def complaint_file(*, client: Client, provider: Provider | None, kind: str, body: str, filed_by: User,
                   now: dt.datetime | None = None) -> Complaint:
    """File a complaint about `provider` (None: about the service in general) for `client`.

    `filed_by` is the client's own account (channel "portal") or a staff member who may see the client (channel
    "staff", on their behalf; the caller checked visibility through clients.access). Raises ValidationError for an
    empty body or an unknown kind, PermissionDenied for anyone else. An identical complaint filed in the last ten
    minutes is returned instead of a second row (double submit).
    """
    actor = actor_for_user(filed_by)
    if client.user_id == filed_by.pk:
        channel = Complaint.Channel.PORTAL
    elif actor.is_staff_member:
        channel = Complaint.Channel.STAFF
    else:
        raise PermissionDenied
    body = (body or "").strip()
    errors = {}
    if not body:
        errors["body"] = _("Tell us what happened: the complaint cannot be empty.")
    if kind not in Complaint.Kind.values:
        errors["kind"] = _("Choose what the complaint is about.")
    if errors:
        raise ValidationError(errors)
    now = now or timezone.now()
    Client.objects.select_for_update().filter(pk=client.pk).first()  # serialise a double submit on this client
    duplicate = Complaint.objects.filter(client=client, provider=provider, kind=kind, body=body,
                                         received_at__gte=now - DUPLICATE_WINDOW).first()
    if duplicate is not None:
        return duplicate
    complaint = Complaint(client=client, provider=provider, kind=kind, body=body, filed_by=filed_by, channel=channel,
                          received_at=now, due_on=response_due(timezone.localdate(now)))
    complaint.full_clean()
    complaint.save()
    ComplaintEvent.objects.create(complaint=complaint, action=ComplaintEvent.Action.RECEIVED, actor=filed_by, at=now)
    audit.record(action="complaint.filed", actor=filed_by, client=client, target=complaint, provider=provider,
                 detail={"kind": kind, "channel": channel})
    return complaint


def _require_ministry(user: User) -> None:
    if not actor_for_user(user).is_ministry:
        raise PermissionDenied


@transaction.atomic
def complaint_assign(*, complaint: Complaint, assignee: User, assigned_by: User) -> Complaint:
    """Give the complaint to a ministry reviewer; a received complaint moves to "in review". Ministry only."""
    _require_ministry(assigned_by)
    if not actor_for_user(assignee).is_ministry:
        raise ValidationError({"assignee": _("Choose someone at the ministry.")})
    if not complaint.is_open:
        raise ValidationError(_("This complaint is resolved."))
    complaint.assignee = assignee
    fields = ["assignee"]
    if complaint.status == Complaint.Status.RECEIVED:
        complaint.status = Complaint.Status.IN_REVIEW
        fields.append("status")
    complaint.save(update_fields=fields)
    ComplaintEvent.objects.create(complaint=complaint, action=ComplaintEvent.Action.ASSIGNED, actor=assigned_by)
    audit.record(action="complaint.assigned", actor=assigned_by, client=complaint.client, target=complaint,
                 provider=complaint.provider, detail={"assignee": str(assignee.code)})
    return complaint


@transaction.atomic
def complaint_resolve(*, complaint: Complaint, resolution: str, resolved_by: User,
                      now: dt.datetime | None = None) -> Complaint:
    """Close the complaint with the resolution the job seeker reads. Ministry only; ValidationError when the
    resolution is empty or the complaint is already resolved (a second click changes nothing)."""
    _require_ministry(resolved_by)
    resolution = (resolution or "").strip()
    if not resolution:
        raise ValidationError({"resolution": _("Write the resolution the person will read.")})
    now = now or timezone.now()
    updated = Complaint.objects.filter(pk=complaint.pk, status__in=Complaint.OPEN_STATUSES).update(
        status=Complaint.Status.RESOLVED, resolution=resolution, resolved_at=now, resolved_by=resolved_by)
    if not updated:
        raise ValidationError(_("This complaint is already resolved."))
    complaint.refresh_from_db()
    ComplaintEvent.objects.create(complaint=complaint, action=ComplaintEvent.Action.RESOLVED, actor=resolved_by,
                                  note=resolution, at=now)
    audit.record(action="complaint.resolved", actor=resolved_by, client=complaint.client, target=complaint,
                 provider=complaint.provider)
    _notify_client(complaint, "quality.complaint_resolved", "resolved")
    return complaint


@transaction.atomic
def complaint_escalate(*, complaint_id: int, now: dt.datetime | None = None) -> bool:
    """Escalate one overdue complaint, once: the conditional UPDATE claims it and commits with its event, so a
    rerun (or a second worker) does nothing. True when this call escalated it."""
    now = now or timezone.now()
    claimed = Complaint.objects.filter(
        pk=complaint_id, status__in=(Complaint.Status.RECEIVED, Complaint.Status.IN_REVIEW),
        due_on__lt=timezone.localdate(now),
    ).update(status=Complaint.Status.ESCALATED, escalated_at=now)
    if claimed != 1:
        return False
    complaint = Complaint.objects.select_related("client__user", "assignee").get(pk=complaint_id)
    try:
        with transaction.atomic():
            ComplaintEvent.objects.create(complaint=complaint, action=ComplaintEvent.Action.ESCALATED, at=now)
    except IntegrityError:
        return False
    if complaint.assignee is not None:
        notification_send(recipient=complaint.assignee, message="quality.complaint_overdue", params={},
                          link=reverse("quality:complaint", args=[complaint.code]),
                          dedupe_key=f"complaint:{complaint.code}:escalated")
    audit.record(action="complaint.escalated", client=complaint.client, target=complaint,
                 provider=complaint.provider, detail={"due_on": complaint.due_on.isoformat()})
    return True
