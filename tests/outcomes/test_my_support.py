"""Help at work: a job seeker starts a confidential support request from /me/ at any time after a placement."""

from django.urls import reverse

from caseload import services as case_services
from caseload.models import CaseFile
from outcomes.models import SupportRequest


def test_it_starts_a_request_tied_to_my_job(login, seeker_a, placement_a):
    web = login(seeker_a)
    page = web.get(reverse("outcomes:me_support"))
    assert page.status_code == 200 and page.context["can_ask"]
    empty = web.post(reverse("outcomes:me_support"), {"category": "communication", "body": ""})
    assert empty.status_code == 422 and empty.context["form"].errors
    assert not SupportRequest.objects.exists()
    done = web.post(reverse("outcomes:me_support"), {"category": "communication", "body": "My shifts keep moving."})
    support = SupportRequest.objects.get()
    assert done.url == reverse("outcomes:support", args=[support.code])
    assert (support.placement, support.opened_by, support.client) == (placement_a, seeker_a, placement_a.client)


def test_it_works_after_the_case_closed(login, seeker_a, placement_a, counsellor_a):
    case_services.case_set_status(case=placement_a.case, status="closed", changed_by=counsellor_a,
                                  reason="completed")
    assert not CaseFile.objects.get(pk=placement_a.case.pk).is_open
    web = login(seeker_a)
    response = web.post(reverse("outcomes:me_support"), {"category": "accommodation", "body": "I need a chair."})
    assert response.status_code == 302
    assert SupportRequest.objects.get().case == placement_a.case


def test_without_a_job_or_a_case_it_says_whom_to_call(login, seeker_a, client_a):
    web = login(seeker_a)
    assert not web.get(reverse("outcomes:me_support")).context["can_ask"]
    response = web.post(reverse("outcomes:me_support"), {"category": "communication", "body": "Help"})
    assert response.status_code == 422 and "Call your provider" in response.content.decode()
    assert not SupportRequest.objects.exists()


def test_the_form_speaks_to_the_person_not_about_the_client(login, seeker_a, placement_a):
    page = login(seeker_a).get(reverse("outcomes:me_support")).content.decode()
    assert "Only you, the staff on your case and your provider's manager read this." in page
    assert "Only the client" not in page


def test_with_a_case_but_no_job_yet_it_is_refused_clearly(login, seeker_a, case_a):
    web = login(seeker_a)
    assert not web.get(reverse("outcomes:me_support")).context["can_ask"]
    response = web.post(reverse("outcomes:me_support"), {"category": "communication", "body": "Help"})
    assert response.status_code == 422 and "you have none yet" in response.content.decode()
    assert not SupportRequest.objects.exists()
