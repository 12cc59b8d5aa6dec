"""Fixtures the quality tests and the permission matrix share (named complaint_* / survey_* / qa_*)."""

import pytest

from outcomes.quality.services import complaints


@pytest.fixture
def complaint_a(case_a, seeker_a):
    """seeker_a's privacy-breach complaint about provider A."""
    return complaints.complaint_file(client=case_a.client, provider=case_a.provider, kind="privacy_breach",
                                     body="My file was shown to someone at my church.", filed_by=seeker_a)


@pytest.fixture
def complaint_b(case_b, seeker_b):
    return complaints.complaint_file(client=case_b.client, provider=case_b.provider, kind="service",
                                     body="Nobody called me back for a month.", filed_by=seeker_b)


@pytest.fixture
def contested_placement_a(placement_a, counsellor_a):
    from outcomes import services

    return services.placement_contest(placement=placement_a, reason="The pipeline shows our lead at this employer.",
                                      contested_by=counsellor_a)


@pytest.fixture
def qa_sample_a(case_a, ministry):
    from outcomes.quality.services import qa

    return qa.qa_sample_draw(provider=case_a.provider, quarter="2026-Q4", drawn_by=ministry, seed=7)


@pytest.fixture
def survey_a(case_a):
    from outcomes.quality.services import surveys

    return surveys.survey_issue(provider=case_a.provider, moment="first_meeting", client=case_a.client)


@pytest.fixture
def survey_b(case_b):
    from outcomes.quality.services import surveys

    return surveys.survey_issue(provider=case_b.provider, moment="first_meeting", client=case_b.client)


@pytest.fixture
def employer_survey_a(placement_a):
    from outcomes.quality.models import Survey

    return Survey.objects.create(provider=placement_a.provider, respondent="employer", moment="employer_hire",
                                 placement=placement_a, dedupe_key=f"employer_hire:test:{placement_a.code}")
