from django.urls import path

from clients.views import file, intake, invitation, reference, seeker

app_name = "clients"
urlpatterns = [
    path("me/", seeker.me, name="me"),
    path("me/privacy/", seeker.me_privacy, name="me_privacy"),
    path("me/consents/grant/", seeker.me_consent_grant, name="me_consent_grant"),
    path("join/", invitation.join, name="join"),
    path("join/<str:token>/", invitation.join_token, name="join_token"),
    path("clients/<uuid:code>/invitations/", invitation.invitation_create, name="invitation_create"),
    path("clients/", file.client_list, name="list"),
    path("clients/new/", intake.intake, name="intake"),
    path("clients/new/discard/", intake.intake_discard, name="intake_discard"),
    path("clients/new/request-access/", intake.access_request, name="access_request"),
    path("clients/new/<slug:step>/", intake.intake_step, name="intake_step"),
    path("clients/occupations/", reference.occupation_search, name="occupation_search"),
    path("clients/<uuid:code>/", file.client_detail, name="detail"),
    path("clients/<uuid:code>/panels/profile/", file.panel_profile, name="panel_profile"),
    path("clients/<uuid:code>/profile/", file.profile_edit, name="profile_edit"),
    path("clients/<uuid:code>/panels/consent/", file.panel_consent, name="panel_consent"),
    path("clients/<uuid:code>/consents/", file.consent_grant, name="consent_grant"),
    path("clients/<uuid:code>/panels/assessment/", file.panel_assessment, name="panel_assessment"),
    path("clients/<uuid:code>/assessments/new/", file.assessment_new, name="assessment_new"),
    path("clients/<uuid:code>/assessments/<uuid:assessment>/override/", file.assessment_override,
         name="assessment_override"),
    path("clients/<uuid:code>/panels/plan/", file.panel_plan, name="panel_plan"),
    path("clients/<uuid:code>/plan/goals/", file.plan_goals, name="plan_goals"),
    path("clients/<uuid:code>/plan/items/", file.plan_item_add, name="plan_item_add"),
    path("clients/<uuid:code>/plan/items/<uuid:item>/", file.plan_item_update, name="plan_item_update"),
]
