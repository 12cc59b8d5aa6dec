"""Withdrawing a consent stops what depended on it. The consent itself is the clients app's
(clients.services.consent_withdraw); what depends on it (transfers, referrals) is caseload's, so the withdrawal is
made here, the higher app, and the pages that withdraw call this service."""

from django.db import transaction

from caseload.models import CancelReason, Referral, Transfer
from caseload.services.referrals import referral_cancel
from caseload.services.transfers import transfer_cancel
from clients import services as clients_services
from clients.models import Client, Consent
from clients.selectors import has_consent
from espportal.models import User


@transaction.atomic
def consent_withdraw(*, consent: Consent, withdrawn_by: User) -> Consent:
    """Withdraw `consent` at once and, for a consent to share with a provider, cancel (reason consent_withdrawn)
    the client's requested transfer to that provider and their requested or accepted referrals to it from another
    provider; both providers are told (caseload.transfer_cancelled / caseload.referral_cancelled, each recipient
    in their language, once). Safe to repeat: a second call changes and sends nothing. Returns the consent."""
    Client.objects.select_for_update().filter(pk=consent.client_id).first()  # serialises with transfer_complete
    consent = clients_services.consent_withdraw(consent=consent, withdrawn_by=withdrawn_by)
    if consent.scope != Consent.Scope.SHARE_PROVIDER or consent.withdrawn_at is None:
        return consent
    client, provider = consent.client, consent.provider
    if has_consent(client, Consent.Scope.SHARE_PROVIDER, provider):  # given again since: nothing depends on this one
        return consent
    for transfer in Transfer.objects.filter(client=client, to_provider=provider, status=Transfer.Status.REQUESTED):
        transfer_cancel(transfer=transfer, cancelled_by=withdrawn_by, reason=CancelReason.CONSENT_WITHDRAWN)
    referrals = Referral.objects.filter(
        client=client, to_provider=provider, status__in=[Referral.Status.REQUESTED, Referral.Status.ACCEPTED]
    ).exclude(from_provider=provider).select_related("case", "specialist", "from_provider", "client")
    for referral in referrals:
        referral_cancel(referral=referral, reason=CancelReason.CONSENT_WITHDRAWN, by=withdrawn_by)
    return consent
