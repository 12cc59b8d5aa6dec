"""The pages issue 11 named over 15 queries (case page 21, a client's matches panel 18, the job seeker's leads 16)
stay within 15 queries, and the count does not grow with the data.

Each test measures a page once with one of every row it lists, then again after adding more of each (notes,
tasks, appointments, referrals, staff across the network, goals, skills, leads with required skills, shared
matches, learned preferences): the two counts must be equal and at most 15. The page is fetched once before
each measure to warm the session (its one write a minute is not the page's)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from caseload import services as caseload_services
from caseload.models import CaseNote
from clients.models import Client, Consent, OccupationalGoal
from employers import services as employer_services
from employers.models import LearnedPreference
from espportal.models import Role
from tests.employers.factories import LeadFactory, noc, skill
from tests.factories import ProviderFactory, staff_member

MAX_QUERIES = 15
GOALS = ["11100", "11101", "11102", "11109", "11200", "11201"]


def _queries(web, url) -> int:
    assert web.get(url).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        assert web.get(url).status_code == 200
    return len(ctx.captured_queries)


def _grow(case, counsellor, start: int, n: int):
    """Rows numbered start..start+n-1 of every kind the three pages show, around `case`'s client."""
    client, provider = case.client, case.provider
    other = ProviderFactory(name=f"Other provider {start}")
    for i in range(start, start + n):
        staff_member(provider, Role.COUNSELLOR, email=f"grow.a{i}@example.test")
        staff_member(other, Role.JOB_DEVELOPER, email=f"grow.o{i}@example.test")
        caseload_services.note_add(case=case, author=counsellor, kind=CaseNote.Kind.CONTACT, body=f"Note {i}",
                                   visibility=CaseNote.Visibility.TEAM)
        caseload_services.task_create(assignee=counsellor, kind="follow_up", title=f"Task {i}", case=case,
                                      due_on=timezone.localdate())
        caseload_services.appointment_schedule(case=case, staff=counsellor, mode="phone",
                                               starts_at=timezone.now() + dt.timedelta(days=2 + i),
                                               scheduled_by=counsellor)
        colleague = staff_member(provider, Role.COUNSELLOR, email=f"grow.r{i}@example.test")
        caseload_services.referral_request(case=case, specialist=colleague, reason=f"Help {i}",
                                           requested_by=counsellor)
        goal = noc(GOALS[i % len(GOALS)])
        OccupationalGoal.objects.get_or_create(client=client, occupation=goal)
        client.skills.add(skill(f"skill-{i}"))
        lead = LeadFactory(provider=provider, occupation=goal, title=f"Lead {i}", required=[skill(f"skill-{i}")])
        match = employer_services.match_share(client=client, lead=lead, by=counsellor)
        LearnedPreference.objects.create(client=client, reason="work", effect="lower", match=match,
                                         occupation=noc("11202"))
        LeadFactory(provider=provider, occupation=goal, title=f"Open lead {i}")


@pytest.fixture
def grown_case(case_a, counsellor_a, counsellor_a2, transfer_a, brief_a):
    """case_a with its client placed, consenting, and one of every row; `grow(n)` adds n more of each."""
    Client.objects.filter(pk=case_a.client_id).update(latitude=Decimal("43.64000"), longitude=Decimal("-79.39000"),
                                                     education_level="bachelor", max_commute_km=25)
    case_a.client.refresh_from_db()
    Consent.objects.create(client=case_a.client, scope=Consent.Scope.SHARE_EMPLOYERS, granted_by=counsellor_a)
    caseload_services.handoff_brief_acknowledge(brief=brief_a, user=counsellor_a2)
    counter = {"next": 0}

    def grow(n):
        _grow(case_a, counsellor_a2, counter["next"], n)
        counter["next"] += n

    grow(1)
    case_a.grow = grow
    return case_a


@pytest.mark.parametrize("page", ["case page", "matches panel", "seeker leads"])
def test_page_queries_within_fifteen_and_flat(page, grown_case, login, counsellor_a2, seeker_a):
    if page == "case page":
        web, url = login(counsellor_a2), reverse("caseload:case", args=[grown_case.code])
    elif page == "matches panel":
        web, url = login(counsellor_a2), reverse("employers:client_panel", args=[grown_case.client.code])
    else:
        web, url = login(seeker_a), reverse("employers:me_panel")
    before = _queries(web, url)
    grown_case.grow(4)
    after = _queries(web, url)
    assert (before, after) == (after, after)
    # Issue 11's ceiling is PostgreSQL's (what make bench measures); SQLite (make test without DATABASE_URL) has no
    # ARRAY_AGG, so the matching reads the skills in two queries of their own.
    assert after <= (MAX_QUERIES if connection.vendor == "postgresql" else MAX_QUERIES + 2)
