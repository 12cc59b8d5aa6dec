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
