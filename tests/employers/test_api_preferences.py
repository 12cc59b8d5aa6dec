"""The API for a job seeker's answers and what they taught the matching: /api/v1/matches/<code>/answer/ and
/api/v1/preferences/ (list, detail, undo), through the same services and access rules as the pages."""

from decimal import Decimal

import pytest
from django.urls import reverse

from clients.models import ClientVisibility
from employers import services
from employers.models import LearnedPreference, Match
from espportal.models import AuditEvent
from tests.employers.factories import LeadFactory, client_at

pytestmark = pytest.mark.django_db


def answer_url(match):
    return reverse("employers_api:match-answer", args=[match.code])


def undo_url(preference):
    return reverse("employers_api:preference-undo", args=[preference.code])


def test_a_seeker_answers_not_for_me_and_it_teaches_their_suggestions(login, seeker_a, shared_match_a,
                                                                       candidate_a):
    web = login(seeker_a)
    response = web.post(answer_url(shared_match_a), {"answer": "not_for_me", "reason": "pay",
                                                     "details": "Need more"}, content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["status_reason_code"]) == ("not_for_me", "pay")
    assert body["status_reason"] == "The pay is too low — Need more"
    candidate_a.refresh_from_db()
    # The lead pays $25.00-$30.00: the minimum becomes the next whole dollar above the $25.00 offered.
    assert candidate_a.min_hourly_wage == Decimal("26.00")
    preference = LearnedPreference.objects.get(client=candidate_a)
    assert (preference.reason, preference.field, preference.after) == ("pay", "min_hourly_wage", "26.00")


@pytest.mark.parametrize(("data", "field"), [
    ({"answer": "not_for_me", "reason": "too-cold"}, "reason"),  # a reason code that does not exist
    ({"answer": "not_for_me"}, "reason"),
    ({"answer": "not_for_me", "reason": "other"}, "details"),
    ({"answer": "not_for_me", "reason": "accessibility", "accommodation": "jetpack"}, "accommodation"),
    ({"answer": "maybe"}, "answer"),
])
def test_a_bad_answer_is_a_400_naming_the_field_and_changes_nothing(login, seeker_a, shared_match_a, data, field):
    response = login(seeker_a).post(answer_url(shared_match_a), data, content_type="application/json")
    assert response.status_code == 400
    assert field in response.json()
    shared_match_a.refresh_from_db()
    assert shared_match_a.status == Match.Status.SHARED and not LearnedPreference.objects.exists()


def test_answering_twice_is_refused_and_another_persons_match_is_404(login, seeker_a, seeker_b, shared_match_a,
                                                                     candidate_b, counsellor_b, match_b):
    web = login(seeker_a)
    assert web.post(answer_url(shared_match_a), {"answer": "interested"},
                    content_type="application/json").status_code == 200
    again = web.post(answer_url(shared_match_a), {"answer": "interested"}, content_type="application/json")
    assert again.status_code == 400 and "You already answered" in again.json()["detail"][0]
    services.match_move(match=match_b, status=Match.Status.SHARED, by=counsellor_b)
    assert web.post(answer_url(match_b), {"answer": "interested"}, content_type="application/json"
                    ).status_code == 404
    match_b.refresh_from_db()
    assert match_b.status == Match.Status.SHARED


def test_the_list_shows_the_callers_own_or_their_clients_preferences_in_their_words(
        login, seeker_a, seeker_b, candidate_a, candidate_b, preference_a, counsellor_a, counsellor_b):
    theirs = services.match_dismiss(client=candidate_b, lead=LeadFactory(provider=candidate_b.current_provider),
                                    by=counsellor_b, note="No", reason_code="other")
    url = reverse("employers_api:preference-list")
    mine = login(seeker_a).get(url).json()["results"]
    assert [row["code"] for row in mine] == [str(preference_a.code)]
    assert mine[0]["text"] == "Jobs as “Financial auditors and accountants” are ranked lower."
    assert mine[0]["reason"] == "work" and mine[0]["lead"] == str(preference_a.match.lead.code)
    staff = login(counsellor_a).get(url, {"client": str(candidate_a.code)}).json()["results"]
    assert [row["code"] for row in staff] == [str(preference_a.code)]
    french = login(seeker_b).get(url).json()["results"]  # seeker_b reads French
    # Their counsellor's dismissal, told to them as their counsellor's (not as their own answer) and in French.
    assert [(row["source"], row["text"]) for row in french] == [
        ("dismissal", "Noté par votre conseiller; vos suggestions n’ont pas changé.")]
    assert theirs.client == candidate_b
    about = login(counsellor_b).get(url).json()["results"]
    assert [row["text"] for row in about] == ["Noted; the client's suggestions did not change."]
    assert login(counsellor_a).get(url, {"reason": "bogus"}).status_code == 400


def test_a_seeker_undoes_their_own_once_and_anothers_is_404(login, seeker_a, seeker_b, candidate_a, candidate_b,
                                                            preference_a, counsellor_b):
    web = login(seeker_a)
    first = web.post(undo_url(preference_a))
    assert first.status_code == 200 and first.json()["undone_at"]
    assert web.post(undo_url(preference_a)).json() == first.json()  # a double click: the same answer
    assert AuditEvent.objects.filter(action="preference.undone").count() == 1
    services.match_dismiss(client=candidate_b, lead=LeadFactory(provider=candidate_b.current_provider),
                           by=counsellor_b, note="No", reason_code="employer")
    theirs = LearnedPreference.objects.get(client=candidate_b)
    assert web.post(undo_url(theirs)).status_code == 404
    assert web.get(reverse("employers_api:preference-detail", args=[theirs.code])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.undone_at is None
    assert AuditEvent.objects.filter(action="access.denied", detail__code=str(theirs.code)).count() == 2


def test_staff_undo_only_for_clients_their_provider_serves(login, counsellor_a, counsellor_b, candidate_a,
                                                           preference_a, provider_b):
    ClientVisibility.objects.create(provider=provider_b, client=candidate_a, via=ClientVisibility.Via.CONSENT)
    web_b = login(counsellor_b)
    assert web_b.get(reverse("employers_api:preference-detail", args=[preference_a.code])).status_code == 200
    assert web_b.post(undo_url(preference_a)).status_code == 404  # reads by consent, may not undo
    preference_a.refresh_from_db()
    assert preference_a.undone_at is None
    assert login(counsellor_a).post(undo_url(preference_a)).status_code == 200
    preference_a.refresh_from_db()
    assert preference_a.undone_at is not None


def test_the_preference_list_does_not_grow_in_queries(login, counsellor_a, provider_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("employers_api:preference-list")
    web = login(counsellor_a)

    def count():
        web.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert web.get(url).status_code == 200
        return len(ctx.captured_queries)

    def teach(n):
        for i in range(n):
            person = client_at(provider_a, first_name=f"P{i}")
            services.match_dismiss(client=person, lead=LeadFactory(provider=provider_a), by=counsellor_a,
                                   note="No", reason_code="work")

    teach(1)
    few = count()
    teach(4)
    assert count() == few
