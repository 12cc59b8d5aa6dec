"""Who taught a learned preference: the person's own "not for me" answer, or their counsellor's dismissal.

Found by a fresh tester (issue 12): a counsellor dismissed a financial analyst lead as "not the kind of work", and
the job seeker's page then said "(your answer about Financial analyst)" and "You said this kind of work is not for
you"; the client file filed it under "Learned from the client's answers"; /api/v1/preferences/ did not say who made
it. Each reader now reads it from where they stand, and the API gives its `source`."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from employers import matching, services
from employers.models import LearnedPreference, Match
from employers.reasons import STAFF
from tests.employers.factories import EmployerFactory, LeadFactory, client_at, noc

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def sam(provider_a, seeker_a):
    return client_at(provider_a, user=seeker_a, first_name="Sam")  # goal 11100, accountants


@pytest.fixture
def analysts(provider_a):
    analyst = noc("11101", "Financial and investment analysts")
    return [LeadFactory(provider=provider_a, occupation=analyst, title=title, created_at=timezone.now())
            for title in ("Financial analyst", "Investment analyst")]


@pytest.fixture
def dismissed(sam, analysts, counsellor_a):
    """Sam's counsellor dismissed the first analyst lead as not the kind of work Sam wants."""
    services.match_dismiss(client=sam, lead=analysts[0], by=counsellor_a, note="Not for Sam", reason_code="work")
    return LearnedPreference.objects.get(client=sam)


def answered(sam, lead, counsellor, seeker, reason="work"):
    match = services.match_share(client=sam, lead=lead, by=counsellor)
    services.match_answer(match=match, by=seeker, answer=Match.Status.NOT_FOR_ME, reason_code=reason)
    return LearnedPreference.objects.get(match=match)


def test_it_records_who_taught_each_preference(dismissed, sam, provider_a, counsellor_a, seeker_a):
    assert dismissed.source == "dismissal"
    own = answered(sam, LeadFactory(provider=provider_a, employer=EmployerFactory(name="Acme")), counsellor_a,
                   seeker_a, reason="employer")
    assert own.source == "answer"


def test_the_job_seeker_reads_a_dismissal_as_their_counsellors_note(dismissed, seeker_a, login):
    page = login(seeker_a).get(reverse("employers:me_panel")).content.decode()
    assert "(your counsellor's note about Financial analyst)" in page
    assert "your answer about" not in page
    api = login(seeker_a).get(reverse("employers_api:preference-list")).json()["results"]
    assert [row["reason_label"] for row in api] == ["Not the kind of work you want"]


def test_the_why_not_says_the_counsellor_noted_it_to_each_reader(dismissed, sam, analysts):
    other = analysts[1]
    assert "Your counsellor noted this kind of work is not for you" in matching.explain_exclusion(
        sam, other, today=TODAY)
    assert "You said this kind of work is not for you" not in matching.explain_exclusion(sam, other, today=TODAY)
    assert "The client's counsellor noted this kind of work is not for them" in matching.explain_exclusion(
        sam, other, today=TODAY, reader=STAFF)


def test_an_employer_dismissal_reads_as_the_counsellors_note(sam, provider_a, counsellor_a):
    acme = EmployerFactory(name="Acme")
    first, second = (LeadFactory(provider=provider_a, employer=acme, created_at=timezone.now()) for _ in range(2))
    services.match_dismiss(client=sam, lead=first, by=counsellor_a, note="Not Acme", reason_code="employer")
    assert "Your counsellor noted you do not want to work for this employer" in matching.explain_exclusion(
        sam, second, today=TODAY)


def test_a_lowered_goal_says_who_lowered_it(sam, provider_a, counsellor_a):
    """"Not the kind of work" on one of the person's own goals ranks such jobs lower, and says on whose word."""
    first, _second = (LeadFactory(provider=provider_a, title=t, created_at=timezone.now()) for t in ("A", "B"))
    services.match_dismiss(client=sam, lead=first, by=counsellor_a, note="Not for Sam", reason_code="work")
    [suggestion] = matching.leads_for_client(sam, today=TODAY)
    assert "Ranked lower: your counsellor noted a job like this was not the kind of work you want" in (
        suggestion.reason_texts)
    assert ("Ranked lower: the client's counsellor noted a job like this was not the kind of work they want"
            in suggestion.staff_reason_texts)


def test_the_persons_own_answer_still_reads_as_theirs(sam, analysts, counsellor_a, seeker_a, login):
    answered(sam, analysts[0], counsellor_a, seeker_a)
    assert "You said this kind of work is not for you" in matching.explain_exclusion(sam, analysts[1], today=TODAY)
    page = login(seeker_a).get(reverse("employers:me_panel")).content.decode()
    assert "(your answer about Financial analyst)" in page


def test_the_person_answering_after_the_counsellor_is_read_as_their_own_word(dismissed, sam, analysts,
                                                                              counsellor_a, seeker_a):
    """Both said it: the person's own word comes first."""
    answered(sam, analysts[1], counsellor_a, seeker_a)
    third = LeadFactory(provider=analysts[0].provider, occupation=analysts[0].occupation, created_at=timezone.now())
    assert "You said this kind of work is not for you" in matching.explain_exclusion(sam, third, today=TODAY)


def test_staff_read_where_each_preference_came_from(dismissed, sam, provider_a, counsellor_a, seeker_a, login):
    answered(sam, LeadFactory(provider=provider_a, title="Acme clerk", employer=EmployerFactory(name="Acme")),
             counsellor_a, seeker_a, reason="employer")
    panel = login(counsellor_a).get(reverse("employers:client_panel", args=[sam.code])).content.decode()
    assert "Learned from the client&#x27;s answers" not in panel
    assert "Learned from answers and dismissals" in panel
    assert ("Learned from the counsellor's dismissal (Not the kind of work the client wants: "
            "Financial analyst)") in panel
    assert ("Learned from the client's answer (The client does not want to work for this employer: "
            "Acme clerk)") in panel


def test_the_api_gives_the_source_and_filters_on_it(dismissed, sam, provider_a, counsellor_a, seeker_a, login):
    own = answered(sam, LeadFactory(provider=provider_a, employer=EmployerFactory(name="Acme")), counsellor_a,
                   seeker_a, reason="employer")
    url = reverse("employers_api:preference-list")
    rows = login(counsellor_a).get(url).json()["results"]
    assert {row["code"]: row["source"] for row in rows} == {str(dismissed.code): "dismissal",
                                                             str(own.code): "answer"}
    only = login(counsellor_a).get(url, {"source": "dismissal"}).json()["results"]
    assert [row["code"] for row in only] == [str(dismissed.code)]
    assert login(counsellor_a).get(url, {"source": "bogus"}).status_code == 400


def test_the_api_schema_documents_the_source():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    preference = schema["components"]["schemas"]["Preference"]
    assert "source" in preference["properties"]
    assert "source" in preference["required"]
    [ref] = preference["properties"]["source"]["allOf"]
    assert sorted(schema["components"]["schemas"][ref["$ref"].rsplit("/", 1)[1]]["enum"]) == ["answer", "dismissal"]
