"""Consent gates who else sees the record; withdrawal takes effect at once; every change is audited."""

from django.urls import reverse

from clients.models import Consent
from espportal.models import AuditEvent


def test_withdrawal_closes_the_file_to_the_other_provider_at_once(login, counsellor_a, counsellor_b, provider_b,
                                                                  client_a, web):
    file_url = reverse("clients:detail", args=[client_a.code])
    counsellor = login(counsellor_a)
    assert web.get(file_url).status_code == 200  # login() signs `web` in as counsellor_a
    counsellor.post(reverse("clients:consent_grant", args=[client_a.code]),
                    {"scope": "share_provider", "provider": str(provider_b.code)})
    consent = Consent.objects.get(client=client_a, scope="share_provider")

    web.force_login(counsellor_b)
    assert web.get(file_url).status_code == 200
    assert web.get(reverse("clients:panel_plan", args=[client_a.code])).status_code == 200

    web.force_login(counsellor_a)
    web.post(reverse("caseload:consent_withdraw", args=[client_a.code, consent.code]))

    web.force_login(counsellor_b)
    assert web.get(file_url).status_code == 404
    assert web.get(reverse("clients:panel_plan", args=[client_a.code])).status_code == 404
    actions = list(AuditEvent.objects.filter(client_code=client_a.code, action__startswith="consent.")
                   .order_by("id").values_list("action", flat=True))
    assert actions == ["consent.granted", "consent.withdrawn"]


def test_a_provider_that_sees_by_consent_reads_but_does_not_write(login, counsellor_a, counsellor_b, provider_b,
                                                                  client_a):
    from clients import services

    services.consent_grant(client=client_a, scope="share_provider", provider=provider_b,
                           granted_by=counsellor_a)
    web = login(counsellor_b)
    assert web.get(reverse("clients:assessment_new", args=[client_a.code])).status_code == 403
    assert web.post(reverse("clients:plan_goals", args=[client_a.code]), {"goals": "x"}).status_code == 403


def test_sharing_with_a_provider_needs_the_provider(login, counsellor_a, client_a):
    response = login(counsellor_a).post(reverse("clients:consent_grant", args=[client_a.code]),
                                        {"scope": "share_provider"})
    assert response.status_code == 422
    assert response.context["form"].errors["provider"] == ["Choose the provider the person agrees to share with."]
    assert not Consent.objects.filter(client=client_a).exists()


def test_the_consent_panel_lists_withdrawn_consents_too(login, counsellor_a, consent_a, client_a):
    web = login(counsellor_a)
    web.post(reverse("caseload:consent_withdraw", args=[client_a.code, consent_a.code]))
    page = web.get(reverse("clients:panel_consent", args=[client_a.code])).content.decode()
    assert "Withdrawn" in page and "Share a de-identified profile with employers" in page


def test_the_provider_to_share_with_is_a_search_not_a_list_of_the_network(login, counsellor_a, client_a, provider_b):
    from espportal.models import Provider

    for n in range(30):
        Provider.objects.create(name=f"Far Agency {n:02d}")
    page = login(counsellor_a).get(reverse("clients:panel_consent", args=[client_a.code])).content.decode()
    assert 'role="combobox"' in page and 'name="provider"' in page
    assert "Far Agency" not in page and provider_b.name not in page  # no option per provider
    assert '<select name="provider"' not in page


def test_the_provider_is_found_by_the_name_typed_and_never_the_counsellors_own(login, counsellor_a, client_a,
                                                                               provider_a, provider_b):
    web, url = login(counsellor_a), reverse("clients:consent_grant", args=[client_a.code])
    own = web.post(url, {"scope": "share_provider", "provider": provider_a.name})
    assert own.status_code == 422
    assert own.context["form"].errors["provider"] == [f"Nothing matches “{provider_a.name}”. Check the spelling, "
                                                      "or type part of the name."]
    assert provider_a.name in own.content.decode()  # what was typed stays in the box
    assert web.post(url, {"scope": "share_provider", "provider": provider_b.name}).status_code == 302
    assert Consent.objects.get(client=client_a, scope="share_provider").provider == provider_b


def test_a_consent_that_names_no_provider_needs_none(login, counsellor_a, client_a):
    response = login(counsellor_a).post(reverse("clients:consent_grant", args=[client_a.code]),
                                        {"scope": "statistics", "provider": ""})
    assert response.status_code == 302
    assert Consent.objects.get(client=client_a, scope="statistics").provider is None
