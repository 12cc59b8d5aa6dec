from django.urls import include, path

from outcomes import seeker_views, views

# One support request and the forms on it: support/<code>/...
support_patterns = [
    path("", views.support_detail, name="support"),
    path("messages/", views.support_reply, name="support_reply"),
    path("consent/", views.support_consent, name="support_consent"),
    path("referrals/", views.support_refer, name="support_refer"),
]

# The job seeker's own data, support and check-ins: me/...
seeker_patterns = [
    path("data/", seeker_views.me_data, name="me_data"),
    path("data.json", seeker_views.me_data_json, name="me_data_json"),
    path("support/", seeker_views.me_support, name="me_support"),
    path("checks/", seeker_views.me_checks, name="me_checks"),
    path("checks/<uuid:code>/", seeker_views.me_check_answer, name="me_check_answer"),
]

app_name = "outcomes"
urlpatterns = [
    path("clients/<uuid:code>/placements/new/", views.placement_create, name="placement_create"),
    path("clients/<uuid:code>/outcomes/", views.client_panel, name="client_panel"),
    path("clients/<uuid:code>/support/new/", views.support_create, name="support_create"),
    path("placements/<uuid:code>/", views.placement_detail, name="placement"),
    path("placements/<uuid:code>/contest/", views.placement_contest, name="placement_contest"),
    path("check-ins/", views.checks_due, name="checks_due"),
    path("check-ins/<uuid:code>/answer/", views.check_answer, name="check_answer"),
    path("me/", include(seeker_patterns)),
    path("support/", views.support_list, name="support_list"),
    path("support/<uuid:code>/", include(support_patterns)),
]
