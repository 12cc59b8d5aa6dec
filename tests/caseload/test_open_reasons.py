"""Who opened my file, and why, precisely: my counsellor, someone else at my provider, a provider I am moving to,
a provider I was referred to, a ministry quality review, the ministry investigating my complaint. The reason is
stored as a key on the audit event and shown in the reader's language."""

from django.urls import reverse

from caseload import services
from clients.models import Consent
from espportal import audit
from espportal.models import AuditEvent, Role, User
from outcomes.quality.services import complaints
from tests.factories import ProviderFactory, UserFactory, staff_member


def _opened(client, actor):
    events = AuditEvent.objects.filter(client_code=client.code, actor_code=actor.code, action__endswith=".opened",
                                        detail__has_key="route")
    assert len(events) == 1, [(e.action, e.detail) for e in events]
    return events[0]


def test_each_open_records_and_shows_why(login, seeker_a, case_a, counsellor_a, counsellor_a2, counsellor_b,
                                         provider_b, ministry):
    client = case_a.client
    provider_c = ProviderFactory(name="Provider C", region="toronto", languages=["en"])
    specialist = staff_member(provider_c, Role.COUNSELLOR, email="specialist.c@example.test", first_name="Cleo")
    services.referral_request(case=case_a, specialist=specialist, reason="Credential recognition",
                              requested_by=counsellor_a, record_consent=True)
    services.transfer_request(client=client, to_provider=provider_b, requested_by=counsellor_a,
                              record_consent=True)
    assert sorted(Consent.objects.filter(client=client, scope="share_provider").values_list("purpose", "note")) == [
        ("referral", ""), ("transfer", "")]  # a key, not a sentence in the requester's language
    for staff in (counsellor_a, counsellor_a2, specialist, counsellor_b):
        assert login(staff).get(reverse("clients:detail", args=[client.code])).status_code == 200
    audit.record_open(client=client, actor=ministry, route="page", reason="qa")
    ombudsperson = UserFactory(kind=User.Kind.MINISTRY, email="ombuds@example.test", first_name="Olga",
                               with_totp=True)
    complaint = complaints.complaint_file(client=client, provider=case_a.provider, kind="privacy_breach",
                                          body="My file was shown to a neighbour.", filed_by=seeker_a)
    assert login(ombudsperson).get(reverse("quality:complaint_audit", args=[complaint.code])).status_code == 200

    stored = [_opened(client, who).detail["reason"]
              for who in (counsellor_a, counsellor_a2, specialist, counsellor_b, ministry, ombudsperson)]
    assert stored == ["own_counsellor", "care", "referral", "transfer", "qa", "complaint"]

    rows = login(seeker_a).get(reverse("clients:me_privacy")).context["opens"]
    assert [(r["name"], r["why"]) for r in rows] == [
        (ombudsperson.display_name, "Investigation of your complaint"),
        (ministry.display_name, "Ministry quality review"),
        (counsellor_b.display_name, "Your move to another provider"),
        (specialist.display_name, "A referral to a specialist"),
        (counsellor_a2.display_name, "Your provider, serving you"),
        (counsellor_a.display_name, "Your counsellor, serving you"),
    ]
    User.objects.filter(pk=seeker_a.pk).update(preferred_language="fr")
    seeker_a.refresh_from_db()
    page = login(seeker_a).get(reverse("clients:me_privacy")).content.decode()
    for words in ("Enquête sur votre plainte", "Examen de la qualité par le ministère", "Votre transfert vers un autre fournisseur",
                  "Une orientation vers une personne spécialiste", "Votre fournisseur, qui vous sert",
                  "Votre conseillère ou conseiller, qui vous sert"):
        assert words in page, words


def test_the_case_page_and_the_api_record_the_reason_too(login, case_a, counsellor_a, counsellor_a2):
    login(counsellor_a).get(reverse("caseload:case", args=[case_a.code]))
    login(counsellor_a2).get(reverse("clients_api:client-detail", args=[case_a.client.code]))
    assert _opened(case_a.client, counsellor_a).detail["reason"] == "own_counsellor"
    assert _opened(case_a.client, counsellor_a2).detail == {"route": "api", "reason": "care", "role": "counsellor"}

