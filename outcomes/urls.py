from django.urls import path

from outcomes import views

app_name = "outcomes"
urlpatterns = [
    path("ministry/", views.ministry, name="ministry"),
]
