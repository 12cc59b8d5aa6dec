"""The job seeker's own page: their plan, their consents (which they control), their segment in plain words."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from clients import assessment as instrument
from clients import forms, selectors, services
from clients.access import own_client, own_client_or_none
from clients.panels import panel_urls
from clients.views.invitation import JUST_JOINED
from espportal import audit
from espportal import selectors as espportal_selectors
from espportal.middleware import has_totp

OPENS_PER_PAGE = 20


def home_context(client) -> dict:
    """What /me/ shows (caseload answers a refused plan-step mark with this page too)."""
    plan = selectors.current_plan(client)
    return {"client": client, "plan": plan, "items": selectors.plan_items(plan) if plan else [],
            "segment_meaning": instrument.SEGMENT_MEANINGS.get(client.segment),
            "panels": panel_urls(settings.SEEKER_PORTAL_PANELS)}


def _privacy_context(request, client, form=None):
    opens = Paginator(espportal_selectors.opens_of(client.code, except_actor_code=request.user.code),
                      OPENS_PER_PAGE).get_page(request.GET.get("page"))
    return {"client": client, "consents": selectors.consents_of(client),
            "form": form or forms.SeekerConsentForm(), "opens_page": opens,
            "opens": espportal_selectors.describe_opens(opens.object_list)}


@require_GET
@login_required
def me(request):
    client = own_client_or_none(request)
    if client is None:
        return render(request, "clients/me.html", {"client": None})
    audit.record_open(request=request, client=client, target=client, reason="self")
    # Right after the account is made, offer two-step verification once (optional for job seekers).
    offer_mfa = request.session.pop(JUST_JOINED, False) and not has_totp(request.user)
    return render(request, "clients/me.html", {**home_context(client), "offer_mfa": offer_mfa})


@require_GET
@login_required
def me_privacy(request):
    """My consents, who opened my file (newest first, paginated) and the download of my data."""
    client = own_client(request)
    return render(request, "clients/me_privacy.html", {**_privacy_context(request, client),
                                                       "has_mfa": has_totp(request.user)})


@require_POST
@login_required
def me_consent_grant(request):
    client = own_client_or_none(request)
    if client is None:
        raise Http404
    form = forms.SeekerConsentForm(request.POST)
    if not form.is_valid():
        return render(request, "clients/me_privacy.html", _privacy_context(request, client, form), status=422)
    services.consent_grant(client=client, scope=form.cleaned_data["scope"], granted_by=request.user)
    messages.success(request, _("Thank you. Your consent is recorded."))
    return redirect("clients:me_privacy")
