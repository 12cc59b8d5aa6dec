"""Complaints: the job seeker files and follows on /me/, staff file on their behalf, the ministry's queue assigns,
resolves and escalates; privacy breaches open the client's audit trail to the ombudsperson."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from espportal.models import AuditEvent, Notification
from espportal.selectors import opens_of
from outcomes.quality.models import Complaint, ComplaintEvent
from outcomes.quality.services import complaints
from outcomes.quality.tasks import complaints_escalate

TORONTO = zoneinfo.ZoneInfo("America/Toronto")


def test_it_files_a_complaint_from_the_portal_and_shows_its_status(web, case_a, seeker_a):
    web.force_login(seeker_a)
    response = web.post(reverse("quality:me_complaint_create"), {
        "provider": str(case_a.provider.code), "kind": "privacy_breach",
        "body": "My counsellor discussed my file in the waiting room."})
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response.url == reverse("quality:me_complaint", args=[complaint.code])
    assert (complaint.client, complaint.provider, complaint.channel) == (case_a.client, case_a.provider, "portal")
    page = web.get(response.url).content.decode()
    assert "Received" in page and "My counsellor discussed my file in the waiting room." in page
    assert "Complaint received" in page  # the progress list
    assert reverse("quality:me_complaint", args=[complaint.code]) in web.get(
        reverse("quality:me_complaints")).content.decode()


def test_it_refuses_an_empty_complaint_and_keeps_what_was_chosen(web, case_a, seeker_a):
    web.force_login(seeker_a)
    response = web.post(reverse("quality:me_complaint_create"), {"kind": "conduct", "body": "   "})
    assert response.status_code == 422
    page = response.content.decode()
    assert "the complaint cannot be empty" in page
    assert 'value="conduct" selected' in page
    assert not Complaint.objects.exists()


def test_a_double_submit_makes_one_complaint(web, case_a, seeker_a):
    web.force_login(seeker_a)
    data = {"provider": "", "kind": "service", "body": "No answer to my calls."}
    first = web.post(reverse("quality:me_complaint_create"), data)
    second = web.post(reverse("quality:me_complaint_create"), data)
    assert first.url == second.url
    assert Complaint.objects.count() == 1 and ComplaintEvent.objects.count() == 1


def test_it_offers_only_the_providers_that_served_the_client(web, case_a, seeker_a, provider_b):
    web.force_login(seeker_a)
    page = web.get(reverse("quality:me_complaint_create")).content.decode()
    assert "Provider A" in page and "Provider B" not in page
    response = web.post(reverse("quality:me_complaint_create"),
                        {"provider": str(provider_b.code), "kind": "service", "body": "x"})
    assert response.status_code == 422 and not Complaint.objects.exists()


def test_the_deadline_counts_ten_business_days_without_ontario_holidays(case_a, seeker_a):
    # Tuesday 22 December 2026: Christmas (Fri 25), Boxing Day observed (Mon 28) and New Year (Fri 1) do not count.
    received = dt.datetime(2026, 12, 22, 10, 0, tzinfo=TORONTO)
    complaint = complaints.complaint_file(client=case_a.client, provider=None, kind="other", body="Late answer.",
                                          filed_by=seeker_a, now=received)
    assert complaint.due_on == dt.date(2027, 1, 8)


def test_staff_file_on_the_clients_behalf_and_the_client_follows_it(web, case_a, counsellor_a, seeker_a):
    web.force_login(counsellor_a)
    response = web.post(reverse("quality:complaint_create", args=[case_a.client.code]),
                        {"provider": str(case_a.provider.code), "kind": "accessibility",
                         "body": "The office has no ramp; she could not attend."})
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert (complaint.channel, complaint.filed_by, complaint.client) == ("staff", counsellor_a, case_a.client)
    web.force_login(seeker_a)
    assert "Accessibility or accommodation" in web.get(reverse("quality:me_complaints")).content.decode()


def test_the_ministry_assigns_and_resolves_and_the_client_reads_the_answer(web, complaint_a, ministry, seeker_a):
    web.force_login(ministry)
    assert web.post(reverse("quality:complaint_assign", args=[complaint_a.code]),
                    {"assignee": str(ministry.code)}).status_code == 302
    complaint_a.refresh_from_db()
    assert (complaint_a.status, complaint_a.assignee) == ("in_review", ministry)
    response = web.post(reverse("quality:complaint_resolve", args=[complaint_a.code]),
                        {"resolution": "The provider retrained its front desk and apologised."})
    assert response.status_code == 302
    again = web.post(reverse("quality:complaint_resolve", args=[complaint_a.code]), {"resolution": "Twice."})
    assert again.status_code == 422 and "already resolved" in again.content.decode()
    complaint_a.refresh_from_db()
    assert complaint_a.status == "resolved" and complaint_a.resolution.startswith("The provider retrained")
    assert Notification.objects.filter(recipient=seeker_a, subject="Your complaint is resolved").count() == 1
    web.force_login(seeker_a)
    page = web.get(reverse("quality:me_complaint", args=[complaint_a.code])).content.decode()
    assert "The provider retrained its front desk and apologised." in page
    assert [e.action for e in complaint_a.events.all()] == ["received", "assigned", "resolved"]


def test_an_empty_resolution_is_refused(web, complaint_a, ministry):
    web.force_login(ministry)
    response = web.post(reverse("quality:complaint_resolve", args=[complaint_a.code]), {"resolution": " "})
    assert response.status_code == 422 and "Write the resolution" in response.content.decode()
    complaint_a.refresh_from_db()
    assert complaint_a.status == "received"


def test_overdue_complaints_escalate_once(complaint_a, complaint_b, ministry):
    Complaint.objects.filter(pk=complaint_a.pk).update(due_on=dt.date(2020, 1, 2), assignee=ministry)
    assert complaints_escalate() == {"escalated": 1}
    assert complaints_escalate() == {"escalated": 0}
    complaint_a.refresh_from_db()
    assert complaint_a.status == "escalated" and complaint_a.escalated_at is not None
    assert complaint_a.events.filter(action="escalated").count() == 1
    assert Notification.objects.filter(recipient=ministry, subject="A complaint is overdue").count() == 1
    complaint_b.refresh_from_db()
    assert complaint_b.status == "received"


def test_a_privacy_complaint_opens_the_clients_audit_trail_at_that_provider(web, complaint_a, ministry,
                                                                           counsellor_a, counsellor_b):
    client = complaint_a.client
    AuditEvent.objects.create(action="client.opened", actor_code=counsellor_a.code, actor_label=counsellor_a.email,
                              provider_code=complaint_a.provider.code, client_code=client.code,
                              detail={"route": "page", "reason": "care", "role": "counsellor"})
    AuditEvent.objects.create(action="client.opened", actor_code=counsellor_b.code, actor_label=counsellor_b.email,
                              provider_code=counsellor_b.memberships.get().provider.code, client_code=client.code)
    web.force_login(ministry)
    response = web.get(reverse("quality:complaint_audit", args=[complaint_a.code]))
    rows = [(row["who"], row["what"]) for row in response.context["rows"]]
    # Newest first: the open added above, then the case's opening (the fixture's own events at provider A).
    assert rows == [("Counsellor, Provider A", "Person's file: viewed"), ("Counsellor, Provider A", "Case file: opened"),
                    ("Counsellor, Provider A", "Person's file: created")]
    page = response.content.decode()
    assert counsellor_a.email not in page and counsellor_b.email not in page
    inspected = AuditEvent.objects.get(action="complaint_audit.opened", client_code=client.code)
    assert inspected.actor_code == ministry.code and inspected.detail["reason"] == "complaint"
    assert inspected.detail["route"] == "page"
    assert inspected in opens_of(client.code)  # the person's "who opened my file" lists the ministry's look
    web.get(reverse("quality:complaint_audit", args=[complaint_a.code]))  # the same visit: audited once
    assert AuditEvent.objects.filter(action="complaint_audit.opened", client_code=client.code).count() == 1


def _event(action, *, at, actor=None, provider=None, client=None, **detail):
    return AuditEvent.objects.create(action=action, at=at, actor_code=actor.code if actor else None,
                                     actor_label=actor.email if actor else "",
                                     provider_code=provider.code if provider else None,
                                     client_code=client.code if client else None, detail=detail)


def test_the_audit_inspection_shows_only_people_at_that_provider_on_that_record_in_the_window(
        web, complaint_a, ministry, counsellor_a, manager_a, seeker_a, case_b):
    """Filed now (30 Nov 2026 at the latest): the window is the year before the filing until it is resolved. Shown:
    the counsellor's open and the manager's change of the record, at provider A. Not shown: another person's
    record, an automatic job (no person), the person's own look, an open 13 months before, another provider, the
    ministry's own handling of a complaint (recorded against the provider)."""
    client, provider = complaint_a.client, complaint_a.provider
    filed = complaint_a.received_at
    web.force_login(ministry)
    url = reverse("quality:complaint_audit", args=[complaint_a.code])
    before = [(row["who"], row["what"]) for row in web.get(url).context["rows"]]  # the case's own opening
    _event("case.opened", at=filed - dt.timedelta(days=30), actor=counsellor_a, provider=provider, client=client,
           route="page", reason="care", role="counsellor")
    _event("client.updated", at=filed - dt.timedelta(days=20), actor=manager_a, provider=provider, client=client)
    _event("client.opened", at=filed - dt.timedelta(days=10), actor=counsellor_a, provider=provider,
           client=case_b.client)
    _event("funding.ledger_posted", at=filed - dt.timedelta(days=9), provider=provider, client=client, rows=1)
    _event("client.opened", at=filed - dt.timedelta(days=8), actor=seeker_a, client=client, route="page",
           reason="self")
    _event("client.opened", at=filed - dt.timedelta(days=400), actor=counsellor_a, provider=provider,
           client=client)
    _event("client.frobnicated", at=filed - dt.timedelta(days=5), actor=counsellor_a, provider=provider,
           client=client)
    _event("complaint.assigned", at=filed - dt.timedelta(days=4), actor=ministry, provider=provider, client=client)
    rows = web.get(url).context["rows"]
    assert [(row["who"], row["what"]) for row in rows] == [
        *before,
        ("Counsellor, Provider A", "Person's file: other activity"),
        ("Manager, Provider A", "Person's file: changed"),
        ("Counsellor, Provider A", "Case file: viewed"),
    ]


def test_the_audit_inspection_reads_in_french(web, complaint_a, ministry, counsellor_a):
    _event("case.opened", at=complaint_a.received_at - dt.timedelta(days=3), actor=counsellor_a,
           provider=complaint_a.provider, client=complaint_a.client, route="page", reason="care", role="counsellor")
    ministry.preferred_language = "fr"
    ministry.save(update_fields=["preferred_language"])
    web.force_login(ministry)
    response = web.get(reverse("quality:complaint_audit", args=[complaint_a.code]))
    page = response.content.decode()
    assert "Conseiller, Provider A" in page and "Dossier de service : consultation" in page
    assert "case.opened" not in page and counsellor_a.email not in page
    detail = web.get(reverse("quality:complaint", args=[complaint_a.code])).content.decode()
    assert "Plainte : Atteinte à la vie privée</h1>" in detail  # French puts a space before the colon


def test_the_complaint_timeline_names_roles_not_people(web, complaint_a, ministry, counsellor_a):
    """The job seeker filed it and a counsellor at provider A filed another on their behalf: the ministry's
    timeline says who by role, never by name or e-mail."""
    on_behalf = complaints.complaint_file(client=complaint_a.client, provider=complaint_a.provider, kind="service",
                                          body="Filed for her at the front desk.", filed_by=counsellor_a)
    web.force_login(ministry)
    seeker = complaint_a.filed_by
    for complaint, who in ((complaint_a, "The job seeker"), (on_behalf, "Counsellor, Provider A")):
        response = web.get(reverse("quality:complaint", args=[complaint.code]))
        page = response.content.decode()
        assert who in page
        for secret in (seeker.first_name, seeker.last_name, seeker.email, counsellor_a.first_name,
                       counsellor_a.last_name, counsellor_a.email):
            assert secret not in page, secret


def test_the_ministry_pages_name_no_job_seeker(web, complaint_a, ministry):
    web.force_login(ministry)
    for url in (reverse("quality:complaints"), reverse("quality:complaint", args=[complaint_a.code])):
        response = web.get(url)
        page = response.content.decode()
        assert response.status_code == 200 and str(complaint_a.code) in page  # the complaint is there...
        assert complaint_a.client.last_name not in page and str(complaint_a.client.code) not in page  # ...not who


@pytest.mark.parametrize("count", [1, 30])
def test_the_queue_is_paginated_with_a_fixed_number_of_queries(web, case_a, seeker_a, ministry, count,
                                                               django_assert_max_num_queries):
    for n in range(count):
        complaints.complaint_file(client=case_a.client, provider=case_a.provider, kind="service",
                                  body=f"Complaint number {n}", filed_by=seeker_a)
    web.force_login(ministry)
    with django_assert_max_num_queries(12):
        response = web.get(reverse("quality:complaints"), {"status": "received"})
    assert response.status_code == 200
    assert response.content.decode().count("/ministry/complaints/") >= min(count, 25)
