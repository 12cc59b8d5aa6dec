import datetime as dt
import io

from django.utils import timezone

from caseload import demo
from caseload.models import Assignment, CaseFile, CaseNote, Referral, Transfer
from clients.services import client_first_meeting_record
from espportal import demo as building
from tests.caseload.factories import make_client


def test_it_seeds_long_histories_once(db):
    context = building.seed(io.StringIO())
    intake = context["staff"]["intake.a@demo.espportal.ca"]
    clients = [make_client(context["providers"][i], registered_by=intake) for i in (0, 0, 1, 2)]
    for client in clients[:3]:  # the fourth is still waiting for a first meeting
        client_first_meeting_record(client=client, at=timezone.now() - dt.timedelta(days=30), recorded_by=intake)
    context["clients"] = clients
    demo.seed(io.StringIO(), context)
    counts = (CaseFile.objects.count(), CaseNote.objects.count(), Assignment.objects.count(),
              Transfer.objects.count(), Referral.objects.count())
    demo.seed(io.StringIO(), context)
    assert counts == (CaseFile.objects.count(), CaseNote.objects.count(), Assignment.objects.count(),
                      Transfer.objects.count(), Referral.objects.count())
    assert counts[0] == 4 and counts[3] == 1 and counts[4] == 2
    # Handoffs in the second and third cases (one counsellor all along in the first and fourth).
    assert Assignment.objects.filter(ended_at__isnull=False, role="counsellor").count() == 2
    # Post-employment notes come with placements (the outcomes demo), not here.
    assert set(CaseNote.objects.values_list("kind", flat=True)) == set(CaseNote.Kind.values) - {"post_employment"}
    assert list(CaseFile.objects.filter(status="waiting").values_list("client", flat=True)) == [clients[3].pk]
    # Notes speak of the person, not of a template.
    assert CaseNote.objects.filter(body__contains=clients[0].first_name).exists()


def test_it_skips_without_demo_clients(db):
    out = io.StringIO()
    assert demo.seed(out, {"providers": [], "staff": {}}) == {}
    assert "no demo clients" in out.getvalue()
