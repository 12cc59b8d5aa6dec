"""Invitations: staff invite a client from the client file; the person opens the link (or types the printed
code), chooses a password and lands on /me/ in their language."""

from allauth.account.internal.flows.login import record_authentication
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clients import forms, selectors
from clients.access import client_for_staff
from clients.services import invitation as services
from clients.views import INVITE_ROLES
from espportal.forms import add_refusal

BACKEND = "allauth.account.auth_backends.AuthenticationBackend"
JUST_JOINED = "esp_just_joined"  # /me/ offers two-step verification once, right after the account is made


@require_POST
@login_required
def invitation_create(request, code):
    client = client_for_staff(request, code, roles=INVITE_ROLES, write=True)
    form = forms.InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation, token = services.invitation_issue(
                client=client, channel=form.cleaned_data["channel"], issued_by=request.user,
                base_url=request.build_absolute_uri("/")[:-1])
        except ValidationError as error:
            add_refusal(form, error)
        else:
            if invitation.channel == invitation.Channel.PRINTED:
                return render(request, "clients/invitation_print.html", {
                    "client": client, "invitation": invitation, "code": token,
                    "join_url": request.build_absolute_uri(reverse("clients:join"))})
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
            return redirect(f"{reverse('clients:detail', kwargs={'code': client.code})}#panel-profile")
    return render(request, "clients/invitation_refused.html", {"client": client, "form": form}, status=422)


def join(request):
    """The page a person without a link types their printed code into."""
    form = forms.JoinCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid() and selectors.invitation_find(form.cleaned_data["code"]) is not None:
            token = form.cleaned_data["code"].strip().upper().replace(" ", "")
            return redirect("clients:join_token", token=token)
        if form.is_valid():
            form.add_error("code", services.refusal(None))
        return render(request, "clients/join_code.html", {"form": form}, status=422)
    return render(request, "clients/join_code.html", {"form": form})


def join_token(request, token):
    """The set-up page of an invitation (link or typed code), in the invited person's preferred language, not the
    browser's: the invitation knows whom it is for (issue 10: Pierre, French, saw English)."""
    invitation = selectors.invitation_find(token)
    if invitation is None or (request.user.is_authenticated and request.user.pk != invitation.client.user_id):
        return _join_token(request, invitation)  # someone else signed in is answered in their own language
    language = invitation.client.preferred_language or translation.get_language()
    with translation.override(language):
        response = _join_token(request, invitation)
    response["Content-Language"] = language
    return response


def _join_token(request, invitation):
    problem = services.refusal(invitation, request.user)
    if problem:
        status = 404 if invitation is None else 403 if invitation.state == "open" else 410
        return render(request, "clients/join_refused.html", {"problem": problem}, status=status)
    needs_account = invitation.client.user_id is None
    initial = {"email": invitation.client.email} if needs_account else None
    form = forms.JoinForm(request.POST if request.method == "POST" else None, needs_account=needs_account, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                user = services.invitation_accept(invitation=invitation, password=form.cleaned_data["password1"],
                                                  email=form.cleaned_data.get("email", ""),
                                                  username=form.cleaned_data.get("username", ""))
            except ValidationError as error:
                add_refusal(form, error)
            else:
                login(request, user, backend=BACKEND)
                # allauth's record of a password just given, so setting up two-step verification right away
                # does not ask for it again.
                record_authentication(request, user, method="password", username=user.sign_in_name,
                                      reauthenticated=True)
                request.session[JUST_JOINED] = True
                messages.success(request, _("Welcome. Your account is ready."))
                return redirect("clients:me")
        return render(request, "clients/join.html", {"form": form, "invitation": invitation}, status=422)
    return render(request, "clients/join.html", {"form": form, "invitation": invitation})
