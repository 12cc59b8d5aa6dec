"""Caseload pages: thin views over caseload.access (who may see what) and caseload.services (writes)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from caseload import forms, selectors, services
from caseload.access import case_for_staff, cases_for, may_write, rows_of_cases, tasks_for
from caseload.filters import CaseFilterSet, NoteFilterSet, ReferralFilterSet, SpecialistFilterSet
from caseload.models import Appointment, CaseNote, HandoffBrief, Referral, Transfer
from clients.access import client_for_staff, rows_for
from clients.forms import FirstMeetingForm
from clients.views import CONSENT_ROLES
from espportal import access
from espportal.access import CASE_ROLES, MANAGER_ROLES
from espportal.filters import page_filter
from espportal.forms import submit, submitted
from espportal.pagination import page_of, total_of
from espportal.views import render_panel

# --- Consent withdrawn on the client file (the consent panel is the clients app's) -----------------------------

@require_POST
@login_required
def consent_withdraw(request, code, consent):
    client = client_for_staff(request, code, roles=CONSENT_ROLES, write=True)
    consent = access.get_or_404(request, client.consents.all(), code=consent, what="consent")
    services.consent_withdraw(consent=consent, withdrawn_by=request.user)
    messages.success(request, _("Consent withdrawn. A transfer or referral that depended on it is cancelled."))
    return redirect(f"{reverse('clients:detail', kwargs={'code': client.code})}#panel-consent")


# --- Staff home: caseload, inbox, waiting list -------------------------------------------------------------------

@login_required
def home(request):
    actor = access.require_staff(request)
    filters, cases, status = page_filter(CaseFilterSet, request, selectors.caseload_cases(actor, request.user),
                                         open_only=True)
    page = page_of(request, cases)
    selectors.with_contact_days(page.object_list)
    context = {"actor": actor, "filters": filters.form, "cases": page}
    if request.htmx:
        return render(request, "caseload/home.html#caseload-table", context, status=status)
    context.update(
        tasks=page_of(request, selectors.open_tasks_of(actor, request.user), param="tasks_page", top=True),
        waiting=page_of(request, selectors.my_waiting_list(actor, request.user), param="waiting_page", top=True),
        waiting_at_provider=total_of(selectors.waiting_list(actor)), today=timezone.localdate())
    return render(request, "caseload/home.html", context, status=status)


# --- The case page ---------------------------------------------------------------------------------------------

def _timeline_page(request, case):
    """The case page's timeline narrowed by the shared NoteFilterSet: (filter form, page of notes, status)."""
    actor = access.actor_for(request)
    filters, notes, status = page_filter(NoteFilterSet, request, selectors.timeline_notes(actor, request.user, case))
    return filters.form, page_of(request, notes, param="notes_page"), status


def _reopen_until(case):
    deadline = services.reopen_deadline(case)
    return deadline if deadline is not None and timezone.now() <= deadline else None


def _case_context(request, case, **bound):
    actor = access.actor_for(request)
    filters, notes, filter_status = _timeline_page(request, case)
    context = {
        "actor": actor, "case": case, "client": case.client, "filters": filters, "filter_status": filter_status,
        "can_write": may_write(actor, case), "notes": notes,
        "note_form": forms.NoteForm(), "task_form": forms.TaskForm(provider=case.provider),
        "appointment_form": forms.AppointmentForm(provider=case.provider),
        "transfer_form": forms.TransferForm(provider=case.provider), "referral_form": forms.ReferralForm(),
        "reassign_form": forms.ReassignForm(provider=case.provider), "status_form": forms.StatusForm(),
        "close_form": forms.CloseForm(), "reopen_until": _reopen_until(case),
        "first_meeting_form": None if case.client.first_meeting_at else FirstMeetingForm(
            initial={"at": timezone.localtime().replace(second=0, microsecond=0)}),
        **selectors.case_page(actor, request.user, case),
    }
    context.update(bound)
    return context


def _case_render(request, case, *, status=None, **bound):
    """The case page; `status` defaults to 200, or 400 when the timeline's filter is invalid."""
    context = _case_context(request, case, **bound)
    return render(request, "caseload/case_detail.html", context, status=status or context["filter_status"])


def _case_submit(request, case, form, form_name: str, done: str, action, **bound):
    """One of the case page's forms: the service call through `submitted`, then back to the case with `done`
    flashed, or the case page again with this form (under `form_name`) and its errors, status 422."""
    return submitted(request, form, action, done, "caseload:case", case.code) or _case_render(
        request, case, status=422, **{form_name: form}, **bound)


@login_required
def case_detail(request, code):
    case = case_for_staff(request, code)
    if request.htmx and request.GET.get("partial") == "timeline":
        _filters, notes, status = _timeline_page(request, case)
        return render(request, "caseload/case_detail.html#timeline", {"notes": notes, "case": case}, status=status)
    return _case_render(request, case)


@require_POST
@login_required
def case_first_meeting(request, code):
    case = case_for_staff(request, code, write=True)
    form = FirstMeetingForm(request.POST)
    if not form.is_valid():
        return _case_render(request, case, status=422, first_meeting_form=form)
    services.case_first_meeting_record(case=case, at=form.cleaned_data["at"], recorded_by=request.user)
    messages.success(request, _("First one-to-one meeting recorded."))
    return redirect("caseload:case", case.code)


@require_POST
@login_required
def note_create(request, code):
    case = case_for_staff(request, code, write=True)
    form = forms.NoteForm(request.POST)
    return _case_submit(request, case, form, "note_form", _("Note added."),
                        lambda data: services.note_add(case=case, author=request.user, **data))


@require_POST
@login_required
def note_amend(request, code):
    actor = access.require_staff(request, CASE_ROLES)
    note = access.get_or_404(request, rows_for(actor, CaseNote.objects.select_related("case", "client")),
                             code=code, what="note")
    if not may_write(actor, note.case):
        raise PermissionDenied
    form = forms.AmendForm(request.POST, auto_id=f"amend-{note.code}-%s")
    return _case_submit(request, note.case, form, "amend_form", _("Amendment added; the original note is kept."),
                        lambda data: services.note_amend(note=note, author=request.user, body=data["body"]),
                        amend_note=note)


@require_POST
@login_required
def brief_acknowledge(request, code):
    actor = access.require_staff(request, CASE_ROLES)
    brief = access.get_or_404(request, rows_for(actor, HandoffBrief.objects.select_related("case", "client")),
                              code=code, what="handoff_brief")
    try:
        services.handoff_brief_acknowledge(brief=brief, user=request.user)
    except ValidationError as error:
        return render(request, "403.html", {"exception": error.messages[0]}, status=403)
    messages.success(request, _("Handoff brief acknowledged. You can now write on the case."))
    return redirect("caseload:case", brief.case.code)


@require_POST
@login_required
def case_reassign(request, code):
    access.require_staff(request, MANAGER_ROLES)
    case = case_for_staff(request, code, write=True)
    form = forms.ReassignForm(request.POST, provider=case.provider)
    return _case_submit(request, case, form, "reassign_form", _("Case reassigned."),
                        lambda data: services.assignment_change(case=case, changed_by=request.user, **data))


@require_POST
@login_required
def case_status(request, code):
    case = case_for_staff(request, code, write=True)
    form = forms.StatusForm(request.POST)
    return _case_submit(request, case, form, "status_form", _("Stage updated."),
                        lambda data: services.case_set_status(case=case, status=data["status"],
                                                              changed_by=request.user))


@require_POST
@login_required
def case_close(request, code):
    """Closing asks first: a valid reason shows the confirmation page; its button posts again with confirm."""
    case = case_for_staff(request, code, write=True)
    form = forms.CloseForm(request.POST)
    if form.is_valid() and not form.cleaned_data["confirm"]:
        return render(request, "caseload/case_close_confirm.html", {
            "case": case, "client": case.client, "form": forms.CloseForm.confirmation(form.cleaned_data["reason"]),
            "reason": dict(forms.CLOSE_REASONS)[form.cleaned_data["reason"]]})
    return _case_submit(request, case, form, "close_form", _("Case closed."),
                        lambda data: services.case_close(case=case, reason=data["reason"], closed_by=request.user))


@require_POST
@login_required
def case_reopen(request, code):
    access.require_staff(request, MANAGER_ROLES)
    case = case_for_staff(request, code)
    form = forms.ReopenForm(request.POST)  # no fields: it carries the refusal to the error summary
    return _case_submit(request, case, form, "reopen_form", _("Case reopened."),
                        lambda data: services.case_reopen(case=case, reopened_by=request.user))


@require_POST
@login_required
def task_create(request, code):
    case = case_for_staff(request, code, write=True)
    form = forms.TaskForm(request.POST, provider=case.provider)
    return _case_submit(request, case, form, "task_form", _("Task added."),
                        lambda data: services.task_create(case=case, kind="follow_up", created_by=request.user,
                                                          **data))


@require_POST
@login_required
def task_complete(request, code):
    actor = access.require_staff(request)
    task = access.get_or_404(request, tasks_for(actor, request.user), code=code, what="task")
    services.task_complete(task=task, done_by=request.user)
    messages.success(request, _("Task done."))
    if request.POST.get("back") == "case" and task.case_id:
        return redirect("caseload:case", task.case.code)
    return redirect("caseload:home")


@require_POST
@login_required
def appointment_create(request, code):
    case = case_for_staff(request, code, write=True)
    form = forms.AppointmentForm(request.POST, provider=case.provider)
    return _case_submit(request, case, form, "appointment_form",
                        _("Appointment scheduled; reminders will go out the day before."),
                        lambda data: services.appointment_schedule(case=case, scheduled_by=request.user, **data))


def _appointment_for_write(request, code) -> Appointment:
    actor = access.require_staff(request, CASE_ROLES)
    appointment = access.get_or_404(
        request, rows_of_cases(actor, Appointment.objects.select_related("case", "client", "staff")), code=code,
        what="appointment")
    if not may_write(actor, appointment.case):
        raise PermissionDenied
    return appointment


@require_POST
@login_required
def appointment_record(request, code):
    appointment = _appointment_for_write(request, code)
    form = forms.AttendanceForm(request.POST, auto_id=f"att-{appointment.code}-%s")
    return _case_submit(request, appointment.case, form, "appointment_row_form", _("Attendance recorded."),
                        lambda data: services.appointment_record(appointment=appointment, status=data["status"],
                                                                 recorded_by=request.user))


@require_POST
@login_required
def appointment_reschedule(request, code):
    appointment = _appointment_for_write(request, code)
    form = forms.RescheduleForm(request.POST, auto_id=f"rs-{appointment.code}-%s")
    return _case_submit(request, appointment.case, form, "appointment_row_form", _("Appointment rescheduled."),
                        lambda data: services.appointment_reschedule(appointment=appointment,
                                                                     starts_at=data["starts_at"],
                                                                     changed_by=request.user))


@require_POST
@login_required
def transfer_create(request, code):
    case = case_for_staff(request, code, write=True)
    form = forms.TransferForm(request.POST, provider=case.provider)
    return _case_submit(request, case, form, "transfer_form", _("Transfer requested."),
                        lambda data: services.transfer_request(client=case.client, requested_by=request.user, **data))


@require_POST
@login_required
def transfer_complete(request, code):
    actor = access.require_staff(request, CASE_ROLES)
    transfer = access.get_or_404(request, rows_for(actor, Transfer.objects.select_related("from_case", "client")),
                                 code=code, what="transfer")
    # The sending provider completes the move; the receiving one waits (or the nightly job acts).
    if transfer.from_provider_id != actor.provider.pk:
        raise PermissionDenied
    services.transfer_complete(transfer=transfer, completed_by=request.user)
    messages.success(request, _("Transfer completed. The receiving provider now holds the case."))
    return redirect("caseload:home")


@require_POST
@login_required
def referral_create(request, code):
    case = case_for_staff(request, code, write=True)
    form = forms.ReferralForm(request.POST)
    return _case_submit(request, case, form, "referral_form", _("Referral sent."),
                        lambda data: services.referral_request(case=case, requested_by=request.user, **data))


@login_required
def referral_list(request):
    actor = access.require_staff(request, CASE_ROLES)
    _filters, referrals, status = page_filter(ReferralFilterSet, request,
                                              selectors.referrals_for_specialist(actor, request.user),
                                              form_shown=False)
    return render(request, "caseload/referral_list.html", {
        "referrals": page_of(request, referrals), "answer_form": forms.ReferralAnswerForm(),
        "close_form": forms.ReferralCloseForm(),
    }, status=status)


def _my_referral(request, code) -> Referral:
    actor = access.require_staff(request, CASE_ROLES)
    return access.get_or_404(request, rows_for(actor, Referral.objects.filter(specialist=request.user)),
                             code=code, what="referral")


@require_POST
@login_required
def referral_respond(request, code):
    referral = _my_referral(request, code)
    form = forms.ReferralAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.referral_respond(referral=referral, accept=form.cleaned_data["accept"], by=request.user)
            messages.success(request, _("Answer sent to the home counsellor."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect("caseload:referrals")


@require_POST
@login_required
def referral_complete(request, code):
    referral = _my_referral(request, code)
    form = forms.ReferralCloseForm(request.POST)
    if submit(form, lambda data: services.referral_complete(referral=referral, closing_note=data["closing_note"],
                                                            by=request.user)):
        messages.success(request, _("Referral closed; the home counsellor has your note."))
        return redirect("caseload:referrals")
    actor = access.actor_for(request)
    return render(request, "caseload/referral_list.html", {
        "referrals": page_of(request, selectors.referrals_for_specialist(actor, request.user)),
        "answer_form": forms.ReferralAnswerForm(), "close_form": form, "close_for": referral,
    }, status=422)


@login_required
def specialist_list(request):
    access.require_staff(request)
    filters, specialists, status = page_filter(SpecialistFilterSet, request, selectors.specialists())
    context = {"filters": filters.form, "specialists": specialists}
    if request.htmx:
        return render(request, "caseload/specialist_list.html#results", context, status=status)
    return render(request, "caseload/specialist_list.html", context, status=status)


# --- Manager ---------------------------------------------------------------------------------------------------

def _manager_context(request, actor, bulk_form) -> dict:
    lists = selectors.manager_page(actor)
    team = page_of(request, lists["team"], param="team_page")
    stale = page_of(request, lists["stale"], param="stale_page")
    transfers = page_of(request, lists["transfers"], param="transfers_page")
    selectors.label_team(team.object_list, lists["average"])
    selectors.with_contact_days(stale.object_list)
    selectors.label_transfers(transfers.object_list, actor.provider)
    return {**lists, "team": team, "stale": stale, "transfers": transfers,
            "breaches": page_of(request, lists["breaches"], param="breaches_page"), "bulk_form": bulk_form}


@login_required
def manager(request):
    actor = access.require_staff(request, MANAGER_ROLES)
    return render(request, "caseload/manager.html",
                  _manager_context(request, actor, forms.BulkReassignForm(provider=actor.provider)))


@require_POST
@login_required
def bulk_reassign(request):
    actor = access.require_staff(request, MANAGER_ROLES)
    form = forms.BulkReassignForm(request.POST, provider=actor.provider)
    if submit(form, lambda data: services.cases_bulk_reassign(provider=actor.provider, changed_by=request.user,
                                                              **data)):
        changed = form.service_result
        messages.success(request, ngettext("%(n)d case reassigned.", "%(n)d cases reassigned.", len(changed))
                         % {"n": len(changed)})
        return redirect("caseload:manager")
    return render(request, "caseload/manager.html", _manager_context(request, actor, form), status=422)


# --- The client file panel -------------------------------------------------------------------------------------

@login_required
def client_panel(request, code):
    client = client_for_staff(request, code)
    actor = access.actor_for(request)
    cases = list(cases_for(actor, few=True).filter(client=client).select_related("provider").prefetch_related(
        "assignments__staff"))
    open_case = next((c for c in cases if c.is_open), None)
    recent = selectors.timeline_for(actor, request.user, open_case or cases[0])[:5] if cases else []
    return render_panel(request, "caseload/client_panel.html", {
        "client": client, "cases": cases, "open_case": open_case, "recent_notes": recent,
        "open_form": forms.CaseOpenForm(provider=actor.provider) if open_case is None else None,
        "can_open": open_case is None and actor.role in CASE_ROLES | {"intake"}
        and client.current_provider_id in (None, actor.provider.pk),
    })


@require_POST
@login_required
def case_open(request, code):
    client = client_for_staff(request, code, roles=CASE_ROLES | {"intake"})
    actor = access.actor_for(request)
    if client.current_provider_id not in (None, actor.provider.pk):
        raise PermissionDenied
    form = forms.CaseOpenForm(request.POST, provider=actor.provider)
    if submit(form, lambda data: services.case_open(client=client, provider=actor.provider, opened_by=request.user,
                                                    counsellor=data["counsellor"])):
        case = form.service_result
        return redirect("caseload:case", case.code)
    return render_panel(request, "caseload/client_panel.html", {
        "client": client, "cases": [], "open_form": form, "can_open": True}, status=422)
