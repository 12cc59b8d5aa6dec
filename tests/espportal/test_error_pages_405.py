"""A form-only page address opened in the browser is a page in the reader's language, not a blank 405."""

from django.urls import reverse


def test_opening_a_form_only_address_is_a_page_in_the_readers_language(login, seeker_b, case_b):
    # Found by a fresh tester: a GET on a POST-only /me/ address answered a blank 405.
    response = login(seeker_b).get(reverse("clients:me_consent_grant"))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    page = response.content.decode()
    assert '<html lang="fr">' in page
    assert "Cette adresse sert à un formulaire" in page
    assert 'role="alert"' in page


def test_the_api_keeps_its_json_405(login, counsellor_a):
    response = login(counsellor_a).delete("/api/v1/notes/")
    assert response.status_code == 405
    assert response.json()["detail"]


def test_a_server_error_is_a_page_in_the_readers_language_that_says_what_to_do():
    # Found by a fresh tester: the 500 page was Django's bare "Server Error (500)".
    from django.test import RequestFactory
    from django.utils import translation

    from espportal.views import server_error

    with translation.override("fr"):
        response = server_error(RequestFactory().get("/clients/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="fr">' in page and "Un problème est survenu de notre côté" in page
    api = server_error(RequestFactory().get("/api/v1/clients/"))
    assert api.status_code == 500 and api["Content-Type"] == "application/json"
