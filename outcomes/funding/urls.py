from django.urls import path

from outcomes.funding import views

app_name = "funding"
urlpatterns = [
    path("ministry/funding/", views.funding_whatif, name="whatif"),
    path("ministry/funding/ledger/", views.funding_ledger, name="ledger"),
]
