"""The job seeker's side of the employer network at /me/: the leads shared with them (interested / not for me),
one lead opened by link, "why not this job?", and undoing what an answer taught their suggestions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clients.access import own_client, rows_for
from employers import forms, matching, selectors, services, services_preferences
from employers.access import preferences_changeable
from employers.models import Match
from employers.reasons import accommodation_reasons, reason_texts
from employers.views import undo_refused
from espportal import access
from espportal.forms import submit
from espportal.pagination import page_of
from espportal.views import render_panel

# --- The job seeker's leads (a fragment the /me/ portal lazy-loads by URL name) ----------------------------------

def _my_leads(request, client, *, bound=None, answered=None, effect="", undone=False):
    # Jobs that fit: the same list as the counsellor's (relevance gate, leads already matched left out), among the
    # leads the person may open: an unadvertised lead is the staff's to share, so its link would answer 404.
    learned = selectors.learned_preferences(client)
    found = matching.lead_suggestions(client, limit=5, others=0, preferences=learned,
                                      among=selectors.lead_for_seeker(client))
    matches = page_of(request, selectors.matches_shared_with(access.actor_for(request), client))
    selectors.with_reason_texts(matches.object_list, facts={client.pk: found.facts})
    for match in matches:
        is_bound = bound is not None and match.code == bound[0]
        match.bound_form = bound[1] if is_bound else None  # its errors, even when the match can no longer be answered
        if match.status == Match.Status.SHARED:
            match.answer_form = bound[1] if is_bound else forms.AnswerForm(auto_id=f"answer-{match.code}-%s")
    return {"client": client, "matches": matches, "answered": answered, "effect": effect, "undone": undone,
            "no_goals": found.no_goals,
            "suggestions": found.suggestions, "learned": learned}


@login_required
def me_panel(request):
    client = own_client(request)
    return render_panel(request, "employers/me_panel.html", _my_leads(request, client))


@require_POST
@login_required
def me_match_answer(request, code):
    client = own_client(request)
    actor = access.actor_for(request)
    match = access.get_or_404(request, rows_for(actor, Match.objects.filter(client=client))
                              .exclude(status__in=[Match.Status.SUGGESTED, Match.Status.DISMISSED])
                              .select_related("lead__employer"), code=code, what="match")
    form = forms.AnswerForm(request.POST, auto_id=f"answer-{match.code}-%s")
    if submit(form, lambda data: services.match_answer(match=match, by=request.user, answer=data["answer"],
                                                       reason=form.own_words(), reason_code=form.reason_code(),
                                                       accommodation=data["accommodation"])):
        match = form.service_result
        learned = selectors.learned_preferences_of(match.client).filter(match=match).select_related(
            "occupation", "employer").first()
        effect = selectors.preference_text(learned) if learned else ""  # what the answer changed, said at once
        if not request.htmx:  # back to the page they answered on (/me/ loads its jobs only with JavaScript)
            messages.success(request, f"{_('Thank you. Your counsellor has your answer.')} {effect}".strip())
            return redirect("employers:me_panel")
        return render_panel(request, "employers/me_panel.html",
                            _my_leads(request, client, answered=match, effect=effect))
    return render_panel(request, "employers/me_panel.html",
                        _my_leads(request, client, bound=(match.code, form)),
                        status=400 if form.unknown_code() else 422)


def _seeker_lead(request, client, code):
    """A lead the job seeker may open by link, or None (the miss is audited, as every 404 is)."""
    try:
        return access.get_or_404(request, selectors.lead_for_seeker(client), code=code, what="lead")
    except Http404:
        return None


def _no_such_job(request, form=None):
    """The answer to a link that leads to no job the person may open: a page in their language that says so and
    lets them try another link (status 404), not a dead end."""
    return render(request, "employers/me_why_not.html", {"form": form or forms.WhyNotForm(), "missing": True},
                  status=404)


@login_required
def me_lead(request, code):
    """A lead shared by link, seen by the job seeker, with why it is not among their suggestions (plain words,
    from the same rules as every suggestion list: matching.explain_exclusion)."""
    client = own_client(request)
    lead = _seeker_lead(request, client, code)
    if lead is None:
        return _no_such_job(request)
    match = rows_for(access.actor_for(request), Match.objects.filter(client=client, lead=lead)).first()
    shared = match is not None and match.status not in (Match.Status.SUGGESTED, Match.Status.DISMISSED)
    if shared:
        match.lead = lead
        selectors.with_reason_texts([match])
    return render(request, "employers/me_lead.html", {
        "lead": lead, "reasons": matching.explain_exclusion(client, lead), "match": match,
        "accommodations": reason_texts(accommodation_reasons(client.accommodations, lead)), "shared": shared})


@login_required
def me_why_not(request):
    """"Why don't I see this job?": the job seeker pastes the link (or code) of a lead; they go to its page."""
    client = own_client(request)
    form = forms.WhyNotForm(request.GET or None)
    if form.is_valid():
        if _seeker_lead(request, client, form.cleaned_data["link"]) is None:
            return _no_such_job(request, form)
        return redirect("employers:me_lead", form.cleaned_data["link"])
    return render(request, "employers/me_why_not.html", {"form": form}, status=400 if form.is_bound else 200)


@require_POST
@login_required
def me_preference_undo(request, code):
    client = own_client(request)
    preference = access.get_or_404(request, preferences_changeable(access.actor_for(request)), code=code,
                                   what="preference")
    try:
        services_preferences.preference_undo(preference=preference, by=request.user)
    except ValidationError as error:
        return undo_refused(request, error)
    if request.htmx:
        return render_panel(request, "employers/me_panel.html", _my_leads(request, client, undone=True))
    messages.success(request, _("Undone. Your suggestions no longer take it into account."))
    return redirect("employers:me_panel")
