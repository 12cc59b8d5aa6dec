from django.urls import path

from outcomes.kpis import views

app_name = "kpis"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("providers/", views.comparison, name="comparison"),
    path("providers/<str:code>/", views.provider_detail, name="provider"),
    path("regions/<slug:region>/", views.region_detail, name="region"),
]
