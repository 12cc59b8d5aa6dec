"""The employer network over HTTP: employers, leads, matches (with score and reasons) and activities."""

from django.db.models import Q
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.routers import SimpleRouter

from clients.access import rows_for
from employers import filters, selectors
from employers.access import READ_ROLES
from employers.models import Employer, EngagementActivity, JobLead, Match
from employers.reasons import SEEKER, STAFF, match_reasons, reason_texts
from espportal.access import actor_for
from espportal.api import ERRORS, DetailSerializer, ScopedViewSetMixin

NOT_FOUND = ERRORS[404]
FORBIDDEN = OpenApiResponse(DetailSerializer, description="Signed in, but your role may not read this.")


class StaffReadMixin(ScopedViewSetMixin):
    def staff_actor(self):
        actor = self.actor
        if not actor.is_staff_member or actor.role not in READ_ROLES:
            raise PermissionDenied
        return actor


class EmployerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Employer
        fields = ["code", "name", "postal_code", "sector", "size_band", "website", "inclusive_hiring",
                  "hiring_needs"]


class LeadSerializer(serializers.ModelSerializer):
    employer = serializers.UUIDField(source="employer.code")
    employer_name = serializers.CharField(source="employer.name")

    class Meta:
        model = JobLead
        fields = ["code", "employer", "employer_name", "title", "noc_code", "teer", "remote", "postal_code",
                  "region", "pay_min", "pay_max", "hours_per_week", "permanence", "accommodations_offered",
                  "positions", "source", "unadvertised", "closing_date", "status", "created_at"]


class MatchSerializer(serializers.ModelSerializer):
    client = serializers.UUIDField(source="client.code")
    lead = serializers.UUIDField(source="lead.code")
    lead_title = serializers.CharField(source="lead.title")
    reasons = serializers.SerializerMethodField()

    class Meta:
        model = Match
        fields = ["code", "client", "lead", "lead_title", "score", "reasons", "flags", "status", "status_reason",
                  "created_at", "shared_at"]

    def get_reasons(self, match) -> list[str]:
        """In the language of the request; to a job seeker about their own match ("your goal"), to staff about
        the client ("the client's goal"). Accommodation notes ("ask the employer") reflect the client's needs now."""
        request = self.context.get("request")
        staff = request is not None and actor_for(request).is_staff_member
        return reason_texts(match_reasons(match, match.client.accommodations), reader=STAFF if staff else SEEKER)


class ActivitySerializer(serializers.ModelSerializer):
    employer = serializers.UUIDField(source="employer.code")
    attendees = serializers.SerializerMethodField()

    class Meta:
        model = EngagementActivity
        fields = ["code", "kind", "date", "employer", "attendees"]

    def get_attendees(self, activity) -> list[str]:
        return [str(a.client.code) for a in activity.attendance.all()]


@extend_schema_view(list=extend_schema(responses={200: EmployerSerializer, 403: FORBIDDEN}),
                    retrieve=extend_schema(responses={200: EmployerSerializer, 403: FORBIDDEN, 404: NOT_FOUND}))
class EmployerViewSet(StaffReadMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The network's employers: one record each, shared by every provider."""

    filterset_class = filters.EmployerFilterSet
    serializer_class = EmployerSerializer
    queryset = Employer.objects.none()

    def get_queryset(self):
        self.staff_actor()
        return Employer.objects.order_by("name")


@extend_schema_view(list=extend_schema(responses={200: LeadSerializer, 403: FORBIDDEN}),
                    retrieve=extend_schema(responses={200: LeadSerializer, 403: FORBIDDEN, 404: NOT_FOUND}))
class LeadViewSet(StaffReadMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Advertised leads across the network, and this provider's unadvertised ones."""

    filterset_class = filters.LeadFilterSet
    serializer_class = LeadSerializer
    queryset = JobLead.objects.none()

    def get_queryset(self):
        return selectors.leads_visible(self.staff_actor()).select_related("employer").order_by("-created_at", "-id")


@extend_schema_view(list=extend_schema(responses={200: MatchSerializer, 403: FORBIDDEN}),
                    retrieve=extend_schema(responses={200: MatchSerializer, 404: NOT_FOUND}))
class MatchViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Matches of the clients the caller may see. A job seeker sees their own once shared with them."""

    filterset_class = filters.MatchFilterSet
    serializer_class = MatchSerializer
    queryset = Match.objects.none()
    client_of = "client"

    def get_queryset(self):
        actor = self.actor
        qs = rows_for(actor, Match.objects.select_related("client", "lead")).order_by("-score", "-id")
        if actor.is_job_seeker:
            qs = qs.filter(~Q(status__in=[Match.Status.SUGGESTED, Match.Status.DISMISSED]))
        elif not actor.is_staff_member or actor.role not in READ_ROLES:
            raise PermissionDenied
        return qs


@extend_schema_view(list=extend_schema(responses={200: ActivitySerializer, 403: FORBIDDEN}),
                    retrieve=extend_schema(responses={200: ActivitySerializer, 403: FORBIDDEN, 404: NOT_FOUND}))
class ActivityViewSet(StaffReadMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """This provider's engagement activities; attendees only among clients the caller may see."""

    filterset_class = filters.ActivityFilterSet
    serializer_class = ActivitySerializer
    queryset = EngagementActivity.objects.none()

    def clients_opened(self, activity) -> list:
        """An activity names its attendees among the clients the caller may see: each open is audited."""
        return [attendance.client for attendance in activity.attendance.all()]

    def get_queryset(self):
        return selectors.activities_for(self.staff_actor())


router = SimpleRouter()
router.register("employers", EmployerViewSet, basename="employer")
router.register("leads", LeadViewSet, basename="lead")
router.register("matches", MatchViewSet, basename="match")
router.register("activities", ActivityViewSet, basename="activity")
app_name = "employers_api"
urlpatterns = router.urls
