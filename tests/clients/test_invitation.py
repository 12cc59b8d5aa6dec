"""A job seeker gets an account only by invitation: e-mailed link or printed code, once, before it expires."""

import datetime as dt
import re

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from clients.models import Client, Invitation
from clients.services import invitation as invitations
from espportal import notifications
from espportal.models import AuditEvent, Notification, User
from tests.clients.factories import make_client

PASSWORD = "Lantern-harbour-27"


def _newcomer(provider, by, **fields):
    values = {"first_name": "Noor", "last_name": "Haddad", "email": "noor.haddad@example.test",
              "preferred_language": "fr"}
    values.update(fields)
    return make_client(provider, registered_by=by, **values)


def test_it_emails_a_one_time_link_through_the_outbox(login, counsellor_a, provider_a):
    client = _newcomer(provider_a, counsellor_a)
    response = login(counsellor_a).post(reverse("clients:invitation_create", args=[client.code]),
                                        {"channel": "email"})
    assert response.status_code == 302
    invitation = Invitation.objects.get(client=client)
    assert (invitation.channel, invitation.email, invitation.state) == ("email", "noor.haddad@example.test", "open")
    assert invitation.expires_at - invitation.created_at == dt.timedelta(days=7)
    notification = Notification.objects.get(recipient__email="noor.haddad@example.test")
    assert notification.channel == "email"
    assert notifications.deliver(notification.pk) is True
    message = mail.outbox[0]
    assert message.subject == "Votre invitation au portail des services d'emploi"  # the person's language
    token = re.search(r"/join/([\w-]+)/", message.body).group(1)
    assert len(token) >= 40 and token not in invitation.token_hash  # stored hashed only
    assert AuditEvent.objects.filter(action="invitation.issued", client_code=client.code).count() == 1


def test_the_person_sets_a_password_and_lands_on_me_in_their_language(web, counsellor_a, provider_a):
    client = _newcomer(provider_a, counsellor_a)
    _, token = invitations.invitation_issue(client=client, channel="email", issued_by=counsellor_a)
    url = reverse("clients:join_token", args=[token])
    assert web.get(url).status_code == 200
    response = web.post(url, {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("clients:me")
    page = web.get(reverse("clients:me"))
    assert '<html lang="fr">' in page.content.decode()
    user = User.objects.get(email="noor.haddad@example.test")
    assert (user.kind, user.check_password(PASSWORD), user.preferred_language) == ("job_seeker", True, "fr")
    client.refresh_from_db()
    assert client.user == user
    assert AuditEvent.objects.filter(action="invitation.accepted", client_code=client.code).count() == 1


def test_a_printed_code_works_from_the_join_page_and_asks_for_an_email(web, counsellor_a, provider_a, login):
    client = _newcomer(provider_a, counsellor_a, email="")
    page = login(counsellor_a).post(reverse("clients:invitation_create", args=[client.code]),
                                    {"channel": "printed"})
    assert page.status_code == 200
    code = page.context["code"]
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert code in page.content.decode()
    visitor = type(web)()
    typed = visitor.post(reverse("clients:join"), {"code": code.lower().replace("-", " ")})
    assert typed.status_code == 302
    refused = visitor.post(typed.url, {"password1": PASSWORD, "password2": PASSWORD})
    assert refused.status_code == 422 and "email" in refused.context["form"].errors
    done = visitor.post(typed.url, {"email": "noor@example.test", "password1": PASSWORD, "password2": PASSWORD})
    assert done.status_code == 302
    assert Client.objects.get(pk=client.pk).user.email == "noor@example.test"


def test_a_used_link_cannot_be_used_again(web, invitation_a):
    url = reverse("clients:join_token", args=[invitation_a.token])
    web.post(url, {"email": "n@example.test", "password1": PASSWORD, "password2": PASSWORD})
    web.post(reverse("account_logout"))
    again = web.post(url, {"email": "x@example.test", "password1": PASSWORD, "password2": PASSWORD})
    assert again.status_code == 410
    assert "already used" in again.content.decode() or "déjà été utilisée" in again.content.decode()
    assert not User.objects.filter(email="x@example.test").exists()


def test_an_expired_invitation_is_refused_and_changes_nothing(web, invitation_a):
    Invitation.objects.filter(pk=invitation_a.invitation.pk).update(
        created_at=timezone.now() - dt.timedelta(days=9), expires_at=timezone.now() - dt.timedelta(days=2))
    url = reverse("clients:join_token", args=[invitation_a.token])
    response = web.post(url, {"email": "n@example.test", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 410
    assert "expir" in response.content.decode()
    assert Client.objects.get(pk=invitation_a.client.pk).user is None


def test_reinviting_revokes_the_earlier_link(web, counsellor_a, invitation_a):
    invitations.invitation_issue(client=invitation_a.client, channel="printed", issued_by=counsellor_a)
    response = web.get(reverse("clients:join_token", args=[invitation_a.token]))
    assert response.status_code == 410
    assert Invitation.objects.get(pk=invitation_a.invitation.pk).revoked_at is not None
    assert Invitation.objects.filter(client=invitation_a.client, revoked_at__isnull=True).count() == 1


def test_it_refuses_a_link_opened_while_signed_in_as_someone_else(login, seeker_a, invitation_a):
    web = login(seeker_a)
    url = reverse("clients:join_token", args=[invitation_a.token])
    response = web.post(url, {"email": "n@example.test", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 403
    assert "signed in as someone else" in response.content.decode()
    assert Invitation.objects.get(pk=invitation_a.invitation.pk).used_at is None


def test_an_unknown_code_is_a_clear_404(db, web):
    response = web.get(reverse("clients:join_token", args=["NOPE-NOPE-NOPE"]))
    assert response.status_code == 404
    assert "not valid" in response.content.decode()
    typed = web.post(reverse("clients:join"), {"code": "ABCD-EFGH-JKMN"})
    assert typed.status_code == 422 and typed.context["form"].errors["code"]


def test_a_weak_password_or_a_mismatch_is_refused_and_keeps_the_invitation(web, invitation_a):
    url = reverse("clients:join_token", args=[invitation_a.token])
    weak = web.post(url, {"email": "n@example.test", "password1": "12345678", "password2": "12345678"})
    assert weak.status_code == 422 and weak.context["form"].errors["password1"]
    mismatch = web.post(url, {"email": "n@example.test", "password1": PASSWORD, "password2": PASSWORD + "x"})
    assert mismatch.status_code == 422 and mismatch.context["form"].errors["password2"]
    assert Invitation.objects.get(pk=invitation_a.invitation.pk).state == "open"


def test_no_invitation_for_someone_with_an_account_or_without_email_by_email(login, counsellor_a, client_a,
                                                                             provider_a):
    web = login(counsellor_a)
    response = web.post(reverse("clients:invitation_create", args=[client_a.code]), {"channel": "printed"})
    assert response.status_code == 422 and "already has an account" in response.content.decode()
    no_email = _newcomer(provider_a, counsellor_a, email="")
    response = web.post(reverse("clients:invitation_create", args=[no_email.code]), {"channel": "email"})
    assert response.status_code == 422 and "no e-mail address" in response.content.decode()
    assert not Invitation.objects.exists()


def test_open_sign_up_stays_closed(db, web):
    response = web.post(reverse("account_signup"), {"email": "walk.in@example.test", "password1": PASSWORD,
                                                    "password2": PASSWORD})
    assert not User.objects.filter(email="walk.in@example.test").exists()
    assert response.status_code == 200


def test_the_profile_panel_offers_the_invitation(login, counsellor_a, provider_a):
    client = _newcomer(provider_a, counsellor_a)
    page = login(counsellor_a).get(reverse("clients:panel_profile", args=[client.code])).content.decode()
    assert reverse("clients:invitation_create", args=[client.code]) in page
