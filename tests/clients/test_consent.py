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
    assert own.context["form"].errors["provider"] == [f"“{provider_a.name}” is your own provider: it sees the "
                                                      "record already, so sharing with it needs no consent."]
    assert provider_a.name in own.content.decode()  # what was typed stays in the box
    picked = web.post(url, {"scope": "share_provider", "provider": "x", "provider_pick": str(provider_a.code)})
    assert picked.status_code == 422 and picked.context["form"].errors["provider"][0].endswith("needs no consent.")
    assert web.post(url, {"scope": "share_provider", "provider": "No Such Agency"}).context["form"].errors[
        "provider"] == ["Nothing matches “No Such Agency”. Check the spelling, or type part of the name."]
    web.post(reverse("language_set"), {"language": "fr", "next": "/"})
    french = web.post(url, {"scope": "share_provider", "provider": provider_a.name.upper()})
    assert french.status_code == 422
    assert french.context["form"].errors["provider"] == [
        "«\u00a0PROVIDER A\u00a0» est votre propre fournisseur\u00a0: il voit déjà le dossier, le partage avec lui "
        "n’exige donc aucun consentement."]
    assert web.post(url, {"scope": "share_provider", "provider": provider_b.name}).status_code == 302
    assert Consent.objects.get(client=client_a, scope="share_provider").provider == provider_b


def test_a_consent_that_names_no_provider_needs_none(login, counsellor_a, client_a):
    response = login(counsellor_a).post(reverse("clients:consent_grant", args=[client_a.code]),
                                        {"scope": "statistics", "provider": ""})
    assert response.status_code == 302
    assert Consent.objects.get(client=client_a, scope="statistics").provider is None


def test_the_language_switch_on_a_form_shown_again_returns_to_a_page_that_answers_get(login, counsellor_a,
                                                                                      client_a):
    import re

    web = login(counsellor_a)
    file_url = reverse("clients:detail", args=[client_a.code])
    post_url = reverse("clients:consent_grant", args=[client_a.code])  # POST-only: a GET answers 405
    assert web.get(post_url).status_code == 405
    for referer, expected in ((f"http://testserver{file_url}", file_url),  # the page the form was on
                              (f"http://testserver{post_url}", "/"),  # the form shown again: no GET there
                              ("https://elsewhere.example/x", "/"),  # another site: the person's home
                              (None, "/")):
        headers = {"HTTP_REFERER": referer} if referer else {}
        page = web.post(post_url, {"scope": "share_provider", "provider": ""}, **headers)
        assert page.status_code == 422
        switch = re.search(r'<form class="lang-switch".*?</form>', page.content.decode(), re.S).group(0)
        next_url = re.search(r'name="next" value="([^"]*)"', switch).group(1)
        assert next_url == expected
        assert web.get(next_url, follow=True).status_code == 200


def test_each_withdraw_button_names_the_provider_of_its_consent(login, counsellor_a, client_a, provider_b):
    import re

    from clients import services
    from espportal.models import Provider

    provider_c = Provider.objects.create(name="Provider C")
    for provider in (provider_b, provider_c):
        services.consent_grant(client=client_a, scope="share_provider", provider=provider, granted_by=counsellor_a)
    page = login(counsellor_a).get(reverse("clients:panel_consent", args=[client_a.code])).content.decode()
    names = [re.sub(r"<[^>]+>", "", button) for button in re.findall(r'<button type="submit" class="secondary">(.*?)'
                                                                      r'</button>', page)]
    scope = "Share my record with a named provider (transfer or referral)"
    assert sorted(names) == [f"Withdraw: {scope}: Provider B", f"Withdraw: {scope}: Provider C"]
