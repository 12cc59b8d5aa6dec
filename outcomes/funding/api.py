"""/api/v1/funding/: the payment ledger and what-if totals, for the ministry's BI tools (ministry analysts only).

Aggregates and ledger rows name providers, never a job seeker or a placement.
"""

from django.urls import path
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from espportal.api import ErrorSerializer, IsMinistry, ScopedViewSetMixin
from outcomes.funding import forms, selectors, whatif
from outcomes.funding.filters import LedgerFilter
from outcomes.funding.models import LedgerEntry


class LedgerEntrySerializer(serializers.ModelSerializer):
    provider = serializers.UUIDField(source="provider.code", read_only=True)
    provider_name = serializers.CharField(source="provider.name", read_only=True)
    model = serializers.CharField(source="version.model.code", read_only=True)
    version_effective_from = serializers.DateField(source="version.effective_from", read_only=True)
    reverses = serializers.UUIDField(source="reverses.code", read_only=True, allow_null=True)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True,
                                      help_text="Canadian dollars; a reversal is negative.")

    class Meta:
        model = LedgerEntry
        fields = ["code", "provider", "provider_name", "milestone", "kind", "amount", "earned_on", "model",
                  "version_effective_from", "reverses", "posted_at"]


class LedgerViewSet(ScopedViewSetMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Ledger rows, newest first; filter by provider code, milestone dates (start, end) and milestone."""

    permission_classes = [IsAuthenticated, IsMinistry]
    serializer_class = LedgerEntrySerializer
    queryset = LedgerEntry.objects.none()
    filter_backends = [DjangoFilterBackend]
    filterset_class = LedgerFilter

    def get_queryset(self):
        return selectors.ledger() if self.actor.is_ministry else LedgerEntry.objects.none()


class WhatIfColumnSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="The funding model's code.")
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=["block", "outcome"])
    effective_from = serializers.DateField(help_text="The parameters in effect at the period's start.")


class WhatIfProviderSerializer(serializers.Serializer):
    provider = serializers.UUIDField()
    provider_name = serializers.CharField()
    clients_served = serializers.JSONField(help_text='A number, or "suppressed" when fewer than 5 people.')
    milestones = serializers.JSONField(help_text='A number, or "suppressed" when reached by fewer than 5 people.')
    amounts = serializers.DictField(child=serializers.DecimalField(max_digits=14, decimal_places=2),
                                    help_text="Model code -> dollars for the period.")


class WhatIfSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    models = WhatIfColumnSerializer(many=True)
    providers = WhatIfProviderSerializer(many=True)
    totals = serializers.DictField(child=serializers.DecimalField(max_digits=14, decimal_places=2),
                                   help_text="Model code -> dollars, all providers.")


class WhatIfView(APIView):
    permission_classes = [IsAuthenticated, IsMinistry]

    @extend_schema(
        summary="What each funding model pays each provider for a period",
        parameters=[OpenApiParameter("start", str, required=True, description="YYYY-MM-DD"),
                    OpenApiParameter("end", str, required=True, description="YYYY-MM-DD, on or after start")],
        responses={200: WhatIfSerializer, 400: ErrorSerializer},
    )
    def get(self, request):
        period = forms.PeriodForm(request.query_params)
        if not period.is_valid():
            raise serializers.ValidationError({name: [str(e) for e in errors]
                                               for name, errors in period.errors.items()})
        result = whatif.compare(start=period.cleaned_data["start"], end=period.cleaned_data["end"])
        data = {
            "start": result.start, "end": result.end,
            "models": [{"key": c.key, "name": c.name, "kind": c.kind, "effective_from": c.version.effective_from}
                       for c in result.columns],
            "providers": [{"provider": row.provider.code, "provider_name": row.provider.name,
                           "clients_served": whatif.as_data(row.clients_served_shown),
                           "milestones": whatif.as_data(row.milestones_shown),
                           "amounts": row.amounts} for row in result.rows],
            "totals": result.totals,
        }
        return Response(WhatIfSerializer(data).data)


router = SimpleRouter()
router.register("funding/ledger", LedgerViewSet, basename="ledger")

app_name = "funding_api"
urlpatterns = [path("funding/what-if/", WhatIfView.as_view(), name="whatif"), *router.urls]
