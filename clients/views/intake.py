"""The intake wizard: six steps kept as a server-side draft, one service call at the end."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest, QueryDict
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from clients import forms, selectors, services
from clients.access import client_for_network_request
from clients.views import INTAKE_ROLES
from espportal import access

ACCESS_REQUEST_SALT = "clients.access_request"


@dataclass(frozen=True)
class Step:
    name: str
    title: Promise
    form_class: type


STEPS = [
    Step("identity", gettext_lazy("Identity and contact"), forms.IdentityForm),
    Step("education", gettext_lazy("Education and work history"), forms.EducationWorkForm),
    Step("goals", gettext_lazy("Goals and skills"), forms.GoalsSkillsForm),
    Step("preferences", gettext_lazy("Preferences and accommodations"), forms.PreferencesForm),
    Step("self_id", gettext_lazy("Self-identification"), forms.SelfIdentificationForm),
    Step("consents", gettext_lazy("Consents and registration"), forms.ConsentsForm),
]
STEP_BY_NAME = {step.name: step for step in STEPS}
REASON_LABELS = {
    "name_dob": gettext_lazy("same name and date of birth"),
    "email": gettext_lazy("same e-mail"),
    "phone": gettext_lazy("same phone number"),
}


def _stored(draft, step: Step) -> QueryDict | None:
    data = draft.data.get(step.name)
    if data is None:
        return None
    query = QueryDict(mutable=True)
    for key, values in data.items():
        query.setlist(key, values)
    return query


def _form(draft, step: Step):
    stored = _stored(draft, step)
    return step.form_class(stored) if stored is not None else step.form_class()


def _neighbour(step: Step, offset: int) -> Step | None:
    index = STEPS.index(step) + offset
    return STEPS[index] if 0 <= index < len(STEPS) else None


def _render(request, draft, step: Step, form, *, status=200, matches=None):
    context = {"draft": draft, "step": step, "steps": STEPS, "form": form, "step_number": STEPS.index(step) + 1,
               "previous": _neighbour(step, -1), "next": _neighbour(step, 1), "matches": matches or []}
    return render(request, "clients/intake_step.html", context, status=status)


def _describe(matches, actor):
    described = []
    for match in matches:
        token = "" if match.visible else signing.dumps({"c": match.code, "p": str(actor.provider.code)},
                                                       salt=ACCESS_REQUEST_SALT)
        described.append({"match": match, "reasons": [REASON_LABELS[r] for r in match.reasons], "token": token})
    return described


@login_required
def intake(request):
    actor = access.require_staff(request, INTAKE_ROLES)
    draft = services.intake_draft_for(staff=request.user, provider=actor.provider)
    return redirect("clients:intake_step", step=draft.step if draft.step in STEP_BY_NAME else STEPS[0].name)


@require_http_methods(["GET", "POST"])
@login_required
def intake_step(request, step):
    actor = access.require_staff(request, INTAKE_ROLES)
    step = STEP_BY_NAME.get(step)
    if step is None:
        raise Http404
    draft = services.intake_draft_for(staff=request.user, provider=actor.provider)
    if request.method == "GET":
        return _render(request, draft, step, _form(draft, step))
    typed = {key: request.POST.getlist(key) for key in request.POST if key not in ("csrfmiddlewaretoken", "action")}
    action = request.POST.get("action", "next")
    services.intake_draft_save(draft=draft, step=step.name, data=typed)
    if action == "back" and _neighbour(step, -1):
        previous = _neighbour(step, -1)
        services.intake_draft_save(draft=draft, step=step.name, data=typed, next_step=previous.name)
        return redirect("clients:intake_step", step=previous.name)
    form = step.form_class(request.POST)
    if not form.is_valid():
        return _render(request, draft, step, form, status=422)
    if action == "register" and step.name == STEPS[-1].name:
        return _register(request, actor, draft, form)
    following = _neighbour(step, 1) or step
    services.intake_draft_save(draft=draft, step=step.name, data=typed, next_step=following.name)
    return redirect("clients:intake_step", step=following.name)


def _register(request, actor, draft, consents_form):
    """Every step valid, no unconfirmed duplicate: one service call creates the record."""
    valid = {}
    for step in STEPS[:-1]:
        form = _form(draft, step)
        if not form.is_bound or not form.is_valid():
            messages.error(request, _("Complete this step before registering."))
            services.intake_draft_save(draft=draft, step=step.name, data=draft.data.get(step.name, {}),
                                       next_step=step.name)
            return _render(request, draft, step, form if form.is_bound else step.form_class({}), status=422)
        valid[step.name] = form
    identity = valid["identity"].cleaned_data
    confirmed = consents_form.cleaned_data["confirmed_not_duplicate"]
    matches = selectors.possible_duplicates(actor, first_name=identity["first_name"],
                                            last_name=identity["last_name"],
                                            date_of_birth=identity["date_of_birth"], email=identity["email"],
                                            phone=identity["phone"])
    if matches and not confirmed:
        return _render(request, draft, STEPS[-1], consents_form, status=422, matches=_describe(matches, actor))
    goals_form, preferences = valid["goals"], valid["preferences"].cleaned_data
    education = valid["education"].cleaned_data
    self_id = valid["self_id"].cleaned_data
    profile = {
        **identity,
        **{key: education[key] for key in ("education_level", "education_field", "education_country",
                                          "foreign_credentials", "credential_recognition")},
        "other_skills": goals_form.cleaned_data["other_skills"],
        **preferences,
        **self_id,
    }
    try:
        client = services.intake_register(
            provider=actor.provider, registered_by=request.user, profile=profile,
            skills=goals_form.cleaned_data["skills"], work_history=valid["education"].work_history(),
            goals=goals_form.goals(), consents=consents_form.cleaned_data["consents"],
            confirmed_not_duplicate=confirmed, draft=draft,
        )
    except ValidationError as error:
        consents_form.add_error(None, error.messages)
        return _render(request, draft, STEPS[-1], consents_form, status=422,
                       matches=_describe(selectors.possible_duplicates(
                           actor, first_name=identity["first_name"], last_name=identity["last_name"],
                           date_of_birth=identity["date_of_birth"], email=identity["email"],
                           phone=identity["phone"]), actor))
    messages.success(request, _("%(name)s is registered.") % {"name": client.full_name})
    return redirect("clients:detail", code=client.code)


@require_POST
@login_required
def intake_discard(request):
    actor = access.require_staff(request, INTAKE_ROLES)
    draft = services.intake_draft_for(staff=request.user, provider=actor.provider)
    services.intake_draft_discard(draft=draft)
    messages.info(request, _("The intake draft was discarded."))
    return redirect("clients:list")


@require_POST
@login_required
def access_request(request):
    """Ask the provider holding a possible duplicate to seek the person's consent; reveals nothing back."""
    actor = access.require_staff(request, INTAKE_ROLES)
    try:
        token = signing.loads(request.POST.get("token", ""), salt=ACCESS_REQUEST_SALT, max_age=60 * 60 * 24)
    except signing.BadSignature:
        return HttpResponseBadRequest(_("This request has expired. Check for duplicates again."))
    if token.get("p") != str(actor.provider.code):
        return HttpResponseBadRequest(_("This request has expired. Check for duplicates again."))
    client = client_for_network_request(token["c"])
    services.client_access_request(client=client, requested_by=request.user, provider=actor.provider)
    messages.success(request, _("Your request was sent to the provider that holds the record. They will ask the "
                                "person for consent to share it with you."))
    return redirect("clients:intake_step", step=STEPS[-1].name)
