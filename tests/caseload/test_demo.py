import io

from caseload import demo
from caseload.models import Assignment, CaseFile, CaseNote, Referral, Transfer
from clients.models import Client
from espportal import demo as building
from tests.caseload.factories import make_client


def test_it_seeds_long_histories_once(db):
    context = building.seed(io.StringIO())
    intake = context["staff"]["intake.a@demo.espportal.ca"]
    clients = [make_client(context["providers"][i], registered_by=intake) for i in (0, 0, 1, 2)]
    context["clients"] = clients
    demo.seed(io.StringIO(), context)
    counts = (CaseFile.objects.count(), CaseNote.objects.count(), Assignment.objects.count(),
              Transfer.objects.count(), Referral.objects.count())
    demo.seed(io.StringIO(), context)
    assert counts == (CaseFile.objects.count(), CaseNote.objects.count(), Assignment.objects.count(),
                      Transfer.objects.count(), Referral.objects.count())
    assert counts[0] == 4 and counts[3] == 1 and counts[4] == 2
    assert Assignment.objects.filter(ended_at__isnull=False, role="counsellor").count() == 4
    assert set(CaseNote.objects.values_list("kind", flat=True)) == set(CaseNote.Kind.values)
    assert Client.objects.filter(first_meeting_at__isnull=False).count() == 4


def test_it_skips_without_demo_clients(db):
    out = io.StringIO()
    assert demo.seed(out, {"providers": [], "staff": {}}) == {}
    assert "no demo clients" in out.getvalue()
