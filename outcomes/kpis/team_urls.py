"""The manager's own-provider KPI panel, outside /ministry/ (which is the ministry's alone): /team/kpis/."""

from django.urls import path

from outcomes.kpis import views

app_name = "kpis_team"
urlpatterns = [path("", views.team_panel, name="panel")]
