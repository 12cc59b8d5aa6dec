"""Download my data: a JSON file with documented keys and a printable page of everything held; both audited."""

import json
import re
from pathlib import Path

from django.urls import reverse

from caseload import services as caseload_services
from caseload.models import CaseNote
from clients import services as clients_services
from employers import services as employers_services
from espportal.models import AuditEvent
from outcomes import my_data

README = Path(__file__).resolve().parents[2] / "README.md"


def _everything(case_a, counsellor_a, lead_a):
    clients_services.consent_grant(client=case_a.client, scope="share_employers", granted_by=counsellor_a)
    match = employers_services.match_create(client=case_a.client, lead=lead_a, by=counsellor_a)
    clients_services.consent_grant(client=case_a.client, scope="contact_sms", granted_by=counsellor_a)
    caseload_services.note_add(case=case_a, author=counsellor_a, kind=CaseNote.Kind.CONTACT,
                               body="Great interview today.", visibility=CaseNote.Visibility.CLIENT)
    caseload_services.note_add(case=case_a, author=counsellor_a, kind=CaseNote.Kind.CONTACT,
                               body="Team only remark.", visibility=CaseNote.Visibility.TEAM)
    return match


def test_the_json_file_holds_every_section_and_is_audited(login, seeker_a, case_a, counsellor_a, placement_a,
                                                          lead_a, support_request_a):
    match = _everything(case_a, counsellor_a, lead_a)
    response = login(seeker_a).get(reverse("outcomes:me_data_json"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    data = json.loads(response.content)
    assert data["profile"]["first_name"] == "Lina" and data["profile"]["code"] == str(case_a.client.code)
    assert sorted(c["scope"] for c in data["consents"]) == ["contact_sms", "share_employers"]
    assert [n["body"] for n in data["notes_shared_with_me"]] == ["Great interview today."]
    assert [p["code"] for p in data["placements"]] == [str(placement_a.code)]
    assert len(data["check_ins"]) == placement_a.checks.count() > 0
    assert [m["code"] for m in data["matches"]] == [str(match.code)]
    assert [s["code"] for s in data["support_requests"]] == [str(support_request_a.code)]
    assert [c["status"] for c in data["cases"]] == ["placed"]
    assert AuditEvent.objects.filter(action="client.exported", client_code=case_a.client.code,
                                     actor_code=seeker_a.code).count() == 1


def test_every_key_is_documented_in_the_readme(seeker_a, case_a):
    readme = README.read_text()
    table = readme[readme.index("## Download my data: the keys"):]
    documented = set(re.findall(r"^\| `(\w+)` \|", table, flags=re.MULTILINE))
    assert set(my_data.my_data(case_a.client)) == documented


def test_the_printable_page_shows_everything_in_french(login, seeker_b, case_b, placement_b):
    response = login(seeker_b).get(reverse("outcomes:me_data"))
    page = response.content.decode()
    assert response.status_code == 200 and '<html lang="fr">' in page
    assert "Tout ce que nous détenons à mon sujet" in page
    assert "Mes emplois" in page and placement_b.employer_name in page
    assert AuditEvent.objects.filter(action="client.exported", client_code=case_b.client.code).count() == 1


def test_each_download_is_its_own_audit_event(login, seeker_a, case_a):
    web = login(seeker_a)
    web.get(reverse("outcomes:me_data_json"))
    web.get(reverse("outcomes:me_data"))
    assert AuditEvent.objects.filter(action="client.exported", client_code=case_a.client.code).count() == 2


def test_staff_cannot_download_a_person_s_data_here(login, counsellor_a, case_a):
    assert login(counsellor_a).get(reverse("outcomes:me_data_json")).status_code == 403


def test_the_download_reads_a_bounded_number_of_queries(login, seeker_a, case_a, counsellor_a,
                                                        django_assert_max_num_queries):
    from tests.clients.factories import make_plan_item

    for _ in range(5):
        make_plan_item(case_a.client, by=counsellor_a, service_code=None)
    web = login(seeker_a)
    with django_assert_max_num_queries(24):
        data = json.loads(web.get(reverse("outcomes:me_data_json")).content)
    assert len(data["plan_items"]) == 5


def test_the_printable_page_gives_dates_and_numbers_in_french(login, seeker_b, case_b, placement_b, counsellor_b):
    # Found by a fresh tester: French labels were English ("Granted at", "Status reason accommodation") and values
    # raw ("2026-04-15T13:33:00+00:00", "20.20").
    clients_services.consent_grant(client=case_b.client, scope="contact_sms", granted_by=counsellor_b)
    page = login(seeker_b).get(reverse("outcomes:me_data")).content.decode()
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", page)
    for english in ("Granted at", "Status reason accommodation", "Created at", "Current provider", "Scope"):
        assert f">{english}<" not in page
    pay = f"{placement_b.hourly_pay:.2f}".replace(".", ",")
    assert pay in page
    assert re.search(r"\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
                     r"décembre) \d{4}", page)
