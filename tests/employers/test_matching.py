"""The engine's hard filters and score components, pinned on hand-built cases."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.utils import timezone, translation

from clients.models import Client, Consent
from employers import matching, reasons, services
from employers.models import JobLead, Match
from tests.employers.factories import EmployerFactory, LeadFactory, client_at, noc, skill

TODAY = dt.date(2026, 3, 2)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def seeker(provider_a):
    return client_at(provider_a)


def lead(provider, **kw):
    kw.setdefault("created_at", timezone.now())
    return LeadFactory(provider=provider, **kw)


def ranked(client):
    return [s.lead for s in matching.leads_for_client(client, today=TODAY)]


def texts(suggestion):
    return suggestion.reason_texts


# --- Hard filters: one test each --------------------------------------------------------------------------------

def test_it_suggests_an_open_lead_that_passes_every_filter(seeker, provider_a):
    job = lead(provider_a)
    assert ranked(seeker) == [job]


def test_it_leaves_out_a_closed_lead(seeker, provider_a):
    lead(provider_a, status=JobLead.Status.FILLED)
    lead(provider_a, closing_date=TODAY - dt.timedelta(days=1))
    still_open = lead(provider_a, closing_date=TODAY)
    assert ranked(seeker) == [still_open]


def test_it_leaves_out_everything_without_employer_sharing_consent(provider_a):
    seeker = client_at(provider_a, consent=False)
    job = lead(provider_a)
    assert ranked(seeker) == []
    assert ranked(client_at(provider_a)) == [job]  # the same lead, for a client who consented


def test_it_leaves_out_a_lead_missing_an_accommodation_the_client_needs(provider_a):
    seeker = client_at(provider_a, accommodations=["screen_reader", "step_free"])
    lead(provider_a, accommodations_offered=["screen_reader"])
    offers_both = lead(provider_a, accommodations_offered=["step_free", "screen_reader", "flexible_hours"])
    assert ranked(seeker) == [offers_both]


def test_it_leaves_out_a_lead_beyond_the_commute_unless_remote(provider_a):
    seeker = client_at(provider_a, max_commute_km=10, remote_ok=True)
    lead(provider_a, latitude=Decimal("43.90000"), longitude=Decimal("-79.39000"))  # ~29 km north
    near = lead(provider_a, latitude=Decimal("43.70000"), longitude=Decimal("-79.39000"))  # ~6.7 km
    remote = lead(provider_a, remote=True, latitude=None, longitude=None, postal_code="")
    assert set(ranked(seeker)) == {near, remote}


def test_it_leaves_out_remote_work_for_a_client_who_wants_on_site(seeker, provider_a):
    lead(provider_a, remote=True, latitude=None, longitude=None, postal_code="")
    on_site = lead(provider_a)
    assert ranked(seeker) == [on_site]


def test_it_leaves_out_a_permanence_the_client_does_not_accept(seeker, provider_a):
    lead(provider_a, permanence="seasonal")
    contract = lead(provider_a, permanence="contract")
    assert ranked(seeker) == [contract]


def test_it_leaves_out_hours_the_client_does_not_want(provider_a):
    seeker = client_at(provider_a, wants_full_time=False, wants_part_time=True)
    lead(provider_a, hours_per_week=40)
    part = lead(provider_a, hours_per_week=20)
    assert ranked(seeker) == [part]


def test_it_leaves_out_a_lead_declined_before(seeker, provider_a, counsellor_a):
    declined = lead(provider_a)
    dismissed = lead(provider_a)
    match = services.match_share(client=seeker, lead=declined, by=counsellor_a)
    services.match_move(match=match, status=Match.Status.NOT_FOR_ME, by=counsellor_a, reason="Too far from family")
    services.match_dismiss(client=seeker, lead=dismissed, by=counsellor_a, note="Employer not a fit")
    untouched = lead(provider_a)
    assert ranked(seeker) == [untouched]


def test_it_ranks_clients_for_a_lead_with_the_same_filters(provider_a):
    job = lead(provider_a, accommodations_offered=["step_free"])
    fits = client_at(provider_a, accommodations=["step_free"])
    client_at(provider_a, accommodations=["screen_reader"])
    client_at(provider_a, consent=False)
    client_at(provider_a, accepts_permanent=False)
    client_at(provider_a, latitude=Decimal("45.40000"), longitude=Decimal("-75.70000"))  # Ottawa
    from clients.models import Client

    assert [s.client for s in matching.clients_for_lead(job, Client.objects.all(), today=TODAY)] == [fits]


# --- Explaining an exclusion --------------------------------------------------------------------------------

def test_it_explains_why_a_lead_was_left_out(provider_a):
    seeker = client_at(provider_a, accommodations=["step_free"], max_commute_km=10)
    job = lead(provider_a, permanence="casual", latitude=Decimal("43.90000"), longitude=Decimal("-79.39000"))
    assert matching.explain_exclusion(seeker, job, today=TODAY) == [
        "Does not offer step-free access",
        "29 km from home, beyond the 10 km commute",
        "Casual work is not acceptable",
    ]


def test_it_explains_a_missing_consent_and_a_closed_lead(provider_a):
    seeker = client_at(provider_a, consent=False)
    job = lead(provider_a, status=JobLead.Status.EXPIRED)
    assert matching.explain_exclusion(seeker, job, today=TODAY) == [
        "The lead is no longer open (Expired)",
        "No active consent to share a profile with employers",
    ]


def test_it_explains_nothing_for_a_lead_that_is_suggested(seeker, provider_a):
    job = lead(provider_a)
    assert ranked(seeker) == [job]
    assert matching.explain_exclusion(seeker, job, today=TODAY) == []


# --- Score components -------------------------------------------------------------------------------------
# Every expected score below is worked out by hand from the rule in employers/matching.py's docstring
# (occupation 35, skills 25, TEER 10, pay 15, distance 10, freshness 5; underemployment -20), not from WEIGHTS:
# a wrong weight fails these tests.
# The default lead: NOC 11100 (TEER 1), no required skills, $25-30/h, at the client's door, posted today.
# The default client: goal 11100, bachelor's degree (TEER 1), minimum $20/h, 25 km commute.


def only(seeker):
    [suggestion] = matching.leads_for_client(seeker, today=TODAY)
    return suggestion


def test_it_gives_full_marks_to_a_perfect_fit(seeker, provider_a):
    lead(provider_a)
    suggestion = only(seeker)
    assert suggestion.score == 100.0  # 35 + 25 + 10 + 15 + 10 + 5
    assert texts(suggestion)[:2] == ["Matches your goal Financial auditors and accountants (NOC 11100)",
                                     "No specific skills required"]


@pytest.mark.parametrize(("goal", "scope", "expected", "words"), [
    ("11100", {}, 100.0, "Matches your goal"),                              # 35 x 1.0
    ("11109", {}, 93.0, "Same minor group as your goal"),                   # 35 x 0.8 = 28
    ("11120", {}, 86.0, "Same sub-major group as your goal"),               # 35 x 0.6 = 21
    ("11200", {}, 80.8, "Same major group as your goal"),                   # 35 x 0.45 = 15.75
    # Shares only the broad category: suggested when the client accepts that closeness. The goal is TEER 2 and
    # the lead TEER 1: half the TEER points. 35 x 0.2 = 7, + 25 + 5 + 15 + 10 + 5 = 67.
    ("12100", {"goal_closeness": 1}, 67.0, "Same broad occupational category as your goal"),
    # Unrelated: suggested only because the client is open to interim work. 0 + 25 + 10 + 15 + 10 + 5 = 65.
    ("21100", {"open_to_interim_work": True}, 65.0, "Not related to your occupational goals"),
])
def test_it_scores_occupation_fit_through_the_noc_hierarchy(provider_a, goal, scope, expected, words):
    seeker = client_at(provider_a, goals=[goal], education_level="", **scope)
    lead(provider_a)
    suggestion = only(seeker)
    assert suggestion.score == expected
    assert texts(suggestion)[0].startswith(words)


def test_it_counts_required_skills_the_client_has(provider_a):
    seeker = client_at(provider_a, skills=["excel", "tax", "audit", "ifrs"])
    lead(provider_a, required=[skill(c) for c in ("excel", "tax", "audit", "ifrs", "sap")])
    suggestion = only(seeker)
    assert suggestion.score == 95.0  # skills 25 x 4/5 = 20
    assert "You have 4 of 5 required skills" in texts(suggestion)
    assert suggestion.reasons[0]["params"] == {"noc": "11100", "goal_en": "Financial auditors and accountants",
                                               "goal_fr": "Vérificateurs/vérificatrices et comptables"}


def test_it_flags_and_penalises_underemployment(provider_a):
    # A TEER 4 job, three levels below a TEER 1 goal, only the broad category in common: seen only by a client
    # open to interim work. Occupation 35 x 0.2 = 7, skills 25, no TEER points and -20, pay 15, distance 10,
    # freshness 5: 42.
    seeker = client_at(provider_a, open_to_interim_work=True)
    lead(provider_a, occupation=noc("14400", "Shippers and receivers"), title="Shipper")
    suggestion = only(seeker)
    assert suggestion.flags == ["underemployment"]
    assert "Possible underemployment: TEER 4 job for a TEER 1 goal or qualification" in texts(suggestion)
    assert "Interim work: you are open to jobs outside your goals" in texts(suggestion)
    assert suggestion.score == 42.0


def test_it_does_not_prefer_a_job_far_below_the_client_over_one_at_their_level(seeker, provider_a):
    below = lead(provider_a, occupation=noc("11202"), title="Clerk")
    below.teer = 4
    below.save()
    at_level = lead(provider_a, occupation=noc("11101"), title="Analyst", pay_min=Decimal("18"),
                    pay_max=Decimal("19"))
    assert ranked(seeker) == [at_level, below]


@pytest.mark.parametrize(("pay_min", "pay_max", "expected", "words"), [
    ("22", "30", 100.0, "Pay $22.00 an hour meets your minimum of $20.00"),                             # 15
    ("18", "24", 94.0, "Only the top of the pay range ($24.00 an hour) meets your minimum of $20.00"),  # 15 x 0.6 = 9
    ("16", "18", 85.0, "Pay $18.00 an hour is below your minimum of $20.00"),                           # 0
    (None, None, 92.5, "Pay not stated"),                                                        # 15 x 0.5 = 7.5
])
def test_it_scores_pay_against_the_clients_minimum(seeker, provider_a, pay_min, pay_max, expected, words):
    lead(provider_a, pay_min=pay_min and Decimal(pay_min), pay_max=pay_max and Decimal(pay_max))
    suggestion = only(seeker)
    assert suggestion.score == expected
    assert words in texts(suggestion)


def test_it_scores_distance_linearly_to_the_commute_limit(provider_a):
    seeker = client_at(provider_a, max_commute_km=20)
    lead(provider_a, latitude=Decimal("43.73000"), longitude=Decimal("-79.39000"))  # 0.09 degrees: 10.0 km north
    suggestion = only(seeker)
    assert suggestion.distance_km == pytest.approx(10.0, abs=0.1)
    assert suggestion.score == 95.0  # distance 10 x (1 - 10/20) = 5
    assert "10 km from home" in texts(suggestion)


def test_it_scores_freshness(seeker, provider_a):
    now = timezone.now()
    for age in (3, 33, 90):
        lead(provider_a, created_at=now - dt.timedelta(days=age), title=f"{age} days")
    scores = {s.lead.title: s.score for s in matching.leads_for_client(seeker, today=TODAY)}
    # Full up to 7 days; 33 days: 5 x (60 - 33) / (60 - 7) = 2.55; none from 60 days.
    assert scores == {"3 days": 100.0, "33 days": 97.5, "90 days": 95.0}


def test_it_names_the_accommodations_offered(provider_a):
    seeker = client_at(provider_a, accommodations=["screen_reader"])
    lead(provider_a, accommodations_offered=["screen_reader"])
    assert "Offers screen reader" in texts(only(seeker))


def test_it_shows_no_more_than_three_leads_from_one_employer(seeker, provider_a):
    busy = EmployerFactory(name="Busy Books")
    for n in range(5):
        lead(provider_a, employer=busy, title=f"Busy {n}")
    other = lead(provider_a, title="Other", pay_min=Decimal("10"), pay_max=Decimal("12"))
    listed = ranked(seeker)
    assert sum(1 for job in listed if job.employer_id == busy.pk) == matching.MAX_PER_EMPLOYER
    assert other in listed


def test_it_stops_suggesting_once_consent_is_withdrawn(seeker, provider_a):
    job = lead(provider_a)
    assert ranked(seeker) == [job]
    Consent.objects.filter(client=seeker).update(withdrawn_at=timezone.now())
    assert ranked(seeker) == []


@pytest.mark.parametrize(
    ("reason", "text"),
    [
        ({"code": "fresh", "params": {"days": 0}}, "Posted today"),
        ({"code": "fresh", "params": {"days": 1}}, "Posted yesterday"),
        ({"code": "fresh", "params": {"days": 9}}, "Posted 9 days ago"),
        ({"code": "distance", "params": {"km": "0.4"}}, "Less than 1 km from home"),
        ({"code": "distance", "params": {"km": "12"}}, "12 km from home"),
    ],
)
def test_small_numbers_in_reasons_read_as_words(reason, text):
    assert reasons.reason_text(reason) == text


@pytest.mark.parametrize(
    ("reason", "english", "french"),
    [
        ({"code": "fresh", "params": {"days": 9}}, "Posted 9 days ago", "Affichée il y a 9 jours"),
        ({"code": "skills", "params": {"have": 0, "required": 1}}, "You have 0 of 1 required skill",
         "Vous avez 0 sur 1 compétence requise"),
        ({"code": "skills", "params": {"have": 1, "required": 2}}, "You have 1 of 2 required skills",
         "Vous avez 1 sur 2 compétences requises"),
        ({"code": "pay_meets", "params": {"pay": "17.20", "minimum": "1250.00"}},
         "Pay $17.20 an hour meets your minimum of $1,250.00",
         "Salaire de 17,20\u00a0$ l'heure, égal ou supérieur à votre minimum de 1\u00a0250,00\u00a0$"),
        ({"code": "x_closed", "params": {"date": "2026-11-30"}}, "The lead closed on Nov. 30, 2026",
         "L'offre a pris fin le 30 novembre 2026"),
        ({"code": "goal_5", "params": {"noc": "65100", "goal_en": "Cashiers", "goal_fr": "Caissiers/caissières"}},
         "Matches your goal Cashiers (NOC 65100)", "Correspond à votre objectif Caissiers/caissières (CNP 65100)"),
        # A reason stored before the goal kept its code reads as it was stored.
        ({"code": "goal_5", "params": {"goal": "Cashiers (NOC 65100)"}}, "Matches your goal Cashiers (NOC 65100)",
         "Correspond à votre objectif Cashiers (NOC 65100)"),
    ],
)
def test_reasons_read_in_the_readers_language_with_plurals_money_and_dates(reason, english, french):
    assert reasons.reason_text(reason) == english
    with translation.override("fr"):
        assert reasons.reason_text(reason) == french


def test_the_pre_filter_ranks_clients_by_their_closest_goal_in_the_noc_hierarchy(provider_a):
    # Lead: 11100 Financial auditors and accountants. Goals at each level of the hierarchy, and none.
    unit = client_at(provider_a, first_name="Unit", goals=("11100",))
    minor = client_at(provider_a, first_name="Minor", goals=("11101",))
    major = client_at(provider_a, first_name="Major", goals=("11200",))
    broad = client_at(provider_a, first_name="Broad", goals=("13110",))
    nothing = client_at(provider_a, first_name="None", goals=("72310",))
    both = client_at(provider_a, first_name="Both", goals=("72310", "11100"))
    job = LeadFactory(provider=provider_a, occupation=noc("11100"))

    ranked = list(matching.client_candidates(job, Client.objects.all()))

    by_name = {c.first_name: c.noc_rank for c in ranked}
    assert by_name["Unit"] == 5 and by_name["Both"] == 5
    assert by_name["Minor"] == 4 and by_name["Major"] == 2 and by_name["Broad"] == 1 and by_name["None"] == 0
    assert [c.pk for c in ranked] == [unit.pk, both.pk, minor.pk, major.pk, broad.pk, nothing.pk]


def test_both_directions_cost_the_same_queries_for_three_candidates_or_thirty(provider_a,
                                                                             django_assert_num_queries):
    """Candidates are read lean in one query with their skills (employers.scoring_rows): the
    count does not grow with candidates, goals or skills. 6 = goals, consent, learned preferences, the client's
    skills, the candidate leads (with their required skills), the leads shown; 4 = the lead's required skills,
    the candidate clients (with their skills), their goals, their learned preferences."""
    client = client_at(provider_a, goals=("11100", "11101"), skills=("excel",))

    def grow(n):
        for i in range(n):
            LeadFactory(provider=provider_a, required=[skill("excel"), skill(f"other-{i}")])
            client_at(provider_a, goals=("11100", "11101"), skills=("excel", f"other-{i}"))

    # On SQLite (make test without DATABASE_URL) the skills are not an array column of the candidate query (no
    # ARRAY_AGG): one query more each way, still the same for 3 candidates or 30.
    leads_queries, clients_queries = (6, 4) if connection.vendor == "postgresql" else (7, 6)
    grow(3)
    lead = JobLead.objects.order_by("pk").first()
    clients = Client.objects.all()
    with django_assert_num_queries(leads_queries):
        assert len(matching.leads_for_client(client, limit=50)) == 3
    with django_assert_num_queries(clients_queries):
        assert len(matching.clients_for_lead(lead, clients, limit=50)) == 4
    grow(27)
    with django_assert_num_queries(leads_queries):
        assert len(matching.leads_for_client(client, limit=50)) == 30
    with django_assert_num_queries(clients_queries):
        assert len(matching.clients_for_lead(lead, clients, limit=50)) == 31


def test_a_long_commute_still_finds_the_lead(provider_a):
    """clients_for_lead finds people by the reach of their own commute (the client_reach index on PostgreSQL): a
    client who travels far (Ottawa to a Toronto job, about 350 km, willing to go 400) is found, one who will not is
    not."""
    lead = LeadFactory(provider=provider_a)  # Toronto, 43.64 -79.39
    far_willing = client_at(provider_a, latitude=Decimal("45.42000"), longitude=Decimal("-75.69000"), max_commute_km=400)
    client_at(provider_a, latitude=Decimal("45.42000"), longitude=Decimal("-75.69000"), max_commute_km=90)
    found = matching.clients_for_lead(lead, Client.objects.all(), limit=10)
    assert [s.client for s in found] == [far_willing]
