"""Who may open each page and API of the clients app (see tests/matrix.py)."""

from tests.matrix import LOGIN, Row, staff_only

A = {"code": "client_a.code"}
NOT_STAFF = {"anonymous": LOGIN, "seeker_a": 403, "ministry": 403}


def staff_read(name, **kw):
    """Any staff role of the provider that holds the record reads it; another provider gets 404."""
    return Row(name, {**NOT_STAFF, "intake_a": 200, "counsellor_a": 200, "manager_a": 200, "counsellor_b": 404},
               kwargs=kw.pop("kwargs", A), **kw)


def staff_write(name, *, ok, intake=None, **kw):
    """A form post on client_a: `ok` for roles that may write, 403 for intake unless `intake` says otherwise."""
    return Row(name, {**NOT_STAFF, "intake_a": intake or 403, "counsellor_a": ok, "manager_a": ok,
                      "counsellor_b": 404}, kwargs=kw.pop("kwargs", A), method="post", **kw)


def api(name, *, other_provider=200, seeker=200, **kw):
    return Row(name, {"anonymous": 403, "seeker_a": seeker, "intake_a": 200, "counsellor_a": 200, "manager_a": 200,
                      "counsellor_b": other_provider, "ministry": 403}, **kw)


ROWS = [
    staff_only("clients:list"),
    # Opens the draft where it was left.
    Row("clients:intake", {**NOT_STAFF, "intake_a": 302, "counsellor_a": 302, "manager_a": 302, "counsellor_b": 302}),
    staff_only("clients:intake_step", kwargs={"step": "intake_first_step"}),
    # An empty identity step is refused with the messages next to the fields.
    Row("clients:intake_step", {**NOT_STAFF, "intake_a": 422, "counsellor_a": 422, "manager_a": 422,
                                "counsellor_b": 422}, kwargs={"step": "intake_first_step"}, method="post"),
    Row("clients:intake_discard", {**NOT_STAFF, "intake_a": 302, "counsellor_a": 302, "manager_a": 302,
                                   "counsellor_b": 302}, method="post"),
    # Without the signed token that names a duplicate the staff member was shown, nothing happens.
    Row("clients:access_request", {**NOT_STAFF, "intake_a": 400, "counsellor_a": 400, "manager_a": 400,
                                   "counsellor_b": 400}, method="post"),
    staff_only("clients:occupation_search", data={"q": "software"}),
    staff_read("clients:detail"),
    staff_read("clients:panel_profile"),
    staff_write("clients:profile_edit", ok=422, intake=422),
    staff_read("clients:panel_consent"),
    staff_write("clients:consent_grant", ok=422, intake=422),
    staff_write("caseload:consent_withdraw", ok=302, intake=302,
                kwargs={"code": "client_a.code", "consent": "consent_a.code"}),
    staff_read("clients:panel_assessment"),
    Row("clients:assessment_new", {**NOT_STAFF, "intake_a": 403, "counsellor_a": 200, "manager_a": 200,
                                   "counsellor_b": 404}, kwargs=A),
    staff_write("clients:assessment_new", ok=422),
    staff_write("clients:assessment_override", ok=422,
                kwargs={"code": "client_a.code", "assessment": "assessment_a.code"}),
    staff_read("clients:panel_plan"),
    staff_write("clients:plan_goals", ok=302),
    staff_write("clients:plan_item_add", ok=422),
    staff_write("clients:plan_item_update", ok=422, kwargs={"code": "client_a.code", "item": "plan_item_a.code"}),
    # A job seeker with no record linked has nothing to consent on; staff never act as the job seeker.
    Row("clients:me_consent_grant", {"anonymous": LOGIN, "seeker_a": 404, "intake_a": 403, "counsellor_a": 403,
                                     "manager_a": 403, "counsellor_b": 403, "ministry": 403}, method="post"),
    Row("caseload:me_consent_withdraw", {"anonymous": LOGIN, "seeker_a": 302, "intake_a": 403, "counsellor_a": 403,
                                        "manager_a": 403, "counsellor_b": 403, "ministry": 403},
        kwargs={"consent": "consent_a.code"}, method="post"),
    # The job seeker's own pages: the matrix's seeker_a has no record linked (404); nobody else is a job seeker.
    Row("clients:me_privacy", {"anonymous": LOGIN, "seeker_a": 404, "intake_a": 403, "counsellor_a": 403,
                               "manager_a": 403, "counsellor_b": 403, "ministry": 403}),
    # Invitations: any staff role of the client's provider invites (an empty form is a 422); the join pages are
    # public; an invitation opened while signed in as anyone else is refused (403).
    staff_write("clients:invitation_create", ok=422, intake=422),
    Row("clients:join", dict.fromkeys(("anonymous", "seeker_a", "intake_a", "counsellor_a", "manager_a",
                                       "counsellor_b", "ministry"), 200)),
    Row("clients:join", dict.fromkeys(("anonymous", "seeker_a", "intake_a", "counsellor_a", "manager_a",
                                       "counsellor_b", "ministry"), 422), method="post"),
    Row("clients:join_token", {"anonymous": 200, "seeker_a": 403, "intake_a": 403, "counsellor_a": 403,
                               "manager_a": 403, "counsellor_b": 403, "ministry": 403},
        kwargs={"token": "invitation_a.token"}),
    api("clients_api:client-list"),
    api("clients_api:client-detail", other_provider=404, kwargs=A),
    api("clients_api:assessment-list"),
    api("clients_api:plan-list"),
    api("clients_api:plan-detail", other_provider=404, kwargs={"code": "plan_a.code"}),
]
