"""Transfers between providers: requested with the client's consent, completed by the sending provider
within a deadline of business days, or by the nightly job (which tells the ministry)."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from caseload.models import CancelReason, CaseFile, Transfer
from caseload.selectors import add_business_days, manager_of, open_case_for
from caseload.services._common import provider_of, refuse, tell_each_once
from caseload.services.cases import case_open, case_set_status
from caseload.services.inbox import task_create
from clients.models import Client, Consent
from clients.selectors import has_consent
from clients.services import consent_grant
from espportal import audit
from espportal.models import Provider, User
from espportal.services import notification_send


def transfer_request(
    *, client: Client, to_provider: Provider, requested_by: User, reason: str = "", record_consent: bool = False
) -> Transfer:
    """Ask for a move to another provider. `record_consent` records the client's consent to share with the
    receiving provider (given to the counsellor); without an active consent the request is refused."""
    case = open_case_for(client)

    def no(message):
        refuse(message, action="transfer.refused", actor=requested_by, client=client, target=case,
               provider=provider_of(requested_by), detail={"to": str(to_provider.code)})

    if case is None:
        no(_("This client has no open case to transfer."))
    if to_provider.pk == case.provider_id:
        no(_("The client is already served by %(provider)s; choose another provider.")
           % {"provider": to_provider.name})
    if Transfer.objects.filter(client=client, status=Transfer.Status.REQUESTED).exists():
        no(_("A transfer for this client is already open; complete or cancel it first."))
    if not record_consent and not has_consent(client, Consent.Scope.SHARE_PROVIDER, to_provider):
        no(_("The client has not consented to share their record with %(provider)s. Record their consent to "
             "request the transfer.") % {"provider": to_provider.name})
    return _transfer_save(client=client, case=case, to_provider=to_provider, requested_by=requested_by,
                          reason=reason, record_consent=record_consent)


@transaction.atomic
def _transfer_save(*, client, case, to_provider, requested_by, reason, record_consent) -> Transfer:
    if record_consent:
        consent_grant(client=client, scope=Consent.Scope.SHARE_PROVIDER, provider=to_provider,
                      granted_by=requested_by, purpose=Consent.Purpose.TRANSFER)
    transfer = Transfer(
        client=client, from_case=case, from_provider=case.provider, to_provider=to_provider, reason=reason,
        requested_by=requested_by,
        due_on=add_business_days(timezone.localdate(), settings.ESP_TRANSFER_BUSINESS_DAYS),
    )
    transfer.full_clean()
    transfer.save()
    audit.record(action="transfer.requested", actor=requested_by, provider=case.provider, client=client,
                 target=transfer, detail={"to": str(to_provider.code), "due_on": transfer.due_on.isoformat()})
    for manager in filter(None, [manager_of(case.provider), manager_of(to_provider)]):
        notification_send(
            recipient=manager, message="caseload.transfer_requested",
            params={"client": client.full_name, "provider": to_provider.name, "due_on": transfer.due_on},
            link=reverse("caseload:manager"),
            dedupe_key=f"transfer-requested:{transfer.code}:{manager.code}",
        )
    return transfer


def transfer_complete(*, transfer: Transfer, completed_by: User | None, automatically: bool = False) -> Transfer:
    """Close the sending case and open one at the receiving provider. Claimed with a conditional UPDATE, so
    two runs (a person and the nightly job, or the job twice) complete it once."""
    transfer_complete_claimed(transfer=transfer, completed_by=completed_by, automatically=automatically)
    return transfer


@transaction.atomic
def transfer_complete_claimed(*, transfer: Transfer, completed_by: User | None, automatically: bool = False) -> bool:
    """transfer_complete, answering whether this call did the work (False: someone else already had, or the
    client no longer consents to share with the receiving provider: the transfer is then cancelled instead, with
    reason consent_withdrawn, and both providers are told)."""
    now = timezone.now()
    Client.objects.select_for_update().filter(pk=transfer.client_id).first()  # serialises with a withdrawal
    if not has_consent(transfer.client, Consent.Scope.SHARE_PROVIDER, transfer.to_provider):
        transfer_cancel(transfer=transfer, cancelled_by=completed_by, reason=CancelReason.CONSENT_WITHDRAWN)
        return False
    claimed = Transfer.objects.filter(pk=transfer.pk, status=Transfer.Status.REQUESTED).update(
        status=Transfer.Status.COMPLETED, completed_at=now, completed_by=completed_by,
        completed_automatically=automatically,
    )
    transfer.refresh_from_db()
    if not claimed:
        return False
    old_case = transfer.from_case
    if old_case.is_open:
        case_set_status(case=old_case, status=CaseFile.Status.CLOSED, changed_by=completed_by,
                        reason=CaseFile.CloseReason.TRANSFER)
    new_case = case_open(client=transfer.client, provider=transfer.to_provider, opened_by=completed_by)
    Transfer.objects.filter(pk=transfer.pk).update(to_case=new_case)
    transfer.to_case = new_case
    audit.record(action="transfer.completed", actor=completed_by, provider=transfer.from_provider,
                 client=transfer.client, target=transfer,
                 detail={"to": str(transfer.to_provider.code), "automatically": automatically,
                         "new_case": str(new_case.code)})
    receiving_manager = manager_of(transfer.to_provider)
    if receiving_manager is not None:
        task_create(
            assignee=receiving_manager, kind="transfer", case=new_case, due_on=timezone.localdate(),
            message="caseload.transfer_assign", params={"client": transfer.client.full_name},
            source_key=f"transfer-assign:{transfer.code}",
        )
    if automatically:
        for analyst in User.objects.filter(kind=User.Kind.MINISTRY, is_active=True):
            notification_send(
                recipient=analyst, message="caseload.transfer_overdue_completed",
                params={"from": transfer.from_provider.name, "to": transfer.to_provider.name,
                        "due_on": transfer.due_on},
                dedupe_key=f"transfer-overdue:{transfer.code}:{analyst.code}",
            )
    return True


@transaction.atomic
def transfer_cancel(*, transfer: Transfer, cancelled_by: User | None,
                    reason: str = CancelReason.BY_STAFF) -> Transfer:
    """Stop a requested transfer, with a reason code (CancelReason). Claimed with a conditional UPDATE: a second
    call changes and sends nothing. The managers of both providers, and whoever requested it, are told (in-app,
    each in their own language), except the person who cancelled."""
    claimed = Transfer.objects.filter(pk=transfer.pk, status=Transfer.Status.REQUESTED).update(
        status=Transfer.Status.CANCELLED, completed_at=timezone.now(), completed_by=cancelled_by,
        cancel_reason=reason)
    transfer.refresh_from_db()
    if claimed:
        audit.record(action="transfer.cancelled", actor=cancelled_by, provider=transfer.from_provider,
                     client=transfer.client, target=transfer, detail={"reason": reason})
        staff = [user for user in (manager_of(transfer.from_provider), manager_of(transfer.to_provider),
                                   transfer.requested_by) if user is not None and user.kind == User.Kind.STAFF]
        tell_each_once(
            [(user, reverse("caseload:manager") if user != transfer.requested_by else "") for user in staff],
            skip=cancelled_by, message="caseload.transfer_cancelled",
            dedupe_key=f"transfer-cancelled:{transfer.code}",
            params={"client": transfer.client.full_name, "from": transfer.from_provider.name,
                    "to": transfer.to_provider.name, "reason": reason})
    return transfer
