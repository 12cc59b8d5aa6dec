import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from employers import services as employer_services
from employers.models import Match
from espportal.models import Notification
from outcomes import services
from outcomes.models import Placement, Resource, RetentionCheck, SupportRequest
from tests.caseload.factories import make_case
from tests.employers.factories import LeadFactory, noc
from tests.outcomes.factories import consent_to_share, placement_for


def _form(**overrides):
    data = {"employer_name": "Lakeside Books", "title": "Accounting clerk", "noc": "11100",
            "start_date": timezone.localdate().isoformat(), "hours_per_week": "37.5", "hourly_pay": "24.00",
            "permanence": "permanent", "benefits": "on", "verification": "employer_confirmation"}
    data.update(overrides)
    return data


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def offer(case_a, counsellor_a, provider_a):
    """A lead shared with case_a's client (by counsellor_a), moved along the pipeline to an offer."""
    noc("11100")
    consent_to_share(case_a.client, counsellor_a)
    lead = LeadFactory(provider=provider_a, title="Junior accountant", pay_min="26.50", hours_per_week=35)
    with_shared = dt.timedelta(days=10)
    match = employer_services.match_share(client=case_a.client, lead=lead, by=counsellor_a)
    Match.objects.filter(pk=match.pk).update(shared_at=timezone.now() - with_shared)
    for status in ("interested", "applied", "interview", "offer"):
        match = employer_services.match_move(match=match, status=status, by=counsellor_a)
    return match


# --- Recording a placement ---------------------------------------------------------------------------------------

def test_it_records_a_placement_from_the_client_file(login, case_a, counsellor_a):
    noc("11100")
    web = login(counsellor_a)
    response = web.post(reverse("outcomes:placement_create", args=[case_a.client.code]), _form())
    placement = Placement.objects.get()
    assert response.status_code == 302 and response.url == reverse("outcomes:placement", args=[placement.code])
    assert (placement.client, placement.employer_name, placement.attribution) == (
        case_a.client, "Lakeside Books", "self_found")
    assert placement.checks.count() == 4


def test_it_prefills_the_form_from_an_offer_in_the_pipeline(login, offer, counsellor_a):
    url = reverse("outcomes:placement_create", args=[offer.client.code])
    page = _text(login(counsellor_a).get(url, {"match": offer.code}))
    assert 'value="Junior accountant"' in page
    assert 'value="11100"' in page
    assert 'value="26.50"' in page and 'value="35"' in page
    assert f'name="match" value="{offer.code}"' in page
    assert re.search(r'<option value="permanent" selected>', page)


def test_it_records_a_hire_from_the_pipeline_as_direct(login, offer, counsellor_a):
    url = reverse("outcomes:placement_create", args=[offer.client.code])
    response = login(counsellor_a).post(url, _form(match=str(offer.code), employer_name=""))
    placement = Placement.objects.get()
    assert response.status_code == 302
    assert (placement.match, placement.employer, placement.attribution) == (offer, offer.lead.employer, "direct")
    offer.refresh_from_db()
    assert offer.status == Match.Status.HIRED


def test_it_refuses_a_match_that_is_not_at_an_offer_or_not_this_clients(login, case_a, case_b, counsellor_a,
                                                                        counsellor_b, provider_a, provider_b):
    consent_to_share(case_a.client, counsellor_a)
    shared = employer_services.match_share(client=case_a.client, lead=LeadFactory(provider=provider_a),
                                           by=counsellor_a)
    consent_to_share(case_b.client, counsellor_b)
    other = employer_services.match_share(client=case_b.client, lead=LeadFactory(provider=provider_b),
                                          by=counsellor_b)
    web = login(counsellor_a)
    url = reverse("outcomes:placement_create", args=[case_a.client.code])
    for match in (shared, other):
        assert web.get(url, {"match": match.code}).status_code == 404
        assert web.post(url, _form(match=str(match.code))).status_code == 404
    assert not Placement.objects.exists()


@pytest.mark.parametrize(("overrides", "message"), [
    ({"hours_per_week": "90"}, "Ensure this value is less than or equal to 80"),
    ({"hourly_pay": "-1"}, "Ensure this value is greater than or equal to 0"),
    ({"start_date": (timezone.localdate() + dt.timedelta(days=61)).isoformat()}, "at most 60 days ahead"),
    ({"noc": "99999"}, "99999 is not a NOC 2021 unit group"),
    ({"employer_name": ""}, "Name the employer"),
])
def test_it_refuses_bad_input_keeping_what_was_typed(login, case_a, counsellor_a, overrides, message):
    noc("11100")
    response = login(counsellor_a).post(reverse("outcomes:placement_create", args=[case_a.client.code]),
                                        _form(title="Payroll clerk", **overrides))
    page = _text(response)
    assert response.status_code == 422
    assert message in page
    assert 'value="Payroll clerk"' in page
    assert not Placement.objects.exists()


# --- The placement page ------------------------------------------------------------------------------------------

def test_it_shows_the_evidence_chain_attribution_and_quality_parts(login, offer, case_a, counsellor_a):
    placement = placement_for(case_a, by=counsellor_a, match=offer)
    page = _text(login(counsellor_a).get(reverse("outcomes:placement", args=[placement.code])))
    assert '<span class="tag">Direct</span>' in page
    assert "Job lead at this employer shared with the client" in page
    assert f"Junior accountant · {offer.lead.employer.name}" in page
    assert "Lead shared with the client:" not in page  # the stored English is not what readers see
    assert "Full-time (30 hours a week or more)" in page and "Pay at or above $20.00 an hour" in page
    assert f"Job quality: {placement.quality_index} out of 100" in page


def test_it_flags_a_contest_with_a_reason_and_refuses_one_without(login, placement_a, counsellor_a):
    web = login(counsellor_a)
    url = reverse("outcomes:placement_contest", args=[placement_a.code])
    assert web.post(url, {"reason": "  "}).status_code == 422
    response = web.post(url, {"reason": "She found it at a job fair we ran."})
    assert response.status_code == 302
    placement_a.refresh_from_db()
    assert placement_a.attribution_contested and placement_a.attribution == "self_found"
    page = _text(web.get(reverse("outcomes:placement", args=[placement_a.code])))
    assert "Contested: under quality review" in page and "She found it at a job fair we ran." in page


def test_it_records_a_staff_check_in_once(login, retention_check_due_a, counsellor_a):
    web = login(counsellor_a)
    placement_url = reverse("outcomes:placement", args=[retention_check_due_a.placement.code])
    assert f'action="{reverse("outcomes:check_answer", args=[retention_check_due_a.code])}"' in _text(
        web.get(placement_url))
    url = reverse("outcomes:check_answer", args=[retention_check_due_a.code])
    refused = web.post(url, {"status": "employed_same", "evidence_kind": "call_note", "evidence": ""})
    assert refused.status_code == 422 and "This field is required" in _text(refused)
    answer = {"status": "employed_same", "evidence_kind": "call_note", "evidence": "Called: all good."}
    assert web.post(url, answer).status_code == 302
    again = web.post(url, {**answer, "status": "not_employed"})
    assert again.status_code == 422 and "already been answered" in _text(again)
    retention_check_due_a.refresh_from_db()
    assert (retention_check_due_a.status, retention_check_due_a.evidence_kind) == ("employed_same", "call_note")


# --- Check-ins due ---------------------------------------------------------------------------------------------

def test_it_lists_due_checks_of_the_counsellors_cases_and_all_for_the_manager(
        login, retention_check_due_a, counsellor_a, counsellor_a2, manager_a, provider_a):
    other_case = make_case(provider_a, counsellor=counsellor_a2, first_name="Omar", last_name="Other")
    other = placement_for(other_case, by=counsellor_a2).checks.first()
    services.retention_check_fall_due(check_id=other.pk)
    url = reverse("outcomes:checks_due")

    def clients_listed(user):
        return set(re.findall(r'<th scope="row">([^<]+)</th>', _text(login(user).get(url))))

    assert clients_listed(counsellor_a) == {"Lina Farah"}
    assert clients_listed(counsellor_a2) == {"Omar Other"}
    assert clients_listed(manager_a) == {"Lina Farah", "Omar Other"}


def test_it_keeps_the_check_ins_page_queries_flat(login, provider_a, counsellor_a):
    def add(n):
        for _ in range(n):
            check = placement_for(make_case(provider_a, counsellor=counsellor_a), by=counsellor_a).checks.first()
            services.retention_check_fall_due(check_id=check.pk)

    web = login(counsellor_a)
    url = reverse("outcomes:checks_due")
    web.get(url)
    add(2)
    with CaptureQueriesContext(connection) as few:
        assert web.get(url).status_code == 200
    add(10)
    with CaptureQueriesContext(connection) as many:
        response = web.get(url)
    assert response.content.decode().count('<th scope="row">') == 12
    assert len(many) == len(few)


# --- The client file panel ---------------------------------------------------------------------------------------

def test_it_shows_placements_the_next_check_and_open_support_on_the_client_file(
        login, support_request_a, counsellor_a):
    placement = support_request_a.placement
    page = _text(login(counsellor_a).get(reverse("outcomes:client_panel", args=[placement.client.code])))
    assert reverse("outcomes:placement", args=[placement.code]) in page
    assert '<span class="tag">Self-found</span>' in page
    assert f"job quality {placement.quality_index}/100" in page
    first = placement.checks.order_by("due_on").first()
    assert f"Next check-in: 1-month, due {date_format(first.due_on, 'DATE_FORMAT')}" in page
    assert reverse("outcomes:support", args=[support_request_a.code]) in page


# --- The job seeker's check-ins ----------------------------------------------------------------------------------

def test_it_links_the_retention_notification_to_the_seekers_check_ins(retention_check_due_a, seeker_a):
    notification = Notification.objects.get(recipient=seeker_a, dedupe_key__startswith="retention:")
    assert notification.link == reverse("outcomes:me_checks")


def test_it_takes_the_seekers_answer_as_a_confirmed_client_answer(login, retention_check_due_a, seeker_a):
    web = login(seeker_a)
    assert retention_check_due_a.placement.title in _text(web.get(reverse("outcomes:me_checks")))
    url = reverse("outcomes:me_check_answer", args=[retention_check_due_a.code])
    response = web.post(url, {"still_working": "yes", "same_employer": "yes", "hours_per_week": "37.5",
                              "something_wrong": "no"})
    assert response.status_code == 302 and response.url == reverse("outcomes:me_checks")
    retention_check_due_a.refresh_from_db()
    assert retention_check_due_a.confirmed
    assert (retention_check_due_a.status, retention_check_due_a.evidence_kind, retention_check_due_a.answered_by) \
        == ("employed_same", "client_answer", seeker_a)
    assert "Hours a week: 37.5" in retention_check_due_a.evidence
    assert "No check-in is waiting for you" in _text(web.get(reverse("outcomes:me_checks")))
    assert web.post(url, {"still_working": "no", "something_wrong": "no"}).status_code == 404


def test_it_asks_which_employer_when_still_working_and_keeps_the_answer(login, retention_check_due_a, seeker_a):
    url = reverse("outcomes:me_check_answer", args=[retention_check_due_a.code])
    response = login(seeker_a).post(url, {"still_working": "yes", "something_wrong": "yes", "details": "Tired"})
    page = _text(response)
    assert response.status_code == 422 and "Tell us whether it is the same employer" in page
    assert "Tired</textarea>" in page
    retention_check_due_a.refresh_from_db()
    assert retention_check_due_a.status == "due"


def test_it_offers_support_when_something_is_wrong(login, retention_check_due_a, seeker_a):
    web = login(seeker_a)
    url = reverse("outcomes:me_check_answer", args=[retention_check_due_a.code])
    response = web.post(url, {"still_working": "yes", "same_employer": "yes", "something_wrong": "yes",
                              "details": "My hours keep changing."}, follow=True)
    placement = retention_check_due_a.placement
    support_url = reverse("outcomes:support_create", args=[placement.client.code])
    assert f'href="{support_url}?placement={placement.code}"' in _text(response)


def test_it_serves_the_check_ins_in_french(login, retention_check_due_a, seeker_a):
    seeker_a.preferred_language = "fr"
    seeker_a.save(update_fields=["preferred_language"])
    web = login(seeker_a)
    page = _text(web.get(reverse("outcomes:me_checks")))
    assert '<html lang="fr">' in page
    assert "Oui" in page and "Non" in page  # Django's own French catalogue, through gettext_lazy choices
    response = web.post(reverse("outcomes:me_check_answer", args=[retention_check_due_a.code]),
                        {"still_working": "no", "something_wrong": "no"})
    assert response.status_code == 302
    retention_check_due_a.refresh_from_db()
    assert retention_check_due_a.status == "not_employed"


# --- Support requests --------------------------------------------------------------------------------------------

def test_it_runs_a_confidential_support_thread(login, placement_a, seeker_a, counsellor_a, counsellor_a2):
    web = login(seeker_a)
    create = reverse("outcomes:support_create", args=[placement_a.client.code])
    refused = web.post(create, {"category": "hours_pay", "body": "  "})
    assert refused.status_code == 422 and '<option value="hours_pay" selected>' in _text(refused)
    response = web.post(create, {"category": "hours_pay", "body": "My hours were cut.",
                                 "placement": str(placement_a.code)})
    support = SupportRequest.objects.get()
    assert response.url == reverse("outcomes:support", args=[support.code])
    assert (support.opened_by, support.placement) == (seeker_a, placement_a)

    staff = login(counsellor_a)
    assert staff.post(reverse("outcomes:support_reply", args=[support.code]),
                      {"body": "We can talk on Monday."}).status_code == 302
    resource = Resource.objects.filter(kind="mediation").first()
    follow_up = timezone.localdate() + dt.timedelta(days=7)
    assert staff.post(reverse("outcomes:support_refer", args=[support.code]),
                      {"resource": resource.code, "follow_up_on": follow_up.isoformat()}).status_code == 302
    assert staff.post(reverse("outcomes:support_consent", args=[support.code]), {"consent": "yes"}).status_code == 403

    web = login(seeker_a)
    assert web.post(reverse("outcomes:support_consent", args=[support.code]), {"consent": "yes"}).status_code == 302
    page = _text(web.get(reverse("outcomes:support", args=[support.code])))
    assert "My hours were cut." in page and "We can talk on Monday." in page
    assert resource.name in page and f"follow up on {date_format(follow_up, 'DATE_FORMAT')}" in page
    support.refresh_from_db()
    assert support.employer_share_consent and support.status == "referred"

    assert login(counsellor_a2).get(reverse("outcomes:support", args=[support.code])).status_code == 404
    response = login(counsellor_a2).get(reverse("outcomes:support_list"))
    assert response.status_code == 200  # absent from a page that rendered, not from an error
    assert support.code.hex not in response.content.decode()


def test_it_refuses_a_referral_follow_up_in_the_past(login, support_request_a, counsellor_a):
    resource = Resource.objects.first()
    response = login(counsellor_a).post(reverse("outcomes:support_refer", args=[support_request_a.code]), {
        "resource": resource.code, "follow_up_on": (timezone.localdate() - dt.timedelta(days=1)).isoformat()})
    assert response.status_code == 422 and "cannot be in the past" in _text(response)
    assert not support_request_a.referrals.exists()


def test_it_lists_only_the_seekers_own_requests(login, support_request_a, support_request_b, seeker_a):
    page = login(seeker_a).get(reverse("outcomes:support_list")).content.decode()
    assert str(support_request_a.code) in page and str(support_request_b.code) not in page


def test_it_keeps_unanswered_checks_out_of_the_seekers_page(login, placement_a, seeker_a):
    """Checks that have not fallen due yet are not asked about."""
    assert placement_a.checks.filter(status=RetentionCheck.Status.PENDING).count() == 4
    assert "No check-in is waiting for you" in _text(login(seeker_a).get(reverse("outcomes:me_checks")))


def test_it_offers_to_record_a_placement_for_an_offer_on_the_client_file(login, offer, counsellor_a, intake_a):
    url = reverse("outcomes:client_panel", args=[offer.client.code])
    record = f'{reverse("outcomes:placement_create", args=[offer.client.code])}?match={offer.code}'
    assert record in login(counsellor_a).get(url).content.decode()
    response = login(intake_a).get(url)
    assert response.status_code == 200  # absent from a page that rendered, not from an error
    assert record not in response.content.decode()  # intake does not record hires
    login(counsellor_a).post(record, _form(match=str(offer.code)))
    assert Placement.objects.filter(match=offer).exists()
    response = login(counsellor_a).get(url)
    assert response.status_code == 200  # absent from a page that rendered, not from an error
    assert record not in response.content.decode()  # recorded once


def test_it_answers_an_htmx_reply_with_the_thread_fragment(login, support_request_a, counsellor_a):
    web = login(counsellor_a)
    url = reverse("outcomes:support_reply", args=[support_request_a.code])
    refused = web.post(url, {"body": ""}, headers={"HX-Request": "true"})
    assert refused.status_code == 422
    assert "<html" not in refused.content.decode() and 'id="thread-section"' in refused.content.decode()
    sent = web.post(url, {"body": "Call me on Friday."}, headers={"HX-Request": "true"})
    assert sent.status_code == 200 and "Call me on Friday." in sent.content.decode()
    assert "<html" not in sent.content.decode()
