"""The demo seed: realistic spread, linked job-seeker accounts, and a second run that adds nothing."""

from io import StringIO

import pytest

from clients import demo
from clients.models import Assessment, Client, PlanItem
from espportal import demo as building


@pytest.mark.django_db
def test_it_seeds_every_segment_and_status_once():
    out = StringIO()
    context = building.seed(out)
    made = demo.seed(out, context)["clients"]
    assert len(made) == 24
    assert set(Client.objects.values_list("segment", flat=True)) == {1, 2, 3}
    assert set(Client.objects.values_list("preferred_language", flat=True)) == {"en", "fr"}
    assert set(PlanItem.objects.values_list("status", flat=True)) == set(PlanItem.Status.values)
    assert Assessment.objects.count() > Client.objects.count()  # some were re-assessed
    lina = Client.objects.get(user__email="seeker.a@demo.espportal.ca")
    marc = Client.objects.get(user__email="seeker.b@demo.espportal.ca")
    assert (lina.current_provider, marc.current_provider) == (context["providers"][0], context["providers"][1])

    counts = (Client.objects.count(), PlanItem.objects.count(), Assessment.objects.count())
    demo.seed(out, building.seed(out))
    assert (Client.objects.count(), PlanItem.objects.count(), Assessment.objects.count()) == counts
