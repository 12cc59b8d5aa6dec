"""Writes for invitations (their reads are clients.selectors.invitation_find and has_account): staff invite a job seeker; the person accepts once, sets a password, gets an account.

Open sign-up stays closed (espportal.adapters.AccountAdapter); this is the only way a job seeker account is made
outside the admin. Tokens are random (secrets), shown once, stored as a SHA-256 hash (Invitation.token_hash).
A printed code is made when staff print it; an e-mailed link is made by the e-mail delivery itself, just before
the send (invitation_link_mint, through espportal.messages.secret), so the usable link is in the e-mail only and
neither the invitation nor the outbox row ever holds it.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.models import Client, Invitation
from clients.models.invitation import token_hash
from clients.selectors import has_account
from espportal import audit
from espportal.models import Notification, User

# Printed codes avoid letters and digits that read alike (0/O, 1/I/L, U/V); 12 of 30 symbols is about 59 bits,
# enough for a code that works once and expires within days.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"
CODE_LENGTH = 12


def _new_token(channel: str) -> str:
    if channel == Invitation.Channel.PRINTED:
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        return "-".join(raw[i:i + 4] for i in range(0, CODE_LENGTH, 4))
    return secrets.token_urlsafe(32)


@transaction.atomic
def invitation_issue(*, client: Client, channel: str, issued_by: User,
                     base_url: str = "") -> tuple[Invitation, str | None]:
    """Invite `client` to make an account; returns (invitation, code). `channel` "printed" returns the short code
    for the page staff print (shown once, never stored); "email" returns None for the code: it puts a message in
    the outbox to the client's e-mail address (required), whose link is made when the e-mail is sent. Any open
    invitation of the client is revoked.
    `base_url` ("https://host") makes the e-mailed link absolute. ValidationError when the person already has
    an account, has no e-mail for the e-mail channel, or their e-mail belongs to another account."""
    if channel not in Invitation.Channel.values:
        raise ValidationError(_("Choose how to send the invitation."))
    Client.objects.select_for_update().filter(pk=client.pk).first()  # one issue at a time per client
    client.refresh_from_db()
    if has_account(client):
        raise ValidationError(_("This person already has an account. They can sign in or reset their password."))
    email = client.email.strip().lower()
    if channel == Invitation.Channel.EMAIL and not email:
        raise ValidationError(_("There is no e-mail address on file. Add one to the profile, or print a code."))
    if email and User.objects.filter(email=email).exclude(pk=client.user_id).exists():
        raise ValidationError(_("This e-mail address already belongs to another account. Check the profile."))
    now = timezone.now()
    revoked = Invitation.objects.filter(client=client, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now)
    # An e-mailed invitation starts with the hash of a token nobody ever sees; the send replaces it.
    token = _new_token(channel)
    invitation = Invitation(client=client, channel=channel, token_hash=token_hash(token), email=email,
                            created_by=issued_by, created_at=now,
                            expires_at=now + dt.timedelta(days=settings.ESP_INVITATION_DAYS))
    invitation.full_clean()
    invitation.save()
    if channel == Invitation.Channel.EMAIL:
        _send(invitation, client=client, base_url=base_url)
        token = None
    audit.record(action="invitation.issued", actor=issued_by, client=client, target=invitation,
                 detail={"channel": channel, "revoked_earlier": revoked})
    return invitation, token


def _account_for(client: Client, email: str, username: str = "") -> User:
    """The job seeker account the invitation completes: the one linked already (no password yet), or a new one
    signing in with `email` or `username`."""
    from espportal.services import user_create

    if client.user_id:
        return client.user
    user = user_create(email=email, username=username, password=None, first_name=client.first_name,
                       last_name=client.last_name, kind=User.Kind.JOB_SEEKER,
                       preferred_language=client.preferred_language)
    client.user = user
    client.save(update_fields=["user"])
    return user


def _send(invitation: Invitation, *, client: Client, base_url: str) -> None:
    from espportal.services import notification_send

    user = _account_for(client, invitation.email)
    # No link in the row: the delivery makes it (invitation_link_mint) and puts it in the e-mail only.
    notification_send(recipient=user, channel=Notification.Channel.EMAIL, message="clients.invitation",
                      params={"name": client.first_name, "invitation": str(invitation.code), "base_url": base_url,
                              "expires_on": timezone.localdate(invitation.expires_at)})


@transaction.atomic
def invitation_link_mint(*, invitation_code: str, base_url: str = "") -> str | None:
    """The one-time link of an e-mailed invitation, made for one send: a new random token whose SHA-256 hash
    replaces the stored one (so a link of an earlier, failed send stops working). Returns `base_url` +
    "/join/<token>/", or None when the invitation is no longer open (used, revoked by a re-invite, expired or
    gone): then the e-mail must not be sent. Called by the e-mail delivery only (clients.messages)."""
    invitation = Invitation.objects.select_for_update().filter(
        code=invitation_code, channel=Invitation.Channel.EMAIL).first()
    if invitation is None or invitation.state != "open":
        return None
    token = _new_token(Invitation.Channel.EMAIL)
    invitation.token_hash = token_hash(token)
    invitation.save(update_fields=["token_hash"])
    return base_url + reverse("clients:join_token", kwargs={"token": token})


def refusal(invitation: Invitation | None, user=None) -> str | None:
    """Why this invitation cannot be accepted now by `user` (the signed-in user or None), in the reader's
    language; None when it can."""
    if invitation is None:
        return _("This invitation link or code is not valid. Check it, or ask your counsellor for a new one.")
    state = invitation.state
    if state == "used":
        return _("This invitation was already used. Sign in with your e-mail address or username and your "
                 "password, or ask your counsellor for a new invitation.")
    if state == "revoked":
        return _("This invitation was replaced by a newer one. Use the latest invitation you received.")
    if state == "expired":
        return _("This invitation has expired. Ask your counsellor for a new one.")
    if user is not None and user.is_authenticated and user.pk != invitation.client.user_id:
        return _("You are signed in as someone else. This invitation is for another person: sign out first, "
                 "then open the link again.")
    return None


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str, email: str = "", username: str = "") -> User:
    """Use the invitation: the person's account gets `password` (Django's validators); a person without an
    account yet (a printed code) signs in with the `username` they choose (required) and may add an `email`.
    The invitation is used up. ValidationError (message for the person, by field) when the invitation is no
    longer open, the password is refused, or the username or e-mail is malformed or taken."""
    invitation = Invitation.objects.select_for_update().select_related("client").get(pk=invitation.pk)
    problem = refusal(invitation)
    if problem:
        raise ValidationError(problem)
    client = invitation.client
    email = (email or invitation.email).strip().lower()
    username = (username or "").strip().lower()
    if not client.user_id:
        if not username:
            raise ValidationError({"username": _("Choose a username to sign in with.")})
        try:
            User(username=username).clean_fields(exclude=[f.name for f in User._meta.fields if f.name != "username"])
        except ValidationError as error:
            raise ValidationError({"username": error.message_dict["username"]}) from None
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError({"username": _("This username is taken. Choose another one.")})
        if email and User.objects.filter(email__iexact=email).exists():
            raise ValidationError({"email": _("This e-mail address already belongs to an account.")})
    user = _account_for(client, email, username)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password1": error.messages}) from None
    user.set_password(password)
    user.preferred_language = client.preferred_language
    user.save(update_fields=["password", "preferred_language"])
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    audit.record(action="invitation.accepted", actor=user, client=client, target=invitation)
    return user
