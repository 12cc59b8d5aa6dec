from tests.matrix import LOGIN, Row

# /ministry/ is the ministry analysts' alone: every staff role and job seekers get 403.
MINISTRY_ONLY = {"anonymous": LOGIN, "seeker_a": 403, "intake_a": 403, "counsellor_a": 403, "manager_a": 403,
                 "counsellor_b": 403, "ministry": 200}
PROVIDER = {"code": "provider_a.code"}
REGION = {"region": "provider_a.region"}

ROWS = [
    Row("kpis:overview", MINISTRY_ONLY),
    Row("kpis:comparison", MINISTRY_ONLY),
    Row("kpis:provider", MINISTRY_ONLY, kwargs=PROVIDER),
    Row("kpis:region", MINISTRY_ONLY, kwargs=REGION),
    # A manager's own provider beside the provincial median; nobody else's business.
    Row("kpis_team:panel", {"anonymous": LOGIN, "seeker_a": 403, "intake_a": 403, "counsellor_a": 403,
                            "manager_a": 200, "counsellor_b": 403, "ministry": 403}),
]
ROWS.append(Row("kpis_api:kpis", {"anonymous": 403, "seeker_a": 403, "intake_a": 403, "counsellor_a": 403,
                                  "manager_a": 403, "counsellor_b": 403, "ministry": 200}))
