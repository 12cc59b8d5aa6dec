"""The job seeker's own page: plan, consents they control, segment in plain words, in English and French."""

from django.urls import reverse

from clients import services
from clients.models import Consent
from tests.clients.factories import answers, make_plan_item


def test_it_shows_the_plan_and_the_segment_in_plain_words(login, seeker_a, counsellor_a, client_a):
    services.assessment_record(client=client_a, answers=answers(housing=3, health=3),
                               assessed_by=counsellor_a)
    plan = services.plan_open(client=client_a, opened_by=counsellor_a, provider=client_a.current_provider,
                              goals=["A decent job for the next five years"])
    assert plan.goals
    make_plan_item(client_a, by=counsellor_a, service_code="coaching-one-to-one")
    page = login(seeker_a).get(reverse("clients:me")).content.decode()
    assert "A decent job for the next five years" in page
    assert "One-to-one employment coaching" in page
    assert "more intensive support" in page


def test_the_job_seeker_withdraws_and_grants_consents_themselves(login, seeker_a, consent_a, client_a):
    web = login(seeker_a)
    assert web.post(reverse("caseload:me_consent_withdraw", args=[consent_a.code])).status_code == 302
    consent_a.refresh_from_db()
    assert consent_a.withdrawn_by == seeker_a
    assert web.post(reverse("clients:me_consent_grant"), {"scope": "contact_sms"}).status_code == 302
    assert Consent.objects.get(client=client_a, scope="contact_sms", withdrawn_at__isnull=True).granted_by == seeker_a
    assert web.post(reverse("clients:me_consent_grant"), {"scope": "share_provider"}).status_code == 422


def test_a_job_seeker_cannot_touch_someone_elses_consent(login, seeker_b, consent_a, client_b):
    assert login(seeker_b).post(reverse("caseload:me_consent_withdraw", args=[consent_a.code])).status_code == 404
    consent_a.refresh_from_db()
    assert consent_a.active


def test_it_speaks_french(login, seeker_b, counsellor_b, client_b):
    make_plan_item(client_b, by=counsellor_b, service_code="coaching-one-to-one")
    response = login(seeker_b).get(reverse("clients:me"))  # seeker_b prefers French
    page = response.content.decode()
    assert '<html lang="fr">' in page
    assert "Accompagnement individuel en emploi" in page


def test_the_portal_lazy_loads_each_apps_fragment_by_url_name(login, seeker_a, client_a, settings):
    settings.SEEKER_PORTAL_PANELS = ["caseload:me_panel", "nowhere:me_panel"]
    page = login(seeker_a).get(reverse("clients:me")).content.decode()
    assert f'hx-get="{reverse("caseload:me_panel")}"' in page
    assert page.count('hx-trigger="load"') == 1
