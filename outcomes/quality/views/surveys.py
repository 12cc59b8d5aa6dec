"""Survey pages: the job seeker answers on /me/, an employer contact through a token link without signing in,
and the provider's staff see, for closed quarters only, aggregates of 5 answers or more."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from espportal import access
from espportal.forms import submitted
from outcomes.quality import forms, selectors
from outcomes.quality.access import survey_for_employer_token, surveys_for_seeker
from outcomes.quality.services import surveys as services


def _answer(request, survey, *, template_context, employer=False):
    if request.method != "POST":
        return render(request, "quality/survey_answer.html",
                      {**template_context, "survey": survey, "form": forms.SurveyAnswerForm(employer=employer)})
    form = forms.SurveyAnswerForm(request.POST, employer=employer)
    response = submitted(request, form, lambda data: services.survey_answer(
        survey=survey, score=data["score"], comment=data["comment"], anonymous=data.get("anonymous", False),
        answered_by=request.user if request.user.is_authenticated else None),
        _("Thank you. Your answer is recorded."), request.path)
    return response or render(request, "quality/survey_answer.html",
                              {**template_context, "survey": survey, "form": form}, status=422)


@login_required
def me_survey(request, code):
    access.require_job_seeker(request)
    survey = access.get_or_404(request, surveys_for_seeker(request.user).select_related("provider"), code=code,
                               what="survey")
    return _answer(request, survey, template_context={"employer": False})


def employer_survey(request, token):
    """No sign-in: the unguessable token in the link is the key. An unknown token is a 404."""
    survey = survey_for_employer_token(token)
    if survey is None:
        raise Http404
    return _answer(request, survey, template_context={"employer": True}, employer=True)


@login_required
def survey_results(request):
    actor = access.require_staff(request)
    return render(request, "quality/survey_results.html", {
        "provider": actor.provider, "min_cell": selectors.min_cell(),
        "results": selectors.survey_results(actor.provider, min_cell=selectors.min_cell(), today=timezone.localdate())})
