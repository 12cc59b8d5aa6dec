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
    amounts = serializers.DictField(child=serializers.JSONField(), help_text=(
        'Model code -> dollars for the period ("1800.00"), or "suppressed" where a block amount would give a '
        "count of fewer than 5 clients away (outcomes.funding.whatif.block_suppression)."))


def _amounts_field(help_text: str):
    return serializers.DictField(child=serializers.JSONField(), help_text=help_text)


class WhatIfTotalsSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    models = WhatIfColumnSerializer(many=True)
    totals = _amounts_field('Model code -> dollars, all providers, or "suppressed" (a block total on fewer than '
                            "5 clients).")


class WhatIfSerializer(WhatIfTotalsSerializer):
    providers = WhatIfProviderSerializer(many=True)


class LedgerProviderTotalSerializer(serializers.Serializer):
    provider = serializers.UUIDField()
    provider_name = serializers.CharField()
    total = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="Dollars; reversals deducted.")


class LedgerTotalsSerializer(serializers.Serializer):
    total = serializers.DecimalField(max_digits=14, decimal_places=2,
                                     help_text="Every ledger row whose milestone date is in the period, in dollars.")
    providers = LedgerProviderTotalSerializer(many=True)


class FundingSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    ledger = LedgerTotalsSerializer()
    whatif = WhatIfTotalsSerializer()


def _money(amount) -> str | None:
    return None if amount is None else f"{amount:.2f}"


def _period(params, *, default: bool):
    """(start, end) from ?start= &end= (PeriodForm); the fiscal year to date when both are absent and `default`;
    a 400 with the reasons by field otherwise."""
    if default and not params.get("start") and not params.get("end"):
        initial = forms.PeriodForm.default_initial()
        return initial["start"], initial["end"]
    period = forms.PeriodForm(params)
    if not period.is_valid():
        raise serializers.ValidationError({name: [str(e) for e in errors] for name, errors in period.errors.items()})
    return period.cleaned_data["start"], period.cleaned_data["end"]


def _whatif_totals(result) -> dict:
    return {"start": result.start, "end": result.end,
            "models": [{"key": c.key, "name": c.name, "kind": c.kind, "effective_from": c.version.effective_from}
                       for c in result.columns],
            "totals": {c.key: whatif.as_data(_money(amount)) for c, amount in zip(result.columns,
                                                                                  result.shown_totals, strict=True)}}


class WhatIfView(APIView):
    permission_classes = [IsAuthenticated, IsMinistry]

    @extend_schema(
        summary="What each funding model pays each provider for a period",
        parameters=[OpenApiParameter("start", str, required=True, description="YYYY-MM-DD"),
                    OpenApiParameter("end", str, required=True, description="YYYY-MM-DD, on or after start")],
        responses={200: WhatIfSerializer, 400: ErrorSerializer},
    )
    def get(self, request):
        start, end = _period(request.query_params, default=False)
        result = whatif.compare(start=start, end=end)
        data = {
            **_whatif_totals(result),
            "providers": [{"provider": row.provider.code, "provider_name": row.provider.name,
                           "clients_served": whatif.as_data(row.clients_served_shown),
                           "milestones": whatif.as_data(row.milestones_shown),
                           "amounts": {c.key: whatif.as_data(_money(amount))
                                       for c, amount in zip(result.columns, row.shown_cells, strict=True)}}
                          for row in result.rows],
        }
        return Response(WhatIfSerializer(data).data)


class FundingView(APIView):
    """/api/v1/funding/: for one period, the payment ledger's totals (all providers and each) and the what-if's
    totals by model, in one answer; the rows are at /api/v1/funding/ledger/ and /api/v1/funding/what-if/."""

    permission_classes = [IsAuthenticated, IsMinistry]

    @extend_schema(
        summary="Ledger and what-if totals for a period",
        parameters=[OpenApiParameter("start", str, description="YYYY-MM-DD; with end, or neither (the fiscal "
                                                               "year to date)"),
                    OpenApiParameter("end", str, description="YYYY-MM-DD, on or after start")],
        responses={200: FundingSerializer, 400: ErrorSerializer},
    )
    def get(self, request):
        start, end = _period(request.query_params, default=True)
        ledger = selectors.ledger_totals(start=start, end=end)
        data = {"start": start, "end": end,
                "ledger": {"total": ledger["total"],
                           "providers": [{"provider": row["provider__code"], "provider_name": row["provider__name"],
                                          "total": row["total"]} for row in ledger["providers"]]},
                "whatif": _whatif_totals(whatif.compare(start=start, end=end))}
        return Response(FundingSerializer(data).data)


router = SimpleRouter()
router.register("funding/ledger", LedgerViewSet, basename="ledger")

app_name = "funding_api"
urlpatterns = [path("funding/", FundingView.as_view(), name="funding"),
               path("funding/what-if/", WhatIfView.as_view(), name="whatif"), *router.urls]
