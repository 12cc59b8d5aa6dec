from tests.matrix import LOGIN, PERSONAS, Row

MINE = {"code": "complaint_a.code"}
THEIRS = {"code": "complaint_b.code"}
CLIENT = {"code": "case_client_a.code"}


def _ministry_only(name, kwargs=None, *, method="get", ministry=200):
    """Every /ministry/ URL: counsellors, managers and job seekers get 403, the ministry `ministry`."""
    expect = dict.fromkeys(PERSONAS, 403)
    expect.update(anonymous=LOGIN, ministry=ministry)
    return Row(name, expect, kwargs=kwargs or {}, method=method)


def _seeker_only(name, kwargs=None, *, method="get", seeker_a=200):
    expect = dict.fromkeys(PERSONAS, 403)
    expect.update(anonymous=LOGIN, seeker_a=seeker_a)
    return Row(name, expect, kwargs=kwargs or {}, method=method)


ROWS = [
    _seeker_only("quality:me_complaints"),
    _seeker_only("quality:me_complaint_create"),
    _seeker_only("quality:me_complaint_create", method="post", seeker_a=422),  # empty body: a clear message
    _seeker_only("quality:me_complaint", MINE),
    # seeker_a reaches nothing of seeker_b's complaints: it does not exist for them.
    _seeker_only("quality:me_complaint", THEIRS, seeker_a=404),
    # Staff who see the client file on their behalf; provider B does not know the client (404).
    Row("quality:complaint_create", {"anonymous": LOGIN, "seeker_a": 403, "intake_a": 200, "counsellor_a": 200,
                                     "manager_a": 200, "counsellor_b": 404, "ministry": 403}, kwargs=CLIENT),
    _ministry_only("quality:complaints"),
    _ministry_only("quality:complaint", MINE),
    _ministry_only("quality:complaint_assign", MINE, method="post", ministry=422),
    _ministry_only("quality:complaint_resolve", MINE, method="post", ministry=422),
    _ministry_only("quality:complaint_audit", MINE),
]

ROWS += [
    _ministry_only("quality:qa"),
    _ministry_only("quality:qa_sample_draw", method="post", ministry=422),
    _ministry_only("quality:qa_sample", {"code": "qa_sample_a.code"}),
    _ministry_only("quality:qa_finding_create", method="post", ministry=422),
    _ministry_only("quality:attribution_queue"),
    _ministry_only("quality:attribution_review", {"code": "contested_placement_a.contest_code"}),
    _ministry_only("quality:attribution_review", {"code": "contested_placement_a.contest_code"}, method="post",
                   ministry=422),
    # The provider's manager sees who their provider's sample drew (names, contact) to arrange the interviews;
    # counsellors do not, and a manager elsewhere does not know the sample exists (counsellor_b: 403 by role).
    Row("quality:qa_interviews", {"anonymous": LOGIN, "seeker_a": 403, "intake_a": 403, "counsellor_a": 403,
                                  "manager_a": 200, "counsellor_b": 403, "ministry": 403}),
    Row("quality:qa_interview_sample", {"anonymous": LOGIN, "seeker_a": 403, "intake_a": 403, "counsellor_a": 403,
                                        "manager_a": 200, "counsellor_b": 403, "ministry": 403},
        kwargs={"code": "qa_sample_a.code"}),
    # The provider's staff read the decision on their placement; provider B does not know it exists.
    Row("quality:placement_review", {"anonymous": LOGIN, "seeker_a": 403, "intake_a": 200, "counsellor_a": 200,
                                     "manager_a": 200, "counsellor_b": 404, "ministry": 403},
        kwargs={"code": "contested_placement_a.code"}),
]

EVERYONE = dict.fromkeys(PERSONAS, 200)
ROWS += [
    _seeker_only("quality:me_survey", {"code": "survey_a.code"}),
    _seeker_only("quality:me_survey", {"code": "survey_b.code"}, seeker_a=404),
    _seeker_only("quality:me_survey", {"code": "survey_a.code"}, method="post", seeker_a=422),  # no score chosen
    # No sign-in: the token is the key, whoever holds the link.
    Row("quality:employer_survey", EVERYONE, kwargs={"token": "employer_survey_a.token"}),
    Row("quality:survey_results", {"anonymous": LOGIN, "seeker_a": 403, "intake_a": 200, "counsellor_a": 200,
                                   "manager_a": 200, "counsellor_b": 200, "ministry": 403}),
]
