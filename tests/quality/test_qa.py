"""QA: reproducible samples of consenting clients, findings, and decisions on contested attributions."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from caseload.models import CaseFile, Task
from clients.models import Client, Consent
from espportal.models import AuditEvent, Notification
from outcomes.models import Placement
from outcomes.quality.models import AttributionReview, QAFinding, QASample
from outcomes.quality.services import qa
from tests.caseload.factories import make_case


def test_the_draw_is_reproducible_from_its_seed():
    population = [11, 3, 42, 7, 19, 23, 5]
    first = qa.draw(population, seed=2026, size=3)
    assert first == qa.draw(list(reversed(population)), seed=2026, size=3)
    assert len(set(first)) == 3 and set(first) <= set(population)
    assert qa.draw(population, seed=1, size=10) == qa.draw(population, seed=1, size=10)
    assert len(qa.draw(population, seed=1, size=10)) == 7


@pytest.fixture
def served(provider_a, counsellor_a):
    """Six clients served by provider A in 2026-Q4: four consent to be contacted, one withdrew, one never did."""
    cases = [make_case(provider_a, counsellor=counsellor_a, first_name=f"Client{n}", last_name="Test")
             for n in range(6)]
    CaseFile.objects.filter(pk__in=[c.pk for c in cases]).update(opened_at=dt.datetime(2026, 10, 5, tzinfo=dt.UTC))
    for case in cases[:5]:
        Consent.objects.create(client=case.client, scope="contact_phone", granted_by=counsellor_a)
    Consent.objects.filter(client=cases[4].client).update(withdrawn_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    return [c.client for c in cases]


def test_it_samples_only_consenting_clients_and_records_the_seed(served, provider_a, ministry, settings):
    settings.ESP_QA_SAMPLE_SIZE = 3
    sample = qa.qa_sample_draw(provider=provider_a, quarter="2026-Q4", drawn_by=ministry, seed=99)
    consenting = sorted(c.pk for c in served[:4])
    assert (sample.seed, sample.population) == (99, 4)
    members = list(sample.memberships.order_by("position").values_list("client_id", flat=True))
    assert members == qa.draw(consenting, seed=99, size=3)
    # Drawn once: a second draw for the quarter returns the same sample.
    assert qa.qa_sample_draw(provider=provider_a, quarter="2026-Q4", drawn_by=ministry).pk == sample.pk
    assert QASample.objects.count() == 1


def test_the_ministry_sees_sample_references_only(web, served, provider_a, ministry):
    """No name, contact or client code of a sampled person reaches the ministry's page; nothing is opened."""
    Client.objects.filter(pk__in=[c.pk for c in served]).update(phone="416-555-0199", email="sampled@example.org")
    sample = qa.qa_sample_draw(provider=provider_a, quarter="2026-Q4", drawn_by=ministry, seed=5)
    web.force_login(ministry)
    page = web.get(reverse("quality:qa_sample", args=[sample.code])).content.decode()
    references = list(sample.memberships.order_by("position").values_list("reference", flat=True))
    assert len(references) == 4 and all(re.fullmatch(r"QA-[2-9A-HJKMNP-Z]{6}", r) for r in references)
    assert all(reference in page for reference in references)
    for secret in ["Client", "416-555-0199", "sampled@example.org", *[str(c.code) for c in served]]:
        assert secret not in page
    assert not AuditEvent.objects.filter(action="client.opened").exists()


def test_the_providers_manager_sees_who_was_sampled_and_each_open_is_audited(web, served, provider_a, ministry,
                                                                               manager_a):
    Client.objects.filter(pk=served[0].pk).update(phone="416-555-0101")
    sample = qa.qa_sample_draw(provider=provider_a, quarter="2026-Q4", drawn_by=ministry, seed=5)
    web.force_login(manager_a)
    listing = web.get(reverse("quality:qa_interviews")).content.decode()
    assert reverse("quality:qa_interview_sample", args=[sample.code]) in listing
    page = web.get(reverse("quality:qa_interview_sample", args=[sample.code])).content.decode()
    members = list(sample.memberships.select_related("client"))
    for member in members:
        assert member.reference in page and member.client.full_name in page
    if served[0].pk in {m.client_id for m in members}:
        assert "416-555-0101" in page
    opened = AuditEvent.objects.filter(action="client.opened", detail__reason="qa", actor_code=manager_a.code)
    assert sorted(opened.values_list("client_code", flat=True)) == sorted(m.client.code for m in members)


def test_another_providers_manager_does_not_know_the_sample_exists(web, served, provider_a, ministry, manager_b):
    sample = qa.qa_sample_draw(provider=provider_a, quarter="2026-Q4", drawn_by=ministry, seed=5)
    web.force_login(manager_b)
    assert web.get(reverse("quality:qa_interview_sample", args=[sample.code])).status_code == 404
    assert reverse("quality:qa_interview_sample", args=[sample.code]) not in web.get(
        reverse("quality:qa_interviews")).content.decode()


def test_a_finding_is_recorded_against_a_sample_reference(web, served, provider_a, provider_b, ministry):
    sample = qa.qa_sample_draw(provider=provider_a, quarter="2026-Q4", drawn_by=ministry, seed=5)
    member = sample.memberships.order_by("position").first()
    web.force_login(ministry)
    data = {"provider": provider_a.pk, "topic": "service", "severity": "note", "body": "Felt listened to."}
    unknown = web.post(reverse("quality:qa_finding_create"), {**data, "member": "QA-ZZZZZZ"})
    assert unknown.status_code == 422 and "There is no sample reference" in unknown.content.decode()
    elsewhere = web.post(reverse("quality:qa_finding_create"), {**data, "provider": provider_b.pk,
                                                                 "member": member.reference})
    assert elsewhere.status_code == 422 and "another provider" in elsewhere.content.decode()
    assert not QAFinding.objects.exists()
    typed = member.reference.lower()  # read over the phone, typed in lower case
    assert web.post(reverse("quality:qa_finding_create"), {**data, "member": typed}).status_code == 302
    finding = QAFinding.objects.get()
    assert (finding.member, finding.sample) == (member, sample)


def test_a_malformed_quarter_is_refused(web, ministry):
    web.force_login(ministry)
    response = web.post(reverse("quality:qa_sample_draw"), {"quarter": "2026-Q5"})
    assert response.status_code == 422 and "Write the quarter as 2026-Q3." in response.content.decode()
    assert not QASample.objects.exists()


def test_a_reviewer_records_a_finding_and_an_empty_one_is_refused(web, ministry, provider_a):
    web.force_login(ministry)
    data = {"provider": provider_a.pk, "topic": "records", "severity": "minor"}
    refused = web.post(reverse("quality:qa_finding_create"), {**data, "body": " "})
    assert refused.status_code == 422 and "Write the finding." in refused.content.decode()
    assert web.post(reverse("quality:qa_finding_create"),
                    {**data, "body": "Two files lacked the signed consent."}).status_code == 302
    finding = QAFinding.objects.get()
    assert (finding.provider, finding.reviewer, finding.severity) == (provider_a, ministry, "minor")


def test_a_contested_attribution_reaches_the_queue_and_is_changed_as_a_new_version(
        web, contested_placement_a, ministry, counsellor_a):
    original = contested_placement_a.attribution
    web.force_login(ministry)
    queue = web.get(reverse("quality:attribution_queue")).content.decode()
    assert reverse("quality:attribution_review", args=[contested_placement_a.contest_code]) in queue
    refused = web.post(reverse("quality:attribution_review", args=[contested_placement_a.contest_code]),
                       {"decided": "direct", "reason": ""})
    assert refused.status_code == 422 and "Say why" in refused.content.decode()
    response = web.post(reverse("quality:attribution_review", args=[contested_placement_a.contest_code]),
                        {"decided": "direct", "reason": "The lead was shared through our pipeline on 2 Nov."})
    assert response.status_code == 302
    review = AttributionReview.objects.get()
    assert (review.original, review.decided, review.decision) == (original, "direct", "changed")
    assert Placement.objects.get(pk=contested_placement_a.pk).attribution == "direct"
    assert reverse("quality:attribution_review", args=[contested_placement_a.contest_code]) not in web.get(
        reverse("quality:attribution_queue")).content.decode()
    # The counsellor who contested is told, and reads the decision with the original class.
    note = Notification.objects.get(recipient=counsellor_a, template="quality.attribution_decided")
    assert note.link == reverse("quality:placement_review", args=[contested_placement_a.code])
    web.force_login(counsellor_a)
    page = web.get(note.link).content.decode()
    assert "The lead was shared through our pipeline on 2 Nov." in page
    assert "Self-found" in page and "Direct" in page


def test_opening_a_contested_placement_is_an_audited_quality_review(web, contested_placement_a, ministry):
    web.force_login(ministry)
    assert web.get(reverse("quality:attribution_review", args=[contested_placement_a.contest_code])).status_code == 200
    opened = AuditEvent.objects.get(action="placement.opened")
    assert (opened.client_code, opened.actor_code) == (contested_placement_a.client.code, ministry.code)
    assert opened.detail["reason"] == "qa"


def test_upholding_keeps_the_class_and_a_second_decision_is_refused(web, contested_placement_a, ministry):
    web.force_login(ministry)
    url = reverse("quality:attribution_review", args=[contested_placement_a.contest_code])
    web.post(url, {"decided": contested_placement_a.attribution, "reason": "No record of our help."})
    again = web.post(url, {"decided": "direct", "reason": "Second thoughts."})
    assert again.status_code == 422 and "already decided" in again.content.decode()
    review = AttributionReview.objects.get()
    assert review.decision == "upheld"
    assert Placement.objects.get(pk=contested_placement_a.pk).attribution == review.original


def test_deciding_closes_the_managers_task_and_tells_the_counsellor_once_in_their_language(
        web, manager_a, contested_placement_a, ministry, counsellor_a):
    counsellor_a.preferred_language = "fr"
    counsellor_a.save(update_fields=["preferred_language"])
    task = Task.objects.get(source_key=f"attribution-review:{contested_placement_a.code}")
    assert task.assignee == manager_a and task.done_at is None
    notes_before = Notification.objects.filter(recipient=counsellor_a).count()
    web.force_login(ministry)
    url = reverse("quality:attribution_review", args=[contested_placement_a.contest_code])
    web.post(url, {"decided": "direct", "reason": "The lead was ours."})
    web.post(url, {"decided": "direct", "reason": "The lead was ours."})  # a double click
    task.refresh_from_db()
    assert task.done_at is not None and task.done_by == ministry
    told = list(Notification.objects.filter(recipient=counsellor_a).order_by("id"))[notes_before:]
    assert [n.template for n in told] == ["quality.attribution_decided"]  # not also "a task was done"
    assert told[0].subject.startswith("L'attribution que vous avez contestée a été modifiée : ")
    web.force_login(manager_a)
    inbox = web.get(reverse("caseload:home")).content.decode()
    assert "Review a contested attribution" not in inbox
