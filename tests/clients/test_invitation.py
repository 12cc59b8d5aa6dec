"""A job seeker gets an account only by invitation: e-mailed link or printed code, once, before it expires."""

import datetime as dt
import re

import pytest
from django.apps import apps
from django.core import mail
from django.db import models
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from clients.models import Client, Invitation
from clients.models.invitation import token_hash
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


def _emailed(client, by) -> str:
    """Invite `client` by e-mail and deliver the outbox row; the token the e-mail carries."""
    invitation, code = invitations.invitation_issue(client=client, channel="email", issued_by=by)
    assert code is None  # an e-mailed link is made by the send, not by the staff page
    sent = len(mail.outbox)
    row = Notification.objects.get(template="clients.invitation", context__invitation=str(invitation.code))
    assert notifications.deliver(row.pk) is True
    assert len(mail.outbox) == sent + 1
    return re.search(r"/join/([\w-]+)/", mail.outbox[-1].body).group(1)


def rows_holding(secret: str) -> list[str]:
    """Every row of every table (text and JSON columns) whose stored text contains `secret`: "model.field"."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField)):
                rows = model._default_manager.filter(**{f"{field.name}__contains": secret})
            elif isinstance(field, models.JSONField):
                rows = model._default_manager.annotate(_text=Cast(field.name, models.TextField())).filter(
                    _text__contains=secret)
            else:
                continue
            if rows.exists():
                found.append(f"{model._meta.label}.{field.name}")
    return found


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
    assert "/join/" not in notification.body + str(notification.context)  # no link until the send makes it
    assert notifications.deliver(notification.pk) is True
    message = mail.outbox[0]
    assert message.subject == "Votre invitation au portail des services d'emploi"  # the person's language
    token = re.search(r"http://testserver/join/([\w-]+)/", message.body).group(1)
    invitation.refresh_from_db()
    assert len(token) >= 40 and invitation.token_hash == token_hash(token)  # stored hashed only
    assert AuditEvent.objects.filter(action="invitation.issued", client_code=client.code).count() == 1


def test_the_database_never_holds_a_usable_link_or_code(web, login, counsellor_a, provider_a):
    client = _newcomer(provider_a, counsellor_a)
    token = _emailed(client, counsellor_a)
    assert len(token) >= 40
    assert rows_holding(token) == []
    assert rows_holding(token[:20]) == []
    assert rows_holding(token_hash(token)) == ["clients.Invitation.token_hash"]  # the check works: it finds this
    response = web.get(reverse("clients:join_token", args=[token]))
    assert response.status_code == 200  # and the link the e-mail carries works
    web.post(reverse("clients:join_token", args=[token]), {"password1": PASSWORD, "password2": PASSWORD})
    assert rows_holding(token) == []
    printed = _newcomer(provider_a, counsellor_a, email="", first_name="Ama")
    code = login(counsellor_a).post(reverse("clients:invitation_create", args=[printed.code]),
                                    {"channel": "printed"}).context["code"]
    assert rows_holding(code) == [] and rows_holding(code.replace("-", "")) == []


def test_a_reinvite_before_the_send_withdraws_the_earlier_email(counsellor_a, provider_a):
    client = _newcomer(provider_a, counsellor_a)
    first, _ = invitations.invitation_issue(client=client, channel="email", issued_by=counsellor_a)
    earlier = Notification.objects.get(template="clients.invitation", context__invitation=str(first.code))
    token = _emailed(client, counsellor_a)
    assert notifications.deliver(earlier.pk) is False  # the revoked invitation's e-mail is not sent
    assert len(mail.outbox) == 1
    earlier.refresh_from_db()
    assert earlier.sent_at is None and earlier.last_error == notifications.WITHDRAWN
    assert earlier.pk not in notifications.pending_ids()  # and the sweep does not retry it
    assert Invitation.objects.get(token_hash=token_hash(token)).state == "open"


def test_an_emailed_link_expires_works_once_and_a_reinvite_revokes_it(web, counsellor_a, provider_a):
    client = _newcomer(provider_a, counsellor_a)
    token = _emailed(client, counsellor_a)
    url = reverse("clients:join_token", args=[token])
    Invitation.objects.filter(client=client).update(created_at=timezone.now() - dt.timedelta(days=8),
                                                    expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert web.get(url).status_code == 410
    token = _emailed(client, counsellor_a)
    revoked = _emailed(client, counsellor_a)
    assert web.get(reverse("clients:join_token", args=[token])).status_code == 410  # re-invited since
    url = reverse("clients:join_token", args=[revoked])
    assert web.post(url, {"password1": PASSWORD, "password2": PASSWORD}).status_code == 302
    web.post(reverse("account_logout"))
    assert web.get(url).status_code == 410  # used


def test_the_person_sets_a_password_and_lands_on_me_in_their_language(web, counsellor_a, provider_a):
    client = _newcomer(provider_a, counsellor_a)
    token = _emailed(client, counsellor_a)
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


def test_a_printed_code_sets_up_a_username_and_the_person_signs_in_without_email(web, counsellor_a, provider_a,
                                                                                 login):
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
    form = visitor.get(typed.url)
    assert set(form.context["form"].fields) == {"username", "email", "password1", "password2"}
    refused = visitor.post(typed.url, {"password1": PASSWORD, "password2": PASSWORD})
    assert refused.status_code == 422 and "username" in refused.context["form"].errors
    done = visitor.post(typed.url, {"username": "Noor.H", "password1": PASSWORD, "password2": PASSWORD})
    assert done.status_code == 302 and done.url == reverse("clients:me")
    user = Client.objects.get(pk=client.pk).user
    assert (user.username, user.email, user.kind) == ("noor.h", None, "job_seeker")
    home = visitor.get(reverse("clients:me"))
    assert '<html lang="fr">' in home.content.decode() and home.context["client"] == client
    visitor.post(reverse("account_logout"))
    assert visitor.get(reverse("clients:me")).status_code == 302  # signed out
    signed_in = visitor.post(reverse("account_login"), {"login": "NOOR.H", "password": PASSWORD})
    assert signed_in.status_code == 302
    again = visitor.get(reverse("clients:me"))
    assert again.status_code == 200 and '<html lang="fr">' in again.content.decode()
    assert again.context["client"] == client


def test_a_taken_or_malformed_username_is_refused_and_nothing_is_made(web, invitation_a, seeker_a):
    User.objects.filter(pk=seeker_a.pk).update(username="sam")
    url = reverse("clients:join_token", args=[invitation_a.token])
    # Noor prefers French, so the set-up page answers in French whatever the browser says
    for username, words in (("SAM", "déjà pris"), ("a b", "lettres minuscules"), ("x", "lettres minuscules")):
        response = web.post(url, {"username": username, "password1": PASSWORD, "password2": PASSWORD})
        assert response.status_code == 422, username
        assert words in " ".join(response.context["form"].errors["username"]), username
    taken_email = web.post(url, {"username": "noor", "email": seeker_a.email, "password1": PASSWORD,
                                 "password2": PASSWORD})
    assert taken_email.status_code == 422 and taken_email.context["form"].errors["email"]
    assert Client.objects.get(pk=invitation_a.client.pk).user is None
    assert Invitation.objects.get(pk=invitation_a.invitation.pk).state == "open"


def test_a_printed_code_may_add_an_email_to_sign_in_with_too(web, invitation_a):
    url = reverse("clients:join_token", args=[invitation_a.token])
    web.post(url, {"username": "noor", "email": "Noor@Example.test", "password1": PASSWORD, "password2": PASSWORD})
    web.post(reverse("account_logout"))
    assert web.post(reverse("account_login"), {"login": "noor@example.test", "password": PASSWORD}).status_code == 302
    assert web.get(reverse("clients:me")).status_code == 200


def test_a_used_link_cannot_be_used_again(web, invitation_a):
    url = reverse("clients:join_token", args=[invitation_a.token])
    web.post(url, {"username": "noor", "password1": PASSWORD, "password2": PASSWORD})
    web.post(reverse("account_logout"))
    again = web.post(url, {"username": "noor2", "password1": PASSWORD, "password2": PASSWORD})
    assert again.status_code == 410
    assert "already used" in again.content.decode() or "déjà été utilisée" in again.content.decode()
    assert not User.objects.filter(username="noor2").exists()


def test_an_expired_invitation_is_refused_and_changes_nothing(web, invitation_a):
    Invitation.objects.filter(pk=invitation_a.invitation.pk).update(
        created_at=timezone.now() - dt.timedelta(days=9), expires_at=timezone.now() - dt.timedelta(days=2))
    url = reverse("clients:join_token", args=[invitation_a.token])
    response = web.post(url, {"username": "noor", "password1": PASSWORD, "password2": PASSWORD})
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
    response = web.post(url, {"username": "noor", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 403
    assert "signed in as someone else" in response.content.decode()
    assert Invitation.objects.get(pk=invitation_a.invitation.pk).used_at is None


def test_the_refusal_to_someone_else_offers_to_sign_out_and_come_back(login, seeker_a, invitation_a):
    web = login(seeker_a)
    url = reverse("clients:join_token", args=[invitation_a.token])
    page = web.get(url)
    assert page.status_code == 403
    text = page.content.decode()
    assert f'<form method="post" action="{reverse("account_logout")}">' in text
    assert f'name="next" value="{url}"' in text and "submission_token" in text
    out = web.post(reverse("account_logout"), {"next": url})
    assert out.status_code == 302 and out.url == url
    assert web.get(url).status_code == 200


def test_the_set_up_page_speaks_the_invited_persons_language_not_the_browsers(web, invitation_a):
    assert invitation_a.client.preferred_language == "fr"
    url = reverse("clients:join_token", args=[invitation_a.token])
    page = web.get(url, HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert '<html lang="fr">' in text and "<h1>Créez votre compte</h1>" in text
    assert page["Content-Language"] == "fr"
    refused = web.post(url, {"username": "noor", "password1": "12345678", "password2": "12345678"},
                       HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 422 and '<html lang="fr">' in refused.content.decode()
    typed = web.post(reverse("clients:join"), {"code": invitation_a.token}, HTTP_ACCEPT_LANGUAGE="en")
    followed = web.get(typed.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="fr">' in followed and "<h1>Créez votre compte</h1>" in followed


def test_an_english_speakers_set_up_page_is_english_in_a_french_browser(web, counsellor_a, provider_a):
    client = _newcomer(provider_a, counsellor_a, preferred_language="en", email="")
    _, code = invitations.invitation_issue(client=client, channel="printed", issued_by=counsellor_a)
    page = web.get(reverse("clients:join_token", args=[code]), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="en">' in page and "<h1>Make your account</h1>" in page


def test_an_unknown_code_is_a_clear_404(db, web):
    response = web.get(reverse("clients:join_token", args=["NOPE-NOPE-NOPE"]))
    assert response.status_code == 404
    assert "not valid" in response.content.decode()
    typed = web.post(reverse("clients:join"), {"code": "ABCD-EFGH-JKMN"})
    assert typed.status_code == 422 and typed.context["form"].errors["code"]


def test_a_weak_password_or_a_mismatch_is_refused_and_keeps_the_invitation(web, invitation_a):
    url = reverse("clients:join_token", args=[invitation_a.token])
    weak = web.post(url, {"username": "noor", "password1": "12345678", "password2": "12345678"})
    assert weak.status_code == 422 and weak.context["form"].errors["password1"]
    mismatch = web.post(url, {"username": "noor", "password1": PASSWORD, "password2": PASSWORD + "x"})
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


@pytest.mark.parametrize(("language", "code_words"), [("en", "enter the code you were given"),
                                                       ("fr", "saisissez le code qu’on vous a remis")])
def test_the_sign_in_page_offers_the_code_not_the_closed_sign_up(db, web, language, code_words):
    page = web.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'href="{reverse("account_signup")}"' not in page
    assert "sign up" not in page.lower() and "enregistrer" not in page
    assert f'<a href="{reverse("clients:join")}">{code_words}</a>' in page


def test_the_profile_panel_offers_the_invitation(login, counsellor_a, provider_a):
    client = _newcomer(provider_a, counsellor_a)
    page = login(counsellor_a).get(reverse("clients:panel_profile", args=[client.code])).content.decode()
    assert reverse("clients:invitation_create", args=[client.code]) in page


def test_the_printed_page_speaks_the_persons_language_and_the_staff_note_the_staffs(login, counsellor_a,
                                                                                    provider_a):
    client = _newcomer(provider_a, counsellor_a, email="")  # prefers French; counsellor_a reads English
    page = login(counsellor_a).post(reverse("clients:invitation_create", args=[client.code]),
                                    {"channel": "printed"}).content.decode()
    assert '<div lang="fr">' in page and "Votre invitation au portail" in page
    assert "Choisissez un nom d’utilisateur et un mot de passe." in page
    assert "This code is shown only once." in page and '<html lang="en">' in page
