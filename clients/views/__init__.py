"""Pages of the clients app, one module per part of the work: intake, the client file, the job seeker's page."""

from django.shortcuts import render

# Who may do what on a job seeker's record: the rules live at the door (clients/access.py).
from clients.access import (  # noqa: F401  (the view modules import them from here)
    ASSESS_ROLES,
    CONSENT_ROLES,
    INTAKE_ROLES,
    INVITE_ROLES,
    PLAN_ROLES,
    PROFILE_ROLES,
)


def render_panel(request, template: str, context: dict, status: int = 200):
    """An HTMX request gets the panel fragment; a plain request the panel as a page of its own."""
    if request.htmx:
        return render(request, f"{template}#panel", context, status=status)
    return render(request, template, context, status=status)
