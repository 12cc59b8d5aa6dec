"""Closing a case asks for a reason (stored as its code) and a confirmation; a manager may reopen it within
ESP_CASE_REOPEN_DAYS, audited, and nothing written is deleted (issue 13, section 5)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from caseload import services
from caseload.models import Assignment, CaseClosure, CaseFile
from espportal.models import AuditEvent

pytestmark = pytest.mark.django_db


def _close(web, case, **data):
    return web.post(reverse("caseload:case_close", args=[case.code]), data)


def test_closing_on_the_page_asks_to_confirm_then_stores_the_reason_code(case_a, counsellor_a, login):
    web = login(counsellor_a)
    asked = _close(web, case_a, reason="moved")
    assert asked.status_code == 200
    page = asked.content.decode()
    assert "Close Lina Farah's case?" in page and "Client moved away" in page
    assert 'name="confirm" value="True"' in page
    assert CaseFile.objects.get(pk=case_a.pk).is_open  # nothing happened yet
    done = _close(web, case_a, reason="moved", confirm="True")
    assert done.status_code == 302
    case_a.refresh_from_db()
    assert (case_a.status, case_a.close_reason) == ("closed", "moved")
    closure = CaseClosure.objects.get(case=case_a)
    assert (closure.reason, closure.previous_status, closure.closed_by) == ("moved", "waiting", counsellor_a)


@pytest.mark.parametrize("data", [{}, {"reason": ""}, {"reason": "transfer"}, {"reason": "bored"},
                                  {"reason": "", "confirm": "True"}])
def test_closing_without_a_valid_reason_is_refused_and_changes_nothing(data, case_a, counsellor_a, login):
    response = _close(login(counsellor_a), case_a, **data)
    assert response.status_code == 422
    assert 'id="close-case-reason"' in response.content.decode()
    assert CaseFile.objects.get(pk=case_a.pk).is_open


def test_the_stage_form_no_longer_closes_and_the_service_never_defaults_a_reason(case_a, counsellor_a, login):
    response = login(counsellor_a).post(reverse("caseload:case_status", args=[case_a.code]), {"status": "closed"})
    assert response.status_code == 422
    with pytest.raises(ValidationError, match="Choose why the case closes"):
        services.case_set_status(case=case_a, status="closed", changed_by=counsellor_a)
    assert CaseFile.objects.get(pk=case_a.pk).is_open


def test_a_manager_reopens_within_the_period_and_the_closing_stays_on_record(case_a, counsellor_a, manager_a,
                                                                           note_a, login):
    services.case_set_status(case=case_a, status="active", changed_by=counsellor_a)
    services.case_close(case=case_a, reason="withdrew", closed_by=counsellor_a)
    web = login(manager_a)
    page = web.get(reverse("caseload:case", args=[case_a.code])).content.decode()
    assert "Reopen the case" in page
    assert web.post(reverse("caseload:case_reopen", args=[case_a.code])).status_code == 302
    case_a.refresh_from_db()
    case_a.client.refresh_from_db()
    assert (case_a.status, case_a.closed_at, case_a.close_reason) == ("active", None, "")
    assert case_a.client.current_provider == case_a.provider
    current = Assignment.objects.get(case=case_a, role="counsellor", ended_at__isnull=True)
    assert (current.staff, current.reason) == (counsellor_a, "reopened")
    assert Assignment.objects.filter(case=case_a).count() == 2  # the first assignment is kept, ended
    closure = CaseClosure.objects.get(case=case_a)
    assert (closure.reason, closure.reopened_by) == ("withdrew", manager_a) and closure.reopened_at is not None
    assert case_a.notes.get() == note_a
    assert AuditEvent.objects.filter(action="case.reopened", target_code=str(case_a.code)).count() == 1


def test_reopening_after_the_period_is_refused_with_a_clear_message(case_a, counsellor_a, manager_a, login,
                                                                    settings):
    settings.ESP_CASE_REOPEN_DAYS = 30
    with time_machine.travel(dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.UTC), tick=False):
        services.case_close(case=case_a, reason="completed", closed_by=counsellor_a)
    with time_machine.travel(dt.datetime(2026, 12, 2, 15, 0, 1, tzinfo=dt.UTC), tick=False):
        web = login(manager_a)
        assert "Reopen the case" not in web.get(reverse("caseload:case", args=[case_a.code])).content.decode()
        response = web.post(reverse("caseload:case_reopen", args=[case_a.code]))
    assert response.status_code == 422
    assert ("This case closed on 2026-11-02, more than 30 days ago, and can no longer be reopened. Open a new case "
            "instead.") in response.content.decode()
    assert CaseFile.objects.get(pk=case_a.pk).status == "closed"
    assert AuditEvent.objects.filter(action="case.reopen_refused").count() == 1


def test_only_a_manager_reopens_and_never_a_case_closed_for_a_transfer(transfer_a, case_a, counsellor_a, manager_a,
                                                                      login):
    services.transfer_complete(transfer=transfer_a, completed_by=counsellor_a)
    assert login(counsellor_a).post(reverse("caseload:case_reopen", args=[case_a.code])).status_code == 403
    response = login(manager_a).post(reverse("caseload:case_reopen", args=[case_a.code]))
    assert response.status_code == 422
    assert "closed for a transfer" in response.content.decode()


def test_a_case_cannot_reopen_beside_another_open_case(case_a, counsellor_a, manager_a, provider_a):
    services.case_close(case=case_a, reason="other", closed_by=counsellor_a)
    services.case_open(client=case_a.client, provider=provider_a, opened_by=counsellor_a)
    with pytest.raises(ValidationError, match="already has an open case"):
        services.case_reopen(case=case_a, reopened_by=manager_a)
    assert AuditEvent.objects.filter(action="case.reopen_refused").exists()
