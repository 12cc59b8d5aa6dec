"""Pages of the clients app, one module per part of the work: intake, the client file, the job seeker's page."""

# Who may do what on a job seeker's record: the rules live at the door (clients/access.py).
from clients.access import (  # noqa: F401  (the view modules import them from here)
    ASSESS_ROLES,
    CONSENT_ROLES,
    INTAKE_ROLES,
    INVITE_ROLES,
    PLAN_ROLES,
    PROFILE_ROLES,
)
from espportal.views import render_panel  # noqa: F401  (the clients panels use it from here)

