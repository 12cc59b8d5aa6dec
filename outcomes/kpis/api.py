"""/api/v1/kpis/: the ministry's KPIs as aggregates only, for BI tools (session or token authentication).

Filters (outcomes.kpis.filters.KpiFilterSet, the dashboard pages' own): period (a month 2026-04, fiscal quarter
2026-27-Q1 or fiscal year 2026-27; the latest rolled-up quarter by default), level (province, region or provider),
region, provider (its code) and group (a self-identified group); an unknown value of any answers 400. Every figure is the one the pages and the CSV show: the same Snapshot, the same suppression.
"""

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from espportal import audit
from espportal.access import actor_for
from espportal.api import DetailSerializer
from outcomes.kpis import periods, selectors
from outcomes.kpis.definitions import KPIS
from outcomes.kpis.export import raw
from outcomes.kpis.filters import LEVELS, KpiFilterSet


class FigureSerializer(serializers.Serializer):
    kpi = serializers.CharField(help_text="The KPI's slug.")
    value = serializers.JSONField(help_text='A number; "suppressed" (fewer than 5 people, or it would give a '
                                            'suppressed figure away); null when there is no data.')


class ScopeSerializer(serializers.Serializer):
    level = serializers.ChoiceField(LEVELS)
    key = serializers.CharField(help_text="Region code, provider code, or empty for the province.")
    name = serializers.CharField()
    figures = FigureSerializer(many=True)


class DefinitionSerializer(serializers.Serializer):
    kpi = serializers.CharField()
    label = serializers.CharField()
    unit = serializers.CharField()
    how = serializers.CharField(help_text="How the figure is computed: definition, numerator and denominator.")


class KpiAnswerSerializer(serializers.Serializer):
    period = serializers.CharField()
    period_label = serializers.CharField()
    as_of = serializers.DateTimeField(allow_null=True, help_text="When the rollup read was computed.")
    group = serializers.CharField(allow_blank=True)
    results = ScopeSerializer(many=True)
    definitions = DefinitionSerializer(many=True)


PARAMETERS = [
    OpenApiParameter("period", OpenApiTypes.STR, description="2026-04, 2026-27-Q1 or 2026-27"),
    OpenApiParameter("level", OpenApiTypes.STR, enum=list(LEVELS),
                     description="province (default), region or provider"),
    OpenApiParameter("region", OpenApiTypes.STR, description="a region code: only that region's rows"),
    OpenApiParameter("provider", OpenApiTypes.UUID, description="a provider's code: only that provider's row"),
    OpenApiParameter("group", OpenApiTypes.STR, description="a self-identified group code"),
]


class KpiView(APIView):
    """Aggregated KPIs, suppressed; ministry analysts (and their API tokens) only."""

    @extend_schema(parameters=PARAMETERS, responses={
        200: KpiAnswerSerializer,
        400: OpenApiResponse(DetailSerializer, description="An unknown period, level, region, provider or group; "
                                                           "the reason is in `detail`."),
        403: OpenApiResponse(DetailSerializer, description="Not a ministry analyst.")})
    def get(self, request):
        if not actor_for(request).is_ministry:
            raise PermissionDenied(_("Only ministry analysts may read the KPIs."))
        filters = KpiFilterSet(request.query_params, formats=[renderer.format for renderer in self.get_renderers()])
        if not filters.is_valid():
            raise ValidationError({"detail": filters.first_error()})
        chosen = filters.choices
        period = chosen.get("period") or selectors.latest_period("quarter") or periods.quarter_of(periods_today())
        region, group, provider = chosen.get("region") or None, chosen.get("group") or None, chosen.get("provider")
        level = chosen.get("level") or ("provider" if provider else "region" if region else "province")
        snap = selectors.snapshot(period)
        if level == "province":
            table = selectors.by_region(period, group=group, snap=snap)
            scopes = [("province", "", table.total)]
        elif level == "region":
            table = selectors.by_region(period, group=group, snap=snap)
            scopes = [("region", row.key, row) for row in table.rows if not region or row.key == region]
        else:
            table = selectors.comparison(period, region=region, group=group, snap=snap)
            scopes = [("provider", row.key, row) for row in table.rows
                      if provider is None or row.key == str(provider.code)]
        audit.record(action="kpis.api_read", request=request,
                     detail={"period": period.key, "level": level, "region": region or "",
                             "provider": str(provider.code) if provider else "", "group": group or ""})
        return Response({
            "period": period.key, "period_label": period.label, "as_of": table.as_of, "group": group or "",
            "results": [{"level": lvl, "key": key, "name": row.label,
                         "figures": [{"kpi": kpi.slug, "value": raw(row.figures.get(kpi.slug))}
                                     for kpi in table.columns]}
                        for lvl, key, row in scopes],
            "definitions": [{"kpi": k.slug, "label": str(k.label), "unit": k.unit, "how": str(k.how)}
                            for k in KPIS if k in table.columns],
        })


def periods_today():
    return timezone.localdate()


app_name = "kpis_api"
urlpatterns = [path("kpis/", KpiView.as_view(), name="kpis")]
