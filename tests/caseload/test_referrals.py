import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from caseload import services
from caseload.models import Referral
from espportal.models import Notification, Role
from tests.factories import staff_member


def test_it_refuses_a_referral_to_another_provider_without_consent(case_a, counsellor_a, counsellor_b):
    with pytest.raises(ValidationError, match="not consented"):
        services.referral_request(case=case_a, specialist=counsellor_b, reason="French resume",
                                  requested_by=counsellor_a)
    assert not Referral.objects.exists()


def test_a_specialist_at_another_provider_sees_the_case_with_consent(case_a, counsellor_a, counsellor_b, login):
    services.referral_request(case=case_a, specialist=counsellor_b, reason="French resume",
                              requested_by=counsellor_a, record_consent=True)
    web = login(counsellor_b)
    assert web.get(reverse("caseload:case", args=[case_a.code])).status_code == 200
    assert "French resume" in web.get(reverse("caseload:referrals")).content.decode()


def test_it_runs_a_referral_to_a_closing_note_back_to_the_home_counsellor(referral_a, counsellor_a2, counsellor_a,
                                                                         login, case_a):
    web = login(counsellor_a2)
    web.post(reverse("caseload:referral_respond", args=[referral_a.code]), {"accept": "yes"})
    response = web.post(reverse("caseload:referral_complete", args=[referral_a.code]),
                        {"closing_note": "Resume rewritten for the trades."})
    assert response.status_code == 302
    referral_a.refresh_from_db()
    assert referral_a.status == Referral.Status.COMPLETED
    assert Notification.objects.filter(recipient=counsellor_a, body="Resume rewritten for the trades.").exists()
    # The home counsellor keeps the case.
    assert case_a.assignments.get(ended_at__isnull=True).staff == counsellor_a


def test_only_the_specialist_answers(referral_a, counsellor_a):
    with pytest.raises(ValidationError):
        services.referral_respond(referral=referral_a, accept=True, by=counsellor_a)


def test_the_directory_lists_expertise_across_providers(provider_a, provider_b, login, counsellor_a):
    specialist = staff_member(provider_b, Role.COUNSELLOR, email="mining@example.test", first_name="Mina")
    membership = specialist.memberships.get()
    membership.expertise_sectors = ["21"]
    membership.expertise_languages = ["fr"]
    membership.save()
    web = login(counsellor_a)
    page = web.get(reverse("caseload:specialists"), {"sector": "21"}).content.decode()
    assert "Mina" in page and "Provider B" in page
    response = web.get(reverse("caseload:specialists"), {"sector": "62"})
    assert response.status_code == 200  # absent from a page that rendered, not from an error
    assert "Mina" not in response.content.decode()


def test_a_second_request_to_the_same_specialist_while_one_is_open_is_refused(referral_a, case_a, counsellor_a,
                                                                            counsellor_a2, login):
    # Found by a fresh tester: a second form (a new submission token) and the API without an Idempotency-Key
    # each made another open referral, and the specialist was asked four times (issue 13 §2: the natural key).
    web = login(counsellor_a)
    response = web.post(reverse("caseload:referral_create", args=[case_a.code]), {
        "specialist": str(counsellor_a2.code), "reason": "Resume for the trades, again."})
    assert response.status_code == 422
    assert "already has an open referral to this specialist" in response.content.decode()
    response = web.post(reverse("caseload_api:referral-list"), {
        "case": str(case_a.code), "specialist": str(counsellor_a2.code), "reason": "Again"},
        content_type="application/json")
    assert response.status_code in (400, 409, 422), response.content
    assert "already has an open referral to this specialist" in response.content.decode()
    assert Referral.objects.filter(case=case_a).count() == 1
    assert Notification.objects.filter(recipient=counsellor_a2, template="caseload.referral_requested").count() == 1


def test_once_the_referral_is_closed_the_same_specialist_may_be_asked_again(referral_a, case_a, counsellor_a,
                                                                           counsellor_a2):
    services.referral_respond(referral=referral_a, accept=False, by=counsellor_a2)
    again = services.referral_request(case=case_a, specialist=counsellor_a2, reason="Interview practice.",
                                      requested_by=counsellor_a)
    assert again.status == Referral.Status.REQUESTED
    assert Referral.objects.filter(case=case_a).count() == 2
