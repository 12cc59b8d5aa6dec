"""Employer network pages: thin views over clients.access / espportal.access (who may see what) and services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clients.access import client_for_staff, clients_for, rows_for
from employers import forms, matching, selectors, services, services_preferences
from employers.access import (
    READ_ROLES,
    WRITE_ROLES,
    leads_own,
    leads_visible,
    matches_for,
    preferences_changeable,
)
from employers.filters import EmployerFilterSet, LeadFilterSet, MatchFilterSet
from employers.models import Employer, Match
from employers.reasons import STAFF
from espportal import access
from espportal.access import ALL_STAFF_ROLES
from espportal.filters import page_filter
from espportal.forms import add_refusal, submit, submitted
from espportal.pagination import page_of
from espportal.views import render_panel

LEAD_MATCHES_SHOWN = 10


def _employer(request, code) -> Employer:
    return access.get_or_404(request, Employer.objects.all(), code=code, what="employer")


# --- Employers ------------------------------------------------------------------------------------------------

@login_required
def directory(request):
    access.require_staff(request, READ_ROLES)
    search, employers, status = page_filter(EmployerFilterSet, request, selectors.employers_directory())
    template = "employers/employer_directory.html#results" if request.htmx else "employers/employer_directory.html"
    return render(request, template, {"search": search.form, "employers": page_of(request, employers)},
                  status=status)


@login_required
def employer_create(request):
    actor = access.require_staff(request, WRITE_ROLES)
    form = forms.EmployerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            employer = services.employer_create(provider=actor.provider, created_by=request.user,
                                                **form.cleaned_data)
        except services.DuplicateEmployer as duplicate:
            return render(request, "employers/employer_form.html",
                          {"form": form, "existing": duplicate.existing}, status=409)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            return redirect("employers:employer_detail", employer.code)
    status = 422 if request.method == "POST" else 200
    return render(request, "employers/employer_form.html", {"form": form}, status=status)


def _profile(request, employer, actor, **bound):
    relationship = next((r for r in selectors.employer_profile(actor, employer)["relationships"]
                         if r.provider_id == actor.provider.pk), None)
    context = {"employer": employer, "actor": actor, "can_write": actor.role in WRITE_ROLES,
               "relationship_form": forms.RelationshipForm(instance=relationship, provider=actor.provider),
               "contact_form": forms.ContactForm(), **selectors.employer_profile(actor, employer)}
    context.update(bound)
    return context


@login_required
def employer_detail(request, code):
    actor = access.require_staff(request, READ_ROLES)
    employer = _employer(request, code)
    return render(request, "employers/employer_detail.html", _profile(request, employer, actor))


@require_POST
@login_required
def relationship_set(request, code):
    actor = access.require_staff(request, WRITE_ROLES)
    employer = _employer(request, code)
    form = forms.RelationshipForm(request.POST, provider=actor.provider)
    return submitted(request, form, lambda data: services.relationship_set(
        provider=actor.provider, employer=employer, changed_by=request.user, **data),
        _("Relationship saved."), "employers:employer_detail", employer.code) or render(
        request, "employers/employer_detail.html", _profile(request, employer, actor, relationship_form=form),
        status=422)


@require_POST
@login_required
def contact_add(request, code):
    actor = access.require_staff(request, WRITE_ROLES)
    employer = _employer(request, code)
    form = forms.ContactForm(request.POST)
    return submitted(request, form, lambda data: services.contact_add(employer=employer, added_by=request.user,
                                                                      **data),
                     _("Contact added."), "employers:employer_detail", employer.code) or render(
        request, "employers/employer_detail.html", _profile(request, employer, actor, contact_form=form), status=422)


@login_required
def activity_create(request, code):
    actor = access.require_staff(request, READ_ROLES)
    employer = _employer(request, code)
    form = forms.ActivityForm(request.POST if request.method == "POST" else None, employer=employer,
                              provider=actor.provider)
    if request.method == "POST" and (response := submitted(
            request, form, lambda data: services.activity_record(
                provider=actor.provider, staff=request.user, employer=employer,
                **{**data, "attendees": list(data["attendees"])}),
            _("Activity recorded."), "employers:employer_detail", employer.code)):
        return response
    status = 422 if request.method == "POST" else 200
    return render(request, "employers/activity_form.html", {"form": form, "employer": employer}, status=status)


# --- Leads ----------------------------------------------------------------------------------------------------

@login_required
def lead_board(request):
    actor = access.require_staff(request, READ_ROLES)
    filters, leads, status = page_filter(LeadFilterSet, request, selectors.lead_board(actor), default_show="open")
    template = "employers/lead_board.html#results" if request.htmx else "employers/lead_board.html"
    return render(request, template, {"filters": filters.form, "leads": page_of(request, leads), "actor": actor},
                  status=status)


@login_required
def lead_create(request, code):
    actor = access.require_staff(request, WRITE_ROLES)
    employer = _employer(request, code)
    form = forms.LeadForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and submit(form, lambda data: services.lead_create(
            provider=actor.provider, employer=employer, created_by=request.user, **form.service_fields())):
        return redirect("employers:lead_detail", form.service_result.code)
    return render(request, "employers/lead_form.html", {"form": form, "employer": employer},
                  status=422 if form.is_bound else 200)


@login_required
def lead_edit(request, code):
    actor = access.require_staff(request, WRITE_ROLES)
    lead = access.get_or_404(request, leads_own(actor).select_related("employer"), code=code,
                             what="lead")
    form = forms.LeadForm(request.POST if request.method == "POST" else None, instance=lead)
    if request.method == "POST" and submit(form, lambda data: services.lead_update(
            lead=lead, changed_by=request.user, **form.service_fields())):
        return redirect("employers:lead_detail", lead.code)
    return render(request, "employers/lead_form.html", {"form": form, "employer": lead.employer, "lead": lead},
                  status=422 if form.is_bound else 200)


def _candidates(actor, lead):
    # Only clients with this provider now: a provider that sees a record through consent does not act on it.
    own = clients_for(actor).filter(current_provider_id=actor.provider.pk)
    suggestions = matching.clients_for_lead(lead, own, limit=25)
    existing = selectors.existing_matches(lead, [s.client.pk for s in suggestions])
    return [(s, existing.get(s.client.pk)) for s in suggestions]


def _lead_page(request, actor, lead, **extra) -> dict:
    """The lead page's context; `extra` carries a refused share or dismissal back onto the whole page."""
    under_way = selectors.matches_of_lead(actor, lead)  # the latest few with their reasons now; the rest paginate
    matches = selectors.with_reason_texts(under_way[:LEAD_MATCHES_SHOWN], reader=STAFF)  # on the pipeline page
    return {
        "lead": lead, "actor": actor, "candidates": _candidates(actor, lead), "matches": matches,
        "match_count": under_way.count(),
        "required": list(lead.required_skills.all()), "note_form": forms.NoteForm(),
        "dismiss_reasons": forms.DismissForm.base_fields["reason"].choices,
        "dismiss_needs": forms.DismissForm.base_fields["accommodation"].choices,
        "accommodation_labels": [label for value, label in forms.PLAIN_ACCOMMODATIONS
                                 if value in (lead.accommodations_offered or [])],
        "can_edit": actor.role in WRITE_ROLES and lead.provider_id == actor.provider.pk, **extra,
    }


@login_required
def lead_detail(request, code):
    actor = access.require_staff(request, READ_ROLES)
    # The required skills once: the page lists them and the ranking of its candidates reads them too.
    lead = access.get_or_404(request, leads_visible(actor).select_related("employer", "occupation", "provider")
                             .prefetch_related("required_skills"), code=code, what="lead")
    return render(request, "employers/lead_detail.html", _lead_page(request, actor, lead))


def _pair_refused(request, actor, lead, client, errors, *, status: int, typed: dict):
    """A refused share or dismissal: the message in place for HTMX; without JavaScript the whole lead page, the
    message at the top and what was typed kept in the candidate's form."""
    refused_form = "dismiss" if "dismiss" in typed else "share"
    if request.htmx:  # the candidate's forms again, in place: the message linked to the field, what was chosen kept
        return render(request, "employers/lead_detail.html#pair-forms", {
            "lead": lead, "suggestion": {"client": client}, "match": None, "errors": errors, "typed": typed,
            "refused_client": client.code, "refused_form": refused_form,
            "dismiss_reasons": forms.DismissForm.base_fields["reason"].choices,
            "dismiss_needs": forms.DismissForm.base_fields["accommodation"].choices}, status=status)
    return render(request, "employers/lead_detail.html",
                  _lead_page(request, actor, lead, errors=errors, refused_client=client.code, typed=typed,
                             refused_form=refused_form), status=status)


def _pair(request, code, client_code):
    """The lead and a client the actor's provider serves now. A client another provider serves, even one whose
    record the actor reads through the client's consent, is not found here (404, like any record of another
    provider), not refused (403)."""
    actor = access.require_staff(request, READ_ROLES)
    lead = access.get_or_404(request, leads_visible(actor), code=code, what="lead")
    client = access.get_or_404(request, clients_for(actor).filter(current_provider_id=actor.provider.pk),
                               code=client_code, client_of=lambda c: c, what="client", reason="care")
    return actor, lead, client


@require_POST
@login_required
def match_share(request, code, client_code):
    actor, lead, client = _pair(request, code, client_code)
    form = forms.NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        match = services.match_share(client=client, lead=lead, by=request.user, note=note)
    except ValidationError as error:
        return _pair_refused(request, actor, lead, client, error.messages, status=422, typed={"share": note})
    if request.htmx:
        return render(request, "employers/lead_detail.html#match-state", {"match": match})
    messages.success(request, _("Shared with %(name)s.") % {"name": client.full_name})
    return redirect("employers:lead_detail", lead.code)


@require_POST
@login_required
def match_dismiss(request, code, client_code):
    actor, lead, client = _pair(request, code, client_code)
    form = forms.DismissForm(request.POST)
    typed = {"dismiss": request.POST.get("note", "")[:2000], "reason": request.POST.get("reason", ""),
             "accommodation": request.POST.get("accommodation", "")}
    if not form.is_valid():
        if form.unknown_code():
            return _pair_refused(request, actor, lead, client, [_("That reason is not on the list.")], status=400,
                                 typed=typed)
        return _pair_refused(request, actor, lead, client, [_("Say why the match is dismissed.")], status=422,
                             typed=typed)
    try:
        match = services.match_dismiss(client=client, lead=lead, by=request.user, note=form.cleaned_data["note"],
                                       reason_code=form.cleaned_data["reason"],
                                       accommodation=form.cleaned_data["accommodation"])
    except ValidationError as error:
        return _pair_refused(request, actor, lead, client, error.messages, status=422, typed=typed)
    if request.htmx:
        return render(request, "employers/lead_detail.html#match-state", {"match": match})
    messages.success(request, _("Dismissed for %(name)s.") % {"name": client.full_name})
    return redirect("employers:lead_detail", lead.code)


# --- Pipeline -------------------------------------------------------------------------------------------------

def _move_choices(match):
    return [(s, Match(status=s).staff_status) for s in sorted(services.TRANSITIONS.get(match.status, ()))]


@login_required
def pipeline(request):
    actor = access.require_staff(request, READ_ROLES)
    context = _pipeline_context(request, actor)
    return render(request, "employers/pipeline.html", context, status=context["filter_status"])


def _pipeline_context(request, actor, **extra) -> dict:
    """The board shows the latest few of each column and its total; ?column=<status> pages through one column.
    The matches are narrowed by the shared MatchFilterSet (?client=, ?lead=); `filter_status` is 400 when a
    parameter is invalid."""
    _filters, matches, status = page_filter(MatchFilterSet, request, matches_for(actor),
                                           form_shown=False)
    column = request.GET.get("column")
    if column in selectors.PIPELINE_COLUMNS:
        page = page_of(request, selectors.pipeline_column(matches, column))
        return {"columns": [(column, Match.Status(column).label, page, page.paginator.count,
                             page.paginator.total_label)], "column_page": page,
                "forward": services.FORWARD, "filter_status": status, **extra}
    return {"columns": selectors.pipeline(matches), "forward": services.FORWARD, "filter_status": status, **extra}


@require_POST
@login_required
def match_move(request, code):
    actor = access.require_staff(request, READ_ROLES)
    # Only matches of clients this provider serves now: another provider's (even read by consent) is a 404.
    match = access.get_or_404(request, rows_for(actor, Match.objects.select_related("client", "lead")).filter(
        client__current_provider_id=actor.provider.pk), code=code, client_of=lambda m: m.client, what="match")
    form = forms.MoveForm(request.POST, choices=_move_choices(match))
    try:
        if not form.is_valid():
            raise ValidationError(_("That step cannot follow “%(status)s”.") % {
                "status": match.staff_status})
        services.match_move(match=match, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        if request.htmx:
            return render(request, "employers/pipeline.html#board",
                          _pipeline_context(request, actor, errors=error.messages), status=422)
        messages.error(request, " ".join(error.messages))
        return redirect("employers:pipeline")
    if request.htmx:
        return render(request, "employers/pipeline.html#board", _pipeline_context(request, actor))
    return redirect("employers:pipeline")


# --- The client file panel, and "why not this lead?" ------------------------------------------------------------

@login_required
def client_panel(request, code):
    actor = access.actor_for(request)
    client = client_for_staff(request, code, roles=ALL_STAFF_ROLES)
    learned = selectors.learned_preferences(client, staff=True) if actor.role in READ_ROLES else []
    found = matching.lead_suggestions(client, limit=5, preferences=learned) if actor.role in READ_ROLES else None
    suggestions = found.suggestions if found else []
    shown = [s.lead.pk for s in suggestions + (found.others if found else [])]
    matches = selectors.with_reason_texts(
        selectors.matches_of_client(actor, client).exclude(status=Match.Status.DISMISSED)[:10], reader=STAFF,
        facts={client.pk: found.facts} if found else None)
    context = {"client": client, "face_time": selectors.face_time_count(client), "suggestions": suggestions,
               "others": found.others if found else [], "no_goals": found is not None and found.no_goals,
               "matches": matches,
               "near_misses": selectors.near_misses(client, shown, goal_codes=found.goal_codes) if found else [],
               "learned": learned,
               "can_undo": actor.role in READ_ROLES and client.current_provider_id == actor.provider.pk}
    return render_panel(request, "employers/client_panel.html", context)


@login_required
def why_not(request, code, lead_code):
    actor = access.require_staff(request, READ_ROLES)
    client = client_for_staff(request, code, roles=READ_ROLES)
    lead = access.get_or_404(request, leads_visible(actor).select_related("employer"), code=lead_code,
                             what="lead")
    reasons = matching.explain_exclusion(client, lead, reader=STAFF)
    limited = not reasons and matching.hidden_by_employer_limit(client, lead)
    return render(request, "employers/why_not.html", {"client": client, "lead": lead, "reasons": reasons,
                                                      "limited": limited, "per_employer": matching.MAX_PER_EMPLOYER})


@login_required
def labour_market(request):
    actor = access.require_staff(request, READ_ROLES)
    return render(request, "employers/labour_market.html", {"actor": actor, **selectors.labour_market(actor)})




# --- Undoing a learned preference (the job seeker's own undo: employers.seeker_views) ----------------------------

def undo_refused(request, error: ValidationError):
    """An undo the profile's own checks refuse: the reasons on the site's 400 page, never a 500."""
    message = _("This answer could not be undone: %(reasons)s") % {"reasons": " ".join(error.messages)}
    return render(request, "400.html", {"message": message}, status=400)


@require_POST
@login_required
def preference_undo(request, code, preference_code):
    """Staff undo a client's learned preference. Only staff of the provider serving the client now may: for anyone
    else (another provider, even one that reads the record through the client's consent) the preference is not
    found, 404 (employers.access.preferences_changeable)."""
    actor = access.require_staff(request, READ_ROLES)
    client = client_for_staff(request, code, roles=READ_ROLES)
    preference = access.get_or_404(request, preferences_changeable(actor).filter(client=client),
                                   code=preference_code, what="preference")
    try:
        services_preferences.preference_undo(preference=preference, by=request.user)
    except ValidationError as error:
        return undo_refused(request, error)
    messages.success(request, _("Undone. The suggestions no longer take it into account."))
    return redirect("clients:detail", client.code)
