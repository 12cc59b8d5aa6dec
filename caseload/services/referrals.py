"""Referrals to a specialist (own or another provider); the home counsellor keeps the case."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from caseload.models import CaseFile, Referral
from caseload.selectors import current_assignee
from caseload.services._common import provider_of, refuse, tell_each_once
from clients.models import Consent
from clients.selectors import has_consent
from clients.services import consent_grant
from espportal import audit
from espportal.models import User
from espportal.services import notification_send


def referral_request(
    *, case: CaseFile, specialist: User, reason: str, requested_by: User, record_consent: bool = False
) -> Referral:
    to_provider = provider_of(specialist)

    def no(message):
        refuse(message, action="referral.refused", actor=requested_by, client=case.client, target=case,
               provider=provider_of(requested_by))

    if not case.is_open:
        no(_("This case is closed."))
    if to_provider is None:
        no(_("This person is not an active specialist at any provider."))
    if specialist.pk == requested_by.pk:
        no(_("Refer the client to someone other than yourself."))
    if not (reason or "").strip():
        no(_("Say what help the client needs."))
    other = to_provider.pk != case.provider_id
    if other and not record_consent and not has_consent(case.client, Consent.Scope.SHARE_PROVIDER, to_provider):
        no(_("The client has not consented to share their record with %(provider)s.")
           % {"provider": to_provider.name})
    with transaction.atomic():
        if other and record_consent:
            consent_grant(client=case.client, scope=Consent.Scope.SHARE_PROVIDER, provider=to_provider,
                          granted_by=requested_by, purpose=Consent.Purpose.REFERRAL)
        referral = Referral(case=case, client=case.client, from_provider=case.provider, to_provider=to_provider,
                            specialist=specialist, requested_by=requested_by, reason=reason.strip())
        referral.full_clean()
        referral.save()
        audit.record(action="referral.requested", actor=requested_by, provider=case.provider, client=case.client,
                     target=referral, detail={"specialist": str(specialist.code), "to": str(to_provider.code)})
        notification_send(
            recipient=specialist, message="caseload.referral_requested",
            params={"who": requested_by.display_name, "provider": case.provider.name, "reason": reason.strip()[:500]},
            link=reverse("caseload:referrals"),
            dedupe_key=f"referral-requested:{referral.code}",
        )
    return referral


def _home_counsellor(referral: Referral) -> User:
    return current_assignee(referral.case) or referral.requested_by


def _move(referral: Referral, *, by: User, from_status: str, to_status: str, **fields) -> Referral:
    if referral.specialist_id != by.pk:
        refuse(_("Only the specialist this referral is addressed to can answer it."), action="referral.refused",
               actor=by, client=referral.client, target=referral)
    updated = Referral.objects.filter(pk=referral.pk, status=from_status).update(status=to_status, **fields)
    if not updated:
        raise ValidationError(_("This referral is no longer %(status)s.")
                              % {"status": Referral.Status(from_status).label.lower()})
    referral.refresh_from_db()
    audit.record(action=f"referral.{to_status}", actor=by, provider=referral.to_provider, client=referral.client,
                 target=referral)
    return referral


@transaction.atomic
def referral_respond(*, referral: Referral, accept: bool, by: User) -> Referral:
    status = Referral.Status.ACCEPTED if accept else Referral.Status.DECLINED
    referral = _move(referral, by=by, from_status=Referral.Status.REQUESTED, to_status=status,
                     responded_at=timezone.now(), **({} if accept else {"closed_at": timezone.now()}))
    notification_send(
        recipient=_home_counsellor(referral), message="caseload.referral_answered",
        params={"who": by.display_name, "accepted": bool(accept), "client": referral.client.full_name},
        link=reverse("caseload:case", kwargs={"code": referral.case.code}),
        dedupe_key=f"referral-answered:{referral.code}",
    )
    return referral


@transaction.atomic
def referral_complete(*, referral: Referral, closing_note: str, by: User) -> Referral:
    if not (closing_note or "").strip():
        raise ValidationError(_("Write a closing note for the home counsellor."))
    referral = _move(referral, by=by, from_status=Referral.Status.ACCEPTED, to_status=Referral.Status.COMPLETED,
                     closed_at=timezone.now(), closing_note=closing_note.strip())
    notification_send(
        recipient=_home_counsellor(referral), message="caseload.referral_completed",
        params={"client": referral.client.full_name, "note": referral.closing_note},
        link=reverse("caseload:case", kwargs={"code": referral.case.code}),
        dedupe_key=f"referral-completed:{referral.code}",
    )
    return referral


@transaction.atomic
def referral_cancel(*, referral: Referral, reason: str, by: User | None) -> Referral:
    """Stop a referral that is still requested or accepted, with a reason code (CancelReason). Claimed with a
    conditional UPDATE, so a second call changes and sends nothing. The specialist and the home counsellor (both
    providers) are told, each in their own language, except the person who cancelled."""
    claimed = Referral.objects.filter(
        pk=referral.pk, status__in=[Referral.Status.REQUESTED, Referral.Status.ACCEPTED]
    ).update(status=Referral.Status.CANCELLED, closed_at=timezone.now(), cancel_reason=reason)
    referral.refresh_from_db()
    if not claimed:
        return referral
    audit.record(action="referral.cancelled", actor=by, provider=referral.from_provider, client=referral.client,
                 target=referral, detail={"reason": reason})
    tell_each_once(
        [(referral.specialist, reverse("caseload:referrals")),
         (_home_counsellor(referral), reverse("caseload:case", kwargs={"code": referral.case.code}))],
        skip=by, message="caseload.referral_cancelled", dedupe_key=f"referral-cancelled:{referral.code}",
        params={"client": referral.client.full_name, "from": referral.from_provider.name,
                "specialist": referral.specialist.display_name, "reason": reason})
    return referral
