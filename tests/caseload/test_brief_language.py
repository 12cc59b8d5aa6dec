"""A handoff brief reads in its reader's language (issue 14 §4-5): the snapshot keeps codes (assessment reasons,
accommodations, catalogue plan items' French names), and briefs stored before it kept sentences are brought back to
codes by caseload 0009 (and clients 0014 for the assessments they summarise)."""

import importlib

from django.apps import apps
from django.urls import reverse

from caseload import services
from caseload.models import HandoffBrief
from clients import services as client_services
from clients.models import Assessment, ServiceCatalogueEntry
from tests.clients.factories import answers

briefs_migration = importlib.import_module("caseload.migrations.0009_briefs_in_readers_language")
assessments_migration = importlib.import_module("clients.migrations.0014_assessment_reasons_as_codes")


def _hand_over(case, counsellor_a, counsellor_a2, manager_a):
    client = case.client
    client.accommodations = ["screen_reader", "step_free"]
    client.save(update_fields=["accommodations"])
    client_services.assessment_record(client=client, answers=answers(housing=3), assessed_by=counsellor_a)
    assignment = services.assignment_change(case=case, role="counsellor", staff=counsellor_a2,
                                            reason="staff_left", changed_by=manager_a)
    return assignment.handoff_brief


def _brief_page(web, user, case, language):
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    web.force_login(user)
    return web.get(reverse("caseload:case", args=[case.code])).content.decode()


def test_a_brief_made_by_an_english_request_reads_in_french_for_a_french_counsellor(
        web, case_a, counsellor_a, counsellor_a2, manager_a):
    brief = _hand_over(case_a, counsellor_a, counsellor_a2, manager_a)
    assert brief.snapshot["accommodations"] == ["screen_reader", "step_free"]
    assert brief.snapshot["segment_reasons"][0] == {"code": "barrier",
                                                    "params": {"barrier": "housing", "rating": 3, "points": 3}}

    french = _brief_page(web, counsellor_a2, case_a, "fr")
    assert "Lecteur d&#x27;écran, Accès sans marches" in french
    assert "Logement : obstacle important (+3)" in french
    assert "Un obstacle important correspond au moins au segment 2" in french
    english = _brief_page(web, counsellor_a2, case_a, "en")
    assert "Screen reader, Step-free access" in english and "Housing: severe barrier (+3)" in english


def test_the_migration_gives_old_briefs_their_codes_back(web, case_a, counsellor_a, counsellor_a2, manager_a):
    brief = _hand_over(case_a, counsellor_a, counsellor_a2, manager_a)
    catalogue = ServiceCatalogueEntry.objects.exclude(name_fr="").first()
    old = {**brief.snapshot,
           "segment_reasons": ["Housing: severe barrier (+3)", "One severe barrier means at least segment 2"],
           "accommodations": ["Screen reader", "Accès sans marches"],
           "plan_items": [{"title": catalogue.name, "status": "planned", "due_on": None},
                          {"title": "Call the union hall", "status": "planned", "due_on": None}]}
    HandoffBrief.objects.filter(pk=brief.pk).update(snapshot=old)
    Assessment.objects.filter(client=case_a.client).update(
        reasons=["Housing: severe barrier (+3)", "One severe barrier means at least segment 2"])

    assessments_migration.reasons_to_codes(apps, None)
    briefs_migration.briefs_to_codes(apps, None)

    brief.refresh_from_db()
    assert brief.snapshot["segment_reasons"] == [
        {"code": "barrier", "params": {"barrier": "housing", "rating": 3, "points": 3}},
        {"code": "severe_2", "params": {}}]
    assert brief.snapshot["accommodations"] == ["screen_reader", "step_free"]
    assert brief.snapshot["plan_items"][0]["title_fr"] == catalogue.name_fr
    assert "title_fr" not in brief.snapshot["plan_items"][1]  # the person's own words read as written
    french = _brief_page(web, counsellor_a2, case_a, "fr")
    assert catalogue.name_fr.replace("'", "&#x27;") in french and "Call the union hall" in french
    assert "Logement : obstacle important (+3)" in french


def test_the_migration_leaves_what_it_cannot_match_as_written(case_a, counsellor_a, counsellor_a2, manager_a):
    brief = _hand_over(case_a, counsellor_a, counsellor_a2, manager_a)
    Assessment.objects.filter(client=case_a.client).update(answers={"broken": True}, reasons=["Old words"])
    old = {**brief.snapshot, "segment_reasons": ["Old words"], "accommodations": ["Something else"]}
    HandoffBrief.objects.filter(pk=brief.pk).update(snapshot=old)

    assessments_migration.reasons_to_codes(apps, None)
    briefs_migration.briefs_to_codes(apps, None)

    brief.refresh_from_db()
    assert (brief.snapshot["segment_reasons"], brief.snapshot["accommodations"]) == (["Old words"], ["Something else"])
