"""The job seeker's side of the pipeline: the leads shared with them on /me/, and their answer."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from caseload import services as case_services
from employers import services
from employers.models import Match
from espportal.models import AuditEvent, Notification
from tests.employers.factories import LeadFactory

pytestmark = pytest.mark.django_db

PANEL = reverse("employers:me_panel")


def answer_url(match) -> str:
    return reverse("employers:me_match_answer", args=[match.code])


def shared(client, by, **lead_fields) -> Match:
    match = services.match_create(client=client, lead=LeadFactory(provider=client.current_provider, **lead_fields),
                                  by=by)
    return services.match_move(match=match, status=Match.Status.SHARED, by=by)


def test_it_lists_only_the_leads_shared_with_the_seeker(login, seeker_a, candidate_a, counsellor_a, match_b,
                                                        provider_a):
    bookkeeper = shared(candidate_a, counsellor_a, title="Junior bookkeeper", pay_min=24, pay_max=28,
                        hours_per_week=35)
    services.match_create(client=candidate_a, lead=LeadFactory(provider=provider_a, title="Unshared auditor"),
                          by=counsellor_a)
    services.match_move(match=shared(candidate_a, counsellor_a, title="Dismissed clerk"), status="dismissed",
                        by=counsellor_a, note="Filled")
    response = login(seeker_a).get(PANEL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Junior bookkeeper" in page and "$24.00 to $28.00 an hour" in page and "35 hours a week" in page
    assert "Matches your goal" in page  # the stored reason codes, in words
    assert "Unshared auditor" not in page and "Dismissed clerk" not in page
    # Another seeker's match is not among the leads shared with this one (its advertised lead may still be
    # suggested to them below, under "Jobs that fit your goals", through the relevance gate).
    assert match_b.lead.title not in page.split("Jobs that fit your goals")[0]
    assert page.count("Send my answer") == 1
    # The button's name tells two leads of the same title apart by their employer.
    employer = escape(bookkeeper.lead.employer.name)
    assert f'Send my answer<span class="visually-hidden"> about Junior bookkeeper at {employer}</span>' in page


def test_it_shows_the_leads_and_their_reasons_in_french(login, seeker_a, candidate_a, counsellor_a):
    seeker_a.preferred_language = "fr"
    seeker_a.save(update_fields=["preferred_language"])
    shared(candidate_a, counsellor_a, title="Commis comptable")
    page = login(seeker_a).get(PANEL).content.decode()
    assert "Commis comptable" in page
    assert "Correspond à votre objectif" in page and "Salaire" in page
    assert "Matches your goal" not in page


def test_it_records_interest_and_tells_the_counsellor_once(login, seeker_a, candidate_a, counsellor_a,
                                                           counsellor_a2, provider_a, shared_match_a):
    case_services.case_open(client=candidate_a, provider=provider_a, opened_by=counsellor_a,
                            counsellor=counsellor_a2)
    web = login(seeker_a)
    response = web.post(answer_url(shared_match_a), {"answer": "interested"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Your counsellor has your answer" in response.content.decode()
    shared_match_a.refresh_from_db()
    assert shared_match_a.status == Match.Status.INTERESTED
    assert shared_match_a.events.last().by == seeker_a
    again = web.post(answer_url(shared_match_a), {"answer": "interested"}, HTTP_HX_REQUEST="true")
    assert again.status_code == 422 and "You already answered" in again.content.decode()
    told = Notification.objects.filter(recipient=counsellor_a2)
    assert told.count() == 1 and "Sam Ahmed is interested in Accountant" in told.get().subject
    assert AuditEvent.objects.filter(action="match.interested", actor_code=seeker_a.code).count() == 1


def test_it_needs_a_reason_for_not_for_me_and_keeps_what_was_typed(login, seeker_a, shared_match_a, counsellor_a):
    web = login(seeker_a)
    response = web.post(answer_url(shared_match_a), {"answer": "not_for_me", "details": "Night shifts only"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Tell us why this job is not for you." in page and "Night shifts only" in page
    other = web.post(answer_url(shared_match_a), {"answer": "not_for_me", "reason": "other"})
    assert other.status_code == 422 and "Say in a few words" in other.content.decode()
    shared_match_a.refresh_from_db()
    assert shared_match_a.status == Match.Status.SHARED
    assert not Notification.objects.filter(recipient=counsellor_a).exists()

    done = web.post(answer_url(shared_match_a), {"answer": "not_for_me", "reason": "hours",
                                                 "details": "Night shifts only"})
    assert done.status_code == 302 and done.url == reverse("employers:me_panel")  # where they answered
    shared_match_a.refresh_from_db()
    assert shared_match_a.status == Match.Status.NOT_FOR_ME
    # The reason is stored as its code; the person's own words as typed.
    assert (shared_match_a.status_reason_code, shared_match_a.status_reason) == ("hours", "Night shifts only")
    # No open case: the counsellor who shared the lead hears of it.
    told = Notification.objects.get(recipient=counsellor_a)
    assert "is not for them" in told.subject
    assert told.shown_body == "Their reason: The hours do not suit me — Night shifts only"


def test_a_not_for_me_reason_reads_in_each_readers_language(login, seeker_a, shared_match_a, counsellor_a):
    """The tester's example: a French seeker's "not for me" reason was stored as an English sentence and shown in
    English on their French page."""
    seeker_a.preferred_language = "fr"
    seeker_a.save(update_fields=["preferred_language"])
    web = login(seeker_a)
    assert web.post(answer_url(shared_match_a), {"answer": "not_for_me", "reason": "accessibility",
                                                 "accommodation": "step_free", "details": "pas d’ascenseur"}
                    ).status_code == 302
    shared_match_a.refresh_from_db()
    assert (shared_match_a.status_reason_code, shared_match_a.status_reason_accommodation,
            shared_match_a.status_reason) == ("accessibility", "step_free", "pas d’ascenseur")
    page = web.get(PANEL).content.decode()
    assert "Votre motif : Le lieu de travail ne répond pas à mes besoins (accès sans marches) — pas d’ascenseur" \
        in page
    assert "does not meet my needs" not in page
    api = web.get(reverse("employers_api:match-list")).json()["results"][0]
    assert api["status_reason"].startswith("Le lieu de travail ne répond pas à mes besoins")
    assert api["status_reason_code"] == "accessibility"
    # The counsellor reads the same reason in their own language.
    told = Notification.objects.get(recipient=counsellor_a)
    assert told.rendered(language="en")[1] == ("Their reason: The workplace does not meet my needs (step-free "
                                               "access) — pas d’ascenseur")
    assert told.rendered(language="fr")[1] == ("Motif indiqué : Le lieu de travail ne répond pas à mes besoins "
                                               "(accès sans marches) — pas d’ascenseur")


def test_it_refuses_an_answer_on_a_match_not_shared_yet(login, seeker_a, match_a):
    response = login(seeker_a).post(answer_url(match_a), {"answer": "interested"})
    assert response.status_code == 404
    match_a.refresh_from_db()
    assert match_a.status == Match.Status.SUGGESTED


def test_it_answers_404_for_another_seekers_match_and_audits_it(login, seeker_a, candidate_a, candidate_b,
                                                                counsellor_b):
    theirs = shared(candidate_b, counsellor_b)
    response = login(seeker_a).post(answer_url(theirs), {"answer": "interested"})
    assert response.status_code == 404
    denied = AuditEvent.objects.get(action="access.denied", actor_code=seeker_a.code)
    assert denied.detail == {"what": "match", "code": str(theirs.code)}
    theirs.refresh_from_db()
    assert theirs.status == Match.Status.SHARED


def test_it_refuses_staff_on_the_seeker_pages(login, counsellor_a, shared_match_a):
    web = login(counsellor_a)
    assert web.get(PANEL).status_code == 403
    assert web.post(answer_url(shared_match_a), {"answer": "interested"}).status_code == 403
    shared_match_a.refresh_from_db()
    assert shared_match_a.status == Match.Status.SHARED


def _panel_queries(web) -> int:
    web.get(PANEL)
    with CaptureQueriesContext(connection) as ctx:
        response = web.get(PANEL)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_it_does_not_grow_queries_with_the_number_of_shared_leads(login, seeker_a, candidate_a, counsellor_a):
    web = login(seeker_a)
    for _ in range(2):
        shared(candidate_a, counsellor_a)
    few = _panel_queries(web)
    for _ in range(10):
        shared(candidate_a, counsellor_a)
    assert web.get(PANEL).content.decode().count("Send my answer") == 12
    assert _panel_queries(web) == few


def test_each_reader_reads_the_status_about_themselves_in_english_and_french(login, seeker_a, shared_match_a,
                                                                              counsellor_a):
    """The tester's wording: the job seeker read "Shared with the client" about themselves, staff read "Not for
    me" in the first person. Page and API, English and French."""
    web = login(seeker_a)
    assert "Shared with you" in web.get(reverse("employers:me_panel")).content.decode()
    api = reverse("employers_api:match-detail", args=[shared_match_a.code])
    assert web.get(api).json()["status_label"] == "Shared with you"
    seeker_a.preferred_language = "fr"
    seeker_a.save(update_fields=["preferred_language"])
    french = web.get(reverse("employers:me_panel")).content.decode()
    assert "Communiquée au client" not in french and "Vous a été proposée" in french
    web.post(answer_url(shared_match_a), {"answer": "not_for_me", "reason": "hours"})
    staff = login(counsellor_a)
    panel = staff.get(reverse("employers:client_panel", args=[shared_match_a.client.code])).content.decode()
    assert "Declined by the client" in panel and ">Not for me<" not in panel
    assert staff.get(api).json()["status_label"] == "Declined by the client"
    counsellor_a.preferred_language = "fr"
    counsellor_a.save(update_fields=["preferred_language"])
    assert staff.get(api).json()["status_label"] == "Refusée par la personne"


def _suggestions_part(page: str) -> str:
    return page.split('id="my-suggestions-heading"')[1].split("why-not-link")[0]


def test_a_suggestion_card_gives_the_pay_and_the_distance_where_known(login, seeker_a, candidate_a, provider_a):
    """candidate_a lives at 43.64000, -79.39000; a lead 0.06 degrees north is 6.67 km away (6371 km x 0.06 x
    pi / 180), read "7 km from home". A remote lead reads "Remote work"; a lead with no place gives no distance."""
    from decimal import Decimal

    LeadFactory(provider=provider_a, title="Near", latitude=Decimal("43.70000"), longitude=Decimal("-79.39000"),
                pay_min=Decimal("25.00"), pay_max=Decimal("30.00"))
    LeadFactory(provider=provider_a, title="Nowhere", latitude=None, longitude=None, pay_min=Decimal("31.50"),
                pay_max=None)
    part = _suggestions_part(login(seeker_a).get(PANEL).content.decode())
    assert "Near" in part and "Nowhere" in part
    near, nowhere = part.split("Nowhere")[0].split("Near")[1], part.split("Nowhere")[1]
    assert "$25.00 to $30.00 an hour" in near and "7 km from home" in near
    assert "$31.50 an hour" in nowhere and "km from home" not in nowhere


def test_a_suggestion_card_gives_the_pay_and_the_distance_in_french(login, seeker_a, candidate_a, provider_a):
    from decimal import Decimal

    seeker_a.preferred_language = "fr"
    seeker_a.save(update_fields=["preferred_language"])
    LeadFactory(provider=provider_a, title="Proche", latitude=Decimal("43.70000"), longitude=Decimal("-79.39000"),
                pay_min=Decimal("1025.00"), pay_max=Decimal("1030.50"))
    part = _suggestions_part(login(seeker_a).get(PANEL).content.decode())
    assert "De 1\xa0025,00\xa0$ à 1\xa0030,50\xa0$ l&#x27;heure" in part
    assert "À 7 km du domicile" in part
