"""The job seeker's side of caseload at /me/: my counsellor (now and before), my appointments (confirm, ask for
another time), a question about my plan. Each question or request is a task in the counsellor's inbox."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from caseload import forms, selectors, services
from caseload.models import Appointment
from clients.access import own_client
from clients.models import PlanItem
from espportal.forms import add_refusal

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


def _my_appointment(client, code) -> Appointment:
    return get_object_or_404(Appointment.objects.select_related("case", "staff", "client"), client=client, code=code)


@require_POST
@login_required
def me_appointment_confirm(request, code):
    client = own_client(request)
    appointment = _my_appointment(client, code)
    try:
        services.appointment_confirm(appointment=appointment, confirmed_by=request.user)
    except ValidationError as error:
        return render(request, "caseload/me_appointments.html", _appointments_context(
            request, client, refusal=error.messages[0]), status=422)
    messages.success(request, _("Thank you. Your counsellor sees that you will come."))
    return redirect("caseload:me_appointments")


@login_required
def me_appointment_reschedule(request, code):
    client = own_client(request)
    appointment = _my_appointment(client, code)
    form = forms.SeekerRescheduleForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.appointment_change_request(appointment=appointment, reason=form.cleaned_data["reason"],
                                                    requested_by=request.user)
            except ValidationError as error:
                add_refusal(form, error)
            else:
                messages.success(request, _("Your request is sent. Your counsellor will propose another time."))
                return redirect("caseload:me_appointments")
        status = 422
    return render(request, "caseload/me_reschedule.html", {"appointment": appointment, "form": form},
                  status=status)


@login_required
def me_plan_question(request, item):
    client = own_client(request)
    item = get_object_or_404(PlanItem, client=client, code=item)
    form = forms.SeekerQuestionForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.plan_question_ask(client=client, item=item, question=form.cleaned_data["question"],
                                           asked_by=request.user)
            except ValidationError as error:
                add_refusal(form, error)
            else:
                messages.success(request, _("Your question is sent to your counsellor."))
                return redirect("clients:me")
        status = 422
    return render(request, "caseload/me_question.html", {"item": item, "form": form}, status=status)
