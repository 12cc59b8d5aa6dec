"""Pages of the clients app, one module per part of the work: intake, the client file, the job seeker's page."""

from espportal import access
from espportal.views import render_panel  # noqa: F401  (the clients panels use it from here)

# Who may do what on a job seeker's record (reads are open to every staff role of a provider that sees it).
INTAKE_ROLES = access.ALL_STAFF_ROLES
ASSESS_ROLES = frozenset({"counsellor", "manager"})
PLAN_ROLES = access.CASE_ROLES
CONSENT_ROLES = access.ALL_STAFF_ROLES
PROFILE_ROLES = access.ALL_STAFF_ROLES
INVITE_ROLES = access.ALL_STAFF_ROLES

