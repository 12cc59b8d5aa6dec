import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from caseload import services as case_services
from caseload.models import Task
from clients.models import Consent
from employers import services, tasks
from employers.models import Employer, JobLead, Match, MatchEvent
from espportal.models import AuditEvent, Notification
from tests.employers.factories import LeadFactory, client_at, noc

pytestmark = pytest.mark.django_db
S = Match.Status


def lead_fields(**kw):
    fields = {"title": "Bookkeeper", "postal_code": "m5v2t6", "pay_min": Decimal("22"), "pay_max": Decimal("26"),
              "hours_per_week": 35, "permanence": "permanent", "closing_date": timezone.localdate()
              + dt.timedelta(days=20)}
    fields.update(kw)
    return fields


# --- Employers --------------------------------------------------------------------------------------------------

def test_it_keeps_one_employer_per_name_and_postal_code(provider_a, provider_b, developer_a, manager_b):
    first = services.employer_create(provider=provider_a, created_by=developer_a, name="Maple Foods Inc.",
                                     postal_code="M5V 2T6", sector="31", size_band="large")
    with pytest.raises(services.DuplicateEmployer) as refused:
        services.employer_create(provider=provider_b, created_by=manager_b, name="the maple foods",
                                 postal_code="m5v2t6", sector="31", size_band="large")
    assert refused.value.existing == first
    assert Employer.objects.count() == 1
    assert first.relationships.get().provider == provider_a


# --- Leads ------------------------------------------------------------------------------------------------------

def test_it_creates_a_lead_with_teer_from_its_noc_and_queues_matching(provider_a, developer_a, employer,
                                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        lead = services.lead_create(provider=provider_a, employer=employer, created_by=developer_a,
                                    occupation=noc("13100").code, **lead_fields())
    assert (lead.noc_code, lead.teer, lead.postal_code, lead.region) == ("13100", 3, "M5V 2T6", "toronto")
    assert len(callbacks) == 1
    assert AuditEvent.objects.filter(action="lead.created", target_code=str(lead.code)).exists()


@pytest.mark.parametrize(("fields", "field"), [
    ({"pay_min": Decimal("30"), "pay_max": Decimal("20")}, "pay_max"),
    ({"closing_date": dt.date(2020, 1, 1)}, "closing_date"),
    ({"postal_code": "", "remote": False}, "postal_code"),
])
def test_it_refuses_bad_leads_and_changes_nothing(provider_a, developer_a, employer, fields, field):
    with pytest.raises(ValidationError) as refused:
        services.lead_create(provider=provider_a, employer=employer, created_by=developer_a,
                             occupation=noc("13100").code, **lead_fields(**fields))
    assert field in refused.value.message_dict
    assert not JobLead.objects.exists()


def test_it_refuses_an_unknown_noc_code(provider_a, developer_a, employer):
    noc("1310")  # a minor group is not a unit group either
    for code in ("99999", "1310"):
        with pytest.raises(ValidationError, match="is not a NOC 2021 unit group"):
            services.lead_create(provider=provider_a, employer=employer, created_by=developer_a, occupation=code,
                                 **lead_fields())
    assert not JobLead.objects.exists()


def test_it_expires_leads_past_their_closing_date_once(provider_a):
    past = LeadFactory(provider=provider_a, closing_date=dt.date(2026, 1, 10))
    today = LeadFactory(provider=provider_a, closing_date=dt.date(2026, 1, 15))
    with time_machine.travel(dt.datetime(2026, 1, 15, 12, tzinfo=dt.UTC)):
        assert tasks.leads_expire() == 1
        assert tasks.leads_expire() == 0
    past.refresh_from_db()
    today.refresh_from_db()
    assert (past.status, today.status) == (JobLead.Status.EXPIRED, JobLead.Status.OPEN)
    assert AuditEvent.objects.filter(action="lead.expired").count() == 1


# --- The pipeline ------------------------------------------------------------------------------------------------

def test_it_walks_a_match_to_hired_recording_each_step(candidate_a, lead_a, counsellor_a):
    match = services.match_share(client=candidate_a, lead=lead_a, by=counsellor_a, note="Good fit")
    shared_at = match.shared_at
    for status in (S.INTERESTED, S.APPLIED, S.INTERVIEW, S.OFFER, S.HIRED):
        match = services.match_move(match=match, status=status, by=counsellor_a)
    assert match.status == S.HIRED
    assert match.shared_at == shared_at and match.shared_by == counsellor_a
    assert list(MatchEvent.objects.filter(match=match).values_list("status", flat=True)) == [
        S.SUGGESTED, S.SHARED, S.INTERESTED, S.APPLIED, S.INTERVIEW, S.OFFER, S.HIRED]
    assert AuditEvent.objects.filter(action="match.hired", client_code=candidate_a.code).exists()


def test_it_tells_the_client_once_when_a_lead_is_shared(candidate_a, lead_a, counsellor_a, seeker_a):
    match = services.match_share(client=candidate_a, lead=lead_a, by=counsellor_a)
    services.match_move(match=match, status=S.DISMISSED, by=counsellor_a, note="Oops")
    services.match_share(client=candidate_a, lead=lead_a, by=counsellor_a)
    [notification] = Notification.objects.filter(recipient=seeker_a)
    assert notification.subject == "A job lead for you: Accountant"


def test_it_refuses_a_step_out_of_order(match_a, counsellor_a):
    with pytest.raises(ValidationError, match="cannot go from"):
        services.match_move(match=match_a, status=S.HIRED, by=counsellor_a)
    match_a.refresh_from_db()
    assert match_a.status == S.SUGGESTED and match_a.events.count() == 1


def test_it_needs_a_reason_when_the_job_is_not_for_the_client(match_a, counsellor_a):
    services.match_move(match=match_a, status=S.SHARED, by=counsellor_a)
    with pytest.raises(ValidationError):
        services.match_move(match=match_a, status=S.NOT_FOR_ME, by=counsellor_a)
    match = services.match_move(match=match_a, status=S.NOT_FOR_ME, by=counsellor_a, reason="Night shifts")
    assert match.status_reason == "Night shifts"


def test_it_refuses_a_match_for_a_client_without_employer_sharing_consent(provider_a, lead_a, counsellor_a):
    client = client_at(provider_a, consent=False)
    with pytest.raises(ValidationError, match="has not consented"):
        services.match_share(client=client, lead=lead_a, by=counsellor_a)
    assert not Match.objects.exists()


def test_it_records_a_dismissal_with_its_note(candidate_a, lead_a, counsellor_a):
    with pytest.raises(ValidationError):
        services.match_dismiss(client=candidate_a, lead=lead_a, by=counsellor_a, note=" ")
    match = services.match_dismiss(client=candidate_a, lead=lead_a, by=counsellor_a, note="Already applied there")
    assert match.status == S.DISMISSED
    assert match.events.last().note == "Already applied there"
    assert AuditEvent.objects.filter(action="match.dismissed", client_code=candidate_a.code).exists()


# --- A new lead reaches the counsellors of strong matches ------------------------------------------------------

def test_it_pushes_one_task_per_strong_match_however_often_it_runs(provider_a, counsellor_a, developer_a, employer):
    strong = client_at(provider_a, first_name="Strong", skills=["excel"])
    weak = client_at(provider_a, first_name="Weak", goals=["73300"], education_level="secondary")
    no_case = client_at(provider_a, first_name="Nocase")
    for client in (strong, weak):
        case_services.case_open(client=client, provider=provider_a, opened_by=counsellor_a, counsellor=counsellor_a)
    lead = LeadFactory(provider=provider_a, employer=employer, created_at=timezone.now())
    assert tasks.lead_match_new(lead.pk) == 1
    assert tasks.lead_match_new(lead.pk) == 1
    task = Task.objects.get()
    assert (task.assignee, task.client, task.kind) == (counsellor_a, strong, "match")
    assert task.source_key == f"match:{lead.code}:{strong.code}"
    # The reasons are stored as codes and worded for the reader, about the client: never a stored sentence.
    assert task.detail == "" and task.title_params["reasons"][0]["code"] == "goal_5"
    assert "Matches the client's goal Financial auditors and accountants (NOC 11100)" in task.shown_detail
    with translation.override("fr"):
        assert "Correspond à l’objectif de la personne" in task.shown_detail
    assert list(Match.objects.values_list("client", flat=True)) == [strong.pk]
    assert no_case.matches.count() == 0


def test_it_matches_nothing_for_a_lead_that_is_gone(provider_a):
    lead = LeadFactory(provider=provider_a, status=JobLead.Status.WITHDRAWN)
    assert tasks.lead_match_new(lead.pk) == 0
    assert tasks.lead_match_new(0) == 0


def test_it_refuses_sharing_after_consent_is_withdrawn(match_a, counsellor_a):
    Consent.objects.filter(client=match_a.client).update(withdrawn_at=timezone.now())
    with pytest.raises(ValidationError, match="withdrawn consent"):
        services.match_move(match=match_a, status=S.SHARED, by=counsellor_a)
