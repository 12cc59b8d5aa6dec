"""A retention check carries its placement's provider (copied when the placement is recorded), which the
check-ins page of a manager reads on an index: their provider's checks and no other's."""

from django.urls import reverse

from outcomes import services
from outcomes.models import RetentionCheck


def test_each_check_of_a_placement_carries_the_placements_provider(placement_a, provider_a):
    assert set(RetentionCheck.objects.filter(placement=placement_a).values_list("provider_id", flat=True)) == {
        provider_a.pk}


def test_a_manager_sees_the_due_checks_of_their_provider_only(login, placement_a, placement_b, manager_a,
                                                                manager_b):
    for placement in (placement_a, placement_b):
        services.retention_check_fall_due(check_id=placement.checks.order_by("milestone_months").first().pk)
    url = reverse("outcomes:checks_due")
    page_a, page_b = (login(m).get(url).content.decode() for m in (manager_a, manager_b))
    assert "Lina Farah" in page_a and "Marc Belanger" not in page_a
    assert "Marc Belanger" in page_b and "Lina Farah" not in page_b
