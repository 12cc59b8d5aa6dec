from django.urls import include, path

from employers import seeker_views, views

# One employer's profile and the forms on it: employers/<code>/...
employer_patterns = [
    path("", views.employer_detail, name="employer_detail"),
    path("relationship/", views.relationship_set, name="relationship_set"),
    path("contacts/", views.contact_add, name="contact_add"),
    path("activities/new/", views.activity_create, name="activity_create"),
    path("leads/new/", views.lead_create, name="lead_create"),
]

# One lead, and what staff do with the clients matched to it: leads/<code>/...
lead_patterns = [
    path("", views.lead_detail, name="lead_detail"),
    path("edit/", views.lead_edit, name="lead_edit"),
    path("clients/<uuid:client_code>/share/", views.match_share, name="match_share"),
    path("clients/<uuid:client_code>/dismiss/", views.match_dismiss, name="match_dismiss"),
]

# The job seeker's own leads and preferences: me/...
seeker_patterns = [
    path("leads/", seeker_views.me_panel, name="me_panel"),
    path("leads/<uuid:code>/answer/", seeker_views.me_match_answer, name="me_match_answer"),
    path("jobs/why-not/", seeker_views.me_why_not, name="me_why_not"),
    path("jobs/<uuid:code>/", seeker_views.me_lead, name="me_lead"),
    path("preferences/<uuid:code>/undo/", seeker_views.me_preference_undo, name="me_preference_undo"),
]

app_name = "employers"
urlpatterns = [
    path("employers/", views.directory, name="directory"),
    path("employers/new/", views.employer_create, name="employer_create"),
    path("employers/labour-market/", views.labour_market, name="labour_market"),
    path("employers/<uuid:code>/", include(employer_patterns)),
    path("leads/", views.lead_board, name="lead_board"),
    path("leads/<uuid:code>/", include(lead_patterns)),
    path("pipeline/", views.pipeline, name="pipeline"),
    path("matches/<uuid:code>/move/", views.match_move, name="match_move"),
    path("clients/<uuid:code>/employers/", views.client_panel, name="client_panel"),
    path("clients/<uuid:code>/leads/<uuid:lead_code>/why-not/", views.why_not, name="why_not"),
    path("clients/<uuid:code>/preferences/<uuid:preference_code>/undo/", views.preference_undo,
         name="preference_undo"),
    path("me/", include(seeker_patterns)),
]
