import io

import pytest

from employers import demo, matching
from employers.models import Employer, EngagementActivity, JobLead, Match
from espportal import demo as espportal_demo
from tests.employers.factories import client_at

pytestmark = pytest.mark.django_db


def test_it_seeds_a_varied_network_once(django_capture_on_commit_callbacks):
    out = io.StringIO()
    context = espportal_demo.seed(out)
    toronto = context["providers"][0]
    clients = [client_at(toronto, first_name=f"Demo{i}", goals=[goal], skills=skills, max_commute_km=40, **extra)
               for i, (goal, skills, extra) in enumerate([
                   ("11100", ["bookkeeping", "spreadsheets"], {}),
                   ("21232", ["python", "sql"], {"remote_ok": True}),
                   ("65100", ["cash-handling"], {"education_level": "secondary", "wants_part_time": True}),
                   ("75101", ["warehouse"], {"education_level": "bachelor"}),
                   ("44101", ["personal-support"], {"accommodations": ["step_free"]}),
                   ("63200", ["cooking"], {}),
                   ("13110", [], {"accommodations": ["screen_reader"]}),
               ])]
    context["clients"] = clients
    demo.seed(out, context)
    counts = (Employer.objects.count(), JobLead.objects.count(), Match.objects.count(),
              EngagementActivity.objects.count())
    assert counts[0] == 25 and counts[1] == 85 and counts[2] >= 6 and counts[3] >= 1  # matches: relevance-gated, one fitting lead left suggested
    assert Match.objects.filter(status="hired").count() == 1
    assert JobLead.objects.filter(unadvertised=True).exists() and JobLead.objects.exclude(status="open").exists()
    # Found by a fresh tester: every fitting lead was shared, so no demo client showed a counsellor a suggestion.
    suggested = [client for client in clients if matching.leads_for_client(client)]
    assert len(suggested) >= 3, [c.first_name for c in suggested]
    assert all(lead_matched is False for lead_matched in (
        Match.objects.filter(client=client, lead=s.lead).exists()
        for client in suggested for s in matching.leads_for_client(client)))
    demo.seed(out, context)
    assert (Employer.objects.count(), JobLead.objects.count(), Match.objects.count(),
            EngagementActivity.objects.count()) == counts
