import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from caseload import selectors, services
from caseload.models import CaseFile, Transfer
from caseload.tasks import transfers_complete_overdue
from clients.services import consent_grant
from espportal.access import actor_for_user
from espportal.models import AuditEvent, Notification

MONDAY = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


def test_it_refuses_a_transfer_to_the_same_provider(case_a, counsellor_a, provider_a):
    with pytest.raises(ValidationError, match="already served by"):
        services.transfer_request(client=case_a.client, to_provider=provider_a, requested_by=counsellor_a,
                                  record_consent=True)
    assert not Transfer.objects.exists()
    assert AuditEvent.objects.filter(action="transfer.refused").exists()


def test_it_refuses_a_transfer_without_consent_and_changes_nothing(case_a, counsellor_a, provider_b):
    with pytest.raises(ValidationError, match="not consented"):
        services.transfer_request(client=case_a.client, to_provider=provider_b, requested_by=counsellor_a)
    assert not Transfer.objects.exists()
    assert not case_a.client.consents.exists()


def test_it_refuses_a_second_open_transfer(transfer_a, case_a, counsellor_a, provider_b, counsellor_b):
    with pytest.raises(ValidationError, match="already open"):
        services.transfer_request(client=case_a.client, to_provider=provider_b, requested_by=counsellor_a,
                                  record_consent=True)
    assert Transfer.objects.count() == 1


def test_it_lets_the_receiving_provider_see_the_record_at_once(transfer_a, case_a, counsellor_b, login):
    response = login(counsellor_b).get(reverse("caseload:case", args=[case_a.code]))
    assert response.status_code == 200
    assert response.context["can_write"] is False


def test_it_uses_business_days_for_the_deadline(case_a, counsellor_a, provider_b, settings):
    settings.ESP_TRANSFER_BUSINESS_DAYS = 5
    with time_machine.travel(dt.datetime(2026, 11, 27, 15, 0, tzinfo=dt.UTC), tick=False):  # a Friday
        transfer = services.transfer_request(client=case_a.client, to_provider=provider_b,
                                             requested_by=counsellor_a, record_consent=True)
    assert transfer.due_on == dt.date(2026, 12, 4)


def test_it_completes_a_transfer_and_moves_the_case(transfer_a, case_a, counsellor_a, counsellor_b, provider_b,
                                                    login, note_a):
    web = login(counsellor_a)
    assert web.post(reverse("caseload:transfer_complete", args=[transfer_a.code])).status_code == 302
    transfer_a.refresh_from_db()
    case_a.refresh_from_db()
    client = case_a.client
    client.refresh_from_db()
    assert case_a.status == CaseFile.Status.CLOSED and case_a.close_reason == "transfer"
    assert transfer_a.to_case.provider == provider_b and transfer_a.to_case.is_open
    assert client.current_provider == provider_b
    assert selectors.open_case_for(client) == transfer_a.to_case
    # The receiving provider reads the earlier provider's notes (the client consented).
    assert [n.body for n in selectors.timeline_for(actor_for_user(counsellor_b), counsellor_b,
                                                    transfer_a.to_case)] == [note_a.body]
    # The sending provider keeps reading its own episode but can no longer write on it.
    assert web.get(reverse("caseload:case", args=[case_a.code])).status_code == 200
    response = web.post(reverse("caseload:note_create", args=[case_a.code]),
                        {"kind": "contact", "visibility": "team", "body": "Still here?"})
    assert response.status_code == 403


def test_the_overdue_job_completes_a_stalled_transfer_exactly_once(case_a, counsellor_a, provider_b, ministry,
                                                                  manager_b):
    with time_machine.travel(MONDAY, tick=False):
        transfer = services.transfer_request(client=case_a.client, to_provider=provider_b,
                                             requested_by=counsellor_a, record_consent=True)
        assert transfers_complete_overdue() == 0  # not due yet
    with time_machine.travel(MONDAY + dt.timedelta(days=8), tick=False):
        assert transfers_complete_overdue() == 1
        assert transfers_complete_overdue() == 0
    transfer.refresh_from_db()
    assert transfer.status == Transfer.Status.COMPLETED and transfer.completed_automatically
    assert CaseFile.objects.filter(client=case_a.client, provider=provider_b).count() == 1
    assert Notification.objects.filter(recipient=ministry, dedupe_key__startswith="transfer-overdue:").count() == 1
    assert AuditEvent.objects.filter(action="transfer.completed").count() == 1


def test_a_person_and_the_job_complete_it_once(transfer_a, counsellor_a, provider_b):
    services.transfer_complete(transfer=transfer_a, completed_by=counsellor_a)
    with time_machine.travel(timezone.now() + dt.timedelta(days=30), tick=False):
        assert transfers_complete_overdue() == 0
    assert CaseFile.objects.filter(provider=provider_b).count() == 1


def test_it_records_consent_given_in_the_transfer_form(case_a, counsellor_a, provider_b, login):
    response = login(counsellor_a).post(reverse("caseload:transfer_create", args=[case_a.code]), {
        "to_provider": str(provider_b.code), "reason": "Moving north", "record_consent": "on"})
    assert response.status_code == 302
    assert case_a.client.consents.get().provider == provider_b
    assert Transfer.objects.get().status == "requested"


def test_the_transfer_form_refuses_without_consent(case_a, counsellor_a, provider_b, login):
    response = login(counsellor_a).post(reverse("caseload:transfer_create", args=[case_a.code]), {
        "to_provider": str(provider_b.code), "reason": "Moving north"})
    assert response.status_code == 422
    assert "not consented" in response.content.decode()
    assert not Transfer.objects.exists()


def test_existing_consent_suffices(case_a, counsellor_a, provider_b):
    consent_grant(client=case_a.client, scope="share_provider", provider=provider_b, granted_by=counsellor_a)
    transfer = services.transfer_request(client=case_a.client, to_provider=provider_b, requested_by=counsellor_a)
    assert transfer.to_provider == provider_b


# Hand-computed from Ontario's statutory holidays (Employment Standards Act: Family Day is the third Monday of
# February; Christmas 2026 is a Friday, so Boxing Day (a Saturday) is observed Monday 28 December; New Year's Day
# 2027 is a Friday). Five business days, counted from the day after the request:
#  - Fri 13 Feb 2026: Mon 16 is Family Day; Tue 17, Wed 18, Thu 19, Fri 20, Mon 23 -> 23 Feb (20 Feb without it).
#  - Thu 24 Dec 2026: Fri 25 Christmas, Mon 28 Boxing Day observed; Tue 29, Wed 30, Thu 31, (Fri 1 Jan New Year),
#    Mon 4, Tue 5 -> 5 Jan 2027 (31 Dec if holidays were ignored).
@pytest.mark.parametrize("requested_at,due_on", [
    (dt.datetime(2026, 2, 13, 15, 0, tzinfo=dt.UTC), dt.date(2026, 2, 23)),
    (dt.datetime(2026, 12, 24, 15, 0, tzinfo=dt.UTC), dt.date(2027, 1, 5)),
])
def test_the_deadline_skips_ontario_statutory_holidays(requested_at, due_on, case_a, counsellor_a, provider_b,
                                                       settings):
    settings.ESP_TRANSFER_BUSINESS_DAYS = 5
    with time_machine.travel(requested_at, tick=False):
        transfer = services.transfer_request(client=case_a.client, to_provider=provider_b,
                                             requested_by=counsellor_a, record_consent=True)
    assert transfer.due_on == due_on
    assert Transfer.objects.get().due_on == due_on


def test_the_api_answers_the_holiday_aware_deadline(case_a, counsellor_a, provider_b, settings, login):
    settings.ESP_TRANSFER_BUSINESS_DAYS = 5
    with time_machine.travel(dt.datetime(2026, 12, 24, 15, 0, tzinfo=dt.UTC), tick=False):
        response = login(counsellor_a).post(reverse("caseload_api:transfer-list"), {
            "client": str(case_a.client.code), "to_provider": str(provider_b.code), "reason": "Moving",
            "record_consent": True}, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["due_on"] == "2027-01-05"


def test_the_transfer_form_says_the_provider_typed_is_the_clients_own(login, case_a, counsellor_a, provider_a):
    url = reverse("caseload:transfer_create", args=[case_a.code])
    response = login(counsellor_a).post(url, {"to_provider": provider_a.name.lower(), "record_consent": "on"})
    assert response.status_code == 422
    assert response.context["transfer_form"].errors["to_provider"] == [
        "“provider a” is your own provider: choose another one."]
    assert not Transfer.objects.exists()
