"""The data migration that turned the English "not for me" sentences stored before into reason codes."""

import importlib

import pytest
from django.apps import apps

from employers.models import LearnedPreference, Match
from espportal.models import Notification
from tests.employers.factories import LeadFactory

pytestmark = pytest.mark.django_db
migration = importlib.import_module("employers.migrations.0005_match_reason_code")


@pytest.mark.parametrize(("stored", "code", "words"), [
    ("The hours do not suit me — Night shifts only", "hours", "Night shifts only"),
    ("The pay is too low", "pay", ""),
    ("I would rather stay home", "", "I would rather stay home"),  # "other": their own words only
    ("Not the right time", "", "Not the right time"),  # a counsellor's words on the pipeline board
])
def test_it_splits_a_stored_sentence_into_the_code_and_the_persons_words(match_a, stored, code, words):
    Match.objects.filter(pk=match_a.pk).update(status=Match.Status.NOT_FOR_ME, status_reason=stored)
    migration.forwards(apps, None)
    match_a.refresh_from_db()
    assert (match_a.status_reason_code, match_a.status_reason) == (code, words)
    migration.backwards(apps, None)
    match_a.refresh_from_db()
    assert match_a.status_reason == stored


def test_it_recovers_the_accommodation_and_rewrites_the_counsellors_notification(match_a, counsellor_a):
    Match.objects.filter(pk=match_a.pk).update(
        status=Match.Status.NOT_FOR_ME, status_reason="The workplace does not meet my needs — no lift")
    LearnedPreference.objects.create(client=match_a.client, match=match_a, reason="accessibility", effect="profile",
                                     field="accommodations", before=[], after=["step_free"])
    note = Notification.objects.create(
        recipient=counsellor_a, subject="x", template="employers.lead_not_for_me",
        context={"name": "Sam", "title": "Clerk", "employer": "Acme",
                 "reason": "The workplace does not meet my needs — no lift"})
    migration.forwards(apps, None)
    match_a.refresh_from_db()
    assert (match_a.status_reason_code, match_a.status_reason_accommodation, match_a.status_reason) == (
        "accessibility", "step_free", "no lift")
    note.refresh_from_db()
    assert note.context == {"name": "Sam", "title": "Clerk", "employer": "Acme", "reason_code": "accessibility",
                            "details": "no lift"}
    assert note.rendered(language="fr")[1] == "Motif indiqué : Le lieu de travail ne répond pas à mes besoins — no lift"


def test_the_source_migration_tells_a_counsellors_dismissal_from_the_persons_answer(match_a, candidate_a, seeker_a,
                                                                                   counsellor_a):
    """Rows stored before `source`: by someone other than the person, a dismissal; by the person, their answer;
    whose author is gone, a dismissal when their match ended dismissed."""
    source = importlib.import_module("employers.migrations.0007_learned_preference_source")
    answered = Match.objects.create(client=candidate_a, lead=LeadFactory(provider=match_a.lead.provider),
                                    status=Match.Status.NOT_FOR_ME)
    Match.objects.filter(pk=match_a.pk).update(status=Match.Status.DISMISSED)

    def row(match, by):
        return LearnedPreference.objects.create(client=candidate_a, match=match, reason="work", effect="none",
                                                created_by=by).pk

    expected = {row(match_a, counsellor_a): "dismissal", row(answered, seeker_a): "answer",
                row(match_a, None): "dismissal", row(answered, None): "answer"}
    source.forwards(apps, None)
    assert dict(LearnedPreference.objects.values_list("pk", "source")) == expected
