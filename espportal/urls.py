from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from espportal import views

app_patterns = (
    [
        path("notifications/", views.notification_list, name="notifications"),
        path("notifications/<uuid:code>/read/", views.notification_read, name="notification_read"),
        path("pick/<slug:name>/", views.pick, name="pick"),
    ],
    "espportal",
)

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz/", views.healthz, name="healthz"),
    path("lang/", views.language_set, name="language_set"),
    path("", include(app_patterns)),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/v1/", include("espportal.api")),
    path("api/v1/", include("clients.api")),
    path("api/v1/", include("outcomes.api")),
    path("api/v1/", include("caseload.api")),
    path("api/v1/", include("employers.api")),
    path("api/v1/", include("outcomes.kpis.api")),
    path("api/v1/", include("outcomes.funding.api")),
    path("", include("clients.urls")),
    path("", include("caseload.urls")),
    path("", include("employers.urls")),
    path("", include("outcomes.urls")),
    path("ministry/", include("outcomes.kpis.urls")),
    path("team/kpis/", include("outcomes.kpis.team_urls")),
    path("", include("outcomes.quality.urls")),
    path("", include("outcomes.funding.urls")),
]

handler400 = "espportal.views.bad_request"
handler404 = "espportal.views.not_found"
handler500 = "espportal.views.server_error"
