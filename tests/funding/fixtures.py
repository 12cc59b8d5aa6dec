"""Fixtures the funding tests and the permission matrix share."""

import datetime as dt

import pytest


@pytest.fixture
def november(case_a, case_b, counsellor_a):
    """Provider A: one client served all month, one direct placement (segment 3, quality 85) on 2 Nov 2026;
    provider B: one client served, nothing reached. Outcome model (base 36500 a year) and block model (3650 a year
    per client). Returns the placement."""
    from caseload.models import CaseFile
    from outcomes.models import Placement
    from tests.funding.factories import block_model, outcome_model
    from tests.outcomes.factories import placement_for

    CaseFile.objects.filter(pk__in=[case_a.pk, case_b.pk]).update(opened_at=dt.datetime(2026, 10, 1, tzinfo=dt.UTC))
    case_a.client.__class__.objects.filter(pk=case_a.client.pk).update(segment=3)
    placement = placement_for(case_a, by=counsellor_a, start_date=dt.date(2026, 11, 2))
    Placement.objects.filter(pk=placement.pk).update(attribution="direct")
    outcome_model()
    block_model()
    return placement
