"""Each caseload list's FilterSet, on its API endpoint and its page: a filter narrows, a bad parameter is a 400."""

import pytest
from django.urls import reverse

from caseload import services
from caseload.models import Appointment, CaseNote, Referral
from tests.caseload.factories import make_case


@pytest.fixture
def second_case(provider_a, counsellor_a):
    return make_case(provider_a, counsellor=counsellor_a, first_name="Omar", last_name="Zidane")


def _codes(response):
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["results"]]


def test_cases_narrow_by_client_and_stage(case_a, second_case, counsellor_a, login):
    web = login(counsellor_a)
    url = reverse("caseload_api:case-list")
    assert sorted(_codes(web.get(url))) == sorted([str(case_a.code), str(second_case.code)])
    assert _codes(web.get(url, {"client": str(case_a.client.code)})) == [str(case_a.code)]
    assert _codes(web.get(url, {"q": "zidane"})) == [str(second_case.code)]
    assert _codes(web.get(url, {"stage": "closed"})) == []


@pytest.mark.parametrize("name,params", [
    ("caseload_api:case-list", {"client": "not-a-uuid"}),
    ("caseload_api:case-list", {"stage": "nonsense"}),
    ("caseload_api:note-list", {"case": "not-a-uuid"}),
    ("caseload_api:note-list", {"kind": "gossip"}),
    ("caseload_api:task-list", {"case": "12"}),
    ("caseload_api:appointment-list", {"status": "maybe"}),
    ("caseload_api:transfer-list", {"client": "x"}),
    ("caseload_api:referral-list", {"case": "x"}),
])
def test_a_bad_parameter_is_a_json_400(name, params, counsellor_a, login):
    response = login(counsellor_a).get(reverse(name), params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == set(params)


def test_notes_narrow_by_case_kind_and_words(case_a, second_case, counsellor_a, login):
    note = services.note_add(case=case_a, author=counsellor_a, kind=CaseNote.Kind.CONTACT, body="Called Lina",
                             visibility="team")
    other = services.note_add(case=second_case, author=counsellor_a, kind=CaseNote.Kind.ADVICE,
                              body="Resume advice", visibility="team")
    web = login(counsellor_a)
    url = reverse("caseload_api:note-list")
    assert _codes(web.get(url, {"case": str(case_a.code)})) == [str(note.code)]
    assert _codes(web.get(url, {"kind": "advice"})) == [str(other.code)]
    assert _codes(web.get(url, {"q": "resume"})) == [str(other.code)]


def test_tasks_narrow_by_case_and_open(case_a, second_case, counsellor_a, login):
    from django.utils import timezone

    task = services.task_create(assignee=counsellor_a, kind="follow_up", title="Call", case=case_a,
                                due_on=timezone.localdate())
    done = services.task_create(assignee=counsellor_a, kind="follow_up", title="Mail", case=second_case,
                                due_on=timezone.localdate())
    services.task_complete(task=done, done_by=counsellor_a)
    web = login(counsellor_a)
    url = reverse("caseload_api:task-list")
    assert sorted(_codes(web.get(url))) == sorted([str(task.code), str(done.code)])
    assert _codes(web.get(url, {"case": str(case_a.code)})) == [str(task.code)]
    assert _codes(web.get(url, {"open": "true"})) == [str(task.code)]


def test_appointments_transfers_and_referrals_narrow(appointment_a, transfer_a, referral_a, second_case,
                                                     counsellor_a, login):
    web = login(counsellor_a)
    assert _codes(web.get(reverse("caseload_api:appointment-list"), {"case": str(appointment_a.case.code)})) == [
        str(appointment_a.code)]
    assert _codes(web.get(reverse("caseload_api:appointment-list"), {"case": str(second_case.code)})) == []
    assert _codes(web.get(reverse("caseload_api:appointment-list"),
                          {"status": Appointment.Status.SCHEDULED})) == [str(appointment_a.code)]
    assert _codes(web.get(reverse("caseload_api:transfer-list"), {"client": str(transfer_a.client.code)})) == [
        str(transfer_a.code)]
    assert _codes(web.get(reverse("caseload_api:transfer-list"), {"status": "completed"})) == []
    assert _codes(web.get(reverse("caseload_api:referral-list"), {"status": Referral.Status.REQUESTED})) == [
        str(referral_a.code)]
    assert _codes(web.get(reverse("caseload_api:referral-list"), {"case": str(second_case.code)})) == []


# --- The pages share the same FilterSets -----------------------------------------------------------------------

def test_the_caseload_page_narrows_by_name_and_refuses_a_bad_stage(case_a, second_case, counsellor_a, login):
    web = login(counsellor_a)
    response = web.get(reverse("caseload:home"), {"q": "zidane"})
    assert response.status_code == 200
    assert [c.code for c in response.context["cases"]] == [second_case.code]
    response = web.get(reverse("caseload:home"), {"stage": "nonsense"})
    assert response.status_code == 400
    assert list(response.context["cases"]) == []
    assert "Select a valid choice" in response.content.decode()


def test_the_timeline_narrows_by_kind_and_refuses_a_bad_kind(case_a, counsellor_a, login):
    services.note_add(case=case_a, author=counsellor_a, kind=CaseNote.Kind.CONTACT, body="Called Lina",
                      visibility="team")
    services.note_add(case=case_a, author=counsellor_a, kind=CaseNote.Kind.ADVICE, body="Resume advice",
                      visibility="team")
    web = login(counsellor_a)
    url = reverse("caseload:case", args=[case_a.code])
    response = web.get(url, {"kind": "advice"})
    assert response.status_code == 200
    assert [n.body for n in response.context["notes"]] == ["Resume advice"]
    response = web.get(url, {"kind": "gossip"})
    assert response.status_code == 400
    assert list(response.context["notes"]) == []


def test_the_specialist_directory_narrows_by_expertise(counsellor_a, counsellor_a2, login):
    from espportal.models import Membership
    from espportal.vocab import Population, Sector

    Membership.objects.filter(user=counsellor_a2).update(expertise_sectors=[Sector.CONSTRUCTION],
                                                         expertise_populations=[Population.NEWCOMERS])
    Membership.objects.filter(user=counsellor_a).update(expertise_sectors=[Sector.RETAIL], expertise_populations=[])
    web = login(counsellor_a)
    response = web.get(reverse("caseload:specialists"), {"sector": Sector.CONSTRUCTION})
    assert response.status_code == 200
    assert [m.user for m in response.context["specialists"]] == [counsellor_a2]
    assert web.get(reverse("caseload:specialists"), {"sector": "astrology"}).status_code == 400


def test_referrals_to_me_narrow_by_status(referral_a, counsellor_a2, login):
    web = login(counsellor_a2)
    response = web.get(reverse("caseload:referrals"), {"status": Referral.Status.REQUESTED})
    assert response.status_code == 200
    assert [r.code for r in response.context["referrals"]] == [referral_a.code]
    response = web.get(reverse("caseload:referrals"), {"status": Referral.Status.COMPLETED})
    assert list(response.context["referrals"]) == []
    assert web.get(reverse("caseload:referrals"), {"status": "nope"}).status_code == 400
