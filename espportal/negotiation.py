"""The API's content negotiation (settings.REST_FRAMEWORK's DEFAULT_CONTENT_NEGOTIATION_CLASS). Its own module:
DRF imports it while defining APIView, so it may not import rest_framework.views (nor espportal.api)."""

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.negotiation import DefaultContentNegotiation


class ContentNegotiation(DefaultContentNegotiation):
    """DRF's negotiation, except that a ?format= naming no renderer of the endpoint (?format=xml) is a 400 that
    lists the formats it has, rather than DRF's bare 404 (a bad parameter value is the caller's to fix)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404:
            value = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE, "")
            allowed = ", ".join(sorted({renderer.format for renderer in renderers}))
            raise serializers.ValidationError({"format": [
                _("“%(value)s” is not a format of this API: use %(allowed)s.") % {"value": value,
                                                                                   "allowed": allowed}]}) from None
