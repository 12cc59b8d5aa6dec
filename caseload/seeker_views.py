"""The job seeker's side of caseload at /me/: my case (and a move to another provider), my counsellor (now and
before), my appointments (confirm, ask for another time), a question about my plan. Each question or request is a
task in the counsellor's inbox."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from caseload import forms, selectors, services
from caseload.access import appointments_for_seeker
from caseload.models import Appointment
from clients.access import consents_for_seeker, own_client, own_client_or_none, plan_items_for_seeker
from clients.views.seeker import home_context
from espportal import access
from espportal.forms import form_page, submit
from espportal.views import render_panel

PAST_PER_PAGE = 20


@require_GET
@login_required
def me_counsellor(request):
    client = own_client(request)
    case = selectors.open_case_for(client)
    return render(request, "caseload/me_counsellor.html", {
        "client": client, "case": case, "counsellor": selectors.current_assignee(case) if case else None,
        "history": selectors.seeker_counsellors(client)})


def _appointments_context(request, client, **extra):
    upcoming, past = selectors.seeker_appointments(client)
    return {"client": client, "upcoming": upcoming,
            "past": Paginator(past, PAST_PER_PAGE).get_page(request.GET.get("page")),
            "reschedule_form": forms.SeekerRescheduleForm(), **extra}


@require_GET
@login_required
def me_appointments(request):
    client = own_client(request)
    return render(request, "caseload/me_appointments.html", _appointments_context(request, client))


def _my_appointment(request, code) -> Appointment:
    return get_object_or_404(appointments_for_seeker(request.user), code=code)


@require_POST
@login_required
def me_appointment_confirm(request, code):
    client = own_client(request)
    appointment = _my_appointment(request, code)
    try:
        services.appointment_confirm(appointment=appointment, confirmed_by=request.user)
    except ValidationError as error:
        return render(request, "caseload/me_appointments.html", _appointments_context(
            request, client, refusal=error.messages[0]), status=422)
    messages.success(request, _("Thank you. Your counsellor sees that you will come."))
    return redirect("caseload:me_appointments")


@login_required
def me_appointment_reschedule(request, code):
    own_client(request)
    appointment = _my_appointment(request, code)
    form = forms.SeekerRescheduleForm(request.POST if request.method == "POST" else None)
    return form_page(request, form, lambda data: services.appointment_change_request(
        appointment=appointment, reason=data["reason"], requested_by=request.user),
        _("Your request is sent. Your counsellor will propose another time."), "caseload:me_appointments",
        "caseload/me_appointment_reschedule.html", {"appointment": appointment})


@require_POST
@login_required
def me_plan_item_done(request, item):
    """The job seeker marks a step of their plan done themselves; the counsellor sees who marked it and is told."""
    client = own_client(request)
    item = get_object_or_404(plan_items_for_seeker(request.user), code=item)
    try:
        services.plan_item_done_by_client(client=client, item=item, done_by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return render(request, "clients/me.html", home_context(client), status=422)
    messages.success(request, _("Well done. Your counsellor sees that you did it."))
    return redirect("clients:me")


@login_required
def me_plan_question(request, item):
    client = own_client(request)
    item = get_object_or_404(plan_items_for_seeker(request.user), code=item)
    form = forms.SeekerQuestionForm(request.POST if request.method == "POST" else None)
    return form_page(request, form, lambda data: services.plan_question_ask(
        client=client, item=item, question=data["question"], asked_by=request.user),
        _("Your question is sent to your counsellor."), "clients:me", "caseload/me_plan_question.html",
        {"item": item})


@require_POST
@login_required
def me_consent_withdraw(request, consent):
    """The job seeker withdraws a consent on /me/privacy/; what depended on it stops (caseload.services)."""
    client = own_client_or_none(request)
    if client is None:
        raise Http404
    consent = access.get_or_404(request, consents_for_seeker(request.user), code=consent, what="consent")
    services.consent_withdraw(consent=consent, withdrawn_by=request.user)
    messages.success(request, _("Your consent is withdrawn. It takes effect now."))
    return redirect("clients:me_privacy")


# --- The job seeker's own case (a fragment the /me/ portal can lazy-load by URL name) ----------------------------

def _seeker_context(request, client, **extra):
    return {"client": client, **selectors.seeker_case(client),
            "transfer_form": forms.SeekerTransferForm(provider=client.current_provider), **extra}


@login_required
def me_panel(request):
    client = own_client(request)
    return render_panel(request, "caseload/me_panel.html", _seeker_context(request, client))


@require_POST
@login_required
def me_transfer(request):
    """The job seeker asks to move to another provider; ticking the box is their consent to share with it."""
    client = own_client(request)
    form = forms.SeekerTransferForm(request.POST, provider=client.current_provider)
    if submit(form, lambda data: services.transfer_request(client=client, requested_by=request.user, **data)):
        messages.success(request, ngettext("Your request to move was sent. Your current provider has "
                                           "%(days)d business day to complete it.",
                                           "Your request to move was sent. Your current provider has "
                                           "%(days)d business days to complete it.", settings.ESP_TRANSFER_BUSINESS_DAYS)
                         % {"days": settings.ESP_TRANSFER_BUSINESS_DAYS})
        return redirect("clients:me")
    return render_panel(request, "caseload/me_panel.html", _seeker_context(request, client, transfer_form=form),
                  status=422)
