from tests.matrix import LOGIN, PERSONAS, Row, everyone_signed_in

ROWS = [
    Row("home", {"anonymous": LOGIN, "seeker_a": 302, "intake_a": 302, "counsellor_a": 302, "manager_a": 302,
                 "counsellor_b": 302, "ministry": 302}),
    everyone_signed_in("healthz", anonymous=200),
    Row("language_set", dict.fromkeys(PERSONAS, 302), method="post", data={"language": "fr"}),
    everyone_signed_in("espportal:notifications"),
    # Someone else's notification does not exist for you.
    everyone_signed_in("espportal:notification_read", status=404, method="post",
                       kwargs={"code": "notification_of_manager_b.code"}),
    # A search picker's options (espportal.pickers): staff only, scoped to their provider.
    Row("espportal:pick", {"anonymous": LOGIN, "seeker_a": 403, "intake_a": 200, "counsellor_a": 200,
                           "manager_a": 200, "counsellor_b": 200, "ministry": 403}, kwargs={"name": "picker_name"}),
    # The provider's audit log: its managers only.
    Row("api:audit-event-list", {"anonymous": 403, "seeker_a": 403, "intake_a": 403, "counsellor_a": 403,
                                 "manager_a": 200, "counsellor_b": 403, "ministry": 403}),
    everyone_signed_in("api_schema", anonymous=403),
    everyone_signed_in("api:me-list", anonymous=403),
    everyone_signed_in("api:notification-list", anonymous=403),
    everyone_signed_in("api:notification-detail", anonymous=403, status=404,
                       kwargs={"code": "notification_of_manager_b.code"}),
    # The matrix posts a form; the API speaks JSON only, so a signed-in caller reaches the view and gets 415.
    everyone_signed_in("api:notification-mark-read", anonymous=403, status=415, method="post"),
    Row("caseload:home", {"anonymous": LOGIN, "seeker_a": 403, "intake_a": 200, "counsellor_a": 200,
                          "manager_a": 200, "counsellor_b": 200, "ministry": 403}),
    Row("clients:me", {"anonymous": LOGIN, "seeker_a": 200, "intake_a": 403, "counsellor_a": 403,
                       "manager_a": 403, "counsellor_b": 403, "ministry": 403}),
]
