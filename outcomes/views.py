"""Outcomes pages: thin views over clients.access / outcomes.selectors (who sees what) and outcomes.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from caseload.selectors import open_case_for
from clients.access import client_for_staff, clients_for, rows_for
from employers.models import Match
from espportal import access
from espportal.access import CASE_ROLES
from espportal.filters import page_filter, pinned_code
from espportal.forms import submit, submitted
from espportal.pagination import page_of
from espportal.views import render_panel
from outcomes import forms, selectors, services
from outcomes.access import may_open_support, placements_for, retention_checks_for, support_requests_for
from outcomes.attribution_labels import ATTRIBUTION_MEANINGS, ATTRIBUTION_NAMES, labelled
from outcomes.filters import RetentionCheckFilterSet, SupportRequestFilterSet
from outcomes.models import Placement, RetentionCheck, SupportRequest

QUALITY_LABELS = {
    "permanent": gettext_lazy("Permanent job"),
    "full_time": gettext_lazy("Full-time (30 hours a week or more)"),
    "pay": gettext_lazy("Pay at or above the threshold"),
    "goal_aligned": gettext_lazy("In line with the client's occupational goals"),
    "teer_fit": gettext_lazy("Fits the client's qualification (no underemployment)"),
    "benefits": gettext_lazy("Benefits"),
}
MATCH_READY = (Match.Status.OFFER, Match.Status.HIRED)


def _quality_rows(placement: Placement) -> list[dict]:
    rows = []
    for name, part in placement.quality_parts.items():
        label = QUALITY_LABELS.get(name, name)
        if name == "pay" and part.get("threshold"):
            label = _("Pay at or above $%(threshold)s an hour") % {"threshold": part["threshold"]}
        rows.append({"name": name, "label": label, **part})
    return rows


# --- Recording a placement ---------------------------------------------------------------------------------------

def _ready_match(request, client, code):
    """The match a placement comes from: the client's, visible to the actor, at offer or hired; else 404."""
    actor = access.actor_for(request)
    queryset = rows_for(actor, Match.objects.select_related("lead__employer", "lead__occupation")).filter(
        client=client, status__in=MATCH_READY)
    return access.get_or_404(request, queryset, code=code, what="match")


def _match_initial(match: Match) -> dict:
    lead = match.lead
    return {"match": match.code, "employer_name": lead.employer.name, "title": lead.title, "noc": lead.noc_code,
            "hourly_pay": lead.pay_min, "hours_per_week": lead.hours_per_week, "permanence": lead.permanence,
            "start_date": timezone.localdate()}


@login_required
def placement_create(request, code):
    client = client_for_staff(request, code, roles=CASE_ROLES, write=True)
    match_code = request.POST.get("match") or pinned_code(request, "match")
    match = _ready_match(request, client, match_code) if match_code else None
    if request.method != "POST":
        form = forms.PlacementForm(initial=_match_initial(match) if match else {}, from_match=match is not None)
        return render(request, "outcomes/placement_form.html", {"client": client, "form": form, "match": match})
    form = forms.PlacementForm(request.POST, from_match=match is not None)
    if submit(form, lambda data: services.placement_record(
            client=client, recorded_by=request.user, match=match, occupation=data["noc"],
            start_date=data["start_date"], title=data["title"], hours_per_week=data["hours_per_week"],
            hourly_pay=data["hourly_pay"], permanence=data["permanence"], benefits=data["benefits"],
            verification=data["verification"], employer_name=data["employer_name"]), rename={"occupation": "noc"}):
        messages.success(request, _("Placement recorded."))
        return redirect("outcomes:placement", form.service_result.code)
    return render(request, "outcomes/placement_form.html", {"client": client, "form": form, "match": match},
                  status=422)


# --- The placement page ------------------------------------------------------------------------------------------

def _placement_for(request, code, roles=access.ALL_STAFF_ROLES) -> Placement:
    actor = access.require_staff(request, roles)
    return access.get_or_404(request, placements_for(actor).select_related("client", "case"), code=code,
                             client_of=lambda p: p.client, what="placement")


def _placement_render(request, placement, *, status=200, contest_form=None, answer_forms=None):
    actor = access.actor_for(request)
    checks = list(placement.checks.select_related("answered_by"))
    can_write = actor.role in CASE_ROLES and actor.provider.pk == placement.provider_id
    answer_forms = answer_forms or {}
    review = selectors.attribution_decision(placement)
    for check in checks:
        if check.pk in answer_forms:  # a refused answer comes back with its errors, whatever the status now
            check.answer_form = answer_forms[check.pk]
        elif can_write and check.status in (RetentionCheck.Status.DUE, RetentionCheck.Status.ESCALATED):
            check.answer_form = forms.CheckAnswerForm(check=check)
    return render(request, "outcomes/placement_detail.html", {
        "placement": placement, "client": placement.client, "checks": checks, "can_write": can_write,
        "attribution_name": ATTRIBUTION_NAMES[placement.attribution],
        "attribution_meaning": ATTRIBUTION_MEANINGS[placement.attribution],
        "review": review,
        "original_meaning": ATTRIBUTION_MEANINGS[review.original] if review else "",
        "evidence": labelled(selectors.evidence_chain(actor, placement)),
        "quality_rows": _quality_rows(placement),
        "contest_form": contest_form or forms.ContestForm(),
    }, status=status)


@login_required
def placement_detail(request, code):
    return _placement_render(request, _placement_for(request, code))


@require_POST
@login_required
def placement_contest(request, code):
    placement = _placement_for(request, code, roles=CASE_ROLES)
    form = forms.ContestForm(request.POST)
    response = submitted(request, form, lambda data: services.placement_contest(
        placement=placement, reason=data["reason"], contested_by=request.user),
        _("The attribution is flagged for quality review."), "outcomes:placement", placement.code,
        rename={"contest_reason": "reason"})
    return response or _placement_render(request, placement, status=422, contest_form=form)


@require_POST
@login_required
def check_answer(request, code):
    actor = access.require_staff(request, CASE_ROLES)
    check = access.get_or_404(request, retention_checks_for(actor).select_related("placement__client"),
                              code=code, client_of=lambda c: c.client, what="retention_check")
    form = forms.CheckAnswerForm(request.POST, check=check)
    response = submitted(request, form, lambda data: services.check_answer(
        check=check, answered_by=request.user, **data), _("Check-in recorded."), "outcomes:placement", check.placement.code)
    return response or _placement_render(request, check.placement, status=422, answer_forms={check.pk: form})


@login_required
def checks_due(request):
    actor = access.require_staff(request)
    _filters, checks, status = page_filter(RetentionCheckFilterSet, request, selectors.checks_due_for(actor),
                                          form_shown=False)
    return render(request, "outcomes/check_list.html", {"checks": page_of(request, checks), "actor": actor,
                                                        "today": timezone.localdate()}, status=status)


@login_required
def client_panel(request, code):
    client = client_for_staff(request, code)
    actor = access.actor_for(request)
    placements = list(selectors.with_review_decision(placements_for(actor).filter(client=client)))
    next_check = (retention_checks_for(actor).filter(client=client, status__in=RetentionCheck.OPEN_STATUSES)
                  .order_by("due_on", "id").first())
    support = support_requests_for(actor).filter(client=client).exclude(
        status=SupportRequest.Status.RESOLVED)
    can_record = actor.role in CASE_ROLES and client.current_provider_id == actor.provider.pk
    # Offers from the pipeline that no placement records yet: one click to record the hire, pre-filled.
    offers = (rows_for(actor, Match.objects.select_related("lead__employer")).filter(
        client=client, status__in=MATCH_READY, placements__isnull=True) if can_record else [])
    return render_panel(request, "outcomes/client_panel.html", {
        "client": client, "placements": placements, "next_check": next_check, "support_requests": support,
        "attribution_names": ATTRIBUTION_NAMES, "can_record": can_record, "offers": offers,
    })


# --- Post-employment support --------------------------------------------------------------------------------------

def _support_for(request, code) -> SupportRequest:
    actor = access.actor_for(request)
    if not (actor.is_staff_member or actor.is_job_seeker):
        raise PermissionDenied
    return access.get_or_404(request, support_requests_for(actor).select_related("placement", "case"),
                             code=code, client_of=lambda s: s.client, what="support_request")


@login_required
def support_list(request):
    actor = access.actor_for(request)
    if not (actor.is_staff_member or actor.is_job_seeker):
        raise PermissionDenied
    _filters, requests, status = page_filter(SupportRequestFilterSet, request, support_requests_for(
        actor).select_related("placement", "client").order_by("-opened_at", "-id"), form_shown=False)
    return render(request, "outcomes/support_list.html", {"support_requests": page_of(request, requests),
                                                          "actor": actor}, status=status)


@login_required
def support_create(request, code):
    actor = access.actor_for(request)
    if not (actor.is_staff_member or actor.is_job_seeker):
        raise PermissionDenied
    client = access.get_or_404(request, clients_for(actor), code=code, client_of=lambda c: c, what="client")
    if not may_open_support(request.user, client, open_case_for(client)):
        raise PermissionDenied
    placements = placements_for(actor).filter(client=client)
    if request.method != "POST":
        form = forms.SupportRequestForm(initial={"placement": pinned_code(request, "placement")})
        return render(request, "outcomes/support_form.html", {"client": client, "form": form})
    form = forms.SupportRequestForm(request.POST)
    if submit(form, lambda data: services.support_request_open(
            client=client, placement=placements.filter(code=data["placement"]).first() if data["placement"] else None,
            opened_by=request.user, category=data["category"], body=data["body"])):
        messages.success(request, _("Your request is open. Only the people on the case can read it."))
        return redirect("outcomes:support", form.service_result.code)
    return render(request, "outcomes/support_form.html", {"client": client, "form": form}, status=422)


def _support_render(request, support, *, status=200, partial: str = "", **bound):
    actor = access.actor_for(request)
    is_client = support.client.user_id == request.user.pk
    context = {
        "support": support, "is_client": is_client, "is_staff": actor.is_staff_member,
        "thread": support.messages.select_related("author"),
        "referrals": support.referrals.select_related("resource"),
        "reply_form": forms.SupportMessageForm(),
        "consent_form": forms.SupportConsentForm(initial={"consent": "yes" if support.employer_share_consent
                                                          else "no"}) if is_client else None,
        "referral_form": forms.ReferralForm() if actor.is_staff_member else None,
    }
    context.update(bound)
    template = f"outcomes/support_detail.html#{partial}" if partial else "outcomes/support_detail.html"
    return render(request, template, context, status=status)


@login_required
def support_detail(request, code):
    return _support_render(request, _support_for(request, code))


@require_POST
@login_required
def support_reply(request, code):
    support = _support_for(request, code)
    form = forms.SupportMessageForm(request.POST)
    if submit(form, lambda data: services.support_message_add(support_request=support, author=request.user, body=data["body"])):
        if request.htmx:
            return _support_render(request, support, partial="thread")
        return redirect("outcomes:support", support.code)
    return _support_render(request, support, status=422, partial="thread" if request.htmx else "",
                           reply_form=form)


@require_POST
@login_required
def support_consent(request, code):
    support = _support_for(request, code)
    if support.client.user_id != request.user.pk:
        raise PermissionDenied
    form = forms.SupportConsentForm(request.POST)
    if not form.is_valid():
        return _support_render(request, support, status=422, consent_form=form)
    services.support_consent_record(support_request=support, consented_by=request.user,
                                    consent=form.cleaned_data["consent"] == "yes")
    messages.success(request, _("Your choice is recorded."))
    return redirect("outcomes:support", support.code)


@require_POST
@login_required
def support_refer(request, code):
    support = _support_for(request, code)
    if not access.actor_for(request).is_staff_member:
        raise PermissionDenied
    form = forms.ReferralForm(request.POST)
    response = submitted(request, form, lambda data: services.resource_refer(
        support_request=support, referred_by=request.user, **data),
        _("Referral recorded, with its follow-up date."), "outcomes:support", support.code)
    return response or _support_render(request, support, status=422, referral_form=form)
