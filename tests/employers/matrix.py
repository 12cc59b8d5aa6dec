from tests.matrix import LOGIN, Row


def read(name, *, other_provider=200, method="get", ok=200, **kw):
    """Counsellors, job developers and managers; not intake workers, job seekers or the ministry."""
    return Row(name, {"anonymous": LOGIN, "seeker_a": 403, "intake_a": 403, "counsellor_a": ok, "manager_a": ok,
                      "counsellor_b": other_provider, "ministry": 403}, method=method, **kw)


def write(name, *, ok=200, method="get", **kw):
    """Job developers and managers only (counsellor_b is a counsellor: 403 before any lookup)."""
    return Row(name, {"anonymous": LOGIN, "seeker_a": 403, "intake_a": 403, "counsellor_a": 403, "manager_a": ok,
                      "counsellor_b": 403, "ministry": 403}, method=method, **kw)


def api(name, *, other_provider=200, seeker=403, **kw):
    return Row(name, {"anonymous": 403, "seeker_a": seeker, "intake_a": 403, "counsellor_a": 200, "manager_a": 200,
                      "counsellor_b": other_provider, "ministry": 403}, **kw)


SEEKER_ONLY = {"anonymous": LOGIN, "intake_a": 403, "counsellor_a": 403, "manager_a": 403, "counsellor_b": 403,
               "ministry": 403}
EMPLOYER = {"code": "employer.code"}
LEAD = {"code": "lead_a.code"}
PAIR = {"code": "lead_a.code", "client_code": "candidate_a.code"}

ROWS = [
    read("employers:directory"),
    write("employers:employer_create"),
    read("employers:labour_market"),
    read("employers:employer_detail", kwargs=EMPLOYER),
    write("employers:relationship_set", kwargs=EMPLOYER, method="post", ok=302, data={"stage": "engaged"}),
    write("employers:contact_add", kwargs=EMPLOYER, method="post", ok=302, data={"name": "Pat", "role": "recruiter"}),
    read("employers:activity_create", kwargs=EMPLOYER),
    write("employers:lead_create", kwargs=EMPLOYER),
    read("employers:lead_board"),
    # An advertised lead is visible across the network; its candidates are each viewer's own clients.
    read("employers:lead_detail", kwargs=LEAD),
    write("employers:lead_edit", kwargs=LEAD),
    read("employers:match_share", kwargs=PAIR, method="post", ok=302, other_provider=404),
    read("employers:match_dismiss", kwargs=PAIR, method="post", ok=302, other_provider=404,
         data={"note": "Not the right time"}),
    read("employers:pipeline"),
    read("employers:match_move", kwargs={"code": "match_a.code"}, method="post", ok=302, other_provider=404,
         data={"status": "shared"}),
    Row("employers:client_panel", {"anonymous": LOGIN, "seeker_a": 403, "intake_a": 200, "counsellor_a": 200,
                                   "manager_a": 200, "counsellor_b": 404, "ministry": 403},
        kwargs={"code": "candidate_a.code"}),
    read("employers:why_not", kwargs={"code": "candidate_a.code", "lead_code": "lead_a.code"}, other_provider=404),
    api("employers_api:employer-list"),
    api("employers_api:employer-detail", kwargs=EMPLOYER),
    api("employers_api:lead-list"),
    api("employers_api:lead-detail", kwargs=LEAD),
    api("employers_api:match-list", seeker=200),
    # A suggestion not yet shared is not shown to the job seeker.
    api("employers_api:match-detail", kwargs={"code": "match_a.code"}, seeker=404, other_provider=404),
    # A job seeker answers a lead shared with them (the matrix posts a form, not JSON: 415 once past the access
    # checks); staff may not answer for them.
    Row("employers_api:match-answer", {"anonymous": 403, "seeker_a": 415, "intake_a": 403, "counsellor_a": 403,
                                       "manager_a": 403, "counsellor_b": 403, "ministry": 403},
        kwargs={"code": "shared_match_a.code"}, method="post"),
    # Learned preferences: the person's own, and those of the clients staff may see; undone by the person or by
    # staff of the provider serving them now.
    api("employers_api:preference-list", seeker=200),
    api("employers_api:preference-detail", kwargs={"code": "preference_a.code"}, seeker=200, other_provider=404),
    api("employers_api:preference-undo", kwargs={"code": "preference_a.code"}, seeker=200, other_provider=404,
        method="post"),
    api("employers_api:activity-list"),
    api("employers_api:activity-detail", kwargs={"code": "activity_a.code"}, other_provider=404),
    # The job seeker's own leads. The matrix's seeker_a has no record linked unless a row's kwargs name one: the
    # panel answers 404 (own_client); the answer URL names candidate_a's shared match, and an empty answer is a 422.
    Row("employers:me_panel", {**SEEKER_ONLY, "seeker_a": 404}),
    Row("employers:me_match_answer", {**SEEKER_ONLY, "seeker_a": 422}, kwargs={"code": "shared_match_a.code"},
        method="post"),
    # A lead shared by link: the job seeker sees it, with why it is not among their suggestions.
    Row("employers:me_lead", {**SEEKER_ONLY, "seeker_a": 200}, kwargs={"code": "shared_match_a.lead.code"}),
    Row("employers:me_why_not", {**SEEKER_ONLY, "seeker_a": 404}),
    # A learned preference is undone by the person (their own, by its code) or by staff of their current provider.
    Row("employers:me_preference_undo", {**SEEKER_ONLY, "seeker_a": 302}, kwargs={"code": "preference_a.code"},
        method="post"),
    read("employers:preference_undo", kwargs={"code": "candidate_a.code", "preference_code": "preference_a.code"},
         method="post", ok=302, other_provider=404),
]
