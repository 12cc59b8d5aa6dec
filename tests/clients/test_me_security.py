"""Two-step verification is offered to job seekers for real (optional): right after they make their account, and
on "my privacy"; allauth's set-up page opens for them, in their language."""

import re

from allauth.mfa.models import Authenticator
from django.core import mail
from django.urls import reverse

from clients.services import invitation as invitations
from espportal import notifications
from espportal.models import Notification
from tests.clients.factories import make_client

PASSWORD = "Lantern-harbour-27"


def _joined(web, provider, by):
    client = make_client(provider, registered_by=by, first_name="Noor", last_name="Haddad",
                         email="noor.haddad@example.test", preferred_language="fr")
    invitation, _ = invitations.invitation_issue(client=client, channel="email", issued_by=by)
    notifications.deliver(Notification.objects.get(context__invitation=str(invitation.code)).pk)
    link = re.search(r"/join/[\w-]+/", mail.outbox[-1].body).group(0)
    assert web.post(link, {"password1": PASSWORD, "password2": PASSWORD}).status_code == 302
    return client


def test_it_is_offered_once_right_after_the_password_and_opens_in_french(web, counsellor_a, provider_a):
    _joined(web, provider_a, counsellor_a)
    setup = reverse("mfa_activate_totp")
    home = web.get(reverse("clients:me")).content.decode()
    assert "Protégez votre compte (facultatif)" in home and f'href="{setup}"' in home
    assert f'href="{setup}"' not in web.get(reverse("clients:me")).content.decode()  # offered once
    page = web.get(setup)
    assert page.status_code == 200  # no second password prompt right after choosing it
    text = page.content.decode()
    assert '<html lang="fr">' in text and "Activer l'application d'authentification" in text


def test_my_privacy_page_links_to_set_up_and_later_to_manage_it(login, seeker_b, client_b):
    web = login(seeker_b)
    page = web.get(reverse("clients:me_privacy")).content.decode()
    assert "La vérification en deux étapes est désactivée" in page
    assert f'href="{reverse("mfa_activate_totp")}"' in page
    assert f'href="{reverse("account_change_password")}"' in page
    Authenticator.objects.create(user=seeker_b, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    page = web.get(reverse("clients:me_privacy")).content.decode()
    assert f'href="{reverse("mfa_index")}"' in page and f'href="{reverse("mfa_activate_totp")}"' not in page


def test_the_set_up_page_answers_a_seeker_without_forcing_it(login, seeker_b, client_b):
    web = login(seeker_b)
    assert web.get(reverse("clients:me")).status_code == 200  # optional: nothing redirects them to set it up
    response = web.get(reverse("mfa_activate_totp"))
    assert response.status_code in (200, 302)
    if response.status_code == 302:  # allauth asks for the password again when the sign-in is not recent
        assert response.url.startswith(reverse("account_reauthenticate"))
        assert '<html lang="fr">' in web.get(response.url).content.decode()
