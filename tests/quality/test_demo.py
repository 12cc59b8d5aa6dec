import io

from django.utils import timezone

from outcomes import demo as outcome_demo
from outcomes.funding import demo as funding_demo
from outcomes.funding.models import FundingModelVersion, LedgerEntry
from outcomes.quality import demo as quality_demo
from outcomes.quality.models import Complaint, QASample, Survey
from outcomes.quality.selectors import contested_placements


def test_it_seeds_funding_and_quality_once(provider_a, provider_b, counsellor_a, counsellor_b, ministry):
    from tests.employers.factories import EmployerFactory

    # With employers in the network the demo's past placements have the provider's help on record (they pay);
    # the two that start in the coming weeks are not earned yet and pay nothing.
    context = {"providers": [provider_a, provider_b], "employers": [EmployerFactory()]}
    outcome_demo.seed(io.StringIO(), context)
    for _run in range(2):
        funding_demo.seed(io.StringIO(), context)
        quality_demo.seed(io.StringIO(), context)
    assert FundingModelVersion.objects.count() == 3
    assert LedgerEntry.objects.filter(kind="payment").exists()
    assert not LedgerEntry.objects.filter(earned_on__gt=timezone.localdate()).exists()
    assert set(Complaint.objects.values_list("status", flat=True)) == {"in_review", "resolved", "escalated",
                                                                       "received"}
    assert Complaint.objects.filter(kind="privacy_breach").count() == 1
    assert Survey.objects.filter(answered_at__isnull=False).exists()
    assert QASample.objects.count() == 2  # one per provider
    assert contested_placements().count() == 2  # the outcomes demo contests one, ours another
