import io

from outcomes import demo
from outcomes.models import Placement, RetentionCheck


def test_it_seeds_every_attribution_and_check_state_once(provider_a, provider_b, counsellor_a, counsellor_b):
    context = {"providers": [provider_a, provider_b], "employers": []}
    demo.seed(io.StringIO(), context)
    placements = Placement.objects.count()
    assert placements == len(demo.SCENARIOS)
    assert set(Placement.objects.values_list("attribution", flat=True)) == {"self_found", "assisted"}
    assert {"pending", "due", "escalated", "employed_same", "employed_other", "not_employed", "unreachable"} <= set(
        RetentionCheck.objects.values_list("status", flat=True))
    demo.seed(io.StringIO(), context)
    assert Placement.objects.count() == placements
