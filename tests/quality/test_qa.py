"""QA: reproducible samples of consenting clients, findings, and decisions on contested attributions."""

import datetime as dt

import pytest
from django.urls import reverse

from caseload.models import CaseFile
from clients.models import Consent
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


def test_the_sample_page_lists_people_and_audits_each_open(web, served, provider_a, ministry):
    sample = qa.qa_sample_draw(provider=provider_a, quarter="2026-Q4", drawn_by=ministry, seed=5)
    web.force_login(ministry)
    page = web.get(reverse("quality:qa_sample", args=[sample.code])).content.decode()
    assert page.count("Test") == sample.memberships.count() > 0
    assert AuditEvent.objects.filter(action="client.opened", detail__reason="qa").count() == \
        sample.memberships.count()


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
    assert reverse("quality:attribution_review", args=[contested_placement_a.code]) in queue
    refused = web.post(reverse("quality:attribution_review", args=[contested_placement_a.code]),
                       {"decided": "direct", "reason": ""})
    assert refused.status_code == 422 and "Say why" in refused.content.decode()
    response = web.post(reverse("quality:attribution_review", args=[contested_placement_a.code]),
                        {"decided": "direct", "reason": "The lead was shared through our pipeline on 2 Nov."})
    assert response.status_code == 302
    review = AttributionReview.objects.get()
    assert (review.original, review.decided, review.decision) == (original, "direct", "changed")
    assert Placement.objects.get(pk=contested_placement_a.pk).attribution == "direct"
    assert reverse("quality:attribution_review", args=[contested_placement_a.code]) not in web.get(
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
    assert web.get(reverse("quality:attribution_review", args=[contested_placement_a.code])).status_code == 200
    opened = AuditEvent.objects.get(action="placement.opened")
    assert (opened.client_code, opened.actor_code) == (contested_placement_a.client.code, ministry.code)
    assert opened.detail["reason"] == "qa"


def test_upholding_keeps_the_class_and_a_second_decision_is_refused(web, contested_placement_a, ministry):
    web.force_login(ministry)
    url = reverse("quality:attribution_review", args=[contested_placement_a.code])
    web.post(url, {"decided": contested_placement_a.attribution, "reason": "No record of our help."})
    again = web.post(url, {"decided": "direct", "reason": "Second thoughts."})
    assert again.status_code == 422 and "already decided" in again.content.decode()
    review = AttributionReview.objects.get()
    assert review.decision == "upheld"
    assert Placement.objects.get(pk=contested_placement_a.pk).attribution == review.original
