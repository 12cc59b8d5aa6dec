from tests.matrix import LOGIN, PERSONAS, Row, everyone_signed_in, staff_only

# The API answers anonymous callers 403 (session auth, no login redirect). Lists are scoped, so everyone signed in
# gets 200 (an empty page when nothing is theirs). Provider B's rows: counsellor_b (assigned to the case) sees
# them; for everyone else they do not exist (404).


def _only_counsellor_b(name, code):
    expect = dict.fromkeys(PERSONAS, 404)
    expect.update(anonymous=403, counsellor_b=200)
    return Row(name, expect, kwargs={"code": code})


def _page(name, kwargs, *, method="get", seeker_a=403, intake_a=200, counsellor_a=200, manager_a=200,
          counsellor_b=404):
    """Provider A's record: provider B does not know it exists (404); ministry analysts never see people (403)."""
    return Row(name, {"anonymous": LOGIN, "seeker_a": seeker_a, "intake_a": intake_a, "counsellor_a": counsellor_a,
                      "manager_a": manager_a, "counsellor_b": counsellor_b, "ministry": 403},
               kwargs=kwargs, method=method)


CLIENT = {"code": "case_client_a.code"}
PLACEMENT = {"code": "placement_a.code"}
CHECK = {"code": "retention_check_due_a.code"}
SUPPORT = {"code": "support_request_a.code"}
SEEKER_ONLY = {"anonymous": LOGIN, "intake_a": 403, "counsellor_a": 403, "manager_a": 403, "counsellor_b": 403,
               "ministry": 403}

ROWS = [
    everyone_signed_in("outcomes_api:placement-list", anonymous=403),
    everyone_signed_in("outcomes_api:retention-check-list", anonymous=403),
    everyone_signed_in("outcomes_api:support-request-list", anonymous=403),
    _only_counsellor_b("outcomes_api:placement-detail", "placement_b.code"),
    _only_counsellor_b("outcomes_api:retention-check-detail", "retention_check_b.code"),
    _only_counsellor_b("outcomes_api:support-request-detail", "support_request_b.code"),
    # Recording a placement is case work at the client's current provider; an empty form answers 422.
    _page("outcomes:placement_create", CLIENT, intake_a=403),
    _page("outcomes:placement_create", CLIENT, method="post", intake_a=403, counsellor_a=422, manager_a=422),
    _page("outcomes:client_panel", CLIENT),
    _page("outcomes:placement", PLACEMENT),
    _page("outcomes:placement_contest", PLACEMENT, method="post", intake_a=403, counsellor_a=422, manager_a=422),
    staff_only("outcomes:checks_due"),
    _page("outcomes:check_answer", CHECK, method="post", intake_a=403, counsellor_a=422, manager_a=422),
    # Download my data: the matrix's seeker_a has no record linked (404); staff and ministry are not job seekers.
    Row("outcomes:me_data", {**SEEKER_ONLY, "seeker_a": 404}),
    Row("outcomes:me_data_json", {**SEEKER_ONLY, "seeker_a": 404}),
    # Help at work: a support request started from /me/ (the matrix's seeker_a has no record linked: 404).
    Row("outcomes:me_support", {**SEEKER_ONLY, "seeker_a": 404}),
    Row("outcomes:me_support", {**SEEKER_ONLY, "seeker_a": 404}, method="post"),
    Row("outcomes:me_checks", {**SEEKER_ONLY, "seeker_a": 200}),
    Row("outcomes:me_check_answer", {**SEEKER_ONLY, "seeker_a": 422}, kwargs=CHECK, method="post"),
    # Support is confidential: the client, the staff assigned to the case and the provider's managers. Other staff
    # of the same provider get 403 where they name the client (opening one) and 404 for someone's request.
    Row("outcomes:support_list", {"anonymous": LOGIN, **{p: 200 for p in PERSONAS if p != "anonymous"},
                                  "ministry": 403}),
    _page("outcomes:support_create", CLIENT, seeker_a=200, intake_a=403),
    _page("outcomes:support_create", CLIENT, method="post", seeker_a=422, intake_a=403, counsellor_a=422,
          manager_a=422),
    _page("outcomes:support", SUPPORT, seeker_a=200, intake_a=404),
    _page("outcomes:support_reply", SUPPORT, method="post", seeker_a=422, intake_a=404, counsellor_a=422,
          manager_a=422),
    # Only the client says whether the employer may be involved; only staff refer to outside help.
    _page("outcomes:support_consent", SUPPORT, method="post", seeker_a=422, intake_a=404, counsellor_a=403,
          manager_a=403),
    _page("outcomes:support_refer", SUPPORT, method="post", seeker_a=403, intake_a=404, counsellor_a=422,
          manager_a=422),
]
