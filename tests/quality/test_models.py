"""The database itself refuses a survey score outside 1..5, an answer without a score, and an empty complaint."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from outcomes.quality.models import Complaint, Survey


def test_it_refuses_a_score_outside_one_to_five(case_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        Survey.objects.create(provider=case_a.provider, client=case_a.client, respondent="client",
                              moment="first_meeting", dedupe_key="x", score=6, answered_at=case_a.opened_at)
    survey = Survey.objects.create(provider=case_a.provider, client=case_a.client, respondent="client",
                                   moment="first_meeting", dedupe_key="y")
    assert survey.answered_at is None and survey.score is None


def test_it_refuses_an_empty_complaint(case_a, seeker_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        Complaint.objects.create(provider=case_a.provider, client=case_a.client, kind="privacy_breach", body="",
                                 filed_by=seeker_a, due_on=dt.date(2026, 1, 15))
    assert not Complaint.objects.exists()
