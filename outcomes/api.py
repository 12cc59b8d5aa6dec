"""Read-only API for placements, retention checks and support requests, scoped through the access door."""

from rest_framework import serializers
from rest_framework.routers import SimpleRouter

from espportal.api import ERRORS, ScopedReadOnlyViewSet
from espportal.pagination import KeysetPagination
from outcomes import filters
from outcomes.access import placements_for, retention_checks_for, support_requests_for
from outcomes.attribution_labels import labelled
from outcomes.models import Placement, RetentionCheck, SupportRequest

NOT_FOUND = {404: ERRORS[404]}


class PlacementSerializer(serializers.ModelSerializer):
    client = serializers.UUIDField(source="client.code", read_only=True)
    provider = serializers.UUIDField(source="provider.code", read_only=True)
    employer = serializers.UUIDField(source="employer.code", read_only=True, allow_null=True)
    noc_code = serializers.CharField(source="occupation.code", read_only=True)
    # Codes for programs, and the words for people who read them, in the request's language.
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = Placement
        fields = ["code", "client", "provider", "employer", "employer_name", "start_date", "title", "noc_code",
                  "teer", "hours_per_week", "hourly_pay", "permanence", "benefits", "verification", "attribution",
                  "evidence", "attribution_contested", "quality_index", "quality_parts", "recorded_at"]

    def get_evidence(self, placement) -> list[dict]:
        return labelled(placement.evidence)


class RetentionCheckSerializer(serializers.ModelSerializer):
    placement = serializers.UUIDField(source="placement.code", read_only=True)

    class Meta:
        model = RetentionCheck
        fields = ["code", "placement", "milestone_months", "due_on", "status", "evidence_kind", "answered_at"]


class SupportRequestSerializer(serializers.ModelSerializer):
    client = serializers.UUIDField(source="client.code", read_only=True)

    class Meta:
        model = SupportRequest
        fields = ["code", "client", "category", "status", "opened_at", "employer_share_consent"]


class PlacementViewSet(ScopedReadOnlyViewSet):
    filterset_class = filters.PlacementFilterSet
    serializer_class = PlacementSerializer
    client_of = "client"
    queryset = Placement.objects.none()
    pagination_class = KeysetPagination  # grows with the provider: no COUNT(*), an index range a page

    def get_queryset(self):
        return placements_for(self.actor).select_related("client").order_by("-start_date", "-id")


class RetentionCheckViewSet(ScopedReadOnlyViewSet):
    filterset_class = filters.RetentionCheckFilterSet
    serializer_class = RetentionCheckSerializer
    client_of = "placement.client"
    queryset = RetentionCheck.objects.none()
    pagination_class = KeysetPagination  # grows with the provider: no COUNT(*), an index range a page

    def get_queryset(self):
        return retention_checks_for(self.actor).order_by("due_on", "id")


class SupportRequestViewSet(ScopedReadOnlyViewSet):
    """Confidential: only the client, the staff assigned to their case and the provider's managers see these."""

    filterset_class = filters.SupportRequestFilterSet
    serializer_class = SupportRequestSerializer
    client_of = "client"
    queryset = SupportRequest.objects.none()
    pagination_class = KeysetPagination  # grows with the provider: no COUNT(*), an index range a page

    def get_queryset(self):
        return support_requests_for(self.actor).order_by("-opened_at", "-id")


router = SimpleRouter()
router.register("placements", PlacementViewSet, basename="placement")
router.register("retention-checks", RetentionCheckViewSet, basename="retention-check")
router.register("support-requests", SupportRequestViewSet, basename="support-request")
app_name = "outcomes_api"
urlpatterns = router.urls
