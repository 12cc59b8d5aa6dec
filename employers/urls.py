from django.urls import path

from employers import seeker_views, views

app_name = "employers"
urlpatterns = [
    path("employers/", views.directory, name="directory"),
    path("employers/new/", views.employer_create, name="employer_create"),
    path("employers/labour-market/", views.labour_market, name="labour_market"),
    path("employers/<uuid:code>/", views.employer_detail, name="employer_detail"),
    path("employers/<uuid:code>/relationship/", views.relationship_set, name="relationship_set"),
    path("employers/<uuid:code>/contacts/", views.contact_add, name="contact_add"),
    path("employers/<uuid:code>/activities/new/", views.activity_create, name="activity_create"),
    path("employers/<uuid:code>/leads/new/", views.lead_create, name="lead_create"),
    path("leads/", views.lead_board, name="lead_board"),
    path("leads/<uuid:code>/", views.lead_detail, name="lead_detail"),
    path("leads/<uuid:code>/edit/", views.lead_edit, name="lead_edit"),
    path("leads/<uuid:code>/clients/<uuid:client_code>/share/", views.match_share, name="match_share"),
    path("leads/<uuid:code>/clients/<uuid:client_code>/dismiss/", views.match_dismiss, name="match_dismiss"),
    path("pipeline/", views.pipeline, name="pipeline"),
    path("matches/<uuid:code>/move/", views.match_move, name="match_move"),
    path("clients/<uuid:code>/employers/", views.client_panel, name="client_panel"),
    path("clients/<uuid:code>/leads/<uuid:lead_code>/why-not/", views.why_not, name="why_not"),
    path("me/leads/", seeker_views.me_panel, name="me_panel"),
    path("me/leads/<uuid:code>/answer/", seeker_views.me_match_answer, name="me_match_answer"),
    path("me/jobs/why-not/", seeker_views.me_why_not, name="me_why_not"),
    path("me/jobs/<uuid:code>/", seeker_views.me_lead, name="me_lead"),
    path("me/preferences/<uuid:code>/undo/", seeker_views.me_preference_undo, name="me_preference_undo"),
    path("clients/<uuid:code>/preferences/<uuid:preference_code>/undo/", views.preference_undo,
         name="preference_undo"),
]
