"""What a "not for me" teaches the matching: each structured reason becomes a preference on the person's profile,
applied at once, shown to them and to their counsellor, and undone by either."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from clients.models import Client, ClientRevision
from employers import matching, services, services_preferences
from employers.models import JobLead, LearnedPreference, Match
from espportal.models import AuditEvent
from tests.employers.factories import EmployerFactory, LeadFactory, client_at, noc

TODAY = dt.date(2026, 3, 2)
pytestmark = pytest.mark.django_db
S = Match.Status


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC), tick=False):
        yield


def lead(provider, **kw):
    kw.setdefault("created_at", timezone.now())
    return LeadFactory(provider=provider, **kw)


def shared(client, job, by):
    return services.match_share(client=client, lead=job, by=by)


def not_for_me(match, user, reason, **kw):
    return services.match_answer(match=match, by=user, answer=S.NOT_FOR_ME, reason="words", reason_code=reason, **kw)


def suggested(client):
    return {s.lead.title: s.score for s in matching.leads_for_client(client, today=TODAY)}


@pytest.fixture
def seeker(provider_a, seeker_a):
    return client_at(provider_a, user=seeker_a, first_name="Sam")


def test_not_the_kind_of_work_hides_the_sibling_lead_and_undo_brings_it_back(seeker, seeker_a, provider_a,
                                                                             counsellor_a):
    analyst = noc("11101", "Financial and investment analysts")
    first = lead(provider_a, occupation=analyst, title="Financial analyst A")
    lead(provider_a, occupation=analyst, title="Financial analyst B")
    assert suggested(seeker) == {"Financial analyst A": 93.0, "Financial analyst B": 93.0}  # minor group: 35 x 0.8

    not_for_me(shared(seeker, first, counsellor_a), seeker_a, "work")
    [learned] = LearnedPreference.objects.filter(client=seeker)
    assert (learned.effect, learned.occupation.code) == ("hide", "11101")
    assert suggested(seeker) == {}
    job_b = JobLead.objects.get(title="Financial analyst B")
    assert "You said this kind of work is not for you" in matching.explain_exclusion(seeker, job_b, today=TODAY)

    services_preferences.preference_undo(preference=learned, by=seeker_a)
    assert suggested(seeker) == {"Financial analyst B": 93.0}
    assert AuditEvent.objects.filter(action="preference.undone", client_code=seeker.code).count() == 1


def test_not_the_kind_of_work_on_a_goal_occupation_ranks_it_lower_instead(seeker, seeker_a, provider_a,
                                                                         counsellor_a):
    first = lead(provider_a, title="Accountant A")
    lead(provider_a, title="Accountant B")
    not_for_me(shared(seeker, first, counsellor_a), seeker_a, "work")
    assert LearnedPreference.objects.get().effect == "lower"
    assert suggested(seeker) == {"Accountant B": 80.0}  # 100, less the 20 points for a lowered occupation


def test_pay_too_low_raises_the_minimum_and_undo_restores_it(seeker, seeker_a, provider_a, counsellor_a):
    first = lead(provider_a, pay_min=Decimal("21.40"), pay_max=Decimal("24.50"))
    not_for_me(shared(seeker, first, counsellor_a), seeker_a, "pay")
    seeker.refresh_from_db()
    assert seeker.min_hourly_wage == Decimal("22.00")  # the next whole dollar above the $21.40 offered
    assert ClientRevision.objects.get(client=seeker).before == {"min_hourly_wage": "20.00"}
    # A $21.50-26 lead now earns 60 % of the pay points (only its top meets $22): 100 - 15 x 0.4 = 94.
    lead(provider_a, title="Another", pay_min=Decimal("21.50"), pay_max=Decimal("26.00"))
    assert suggested(seeker) == {"Another": 94.0}
    services_preferences.preference_undo(preference=LearnedPreference.objects.get(), by=seeker_a)
    seeker.refresh_from_db()
    assert seeker.min_hourly_wage == Decimal("20.00")


@pytest.mark.parametrize(("pay_min", "pay_max", "minimum"), [
    ("17.20", "34.00", "18.00"),  # the tester's lead: not $35 (its top + $1), just above the $17.20 offered
    ("18.00", "24.50", "19.00"),
    ("17.20", "17.50", "17.50"),  # never above the top of the range: the most the person could ask of it
    ("30.00", "30.00", "31.00"),  # one wage: the next whole dollar above it
    ("16.75", None, "17.00"),
    (None, "19.99", "20.00"),  # only a top stated: it is the wage offered
])
def test_pay_too_low_sets_the_minimum_just_above_the_wage_offered(provider_a, seeker_a, counsellor_a, pay_min,
                                                                   pay_max, minimum):
    person = client_at(provider_a, user=seeker_a, min_hourly_wage=Decimal("15.00"))
    first = lead(provider_a, pay_min=pay_min and Decimal(pay_min), pay_max=pay_max and Decimal(pay_max))
    not_for_me(shared(person, first, counsellor_a), seeker_a, "pay")
    person.refresh_from_db()
    assert person.min_hourly_wage == Decimal(minimum)
    assert (LearnedPreference.objects.get().before, LearnedPreference.objects.get().after) == ("15.00", minimum)


def test_pay_too_low_never_lowers_a_minimum_and_notes_a_lead_without_pay(provider_a, seeker_a, counsellor_a):
    person = client_at(provider_a, user=seeker_a, min_hourly_wage=Decimal("25.00"))
    cheap = lead(provider_a, title="Cheap", pay_min=Decimal("17.20"), pay_max=Decimal("34.00"))
    unstated = lead(provider_a, title="Unstated", pay_min=None, pay_max=None)
    not_for_me(shared(person, cheap, counsellor_a), seeker_a, "pay")
    not_for_me(shared(person, unstated, counsellor_a), seeker_a, "pay")
    person.refresh_from_db()
    assert person.min_hourly_wage == Decimal("25.00")
    assert list(LearnedPreference.objects.values_list("effect", flat=True)) == ["none", "none"]


def test_too_far_tightens_the_commute_just_short_of_that_job(seeker, seeker_a, provider_a, counsellor_a):
    far = {"latitude": Decimal("43.73000"), "longitude": Decimal("-79.39000")}  # 10.0 km north of home
    first = lead(provider_a, title="Far A", **far)
    lead(provider_a, title="Far B", **far)
    lead(provider_a, title="Near")
    not_for_me(shared(seeker, first, counsellor_a), seeker_a, "distance")
    seeker.refresh_from_db()
    assert seeker.max_commute_km == 10  # 10.007 km rounds up to 11, less one
    assert set(suggested(seeker)) == {"Near"}
    services_preferences.preference_undo(preference=LearnedPreference.objects.get(), by=seeker_a)
    seeker.refresh_from_db()
    assert seeker.max_commute_km == 25 and set(suggested(seeker)) == {"Near", "Far B"}


def test_a_missing_accommodation_is_recorded_as_needed(seeker, seeker_a, provider_a, counsellor_a):
    first = lead(provider_a, title="Stairs only")
    lead(provider_a, title="Also stairs")
    lead(provider_a, title="Step-free", accommodations_offered=["step_free"])
    not_for_me(shared(seeker, first, counsellor_a), seeker_a, "accessibility", accommodation="step_free")
    seeker.refresh_from_db()
    assert seeker.accommodations == ["step_free"]
    assert set(suggested(seeker)) == {"Step-free"}
    services_preferences.preference_undo(preference=LearnedPreference.objects.get(), by=seeker_a)
    seeker.refresh_from_db()
    assert seeker.accommodations == []


def test_employer_hours_and_contract_reasons(seeker, seeker_a, provider_a, counsellor_a):
    busy = EmployerFactory(name="Not Again Inc")
    first = lead(provider_a, employer=busy, title="First")
    lead(provider_a, employer=busy, title="Same employer")
    not_for_me(shared(seeker, first, counsellor_a), seeker_a, "employer")
    assert "Same employer" not in suggested(seeker)

    both = client_at(provider_a, first_name="Both", wants_part_time=True)
    full = lead(provider_a, title="Full time", hours_per_week=40)
    services.match_dismiss(client=both, lead=full, by=counsellor_a, note="Evenings only", reason_code="hours")
    both.refresh_from_db()
    assert (both.wants_full_time, both.wants_part_time) == (False, True)

    contract = lead(provider_a, title="Contract", permanence="contract")
    services.match_dismiss(client=both, lead=contract, by=counsellor_a, note="Wants stability", reason_code="terms")
    both.refresh_from_db()
    assert both.accepts_contract is False and both.accepts_permanent is True


def test_employer_hours_and_contract_preferences_are_undone(seeker, seeker_a, provider_a, counsellor_a):
    busy = EmployerFactory(name="Not Again Inc")
    first = lead(provider_a, employer=busy, title="First")
    lead(provider_a, employer=busy, title="Same employer")
    not_for_me(shared(seeker, first, counsellor_a), seeker_a, "employer")
    services_preferences.preference_undo(preference=LearnedPreference.objects.get(reason="employer"), by=seeker_a)
    assert "Same employer" in suggested(seeker)

    both = client_at(provider_a, first_name="Both", wants_part_time=True)
    services.match_dismiss(client=both, lead=lead(provider_a, title="Full", hours_per_week=40), by=counsellor_a,
                           note="Evenings only", reason_code="hours")
    services.match_dismiss(client=both, lead=lead(provider_a, title="Contract", permanence="contract"),
                           by=counsellor_a, note="Wants stability", reason_code="terms")
    for preference in LearnedPreference.objects.filter(client=both):
        services_preferences.preference_undo(preference=preference, by=counsellor_a)
    both.refresh_from_db()
    assert (both.wants_full_time, both.wants_part_time, both.accepts_contract) == (True, True, True)


def test_a_counsellor_dismissal_with_a_reason_teaches_the_same(seeker, provider_a, counsellor_a, login):
    analyst = noc("11101")
    first = lead(provider_a, occupation=analyst, title="Analyst A")
    lead(provider_a, occupation=analyst, title="Analyst B")
    web = login(counsellor_a)
    url = reverse("employers:match_dismiss", args=[first.code, seeker.code])
    assert web.post(url, {"note": "Not what they want", "reason": "bogus"}).status_code == 400
    assert not Match.objects.exists()
    assert web.post(url, {"note": "Not what they want", "reason": "work"}).status_code == 302
    assert suggested(seeker) == {}
    panel = web.get(reverse("employers:client_panel", args=[seeker.code])).content.decode()
    assert "Jobs as “Financial and investment analysts” are no longer suggested." in panel
    assert "(Not the kind of work the client wants: Analyst A)" in panel
    preference = LearnedPreference.objects.get()
    undo = reverse("employers:preference_undo", args=[seeker.code, preference.code])
    assert web.post(undo).status_code == 302
    assert set(suggested(seeker)) == {"Analyst B"}


def test_the_seeker_sees_what_their_answer_changed_and_undoes_it(seeker, seeker_a, provider_a, counsellor_a, login):
    match = shared(seeker, lead(provider_a, pay_min=Decimal("21.50"), pay_max=Decimal("26.00")), counsellor_a)
    web = login(seeker_a)
    url = reverse("employers:me_match_answer", args=[match.code])
    refused = web.post(url, {"answer": "not_for_me", "reason": "too-cold"})
    assert refused.status_code == 400
    match.refresh_from_db()
    assert match.status == S.SHARED and not LearnedPreference.objects.exists()
    assert web.post(url, {"answer": "not_for_me", "reason": "pay"}).status_code == 302
    panel = web.get(reverse("employers:me_panel")).content.decode()
    assert "What changed your suggestions" in panel
    assert "Minimum pay is now $22.00 an hour (it was $20.00)." in panel
    preference = LearnedPreference.objects.get()
    undone = web.post(reverse("employers:me_preference_undo", args=[preference.code]), HTTP_HX_REQUEST="true")
    assert undone.status_code == 200 and "What changed your suggestions" not in undone.content.decode()
    # Said at once where focus lands after the swap, not only by the line that went away.
    assert '<p class="notice" role="status">Undone. Your suggestions no longer take it into account.</p>' in (
        undone.content.decode())


def test_nobody_undoes_a_preference_on_another_persons_profile(seeker, provider_b, counsellor_a, counsellor_b,
                                                              seeker_b, login):
    other = client_at(provider_b, first_name="Other")
    job = lead(provider_b)
    services.match_dismiss(client=other, lead=job, by=counsellor_b, note="No", reason_code="work")
    preference = LearnedPreference.objects.get()
    assert login(counsellor_a).post(
        reverse("employers:preference_undo", args=[other.code, preference.code])).status_code == 404
    # Seeker B is not this client: their own page has no such preference.
    Client.objects.filter(pk=other.pk).update(user=None)
    web = login(seeker_b)
    client_at(provider_b, user=seeker_b, first_name="Seeker B")
    assert web.post(reverse("employers:me_preference_undo", args=[preference.code])).status_code == 404
    # Through their own client's URL, counsellor A cannot reach another client's preference either.
    assert login(counsellor_a).post(
        reverse("employers:preference_undo", args=[seeker.code, preference.code])).status_code == 404
    preference.refresh_from_db()
    assert preference.undone_at is None


def test_a_provider_that_reads_the_record_by_consent_cannot_undo_and_gets_404_not_403(seeker, provider_a, provider_b,
                                                                                    counsellor_a, counsellor_b,
                                                                                    login):
    from clients.models import ClientVisibility

    ClientVisibility.objects.create(provider=provider_b, client=seeker, via=ClientVisibility.Via.CONSENT)
    services.match_dismiss(client=seeker, lead=lead(provider_a), by=counsellor_a, note="No",
                           reason_code="work")
    preference = LearnedPreference.objects.get()
    web = login(counsellor_b)
    assert web.get(reverse("clients:detail", args=[seeker.code])).status_code == 200  # B reads the record
    undo = web.post(reverse("employers:preference_undo", args=[seeker.code, preference.code]))
    assert undo.status_code == 404
    assert "There is nothing here you can open." in undo.content.decode()
    preference.refresh_from_db()
    assert preference.undone_at is None
    assert AuditEvent.objects.filter(action="access.denied", detail__what="preference").count() == 1


def test_undo_leaves_a_field_someone_changed_since(seeker, seeker_a, provider_a, counsellor_a):
    first = lead(provider_a, pay_min=Decimal("30.00"), pay_max=Decimal("30.00"))
    not_for_me(shared(seeker, first, counsellor_a), seeker_a, "pay")
    Client.objects.filter(pk=seeker.pk).update(min_hourly_wage=Decimal("28.00"))
    preference = LearnedPreference.objects.get()
    services_preferences.preference_undo(preference=preference, by=seeker_a)
    services_preferences.preference_undo(preference=preference, by=seeker_a)
    seeker.refresh_from_db()
    assert seeker.min_hourly_wage == Decimal("28.00")
    assert AuditEvent.objects.filter(action="preference.undone").count() == 1


def test_an_unknown_reason_code_is_refused_by_the_service(seeker, seeker_a, provider_a, counsellor_a):
    from django.core.exceptions import ValidationError

    match = shared(seeker, lead(provider_a), counsellor_a)
    with pytest.raises(ValidationError) as refused:
        not_for_me(match, seeker_a, "bogus")
    assert refused.value.error_dict["reason"][0].code == "unknown_reason"
    match.refresh_from_db()
    assert match.status == S.SHARED


def test_undo_of_a_commute_stored_past_todays_limit_restores_the_limit_on_the_page_and_api(
        provider_a, seeker_a, counsellor_a, login):
    """The tester's 500: a commute of 2,000 km (stored before the 500 km limit) tightened by "too far", then undone
    by the counsellor's "Annuler"; the value comes back within today's limit (500), never a 500 error."""
    far_away = client_at(provider_a, user=seeker_a, max_commute_km=2000)
    ten_km = {"latitude": Decimal("43.73000"), "longitude": Decimal("-79.39000")}
    not_for_me(shared(far_away, lead(provider_a, title="Far", **ten_km), counsellor_a), seeker_a, "distance")
    far_away.refresh_from_db()
    assert far_away.max_commute_km == 10
    preference = LearnedPreference.objects.get()
    assert preference.before == 2000
    page = login(counsellor_a).post(reverse("employers:preference_undo", args=[far_away.code, preference.code]))
    assert page.status_code == 302
    far_away.refresh_from_db()
    assert far_away.max_commute_km == 500


def test_undo_through_the_api_and_of_every_kind_stays_within_limits(provider_a, seeker_a, counsellor_a, login):
    """A pay minimum stored below today's floor (-$5.00) comes back as $0.00; through the API, never a 500."""
    client = client_at(provider_a, user=seeker_a, min_hourly_wage=Decimal("-5.00"))
    not_for_me(shared(client, lead(provider_a, title="Low pay", pay_min=Decimal("18.00"), pay_max=Decimal("19.00")),
                      counsellor_a), seeker_a, "pay")
    client.refresh_from_db()
    assert client.min_hourly_wage == Decimal("19.00")
    web = login(seeker_a)
    for preference in LearnedPreference.objects.filter(client=client).order_by("-id"):
        response = web.post(reverse("employers_api:preference-undo", args=[preference.code]))
        assert response.status_code == 200
    client.refresh_from_db()
    assert client.min_hourly_wage == Decimal("0.00")


def test_the_counsellors_dismiss_form_asks_which_need_and_records_it(seeker, provider_a, counsellor_a, login):
    """The tester's dismissal that taught nothing: "the workplace does not meet the person's needs" now comes with
    "which one?", and the need is recorded on the profile as when the seeker gives that reason."""
    stairs = lead(provider_a, title="Stairs only", accommodations_known=True)
    lead(provider_a, title="Also stairs", accommodations_known=True)
    web = login(counsellor_a)
    page = web.get(reverse("employers:lead_detail", args=[stairs.code])).content.decode()
    assert "If the workplace does not meet the person's needs, which one?" in page
    assert '<option value="step_free">Step-free access</option>' in page
    url = reverse("employers:match_dismiss", args=[stairs.code, seeker.code])
    assert web.post(url, {"note": "Stairs", "reason": "accessibility", "accommodation": "step_free"}).status_code == 302
    seeker.refresh_from_db()
    assert seeker.accommodations == ["step_free"]
    assert set(suggested(seeker)) == set()  # "Also stairs" offers no step-free access: no longer suggested


def test_without_javascript_answer_and_undo_come_back_to_my_leads_with_the_effect(seeker, seeker_a, provider_a,
                                                                                  counsellor_a, login):
    """The tester's dead end: without JavaScript, "not for me" went to /me/, whose jobs never load without it. Both
    the answer and its undo come back to /me/leads/, saying what changed."""
    match = shared(seeker, lead(provider_a, title="Low pay", pay_min=Decimal("23.00"), pay_max=Decimal("30.00")),
                   counsellor_a)
    web = login(seeker_a)
    answered = web.post(reverse("employers:me_match_answer", args=[match.code]),
                        {"answer": "not_for_me", "reason": "pay"})
    assert (answered.status_code, answered.url) == (302, "/me/leads/")
    page = web.get(answered.url).content.decode()
    assert ("Thank you. Your counsellor has your answer. Minimum pay is now $24.00 an hour (it was $20.00)."
            in page)
    undone = web.post(reverse("employers:me_preference_undo", args=[LearnedPreference.objects.get().code]))
    assert (undone.status_code, undone.url) == (302, "/me/leads/")
    assert "Undone. Your suggestions no longer take it into account." in web.get(undone.url).content.decode()


def test_pay_too_low_is_learned_though_another_field_is_past_todays_limits(provider_a, seeker_a, counsellor_a,
                                                                           login):
    """The tester's failing answer: the profile holds a commute of 2,000 km (stored before the 500 km limit) and
    "pay too low" on a $25.00-$30.00 lead was refused over the commute. The minimum becomes $26.00 (the next whole
    dollar above $25.00), the commute is left as it was, and the page says what changed."""
    person = client_at(provider_a, user=seeker_a, max_commute_km=2000)
    match = shared(person, lead(provider_a, title="Low pay"), counsellor_a)
    response = login(seeker_a).post(reverse("employers:me_match_answer", args=[match.code]),
                                    {"answer": "not_for_me", "reason": "pay"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    notice = response.content.decode().split('class="notice" role="status">')[1].split("</p>")[0]
    assert notice == "Thank you. Your counsellor has your answer. Minimum pay is now $26.00 an hour (it was $20.00)."
    person.refresh_from_db()
    assert (person.min_hourly_wage, person.max_commute_km) == (Decimal("26.00"), 2000)
    assert ClientRevision.objects.get(client=person).before == {"min_hourly_wage": "20.00"}
    assert LearnedPreference.objects.get(client=person).field == "min_hourly_wage"
    match.refresh_from_db()
    assert match.status == S.NOT_FOR_ME


def test_too_far_and_a_need_are_learned_though_another_field_is_past_todays_limits(provider_a, seeker_a,
                                                                                   counsellor_a):
    """A pay minimum stored below today's floor (-$5.00) does not stop "too far" (a lead 10 km away: the commute
    becomes 10 km, just short of it) nor "accommodation" (step-free access recorded, a need code no longer on the
    list left out rather than refusing the list); each touches only its own field."""
    person = client_at(provider_a, user=seeker_a, min_hourly_wage=Decimal("-5.00"), accommodations=["retired"])
    ten_km = {"latitude": Decimal("43.73000"), "longitude": Decimal("-79.39000")}
    not_for_me(shared(person, lead(provider_a, title="Far", **ten_km), counsellor_a), seeker_a, "distance")
    not_for_me(shared(person, lead(provider_a, title="Stairs"), counsellor_a), seeker_a, "accessibility",
               accommodation="step_free")
    person.refresh_from_db()
    assert (person.max_commute_km, person.accommodations) == (10, ["step_free"])
    assert person.min_hourly_wage == Decimal("-5.00")
    assert LearnedPreference.objects.filter(client=person, effect="profile").count() == 2
