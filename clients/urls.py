from django.urls import include, path

from clients.views import file, intake, invitation, reference, seeker

# Registering a job seeker, step by step: clients/new/...
intake_patterns = [
    path("", intake.intake, name="intake"),
    path("discard/", intake.intake_discard, name="intake_discard"),
    path("request-access/", intake.access_request, name="access_request"),
    path("<slug:step>/", intake.intake_step, name="intake_step"),
]

# One job seeker's file, its panels and the forms on them: clients/<code>/...
file_patterns = [
    path("", file.client_detail, name="detail"),
    path("invitations/", invitation.invitation_create, name="invitation_create"),
    path("panels/profile/", file.panel_profile, name="panel_profile"),
    path("profile/", file.profile_edit, name="profile_edit"),
    path("panels/consent/", file.panel_consent, name="panel_consent"),
    path("consents/", file.consent_grant, name="consent_grant"),
    path("panels/assessment/", file.panel_assessment, name="panel_assessment"),
    path("assessments/new/", file.assessment_new, name="assessment_new"),
    path("assessments/<uuid:assessment>/override/", file.assessment_override, name="assessment_override"),
    path("panels/plan/", file.panel_plan, name="panel_plan"),
    path("plan/goals/", file.plan_goals, name="plan_goals"),
    path("plan/items/", file.plan_item_add, name="plan_item_add"),
    path("plan/items/<uuid:item>/", file.plan_item_update, name="plan_item_update"),
]

app_name = "clients"
urlpatterns = [
    path("me/", seeker.me, name="me"),
    path("me/privacy/", seeker.me_privacy, name="me_privacy"),
    path("me/consents/grant/", seeker.me_consent_grant, name="me_consent_grant"),
    path("join/", invitation.join, name="join"),
    path("join/<str:token>/", invitation.join_token, name="join_token"),
    path("clients/", file.client_list, name="list"),
    path("clients/new/", include(intake_patterns)),
    path("clients/occupations/", reference.occupation_search, name="occupation_search"),
    path("clients/<uuid:code>/", include(file_patterns)),
]
