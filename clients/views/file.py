"""The staff client list, the client file shell and this app's panels in it, with their forms."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from clients import assessment as instrument
from clients import forms, selectors, services
from clients.access import client_for_staff, is_current_provider, rows_of_client
from clients.filters import ClientFilterSet
from clients.models import Assessment, PlanItem
from clients.panels import panel_urls
from clients.views import ASSESS_ROLES, CONSENT_ROLES, INVITE_ROLES, PLAN_ROLES, PROFILE_ROLES, render_panel
from espportal import access
from espportal.filters import page_filter
from espportal.forms import form_page, submitted
from espportal.pagination import page_of


def _file_url(client, anchor: str) -> str:
    return f"{reverse('clients:detail', kwargs={'code': client.code})}#{anchor}"


def _panel_submit(request, client, form, action, done: str, panel: str, context):
    """A form on one of the client file's panels (`panel`, e.g. "panel-plan"): the service call through
    `submitted`, then back to the file at that panel with `done` flashed, or the panel again with the form's
    errors and status 422 (`context()` builds the panel's context, with the bound form)."""
    return submitted(request, form, action, done, _file_url(client, panel)) or render(
        request, f"clients/{panel.replace('-', '_')}.html", context(), status=422)


@require_GET
@login_required
def client_list(request):
    actor = access.require_staff(request)
    filters, clients, status = page_filter(ClientFilterSet, request, selectors.client_search(actor))
    query = filters.form.cleaned_data.get("q", "") if status == 200 and filters.is_bound else ""
    if query:  # the FilterSet checked ?q=; the page reads the search per branch (the API narrows its own queryset)
        clients = selectors.client_search(actor, query)
    return render(request, "clients/client_list.html", {
        "page": page_of(request, clients), "filters": filters.form, "query": (request.GET.get("q") or "").strip(),
        "now": timezone.now(),
    }, status=status)


@require_GET
@login_required
def client_detail(request, code):
    client = client_for_staff(request, code)
    panels = [{"url": url} for url in panel_urls(settings.CLIENT_FILE_PANELS, code=client.code)]
    actor = access.actor_for(request)
    context = {"client": client, "panels": panels, "can_write": is_current_provider(actor, client)}
    return render(request, "clients/client_detail.html", context)


# --- Profile ----------------------------------------------------------------------------------------------


def _profile_context(request, client, form=None):
    actor = access.actor_for(request)
    can_edit = is_current_provider(actor, client) and actor.role in PROFILE_ROLES
    has_account = selectors.has_account(client)
    can_invite = not has_account and is_current_provider(actor, client) and actor.role in INVITE_ROLES
    return {"client": client, "can_edit": can_edit, "has_account": has_account,
            "invitation": None if has_account else selectors.invitation_latest(client),
            "invite_form": forms.InvitationForm(initial={"channel": "email" if client.email else "printed"})
            if can_invite else None,
            "form": form or (forms.ProfileForm(instance=client) if can_edit else None),
            "skills": list(client.skills.all()), "goals": list(client.goals.select_related("occupation")),
            "work_history": list(client.work_history.select_related("occupation"))}


@require_GET
@login_required
def panel_profile(request, code):
    client = client_for_staff(request, code)
    return render_panel(request, "clients/panel_profile.html", _profile_context(request, client))


@require_POST
@login_required
def profile_edit(request, code):
    client = client_for_staff(request, code, roles=PROFILE_ROLES, write=True)
    form = forms.ProfileForm(request.POST, instance=client)

    def panel():
        client.refresh_from_db()  # validating the ModelForm wrote the refused values onto the instance
        return _profile_context(request, client, form)

    return _panel_submit(request, client, form, lambda data: services.client_update(
        client=client, changed_by=request.user, **{
            name: value for name, value in data.items() if name in services.PROFILE_FIELDS}),
        _("Profile saved."), "panel-profile", panel)


# --- Consent ----------------------------------------------------------------------------------------------


def _consent_context(request, client, form=None):
    actor = access.actor_for(request)
    can_edit = is_current_provider(actor, client) and actor.role in CONSENT_ROLES
    return {"client": client, "consents": selectors.consents_of(client), "can_edit": can_edit,
            "form": form or (forms.ConsentGrantForm(exclude_provider=actor.provider) if can_edit else None)}


@require_GET
@login_required
def panel_consent(request, code):
    client = client_for_staff(request, code)
    return render_panel(request, "clients/panel_consent.html", _consent_context(request, client))


@require_POST
@login_required
def consent_grant(request, code):
    client = client_for_staff(request, code, roles=CONSENT_ROLES, write=True)
    actor = access.actor_for(request)
    form = forms.ConsentGrantForm(request.POST, exclude_provider=actor.provider)
    return _panel_submit(request, client, form, lambda data: services.consent_grant(
        client=client, scope=data["scope"], provider=data["provider"], granted_by=request.user, note=data["note"]),
        _("Consent recorded."), "panel-consent", lambda: _consent_context(request, client, form))


# --- Assessment -------------------------------------------------------------------------------------------


def _assessment_context(request, client, override_form=None):
    actor = access.actor_for(request)
    assessments = selectors.assessments_of(client)
    return {"client": client, "assessments": assessments, "latest": assessments[0] if assessments else None,
            "trend": selectors.segment_trend(assessments), "meanings": instrument.SEGMENT_MEANINGS,
            "can_edit": is_current_provider(actor, client) and actor.role in ASSESS_ROLES,
            "override_form": override_form or forms.OverrideForm(), "version": instrument.VERSION}


@require_GET
@login_required
def panel_assessment(request, code):
    client = client_for_staff(request, code)
    return render_panel(request, "clients/panel_assessment.html", _assessment_context(request, client))


@login_required
def assessment_new(request, code):
    client = client_for_staff(request, code, roles=ASSESS_ROLES, write=True)
    form = forms.AssessmentForm(request.POST if request.method == "POST" else None)
    return form_page(request, form, lambda data: services.assessment_record(
        client=client, answers=form.answers(), assessed_by=request.user, provider=access.actor_for(request).provider,
        override_segment=data["override_segment"], override_reason=data["override_reason"]),
        _("Assessment saved."), _file_url(client, "panel-assessment"), "clients/assessment_form.html",
        {"client": client, "version": instrument.VERSION})


@require_POST
@login_required
def assessment_override(request, code, assessment):
    client = client_for_staff(request, code, roles=ASSESS_ROLES, write=True)
    assessment = get_object_or_404(rows_of_client(client, Assessment.objects.all()), code=assessment)
    form = forms.OverrideForm(request.POST)
    if not form.is_valid():
        return render(request, "clients/panel_assessment.html",
                      _assessment_context(request, client, form), status=422)
    services.assessment_override(assessment=assessment, segment=form.cleaned_data["segment"],
                                 reason=form.cleaned_data["reason"], overridden_by=request.user)
    messages.success(request, _("Segment overridden."))
    return redirect(_file_url(client, "panel-assessment"))


# --- Action plan ------------------------------------------------------------------------------------------


def _plan_context(request, client, *, goals_form=None, add_form=None, errors_for=None, item_form=None):
    actor = access.actor_for(request)
    plan = selectors.current_plan(client)
    items = selectors.plan_items(plan) if plan else []
    completed = selectors.completed_services(client)
    can_edit = is_current_provider(actor, client) and actor.role in PLAN_ROLES
    return {
        "client": client, "plan": plan, "items": items, "completed": completed, "can_edit": can_edit,
        "proposals": selectors.proposed_services(client, segment=client.segment, plan=plan, completed=completed),
        "goals_form": goals_form or forms.PlanGoalsForm(initial={"goals": "\n".join(plan.goals if plan else [])}),
        "add_form": add_form or forms.PlanItemAddForm(initial={"provider": actor.provider}),
        "statuses": PlanItem.Status.choices, "errors_for": errors_for, "item_form": item_form,
        "today": timezone.localdate(),
    }


@require_GET
@login_required
def panel_plan(request, code):
    client = client_for_staff(request, code)
    return render_panel(request, "clients/panel_plan.html", _plan_context(request, client))


def _plan(request, client):
    actor = access.actor_for(request)
    return services.plan_open(client=client, opened_by=request.user, provider=actor.provider)


@require_POST
@login_required
def plan_goals(request, code):
    client = client_for_staff(request, code, roles=PLAN_ROLES, write=True)
    form = forms.PlanGoalsForm(request.POST)
    return _panel_submit(request, client, form, lambda data: services.plan_goals_update(
        plan=_plan(request, client), goals=data["goals"], changed_by=request.user),
        _("Goals saved."), "panel-plan", lambda: _plan_context(request, client, goals_form=form))


@require_POST
@login_required
def plan_item_add(request, code):
    client = client_for_staff(request, code, roles=PLAN_ROLES, write=True)
    form = forms.PlanItemAddForm(request.POST)
    return _panel_submit(request, client, form, lambda data: services.plan_item_add(
        plan=_plan(request, client), added_by=request.user, **data),
        _("Added to the plan."), "panel-plan", lambda: _plan_context(request, client, add_form=form))


@require_POST
@login_required
def plan_item_update(request, code, item):
    client = client_for_staff(request, code, roles=PLAN_ROLES, write=True)
    item = get_object_or_404(rows_of_client(client, PlanItem.objects.all()), code=item)
    form = forms.PlanItemUpdateForm(request.POST, auto_id=f"plan-{item.code}-%s")
    return _panel_submit(request, client, form, lambda data: services.plan_item_update(
        item=item, changed_by=request.user, status=data["status"], due_on=data["due_on"], outcome=data["outcome"]),
        _("Plan item updated."), "panel-plan",
        lambda: _plan_context(request, client, item_form=form, errors_for=item.code))
