from django.urls import path

from clients import views

app_name = "clients"
urlpatterns = [
    path("me/", views.me, name="me"),
]
