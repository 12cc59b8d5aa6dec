"""Pages of the clients app, one module per part of the work: intake, the client file, the job seeker's page."""

from django.shortcuts import render

from espportal import access

# Who may do what on a job seeker's record (reads are open to every staff role of a provider that sees it).
INTAKE_ROLES = access.ALL_STAFF_ROLES
ASSESS_ROLES = frozenset({"counsellor", "manager"})
PLAN_ROLES = access.CASE_ROLES
CONSENT_ROLES = access.ALL_STAFF_ROLES
PROFILE_ROLES = access.ALL_STAFF_ROLES
INVITE_ROLES = access.ALL_STAFF_ROLES


def render_panel(request, template: str, context: dict, status: int = 200):
    """An HTMX request gets the panel fragment; a plain request the panel as a page of its own."""
    if request.htmx:
        return render(request, f"{template}#panel", context, status=status)
    return render(request, template, context, status=status)
