"""The portal's WSGI application plus the benchmark's trivial view (`/__bench__/trivial/`), for the throughput
run only (`manage.py throughput` starts gunicorn on it). Never served in production: throughput refuses to run
there."""

from django.conf import settings
from django.urls import include, path

from espportal.wsgi import application  # noqa: F401  (the app gunicorn serves)
from outcomes.management.commands.bench import trivial

urlpatterns = [path("__bench__/trivial/", trivial), path("", include(settings.ROOT_URLCONF))]
settings.ROOT_URLCONF = __name__
