"""Complaint pages: the job seeker's (/me/complaints/), staff filing on a client's behalf, and the ministry queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clients.access import client_for_staff, own_client_or_none
from espportal import access
from espportal.filters import page_filter
from espportal.forms import submit, submitted
from outcomes.quality import forms, selectors
from outcomes.quality.access import complaint_audit_for_ministry, complaint_for_ministry, complaints_for
from outcomes.quality.filters import ComplaintFilterSet
from outcomes.quality.services import complaints as services

PAGE_SIZE = 25


# --- The job seeker's side ----------------------------------------------------------------------------------------

@login_required
def me_complaints(request):
    client = own_client_or_none(request)
    queryset = complaints_for(access.actor_for(request)).select_related("provider").order_by("-received_at", "-id")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "quality/me_complaints.html", {"client": client, "page": page})


def _complaint_form_render(request, client, form, *, status=200, on_behalf=False):
    return render(request, "quality/complaint_form.html",
                  {"client": client, "form": form, "on_behalf": on_behalf}, status=status)


def _complaint_file(request, client, *, on_behalf: bool):
    providers = selectors.providers_of(client) if client else []
    if request.method != "POST":
        return _complaint_form_render(request, client, forms.ComplaintForm(providers=providers), on_behalf=on_behalf)
    form = forms.ComplaintForm(request.POST, providers=providers)
    if client is not None:
        if submit(form, lambda data: services.complaint_file(client=client, provider=form.provider_obj(),
                                                             kind=data["kind"], body=data["body"],
                                                             filed_by=request.user)):
            complaint = form.service_result
            if on_behalf:
                messages.success(request, _("Complaint filed on the client's behalf. They can follow it in "
                                            "their portal."))
                return redirect("clients:detail", client.code)
            messages.success(request, _("Your complaint is received. You can follow it here."))
            return redirect("quality:me_complaint", complaint.code)
    else:
        form.add_error(None, _("Your account is not linked to a job seeker record yet: ask your counsellor."))
    return _complaint_form_render(request, client, form, status=422, on_behalf=on_behalf)


@login_required
def me_complaint_create(request):
    return _complaint_file(request, own_client_or_none(request), on_behalf=False)


@login_required
def me_complaint(request, code):
    actor = access.require_job_seeker(request)
    complaint = access.get_or_404(request, complaints_for(actor).select_related("provider"), code=code,
                                  what="complaint")
    return render(request, "quality/me_complaint.html",
                  {"complaint": complaint, "events": complaint.events.all()})


# --- Staff on a client's behalf -----------------------------------------------------------------------------------

@login_required
def complaint_create_for_client(request, code):
    client = client_for_staff(request, code)
    return _complaint_file(request, client, on_behalf=True)


# --- The ministry's queue (the ombudsperson) ----------------------------------------------------------------------

@login_required
def complaint_queue(request):
    actor = access.require_ministry(request)
    filters, queryset, status = page_filter(ComplaintFilterSet, request, selectors.complaint_queue(
        complaints_for(actor)))
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "quality/complaint_queue.html",
                  {"page": page, "filters": filters.form, "query": query.urlencode()}, status=status)


def _complaint_render(request, complaint, *, status=200, **forms_bound):
    context = {
        "complaint": complaint, "events": selectors.complaint_timeline(complaint),
        "assign_form": forms.ComplaintAssignForm(users=selectors.ministry_users(),
                                                 initial={"assignee": complaint.assignee}),
        "resolve_form": forms.ComplaintResolveForm(),
        "is_privacy": complaint.kind == complaint.Kind.PRIVACY_BREACH,
    }
    context.update(forms_bound)
    return render(request, "quality/complaint_detail.html", context, status=status)


@login_required
def complaint_detail(request, code):
    return _complaint_render(request, complaint_for_ministry(request, code))


@require_POST
@login_required
def complaint_assign(request, code):
    complaint = complaint_for_ministry(request, code)
    form = forms.ComplaintAssignForm(request.POST, users=selectors.ministry_users())
    response = submitted(request, form, lambda data: services.complaint_assign(
        complaint=complaint, assignee=data["assignee"], assigned_by=request.user),
        _("Complaint assigned."), "quality:complaint", complaint.code)
    return response or _complaint_render(request, complaint, status=422, assign_form=form)


@require_POST
@login_required
def complaint_resolve(request, code):
    complaint = complaint_for_ministry(request, code)
    form = forms.ComplaintResolveForm(request.POST)
    response = submitted(request, form, lambda data: services.complaint_resolve(
        complaint=complaint, resolution=data["resolution"], resolved_by=request.user),
        _("Complaint resolved. The person is told."), "quality:complaint", complaint.code)
    return response or _complaint_render(request, complaint, status=422, resolve_form=form)


@login_required
def complaint_audit(request, code):
    """The audit events of the complainant's record that the ombudsperson may inspect (privacy breaches only).
    The door audits the visit, naming the client, so the person can see the ministry looked."""
    complaint = complaint_audit_for_ministry(request, code)
    events = selectors.privacy_audit_events(complaint)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    person = complaint.client.user.code if complaint.client_id and complaint.client.user_id else None
    return render(request, "quality/complaint_audit.html",
                  {"complaint": complaint, "page": page,
                   "rows": selectors.audit_rows(page.object_list, person_code=person)})
