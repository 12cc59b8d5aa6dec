"""Withdrawing the consent to share with a provider stops what depended on it: the pending transfer to that
provider and the referrals to it are cancelled with a reason, both providers are told once, each in their own
language; the nightly job no longer completes the transfer (issue 13, section 5)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from caseload import services
from caseload.models import CancelReason, Referral, Transfer
from caseload.tasks import transfers_complete_overdue
from clients import services as clients_services
from clients.models import Consent
from espportal.models import AuditEvent, Notification

pytestmark = pytest.mark.django_db


def _share_consent(client, provider):
    return client.consents.get(scope=Consent.Scope.SHARE_PROVIDER, provider=provider, withdrawn_at__isnull=True)


def _told(message):
    return sorted((n.recipient.email, n.subject) for n in Notification.objects.filter(template=message))


def test_a_counsellor_withdrawing_on_the_file_cancels_the_pending_transfer_and_tells_both_providers(
        transfer_a, case_a, counsellor_a, manager_a, manager_b, login):
    manager_b.preferred_language = "fr"
    manager_b.save(update_fields=["preferred_language"])
    consent = _share_consent(case_a.client, transfer_a.to_provider)
    web = login(counsellor_a)
    response = web.post(reverse("caseload:consent_withdraw", args=[case_a.client.code, consent.code]))
    assert response.status_code == 302
    transfer_a.refresh_from_db()
    assert (transfer_a.status, transfer_a.cancel_reason) == ("cancelled", "consent_withdrawn")
    assert AuditEvent.objects.filter(action="transfer.cancelled", detail__reason="consent_withdrawn").count() == 1
    # Each manager once, in their own language; the counsellor who withdrew it is not told what they did.
    assert _told("caseload.transfer_cancelled") == sorted([
        (manager_a.email, f"Transfer cancelled: Lina Farah, {transfer_a.from_provider.name} to "
                          f"{transfer_a.to_provider.name}"),
        (manager_b.email, f"Transfert annulé : Lina Farah, de {transfer_a.from_provider.name} à "
                          f"{transfer_a.to_provider.name}"),
    ])
    # Posting again (a double click, a back button) changes and sends nothing more.
    web.post(reverse("caseload:consent_withdraw", args=[case_a.client.code, consent.code]))
    assert Notification.objects.filter(template="caseload.transfer_cancelled").count() == 2


def test_after_a_withdrawal_the_nightly_job_does_not_move_the_client(transfer_a, case_a, seeker_a, counsellor_b,
                                                                    login):
    consent = _share_consent(case_a.client, transfer_a.to_provider)
    assert login(seeker_a).post(reverse("caseload:me_consent_withdraw", args=[consent.code])).status_code == 302
    with time_machine.travel(timezone.now() + dt.timedelta(days=30), tick=False):
        assert transfers_complete_overdue() == 0
    transfer_a.refresh_from_db()
    case_a.client.refresh_from_db()
    assert transfer_a.status == Transfer.Status.CANCELLED and transfer_a.to_case is None
    assert case_a.client.current_provider == case_a.provider
    assert login(counsellor_b).get(reverse("caseload:case", args=[case_a.code])).status_code == 404


def test_the_nightly_job_cancels_rather_than_completes_when_the_consent_is_gone_by_any_route(
        transfer_a, case_a, seeker_a, manager_a, manager_b):
    # Withdrawn through the clients app's own service (no caseload involved): the completion checks the consent.
    clients_services.consent_withdraw(consent=_share_consent(case_a.client, transfer_a.to_provider),
                                      withdrawn_by=seeker_a)
    with time_machine.travel(timezone.now() + dt.timedelta(days=30), tick=False):
        assert transfers_complete_overdue() == 0
        assert transfers_complete_overdue() == 0
    transfer_a.refresh_from_db()
    assert (transfer_a.status, transfer_a.cancel_reason) == ("cancelled", CancelReason.CONSENT_WITHDRAWN)
    assert {n.recipient for n in Notification.objects.filter(template="caseload.transfer_cancelled")} == {
        manager_a, manager_b, transfer_a.requested_by}
    assert Notification.objects.filter(template="caseload.transfer_cancelled").count() == 3


def test_a_job_seeker_withdrawing_cancels_referrals_to_that_provider_and_tells_specialist_and_counsellor(
        case_a, counsellor_a, counsellor_a2, counsellor_b, seeker_a, login):
    outside = services.referral_request(case=case_a, specialist=counsellor_b, reason="Trades resume",
                                        requested_by=counsellor_a, record_consent=True)
    services.referral_respond(referral=outside, accept=True, by=counsellor_b)
    inside = services.referral_request(case=case_a, specialist=counsellor_a2, reason="Interview practice",
                                       requested_by=counsellor_a)
    consent = _share_consent(case_a.client, outside.to_provider)
    assert login(seeker_a).post(reverse("caseload:me_consent_withdraw", args=[consent.code])).status_code == 302
    outside.refresh_from_db()
    inside.refresh_from_db()
    assert (outside.status, outside.cancel_reason) == (Referral.Status.CANCELLED, "consent_withdrawn")
    assert outside.closed_at is not None
    assert inside.status == Referral.Status.REQUESTED  # same provider: no consent was needed, nothing changes
    told = Notification.objects.filter(template="caseload.referral_cancelled")
    assert sorted(n.recipient.email for n in told) == sorted([counsellor_a.email, counsellor_b.email])
    assert told.get(recipient=counsellor_b).body == \
        "The client withdrew their consent to share with that provider"
    # The specialist no longer sees the record, so cannot complete it.
    response = login(counsellor_b).post(reverse("caseload:referral_complete", args=[outside.code]),
                                        {"closing_note": "Done"})
    assert response.status_code == 404
    assert Referral.objects.get(pk=outside.pk).status == Referral.Status.CANCELLED


def test_a_consent_given_again_keeps_a_new_transfer(case_a, counsellor_a, provider_b, seeker_a):
    transfer = services.transfer_request(client=case_a.client, to_provider=provider_b, requested_by=counsellor_a,
                                         record_consent=True)
    first = _share_consent(case_a.client, provider_b)
    services.consent_withdraw(consent=first, withdrawn_by=seeker_a)
    transfer.refresh_from_db()
    assert transfer.status == Transfer.Status.CANCELLED
    again = services.transfer_request(client=case_a.client, to_provider=provider_b, requested_by=counsellor_a,
                                      record_consent=True)
    services.consent_withdraw(consent=first, withdrawn_by=seeker_a)  # the old one again: nothing depends on it
    again.refresh_from_db()
    assert again.status == Transfer.Status.REQUESTED
