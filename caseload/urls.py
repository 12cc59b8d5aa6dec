from django.urls import path

from caseload import seeker_views, views

app_name = "caseload"
urlpatterns = [
    path("caseload/", views.home, name="home"),
    path("caseload/cases/<uuid:code>/", views.case_detail, name="case"),
    path("caseload/cases/<uuid:code>/notes/", views.note_create, name="note_create"),
    path("caseload/cases/<uuid:code>/reassign/", views.case_reassign, name="case_reassign"),
    path("caseload/cases/<uuid:code>/stage/", views.case_status, name="case_status"),
    path("caseload/cases/<uuid:code>/first-meeting/", views.case_first_meeting, name="first_meeting"),
    path("caseload/cases/<uuid:code>/tasks/", views.task_create, name="task_create"),
    path("caseload/cases/<uuid:code>/appointments/", views.appointment_create, name="appointment_create"),
    path("caseload/cases/<uuid:code>/transfer/", views.transfer_create, name="transfer_create"),
    path("caseload/cases/<uuid:code>/referrals/", views.referral_create, name="referral_create"),
    path("caseload/notes/<uuid:code>/amend/", views.note_amend, name="note_amend"),
    path("caseload/briefs/<uuid:code>/acknowledge/", views.brief_acknowledge, name="brief_acknowledge"),
    path("caseload/tasks/<uuid:code>/done/", views.task_complete, name="task_complete"),
    path("caseload/appointments/<uuid:code>/attendance/", views.appointment_record, name="appointment_record"),
    path("caseload/appointments/<uuid:code>/reschedule/", views.appointment_reschedule,
         name="appointment_reschedule"),
    path("caseload/transfers/<uuid:code>/complete/", views.transfer_complete, name="transfer_complete"),
    path("caseload/referrals/", views.referral_list, name="referrals"),
    path("caseload/referrals/<uuid:code>/answer/", views.referral_respond, name="referral_respond"),
    path("caseload/referrals/<uuid:code>/complete/", views.referral_complete, name="referral_complete"),
    # Withdrawing a consent stops the transfers and referrals that depended on it (caseload's), so caseload serves it.
    path("clients/<uuid:code>/consents/<uuid:consent>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("me/consents/<uuid:consent>/withdraw/", seeker_views.me_consent_withdraw, name="me_consent_withdraw"),
    path("caseload/specialists/", views.specialist_list, name="specialists"),
    path("caseload/team/", views.manager, name="manager"),
    path("caseload/team/reassign/", views.bulk_reassign, name="bulk_reassign"),
    path("caseload/clients/<uuid:code>/panel/", views.client_panel, name="client_panel"),
    path("caseload/clients/<uuid:code>/open/", views.case_open, name="case_open"),
    path("me/case/", views.me_panel, name="me_panel"),
    path("me/case/transfer/", views.me_transfer, name="me_transfer"),
    path("me/counsellor/", seeker_views.me_counsellor, name="me_counsellor"),
    path("me/appointments/", seeker_views.me_appointments, name="me_appointments"),
    path("me/appointments/<uuid:code>/confirm/", seeker_views.me_appointment_confirm, name="me_appointment_confirm"),
    path("me/appointments/<uuid:code>/reschedule/", seeker_views.me_appointment_reschedule,
         name="me_appointment_reschedule"),
    path("me/plan/items/<uuid:item>/done/", seeker_views.me_plan_item_done, name="me_plan_item_done"),
    path("me/plan/items/<uuid:item>/question/", seeker_views.me_plan_question, name="me_plan_question"),
]
