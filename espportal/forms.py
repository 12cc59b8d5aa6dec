"""Form helpers every app's views share."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render


def add_refusal(form, error: ValidationError, rename: dict | None = None):
    """Show a service's refusal next to the field it concerns, or above the form when it names no field.

    Services validate with full_clean() and raise ValidationError; views catch it and re-render the form with
    status 422, so the person sees why and loses nothing they typed. `rename` maps model field names to form
    field names where they differ.
    """
    rename = rename or {}
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            field = rename.get(field, field)
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
    return form


def submit(form, action, *, rename: dict | None = None) -> bool:
    """The views' one error path for a form that calls a service: True when the form is valid and
    `action(form.cleaned_data)` (the service call) went through; its return value is kept on
    `form.service_result`.

    False when the form is invalid or the service refused (ValidationError, put on the form by add_refusal):
    the caller re-renders the form with status 422, so the person sees why and loses nothing they typed.
    """
    if not form.is_valid():
        return False
    try:
        form.service_result = action(form.cleaned_data)
    except ValidationError as error:
        add_refusal(form, error, rename)
        return False
    return True


def submitted(request, form, action, done: str, *to, rename: dict | None = None):
    """`submit(form, action)` then, when it went through, flash `done` (translated text) and redirect to `to`
    (a URL name and its arguments, or a URL, as django.shortcuts.redirect takes them).

    Returns the redirect response, or None when the form is invalid or the service refused (its reason is on the
    form): the caller renders the page with the form and status 422, so nothing typed is lost::

        response = submitted(request, form, lambda data: services.note_add(case=case, **data), _("Note added."),
                             "caseload:case", case.code)
        return response or render(request, "caseload/case_detail.html", {"form": form}, status=422)
    """
    if not submit(form, action, rename=rename):
        return None
    messages.success(request, done)
    return redirect(*to)


def form_page(request, form, action, done: str, to: str, template: str, context: dict):
    """A page of its own for one form that calls a service (GET shows it, POST sends it): on POST,
    `submitted(request, form, action, done, to)` (`to` a URL name without arguments, or a URL); when it did not go
    through, or on GET, `template` with `form` added to `context`, status 422 for a posted form (its errors or the
    service's refusal on it), 200 for a fresh one."""
    if request.method == "POST" and (response := submitted(request, form, action, done, to)):
        return response
    return render(request, template, {**context, "form": form}, status=422 if form.is_bound else 200)
