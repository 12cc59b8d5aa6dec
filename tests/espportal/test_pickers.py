"""Search pickers (espportal/pickers.py): the case page's staff, specialist and provider fields are searches, not
drop-downs that list a growing table (issue 11), and they work without JavaScript."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from caseload.models import Referral, Task, Transfer
from espportal.models import Role
from espportal.pickers import MAX_OPTIONS
from tests.factories import ProviderFactory, staff_member


def _options(web, name, text, field="q"):
    response = web.get(reverse("espportal:pick", args=[name]), {"name": field, field: text, "for": "x"})
    assert response.status_code == 200
    return response.content.decode()


def test_specialist_search_finds_staff_of_every_provider_and_labels_their_provider(login, counsellor_a,
                                                                                  counsellor_b):
    html = _options(login(counsellor_a), "specialist", "bruno")
    assert 'role="option"' in html
    assert f'data-value="{counsellor_b.code}"' in html
    assert "Provider B" in html


def test_own_provider_pickers_never_list_another_providers_staff(login, counsellor_a, counsellor_a2, counsellor_b):
    web = login(counsellor_a)
    assert f'data-value="{counsellor_a2.code}"' in _options(web, "staff", "aaron")
    assert str(counsellor_b.code) not in _options(web, "staff", "bruno")
    assert "Nothing matches" in _options(web, "staff", "bruno")


def test_the_options_are_capped_and_cost_the_same_queries_however_many_staff_match(login, counsellor_a,
                                                                                     provider_a):
    web = login(counsellor_a)
    staff_member(provider_a, Role.COUNSELLOR, email="sam.one@example.test", first_name="Samir")
    _options(web, "staff", "samir")
    with CaptureQueriesContext(connection) as few:
        assert _options(web, "staff", "samir").count('role="option"') == 1
    for n in range(MAX_OPTIONS + 5):
        staff_member(provider_a, Role.COUNSELLOR, email=f"sam{n}@example.test", first_name="Samir")
    with CaptureQueriesContext(connection) as many:
        assert _options(web, "staff", "samir").count('role="option"') == MAX_OPTIONS
    assert len(many.captured_queries) == len(few.captured_queries)


def test_an_unknown_picker_is_404_and_a_job_seeker_gets_403(login, counsellor_a, seeker_a):
    assert login(counsellor_a).get(reverse("espportal:pick", args=["clients"])).status_code == 404
    assert login(seeker_a).get(reverse("espportal:pick", args=["specialist"]), {"q": "a"}).status_code == 403


def test_the_case_page_has_no_drop_down_of_staff_or_providers_and_does_not_grow_with_them(
        login, case_a, counsellor_a):
    web = login(counsellor_a)
    url = reverse("caseload:case", args=[case_a.code])
    before = web.get(url).content.decode()
    for n in range(20):
        other = ProviderFactory(name=f"Network provider {n}")
        staff_member(other, Role.COUNSELLOR, email=f"net{n}@example.test", first_name=f"Netta{n}")
        staff_member(case_a.provider, Role.COUNSELLOR, email=f"own{n}@example.test", first_name=f"Owen{n}")
    after = web.get(url).content.decode()
    assert 'role="combobox"' in after
    assert "Netta" not in after and "Owen" not in after and "Network provider" not in after
    assert abs(len(after) - len(before)) < 100  # tokens differ from one render to the next, never by rows


def test_without_javascript_a_unique_name_typed_is_enough(login, case_a, counsellor_a, counsellor_b):
    response = login(counsellor_a).post(reverse("caseload:referral_create", args=[case_a.code]),
                                        {"specialist": "Bruno", "reason": "Trades resume.",
                                         "record_consent": "on"})
    assert response.status_code == 302
    assert Referral.objects.get(case=case_a).specialist == counsellor_b


def test_without_javascript_several_matches_offer_a_choice_and_keep_what_was_typed(login, case_a, counsellor_a,
                                                                                    provider_b):
    twins = [staff_member(provider_b, Role.COUNSELLOR, email=f"kim{n}@example.test", first_name="Kim",
                          last_name=f"Lee{n}") for n in range(2)]
    web = login(counsellor_a)
    url = reverse("caseload:referral_create", args=[case_a.code])
    response = web.post(url, {"specialist": "Kim", "reason": "Trades resume."})
    html = response.content.decode()
    assert response.status_code == 422
    assert "2 match “Kim”" in html
    assert 'value="Kim"' in html and "Trades resume." in html
    assert html.count('name="specialist_pick"') == 2
    response = web.post(url, {"specialist": "Kim", "specialist_pick": str(twins[1].code), "reason": "Trades.",
                              "record_consent": "on"})
    assert response.status_code == 302
    assert Referral.objects.get(case=case_a).specialist == twins[1]


def test_nothing_matching_is_a_clear_422(login, case_a, counsellor_a):
    response = login(counsellor_a).post(reverse("caseload:task_create", args=[case_a.code]),
                                        {"title": "Call back", "due_on": "2030-01-02", "assignee": "Zebedee"})
    assert response.status_code == 422
    assert "Nothing matches “Zebedee”" in response.content.decode()
    assert not Task.objects.filter(case=case_a).exists()


@pytest.mark.parametrize("field", ["assignee", "assignee_pick"])
def test_a_code_outside_the_scope_is_refused_whichever_way_it_is_posted(login, case_a, counsellor_a,
                                                                        counsellor_b, field):
    response = login(counsellor_a).post(reverse("caseload:task_create", args=[case_a.code]),
                                        {"title": "Call back", "due_on": "2030-01-02", field: str(counsellor_b.code)})
    assert response.status_code == 422
    assert not Task.objects.filter(case=case_a).exists()


def test_a_transfer_destination_is_a_provider_search(login, case_a, counsellor_a, provider_b):
    response = login(counsellor_a).post(reverse("caseload:transfer_create", args=[case_a.code]),
                                        {"to_provider": "provider b", "record_consent": "on"})
    assert response.status_code == 302
    assert Transfer.objects.get(client=case_a.client).to_provider == provider_b


def test_the_errors_read_in_french(login, case_a, counsellor_a):
    counsellor_a.preferred_language = "fr"
    counsellor_a.save(update_fields=["preferred_language"])
    response = login(counsellor_a).post(reverse("caseload:task_create", args=[case_a.code]),
                                        {"title": "Rappel", "due_on": "2030-01-02", "assignee": "Zebedee"})
    assert response.status_code == 422
    assert "Rien ne correspond à « Zebedee »" in response.content.decode()
