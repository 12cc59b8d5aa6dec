import datetime as dt

from django.urls import reverse
from django.utils import timezone

from caseload.models import CaseFile
from espportal.models import AuditEvent


def _form_time(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_it_records_the_first_meeting_and_activates_a_waiting_case(login, counsellor_a, case_a):
    CaseFile.objects.filter(pk=case_a.pk).update(status=CaseFile.Status.WAITING)
    web = login(counsellor_a)
    page = web.get(reverse("caseload:case", args=[case_a.code])).content.decode()
    assert reverse("caseload:first_meeting", args=[case_a.code]) in page

    met = timezone.now() - dt.timedelta(days=2)
    response = web.post(reverse("caseload:first_meeting", args=[case_a.code]), {"at": _form_time(met)})

    assert response.status_code == 302
    case_a.refresh_from_db()
    case_a.client.refresh_from_db()
    assert case_a.status == CaseFile.Status.ACTIVE
    assert case_a.client.first_meeting_at is not None
    assert AuditEvent.objects.filter(action="client.first_meeting", client_code=case_a.client.code).count() == 1
    # Once met, the form is gone from the case page.
    page = web.get(reverse("caseload:case", args=[case_a.code])).content.decode()
    assert reverse("caseload:first_meeting", args=[case_a.code]) not in page


def test_it_refuses_a_first_meeting_in_the_future_and_changes_nothing(login, counsellor_a, case_a):
    CaseFile.objects.filter(pk=case_a.pk).update(status=CaseFile.Status.WAITING)
    later = timezone.now() + dt.timedelta(days=1)
    response = login(counsellor_a).post(reverse("caseload:first_meeting", args=[case_a.code]),
                                        {"at": _form_time(later)})
    assert response.status_code == 422
    assert response.context["first_meeting_form"].errors["at"] == ["The meeting cannot be in the future."]
    case_a.refresh_from_db()
    case_a.client.refresh_from_db()
    assert case_a.status == CaseFile.Status.WAITING
    assert case_a.client.first_meeting_at is None
