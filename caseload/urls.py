from django.urls import include, path

from caseload import seeker_views, views

# One case's page and the forms on it: caseload/cases/<code>/...
case_patterns = [
    path("", views.case_detail, name="case"),
    path("notes/", views.note_create, name="note_create"),
    path("reassign/", views.case_reassign, name="case_reassign"),
    path("stage/", views.case_status, name="case_status"),
    path("close/", views.case_close, name="case_close"),
    path("reopen/", views.case_reopen, name="case_reopen"),
    path("first-meeting/", views.case_first_meeting, name="first_meeting"),
    path("tasks/", views.task_create, name="task_create"),
    path("appointments/", views.appointment_create, name="appointment_create"),
    path("transfer/", views.transfer_create, name="transfer_create"),
    path("referrals/", views.referral_create, name="referral_create"),
]

# Staff pages: caseload/...
staff_patterns = [
    path("", views.home, name="home"),
    path("cases/<uuid:code>/", include(case_patterns)),
    path("notes/<uuid:code>/amend/", views.note_amend, name="note_amend"),
    path("briefs/<uuid:code>/acknowledge/", views.brief_acknowledge, name="brief_acknowledge"),
    path("tasks/<uuid:code>/done/", views.task_complete, name="task_complete"),
    path("appointments/<uuid:code>/attendance/", views.appointment_record, name="appointment_record"),
    path("appointments/<uuid:code>/reschedule/", views.appointment_reschedule, name="appointment_reschedule"),
    path("transfers/<uuid:code>/complete/", views.transfer_complete, name="transfer_complete"),
    path("referrals/", views.referral_list, name="referrals"),
    path("referrals/<uuid:code>/answer/", views.referral_respond, name="referral_respond"),
    path("referrals/<uuid:code>/complete/", views.referral_complete, name="referral_complete"),
    path("specialists/", views.specialist_list, name="specialists"),
    path("team/", views.manager, name="manager"),
    path("team/reassign/", views.bulk_reassign, name="bulk_reassign"),
    path("clients/<uuid:code>/panel/", views.client_panel, name="client_panel"),
    path("clients/<uuid:code>/open/", views.case_open, name="case_open"),
]

# The job seeker's own pages: me/...
seeker_patterns = [
    path("consents/<uuid:consent>/withdraw/", seeker_views.me_consent_withdraw, name="me_consent_withdraw"),
    path("case/", seeker_views.me_panel, name="me_panel"),
    path("case/transfer/", seeker_views.me_transfer, name="me_transfer"),
    path("counsellor/", seeker_views.me_counsellor, name="me_counsellor"),
    path("appointments/", seeker_views.me_appointments, name="me_appointments"),
    path("appointments/<uuid:code>/confirm/", seeker_views.me_appointment_confirm, name="me_appointment_confirm"),
    path("appointments/<uuid:code>/reschedule/", seeker_views.me_appointment_reschedule,
         name="me_appointment_reschedule"),
    path("plan/items/<uuid:item>/done/", seeker_views.me_plan_item_done, name="me_plan_item_done"),
    path("plan/items/<uuid:item>/question/", seeker_views.me_plan_question, name="me_plan_question"),
]

app_name = "caseload"
urlpatterns = [
    path("caseload/", include(staff_patterns)),
    # Withdrawing a consent stops the transfers and referrals that depended on it (caseload's), so caseload serves it.
    path("clients/<uuid:code>/consents/<uuid:consent>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("me/", include(seeker_patterns)),
]
