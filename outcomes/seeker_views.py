"""The job seeker's side of outcomes at /me/: the check-ins to answer, "download my data" (a JSON file and a printable page of everything
held about them, each audited as an export of their own record) and "help at work" (a confidential support
request they can start any time after a placement, not only from a check-in)."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from clients.access import own_client, own_client_or_none
from espportal import access, audit
from espportal.filters import pinned_code
from espportal.forms import add_refusal, submit
from outcomes import forms, my_data, selectors, services
from outcomes.access import placements_for_seeker, support_requests_for_seeker
from outcomes.models import RetentionCheck


def _own_client_exported(request):
    client = own_client_or_none(request)
    if client is None:
        raise Http404
    audit.record_open(request=request, client=client, target=client, route="export", reason="self")
    return client


@require_GET
@login_required
def me_data_json(request):
    client = _own_client_exported(request)
    body = json.dumps(my_data.my_data(client), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="my-data-{timezone.localdate():%Y-%m-%d}.json"'
    return response


@require_GET
@login_required
def me_data(request):
    client = _own_client_exported(request)
    return render(request, "outcomes/me_data.html", {"client": client, "sections": my_data.my_data_pages(client),
                                                       "now": timezone.now()})


def _support_context(request, client, form=None):
    placement = placements_for_seeker(request.user).order_by("-start_date", "-id").first()
    return {"client": client, "placement": placement,
            "can_ask": placement is not None,  # help at work starts after a placement (issue 10 §7)
            "support_requests": list(support_requests_for_seeker(request.user).order_by("-opened_at", "-id")[:50]),
            "form": form or forms.SupportRequestForm(for_self=True)}


@login_required
def me_support(request):
    """Help at work: my support requests, and a form to start one (tied to my latest job when I have one)."""
    client = own_client(request)
    if request.method != "POST":
        return render(request, "outcomes/me_support.html", _support_context(request, client))
    form = forms.SupportRequestForm(request.POST, for_self=True)
    context = _support_context(request, client, form)
    if context["placement"] is None:
        form.add_error(None, _("Help at work starts once you have a job on record, and you have none yet. "
                               "Call your provider or write to your counsellor for anything else."))
        return render(request, "outcomes/me_support.html", context, status=422)
    try:
        if form.is_valid():
            support = services.support_request_open(client=client, placement=context["placement"],
                                                    opened_by=request.user, category=form.cleaned_data["category"],
                                                    body=form.cleaned_data["body"])
            messages.success(request, _("Your request is open. Only the people on the case can read it."))
            return redirect("outcomes:support", support.code)
    except ValidationError as error:
        add_refusal(form, error)
    except PermissionDenied:
        form.add_error(None, _("You have no case and no job on record yet, so there is nobody to send this to. "
                               "Call your provider instead."))
    return render(request, "outcomes/me_support.html", context, status=422)


# --- The job seeker's check-ins ------------------------------------------------------------------------------------

def _me_checks_render(request, client, *, status=200, bound=None):
    checks = list(selectors.pending_checks_of(client)) if client else []
    for check in checks:
        check.form = (bound or {}).get(check.pk) or forms.SeekerCheckForm(check=check)
    return render(request, "outcomes/me_checks.html", {
        "client": client, "checks": checks, "support_for": pinned_code(request, "support") or "",
    }, status=status)


@login_required
def me_checks(request):
    return _me_checks_render(request, own_client_or_none(request))


@require_POST
@login_required
def me_check_answer(request, code):
    client = own_client_or_none(request)
    queryset = selectors.pending_checks_of(client) if client else RetentionCheck.objects.none()
    check = access.get_or_404(request, queryset, code=code, what="retention_check")
    form = forms.SeekerCheckForm(request.POST, check=check)
    if submit(form, lambda data: services.check_answer(check=check, status=form.status(), evidence_kind="client_answer",
                                                       evidence=form.evidence(), answered_by=request.user)):
        messages.success(request, _("Thank you. Your answer is recorded."))
        if form.cleaned_data["something_wrong"] == "yes":
            return redirect(f"{reverse('outcomes:me_checks')}?support={check.placement.code}")
        return redirect("outcomes:me_checks")
    return _me_checks_render(request, client, status=422, bound={check.pk: form})
