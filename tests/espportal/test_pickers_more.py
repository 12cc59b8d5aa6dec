"""The pickers issue 11 left as lists (README "Scale"): an employer activity's attendees (a checkbox per client of
the provider), the bulk reassignment's receivers, the plan item's provider and the job seeker's transfer form are
searches now, and each works without JavaScript."""

import datetime as dt
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from caseload.models import Assignment, Transfer
from clients.models import PlanItem
from employers.models import EngagementActivity
from espportal.models import Role
from tests.employers.factories import client_at
from tests.factories import ProviderFactory, staff_member


def _options(web, name, text):
    response = web.get(reverse("espportal:pick", args=[name]), {"name": "q", "q": text, "for": "x"})
    assert response.status_code == 200
    return response.content.decode()


def test_the_activity_form_lists_no_clients_and_stays_the_same_size_as_they_grow(login, counsellor_a, employer,
                                                                                 provider_a, candidate_a):
    web = login(counsellor_a)
    url = reverse("employers:activity_create", args=[employer.code])
    web.get(url)
    with CaptureQueriesContext(connection) as few:
        before = web.get(url).content.decode()
    for n in range(30):
        client_at(provider_a, first_name=f"Grace{n}", last_name="Hopper")
    with CaptureQueriesContext(connection) as many:
        after = web.get(url).content.decode()
    assert 'role="combobox"' in after and 'name="attendees"' in after
    assert "Sam Ahmed" not in after and "Grace" not in after
    assert len(many.captured_queries) == len(few.captured_queries)
    assert abs(len(after) - len(before)) < 100  # tokens differ between renders, never by rows


def test_the_client_picker_finds_the_providers_own_clients_only(login, counsellor_a, candidate_a, candidate_b):
    web = login(counsellor_a)
    found = _options(web, "client", "ahmed")
    assert f'data-value="{candidate_a.code}"' in found and "Sam Ahmed (1990-01-01)" in found
    assert str(candidate_b.code) not in _options(web, "client", "brun")


def test_without_javascript_attendees_are_typed_then_ticked(login, counsellor_a, employer, provider_a,
                                                            candidate_a):
    twins = [client_at(provider_a, first_name="Lee", last_name=f"Wong{n}") for n in range(2)]
    web = login(counsellor_a)
    url = reverse("employers:activity_create", args=[employer.code])
    base = {"kind": "site_visit", "date": "2026-02-01", "notes": "Tour of the floor"}
    response = web.post(url, {**base, "attendees": "Lee", "attendees_pick": [str(candidate_a.code)]})
    html = response.content.decode()
    assert response.status_code == 422 and not EngagementActivity.objects.exists()
    assert "2 match “Lee”" in html and 'value="Lee"' in html and "Tour of the floor" in html
    assert html.count('name="attendees_pick"') == 3  # Sam kept ticked, the two Lees offered
    assert f'value="{candidate_a.code}" id="id_attendees-chosen1" checked' in html
    response = web.post(url, {**base, "attendees": "Lee",
                              "attendees_pick": [str(candidate_a.code), str(twins[1].code)]})
    assert response.status_code == 302
    activity = EngagementActivity.objects.get()
    assert sorted(c.last_name for c in activity.attendees.all()) == ["Ahmed", "Wong1"]


def test_an_attendee_of_another_provider_is_refused_however_it_is_posted(login, counsellor_a, employer,
                                                                         candidate_b):
    web = login(counsellor_a)
    url = reverse("employers:activity_create", args=[employer.code])
    base = {"kind": "site_visit", "date": "2026-02-01"}
    assert web.post(url, {**base, "attendees_pick": [str(candidate_b.code)]}).status_code == 422
    assert web.post(url, {**base, "attendees": "Sofia Brun"}).status_code == 422
    assert not EngagementActivity.objects.exists()


def test_the_bulk_reassignment_spreads_cases_over_the_counsellors_picked(login, manager_a, provider_a, case_a,
                                                                         counsellor_a, counsellor_a2):
    third = staff_member(provider_a, Role.COUNSELLOR, email="tess@example.test", first_name="Tess",
                         last_name="Ng")
    web = login(manager_a)
    page = web.get(reverse("caseload:manager")).content.decode()
    assert 'name="to_staff"' in page and 'role="combobox"' in page
    assert 'type="checkbox" name="to_staff"' not in page
    response = web.post(reverse("caseload:bulk_reassign"), {
        "from_staff": str(counsellor_a.code), "to_staff": "Tess Ng", "to_staff_pick": [str(counsellor_a2.code)],
        "reason": "staff_left"})
    assert response.status_code == 302
    current = Assignment.objects.get(case=case_a, ended_at__isnull=True, role="counsellor")
    assert current.staff == counsellor_a2  # the first of the two in turn: one case, one receiver
    assert third.pk != counsellor_a2.pk


def test_the_several_row_search_box_is_never_required_so_a_made_choice_can_be_sent(login, manager_a):
    """The search box is empty once a row is chosen (a ticked checkbox): `required` on it made the browser refuse to
    send the bulk reassignment (found by the caseload browser journey). The single-row leaver box stays required."""
    page = login(manager_a).get(reverse("caseload:manager")).content.decode()
    receivers = re.search(r'<input type="text" name="to_staff"[^>]*>', page).group(0)
    leaver = re.search(r'<input type="text" name="from_staff"[^>]*>', page).group(0)
    assert " required" not in receivers
    assert " required" in leaver


def test_a_receiver_of_another_provider_is_refused(login, manager_a, counsellor_a, counsellor_b, case_a):
    response = login(manager_a).post(reverse("caseload:bulk_reassign"), {
        "from_staff": str(counsellor_a.code), "to_staff_pick": [str(counsellor_b.code)], "reason": "staff_left"})
    assert response.status_code == 422
    assert Assignment.objects.get(case=case_a, ended_at__isnull=True, role="counsellor").staff == counsellor_a


def test_the_job_seeker_moves_by_typing_a_providers_name_without_javascript(case_a, seeker_a, provider_b, login):
    for n in range(3):
        ProviderFactory(name=f"Northern Works {n}")
    web = login(seeker_a)
    page = web.get(reverse("caseload:me_panel")).content.decode()
    assert "Northern Works" not in page and "<select" not in page
    response = web.post(reverse("caseload:me_transfer"), {"to_provider": "Northern", "record_consent": "on"})
    assert response.status_code == 422 and "3 match “Northern”" in response.content.decode()
    assert not Transfer.objects.exists()
    response = web.post(reverse("caseload:me_transfer"), {"to_provider": "provider b", "record_consent": "on"})
    assert response.status_code == 302
    assert Transfer.objects.get().to_provider == provider_b


def test_a_job_seeker_may_search_providers_but_no_one_else(login, seeker_a, provider_b):
    web = login(seeker_a)
    assert "Provider B" in _options(web, "provider", "provider b")
    for name in ("client", "staff", "counsellor"):
        assert web.get(reverse("espportal:pick", args=[name]), {"q": "a"}).status_code == 403


def test_a_plan_item_is_delivered_by_a_provider_found_by_name(login, counsellor_a, provider_a, provider_b,
                                                              client_a):
    web = login(counsellor_a)
    panel = web.get(reverse("clients:panel_plan", args=[client_a.code])).content.decode()
    assert 'name="provider"' in panel and 'value="Provider A"' in panel  # their own provider, ready
    due = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    response = web.post(reverse("clients:plan_item_add", args=[client_a.code]), {
        "title": "Mentoring", "provider": "Provider B", "due_on": due, "status": "planned"})
    assert response.status_code == 302
    assert PlanItem.objects.get(client=client_a).provider == provider_b


def test_the_provider_listbox_names_the_persons_own_provider_instead_of_nothing_matches(login, counsellor_a,
                                                                                        provider_a):
    staff = _options(login(counsellor_a), "provider", "provider a")
    assert "“provider a” is your own provider: choose another one." in staff
    assert "Nothing matches “Nowhere Agency”." in _options(login(counsellor_a), "provider", "Nowhere Agency")
