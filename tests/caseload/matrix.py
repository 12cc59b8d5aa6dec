"""Caseload URLs x personas (see tests/matrix.py). caseload:home is in tests/espportal/matrix.py.

case_a is provider A's case (counsellor_a assigned). Pages answer 404 to provider B (no hint it exists),
403 to job seekers, ministry analysts and roles too low to write; forms posted empty answer 422 to whoever may
write. The API answers anonymous callers 403 and posts of form data 415 (it speaks JSON).
"""

from tests.matrix import LOGIN, PERSONAS, Row, staff_only

OUTSIDERS = {"anonymous": LOGIN, "seeker_a": 403, "ministry": 403}


def case_page(name, kwargs, *, intake=200, counsellor_a=200, manager_a=200, counsellor_b=404, method="get"):
    return Row(name, {**OUTSIDERS, "intake_a": intake, "counsellor_a": counsellor_a, "manager_a": manager_a,
                      "counsellor_b": counsellor_b}, kwargs=kwargs, method=method)


def case_write(name, kwargs, **kw):
    """An empty form posted to a case: 422 for those who may write, 403 for intake, 404 across providers."""
    return case_page(name, kwargs, intake=403, counsellor_a=422, manager_a=422, method="post", **kw)


def managers_only(name, *, method="get", ok=200):
    return Row(name, {**OUTSIDERS, "intake_a": 403, "counsellor_a": 403, "manager_a": ok, "counsellor_b": 403},
               method=method)


def api(name, *, kwargs=None, method="get", **expect):
    statuses = {"anonymous": 403, "seeker_a": 403, "ministry": 403, "intake_a": 200, "counsellor_a": 200,
                "manager_a": 200, "counsellor_b": 200}
    statuses.update(expect)
    return Row(name, statuses, kwargs=kwargs or {}, method=method)


CASE = {"code": "case_a.code"}
ROWS = [
    case_page("caseload:case", CASE),
    case_write("caseload:note_create", CASE),
    case_write("caseload:case_status", CASE),
    case_write("caseload:case_close", CASE),
    # Reopening is a manager's; case_a is open, so the manager's attempt is refused with the reason (422).
    case_page("caseload:case_reopen", CASE, intake=403, counsellor_a=403, manager_a=422, counsellor_b=403,
              method="post"),
    case_write("caseload:first_meeting", CASE),
    case_write("caseload:task_create", CASE),
    case_write("caseload:appointment_create", CASE),
    case_write("caseload:transfer_create", CASE),
    case_write("caseload:referral_create", CASE),
    # Reassigning is a manager's call: the role is checked before the case is looked up.
    case_page("caseload:case_reassign", CASE, method="post", intake=403, counsellor_a=403, manager_a=422,
              counsellor_b=403),
    case_write("caseload:note_amend", {"code": "note_a.code"}),
    # The brief is counsellor_a2's: acknowledging someone else's brief is refused.
    case_page("caseload:brief_acknowledge", {"code": "brief_a.code"}, method="post", intake=403,
              counsellor_a=403, manager_a=403),
    # Only the assignee completes their task; for anyone else it does not exist.
    case_page("caseload:task_complete", {"code": "task_a.code"}, method="post", intake=404, counsellor_a=302,
              manager_a=404),
    case_write("caseload:appointment_record", {"code": "appointment_a.code"}),
    case_write("caseload:appointment_reschedule", {"code": "appointment_a.code"}),
    # Provider B sees the pending transfer (the client consented) but only the sending provider completes it.
    case_page("caseload:transfer_complete", {"code": "transfer_a.code"}, method="post", intake=403,
              counsellor_a=302, manager_a=302, counsellor_b=403),
    Row("caseload:referrals", {**OUTSIDERS, "intake_a": 403, "counsellor_a": 200, "manager_a": 200,
                               "counsellor_b": 200}),
    # referral_a is addressed to counsellor_a2, none of these personas.
    case_page("caseload:referral_respond", {"code": "referral_a.code"}, method="post", intake=403,
              counsellor_a=404, manager_a=404),
    case_page("caseload:referral_complete", {"code": "referral_a.code"}, method="post", intake=403,
              counsellor_a=404, manager_a=404),
    staff_only("caseload:specialists"),
    managers_only("caseload:manager"),
    managers_only("caseload:bulk_reassign", method="post", ok=422),
    case_page("caseload:client_panel", {"code": "case_client_a.code"}),
    case_page("caseload:case_open", {"code": "case_client_a.code"}, method="post", intake=422, counsellor_a=422,
              manager_a=422),
    # --- API ---
    api("caseload_api:case-list"),
    api("caseload_api:case-detail", kwargs=CASE, counsellor_b=404),
    api("caseload_api:note-list"),
    api("caseload_api:note-list", method="post", intake_a=415, counsellor_a=415, manager_a=415, counsellor_b=415),
    api("caseload_api:note-detail", kwargs={"code": "note_a.code"}, counsellor_b=404),
    api("caseload_api:note-amend", kwargs={"code": "note_a.code"}, method="post", intake_a=415,
        counsellor_a=415, manager_a=415, counsellor_b=404),
    api("caseload_api:task-list"),
    api("caseload_api:task-detail", kwargs={"code": "task_a.code"}, intake_a=404, manager_a=404,
        counsellor_b=404),
    api("caseload_api:task-complete", kwargs={"code": "task_a.code"}, method="post", intake_a=404, manager_a=404,
        counsellor_b=404),
    api("caseload_api:appointment-list"),
    api("caseload_api:appointment-detail", kwargs={"code": "appointment_a.code"}, counsellor_b=404),
    api("caseload_api:transfer-list"),
    # The client consented to share with provider B, so B sees the transfer too.
    api("caseload_api:transfer-detail", kwargs={"code": "transfer_a.code"}),
    api("caseload_api:referral-list"),
    api("caseload_api:referral-detail", kwargs={"code": "referral_a.code"}, counsellor_b=404),
]

assert all(set(row.expect) == set(PERSONAS) for row in ROWS)

# The job seeker's own case: the matrix's seeker_a has no record linked, which is a 404 (own_client).
ROWS += [
    Row("caseload:me_panel", {"anonymous": LOGIN, "seeker_a": 404, "intake_a": 403, "counsellor_a": 403,
                              "manager_a": 403, "counsellor_b": 403, "ministry": 403}),
    Row("caseload:me_transfer", {"anonymous": LOGIN, "seeker_a": 404, "intake_a": 403, "counsellor_a": 403,
                                 "manager_a": 403, "counsellor_b": 403, "ministry": 403}, method="post"),
]


def _seeker(name, seeker_a, *, method="get", kwargs=None):
    return Row(name, {"anonymous": LOGIN, "seeker_a": seeker_a, "intake_a": 403, "counsellor_a": 403,
                      "manager_a": 403, "counsellor_b": 403, "ministry": 403}, kwargs=kwargs or {}, method=method)


# My counsellor, my appointments, a question about my plan. Rows naming appointment_a / plan_item_a link seeker_a
# to that record (case_a's / client_a's client), so seeker_a reaches their own; an empty form is a 422.
ROWS += [
    _seeker("caseload:me_counsellor", 404),
    _seeker("caseload:me_appointments", 404),
    _seeker("caseload:me_appointment_confirm", 302, method="post", kwargs={"code": "appointment_a.code"}),
    _seeker("caseload:me_appointment_reschedule", 200, kwargs={"code": "appointment_a.code"}),
    _seeker("caseload:me_appointment_reschedule", 422, method="post", kwargs={"code": "appointment_a.code"}),
    _seeker("caseload:me_plan_item_done", 302, method="post", kwargs={"item": "plan_item_a.code"}),
    _seeker("caseload:me_plan_question", 200, kwargs={"item": "plan_item_a.code"}),
    _seeker("caseload:me_plan_question", 422, method="post", kwargs={"item": "plan_item_a.code"}),
]
