"""QA pages: quarterly samples and findings, the contested-attribution queue (ministry), and the decision as the
provider's staff see it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clients.access import clients_for
from espportal import access, audit
from espportal.forms import submit, submitted
from outcomes.access import placements_for
from outcomes.attribution_labels import labelled
from outcomes.quality import forms, selectors
from outcomes.quality.access import contested_placement_for_ministry
from outcomes.quality.models import AttributionReview, QAFinding, QASample
from outcomes.quality.services import qa as services

PAGE_SIZE = 25


def _qa_render(request, *, status=200, draw_form=None, finding_form=None):
    samples = Paginator(selectors.qa_samples(), PAGE_SIZE).get_page(request.GET.get("page"))
    findings = QAFinding.objects.select_related("provider", "reviewer", "member").order_by(
        "-recorded_at", "-id")[:PAGE_SIZE]
    quarter, _start, _end = services.quarter_of(timezone.localdate())
    return render(request, "quality/qa_home.html", {
        "page": samples, "findings": findings,
        "draw_form": draw_form or forms.SampleDrawForm(initial={"quarter": quarter}),
        "finding_form": finding_form or forms.FindingForm(),
        "contested": selectors.contested_placements().count(),
    }, status=status)


@login_required
def qa_home(request):
    access.require_ministry(request)
    return _qa_render(request)


@require_POST
@login_required
def qa_sample_draw(request):
    access.require_ministry(request)
    form = forms.SampleDrawForm(request.POST)
    if submit(form, lambda data: services.qa_samples_draw_quarter(quarter=data["quarter"], drawn_by=request.user)):
        drawn = form.service_result
        messages.success(request, _("Samples drawn: %(count)s.") % {"count": drawn})
        return redirect("quality:qa")
    return _qa_render(request, status=422, draw_form=form)


@login_required
def qa_sample(request, code):
    """The sample as the ministry sees it: opaque references only (never a name, contact or client code). The
    provider's manager sees who they are and arranges the interviews (qa_interviews); the reviewer records
    findings against a reference."""
    access.require_ministry(request)
    sample = access.get_or_404(request, QASample.objects.select_related("provider"), code=code, what="qa_sample")
    members = list(sample.memberships.order_by("position").values("position", "reference", "interviewed_at"))
    return render(request, "quality/qa_sample.html", {
        "sample": sample, "members": members,
        "finding_form": forms.FindingForm(initial={"provider": sample.provider_id})})


@login_required
def qa_interviews(request):
    """The provider's manager: their own provider's QA samples, newest quarter first."""
    actor = access.require_staff(request, access.MANAGER_ROLES)
    samples = Paginator(selectors.qa_samples(provider=actor.provider), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "quality/qa_interviews.html", {"page": samples})


@login_required
def qa_interview_sample(request, code):
    """Who their provider's sample drew, to arrange the ministry's interviews: name and contact of each person the
    provider may still see (through clients.access; each open audited as a quality review), the reference the
    reviewer knows them by. Another provider's sample answers 404."""
    actor = access.require_staff(request, access.MANAGER_ROLES)
    sample = access.get_or_404(request, QASample.objects.filter(provider=actor.provider), code=code,
                               what="qa_sample")
    members = list(sample.memberships.order_by("position"))
    visible = {client.pk: client for client in clients_for(actor).filter(
        pk__in=[member.client_id for member in members])}
    rows = []
    for member in members:
        client = visible.get(member.client_id)
        if client is not None:
            audit.record_open(request=request, client=client, target=sample, reason="qa")
        rows.append({"member": member, "client": client})
    return render(request, "quality/qa_interview_sample.html", {"sample": sample, "rows": rows})


@require_POST
@login_required
def qa_finding_create(request):
    access.require_ministry(request)
    form = forms.FindingForm(request.POST)
    response = submitted(request, form, lambda data: services.qa_finding_record(reviewer=request.user, **data),
                         _("Finding recorded."), "quality:qa")
    return response or _qa_render(request, status=422, finding_form=form)


@login_required
def attribution_queue(request):
    access.require_ministry(request)
    pending = Paginator(selectors.contested_placements(), PAGE_SIZE).get_page(request.GET.get("page"))
    decided = AttributionReview.objects.select_related("placement__provider", "reviewer")[:PAGE_SIZE]
    return render(request, "quality/attribution_queue.html", {"page": pending, "decided": decided})


def _attribution_render(request, placement, *, status=200, form=None):
    return render(request, "quality/attribution_review.html", {
        "placement": placement, "reviews": placement.attribution_reviews.select_related("reviewer"),
        "evidence": labelled(placement.evidence),
        "form": form or forms.AttributionDecisionForm(initial={"decided": placement.attribution}),
    }, status=status)


@login_required
def attribution_review(request, code):
    """The evidence chain and the contest, and the decision form (uphold or change, with a reason)."""
    placement = contested_placement_for_ministry(request, code)
    if request.method != "POST":
        return _attribution_render(request, placement)
    form = forms.AttributionDecisionForm(request.POST)
    response = submitted(request, form, lambda data: services.attribution_review_decide(
        placement=placement, reviewer=request.user, **data),
        _("Decision recorded. The counsellor who contested is told."), "quality:attribution_queue")
    return response or _attribution_render(request, placement, status=422, form=form)


@login_required
def placement_review(request, code):
    """The provider's staff see the decision on their placement's contested attribution (404 for others)."""
    actor = access.require_staff(request)
    placement = access.get_or_404(request, placements_for(actor).select_related("client"),
                                  code=code, client_of=lambda p: p.client, what="placement")
    return render(request, "quality/placement_review.html",
                  {"placement": placement, "reviews": placement.attribution_reviews.select_related("reviewer")})
