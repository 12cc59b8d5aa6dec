"""The payment ledger: rows from verified milestones only, idempotent, reversals instead of edits."""

import datetime as dt
import io
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from outcomes.funding import services
from outcomes.funding.models import LedgerEntry
from outcomes.funding.tasks import ledger_post
from outcomes.models import Placement
from tests.funding.factories import outcome_model
from tests.outcomes.factories import placement_for


@pytest.fixture
def direct_placement(case_a, counsellor_a):
    """A placement of a segment-3 client on 2 Nov 2026, classed direct, job-quality index 85 (>= 60)."""
    case_a.client.__class__.objects.filter(pk=case_a.client.pk).update(segment=3)
    placement = placement_for(case_a, by=counsellor_a, start_date=dt.date(2026, 11, 2))
    Placement.objects.filter(pk=placement.pk).update(attribution="direct")
    assert Placement.objects.get(pk=placement.pk).quality_index == 85
    return placement


# After the 6-month checks of the 2 Nov 2026 placements fall due (2 May 2027): those milestones are earned.
AFTER_SIX_MONTHS = dt.datetime(2027, 6, 1, 16, tzinfo=dt.UTC)


def amounts(placement):
    return [(e.milestone, e.kind, e.amount) for e in LedgerEntry.objects.filter(placement=placement)
            .order_by("sequence")]


def test_it_posts_a_placement_once_whatever_the_reruns(direct_placement):
    outcome_model()
    assert ledger_post() == {"placements": 1, "rows": 1, "skipped": 0}
    assert ledger_post()["rows"] == 0
    call_command("funding_ledger_post", stdout=io.StringIO())
    assert amounts(direct_placement) == [("placement", "payment", D("1800.00"))]


def test_nothing_is_posted_without_a_model_that_pays_the_ledger(direct_placement):
    outcome_model(pays_ledger=False)
    assert services.ledger_post()["rows"] == 0
    assert not LedgerEntry.objects.exists()
    outcome_model(code="outcome_paid")  # the counterpart: a model that pays posts the placement's row
    assert services.ledger_post()["rows"] == 1


def test_a_corrected_attribution_is_reversed_and_paid_again_never_edited(direct_placement):
    outcome_model()
    services.ledger_post()
    first = LedgerEntry.objects.get()
    Placement.objects.filter(pk=direct_placement.pk).update(attribution="assisted")
    services.ledger_post()
    # 1800 reversed; 1000 x 1.50 x 0.60 x 1.20 = 1080 paid.
    assert amounts(direct_placement) == [("placement", "payment", D("1800.00")),
                                         ("placement", "reversal", D("-1800.00")),
                                         ("placement", "payment", D("1080.00"))]
    first.refresh_from_db()
    assert first.amount == D("1800.00") and first.reversed_by.amount == D("-1800.00")
    Placement.objects.filter(pk=direct_placement.pk).update(attribution="self_found")
    services.ledger_post()
    assert sum(e.amount for e in LedgerEntry.objects.all()) == D("0.00")
    assert LedgerEntry.objects.count() == 4


def test_retention_pays_only_when_confirmed_employed(direct_placement):
    outcome_model()
    checks = {c.milestone_months: c for c in direct_placement.checks.all()}
    answered = {"answered_at": timezone.now(), "evidence_kind": "call_note", "evidence": "Spoke with her."}
    type(checks[6]).objects.filter(pk=checks[6].pk).update(status="employed_same", **answered)
    type(checks[3]).objects.filter(pk=checks[3].pk).update(status="unreachable", **answered)
    services.ledger_post(now=AFTER_SIX_MONTHS)
    # 6 months: 1500 x 1.50 x 1.00 x 1.20 = 2700; 3 months unreachable pays nothing.
    rows = {(e.milestone, e.kind): e.amount for e in LedgerEntry.objects.all()}
    assert rows == {("placement", "payment"): D("1800.00"), ("retention_6m", "payment"): D("2700.00")}
    assert LedgerEntry.objects.get(milestone="retention_6m").earned_on == checks[6].due_on
    # The check is corrected (she had left): the 6-month payment is reversed.
    type(checks[6]).objects.filter(pk=checks[6].pk).update(status="not_employed")
    services.ledger_post(now=AFTER_SIX_MONTHS)
    assert sum(e.amount for e in LedgerEntry.objects.filter(milestone="retention_6m")) == D("0.00")


def test_the_natural_key_refuses_a_second_row_with_the_same_sequence(direct_placement):
    outcome_model()
    services.ledger_post()
    row = LedgerEntry.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(provider=row.provider, placement=row.placement, milestone=row.milestone,
                                   sequence=row.sequence, kind="payment", amount=row.amount,
                                   earned_on=row.earned_on, version=row.version)


def test_a_placement_before_the_first_version_is_not_paid(case_a, counsellor_a):
    outcome_model(effective_from=dt.date(2026, 11, 15))
    placement_for(case_a, by=counsellor_a, start_date=dt.date(2026, 11, 2))
    services.ledger_post()
    assert not LedgerEntry.objects.exists()


# --- The segment in force at the milestone ---------------------------------------------------------------------

def _assess(client, *, on: dt.date, segment: int, by, override: tuple | None = None):
    from clients.models import Assessment

    at = dt.datetime(on.year, on.month, on.day, 10, tzinfo=dt.UTC)
    values = {}
    if override:
        segment_to, when = override
        values = {"override_segment": segment_to, "override_reason": "Knows the client better.",
                  "overridden_by": by, "overridden_at": dt.datetime(when.year, when.month, when.day, 10,
                                                                    tzinfo=dt.UTC)}
    return Assessment.objects.create(client=client, instrument_version="2026.1", computed_segment=segment,
                                     assessed_by=by, assessed_at=at, **values)


def test_a_reassessment_after_the_placement_does_not_change_what_it_paid(case_a, counsellor_a):
    """Assessed segment 3 on 1 Oct; placed (direct, quality 85) on 2 Nov; re-assessed segment 1 on 1 Dec (the
    client record now says 1). The placement was earned in segment 3: 1000 x 1.50 x 1.00 x 1.20 = 1800, before
    and after the re-assessment, with no reversal. The 6-month check (due 2 May 2027) is earned in segment 1:
    1500 x 1.00 x 1.00 x 1.20 = 1800."""
    client = case_a.client
    _assess(client, on=dt.date(2026, 10, 1), segment=3, by=counsellor_a)
    type(client).objects.filter(pk=client.pk).update(segment=3)
    placement = placement_for(case_a, by=counsellor_a, start_date=dt.date(2026, 11, 2))
    Placement.objects.filter(pk=placement.pk).update(attribution="direct")
    outcome_model()
    services.ledger_post()
    assert amounts(placement) == [("placement", "payment", D("1800.00"))]
    _assess(client, on=dt.date(2026, 12, 1), segment=1, by=counsellor_a)
    type(client).objects.filter(pk=client.pk).update(segment=1)
    services.ledger_post()
    assert amounts(placement) == [("placement", "payment", D("1800.00"))]
    six = placement.checks.get(milestone_months=6)
    type(six).objects.filter(pk=six.pk).update(status="employed_same", answered_at=timezone.now(),
                                               evidence_kind="call_note", evidence="Still there.")
    services.ledger_post(now=AFTER_SIX_MONTHS)
    rows = {e.milestone: (e.amount, e.detail["segment"]) for e in LedgerEntry.objects.filter(placement=placement)}
    assert rows == {"placement": (D("1800.00"), 3), "retention_6m": (D("1800.00"), 1)}


def test_the_what_if_weights_a_milestone_by_the_segment_then(case_a, counsellor_a):
    """The same history read by the what-if for November: base 36500 x 30/365 = 3000, plus 1800 (segment 3)."""
    from outcomes.funding import whatif

    _assess(case_a.client, on=dt.date(2026, 10, 1), segment=3, by=counsellor_a)
    placement = placement_for(case_a, by=counsellor_a, start_date=dt.date(2026, 11, 2))
    Placement.objects.filter(pk=placement.pk).update(attribution="direct")
    _assess(case_a.client, on=dt.date(2026, 12, 1), segment=1, by=counsellor_a)
    type(case_a.client).objects.filter(pk=case_a.client.pk).update(segment=1)
    outcome_model()
    result = whatif.compare(start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30))
    assert next(r for r in result.rows if r.provider == case_a.provider).amounts["outcome"] == D("4800.00")


def test_the_segment_in_force_follows_assessments_and_overrides_by_date(case_a, counsellor_a):
    from clients.selectors import segments_on

    client = case_a.client
    _assess(client, on=dt.date(2026, 10, 1), segment=2, by=counsellor_a, override=(3, dt.date(2026, 12, 1)))
    days = [dt.date(2026, 9, 30), dt.date(2026, 10, 1), dt.date(2026, 11, 30), dt.date(2026, 12, 1)]
    found = segments_on([(client.pk, day) for day in days])
    # Not assessed yet; computed 2; still 2 before the override; 3 from the override's day.
    assert [found[(client.pk, day)] for day in days] == [None, 2, 2, 3]


# --- A milestone pays only once earned (its date on or before today, in Toronto) -------------------------------

@pytest.mark.parametrize("start,paid", [(dt.date(2026, 11, 29), True), (dt.date(2026, 11, 30), True),
                                        (dt.date(2026, 12, 1), False)])
def test_a_placement_pays_only_once_its_start_date_is_reached_in_toronto(case_a, counsellor_a, start, paid):
    """Today is 30 Nov 2026 in Toronto (1 Dec 02:30 UTC is 21:30 on 30 Nov there): a placement that started
    yesterday or today is earned (1000 x 1.00 segment not assessed x 1.00 direct x 1.20 quality = 1200); one that
    starts tomorrow is not, and is paid once tomorrow comes."""
    placement = placement_for(case_a, by=counsellor_a, start_date=start)
    Placement.objects.filter(pk=placement.pk).update(attribution="direct")
    outcome_model()
    now = dt.datetime(2026, 12, 1, 2, 30, tzinfo=dt.UTC)
    services.ledger_post(now=now)
    assert amounts(placement) == ([("placement", "payment", D("1200.00"))] if paid else [])
    services.ledger_post(now=now + dt.timedelta(days=1))
    assert amounts(placement) == [("placement", "payment", D("1200.00"))]


def test_a_retention_check_answered_before_its_due_date_pays_on_the_due_date(direct_placement):
    """The 3-month check of the 2 Nov 2026 placement is due 2 Feb 2027; marked employed early, it pays nothing on
    1 Feb and 300 x 1.50 x 1.00 x 1.20 = 540 on 2 Feb (Toronto noon)."""
    outcome_model()
    three = direct_placement.checks.get(milestone_months=3)
    assert three.due_on == dt.date(2027, 2, 2)
    type(three).objects.filter(pk=three.pk).update(status="employed_same", answered_at=timezone.now(),
                                                   evidence_kind="call_note", evidence="Still there.")
    services.ledger_post(now=dt.datetime(2027, 2, 1, 17, tzinfo=dt.UTC))
    assert not LedgerEntry.objects.filter(milestone="retention_3m").exists()
    services.ledger_post(now=dt.datetime(2027, 2, 2, 17, tzinfo=dt.UTC))
    assert LedgerEntry.objects.get(milestone="retention_3m").amount == D("540.00")


def test_the_what_if_counts_no_milestone_after_today(case_a, counsellor_a):
    """A placement starting 10 Dec 2026 is not earned on 30 Nov: the what-if for December pays the base only
    (36500 x 31/365 = 3100), and 3100 + 1200 once 10 Dec has come."""
    import time_machine

    from outcomes.funding import whatif

    placement = placement_for(case_a, by=counsellor_a, start_date=dt.date(2026, 12, 10))
    Placement.objects.filter(pk=placement.pk).update(attribution="direct")
    outcome_model()
    december = {"start": dt.date(2026, 12, 1), "end": dt.date(2026, 12, 31)}
    with time_machine.travel(dt.datetime(2026, 11, 30, 17, tzinfo=dt.UTC), tick=False):
        row = next(r for r in whatif.compare(**december).rows if r.provider == case_a.provider)
        assert row.amounts["outcome"] == D("3100.00") and row.milestones == 0
    with time_machine.travel(dt.datetime(2026, 12, 10, 17, tzinfo=dt.UTC), tick=False):
        row = next(r for r in whatif.compare(**december).rows if r.provider == case_a.provider)
        assert row.amounts["outcome"] == D("4300.00") and row.milestones == 1
