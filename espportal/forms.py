"""Form helpers every app's views share."""

from django.core.exceptions import ValidationError


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
