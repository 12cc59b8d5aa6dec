"""The employer network over HTTP: employers, leads, matches (with score and reasons) and activities."""

from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from clients.access import rows_for
from clients.models import Accommodation
from employers import filters, matching, selectors, services, services_preferences
from employers.access import (
    READ_ROLES,
    activities_for,
    lead_branches,
    leads_visible,
    preferences_changeable,
    preferences_for,
)
from employers.models import AnswerReason, Employer, EngagementActivity, JobLead, LearnedPreference, Match
from employers.reasons import SEEKER, STAFF, match_reason_text, reason_texts
from employers.scoring_rows import with_required_ids
from espportal.access import actor_for, get_or_404, open_reason
from espportal.api import ERRORS, DetailSerializer, ScopedReadOnlyViewSet, ScopedViewSetMixin
from espportal.pagination import KeysetPagination

NOT_FOUND = ERRORS[404]
REFUSED = ERRORS[400]
FORBIDDEN = OpenApiResponse(DetailSerializer, description="Signed in, but your role may not read this.")


class StaffReadMixin(ScopedViewSetMixin):
    pagination_class = KeysetPagination  # the network's employers and leads, a provider's activities: no COUNT(*)
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
                  "accommodations_known", "positions", "source", "unadvertised", "closing_date", "status", "created_at"]


class MatchListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        """A page of matches: their reasons worked out now for the whole page at once (matching.refresh_reasons,
        a fixed number of queries), not one person and one lead at a time."""
        rows = list(data.all() if hasattr(data, "all") else data)
        return super().to_representation(matching.refresh_reasons(rows))


class MatchSerializer(serializers.ModelSerializer):
    client = serializers.UUIDField(source="client.code")
    lead = serializers.UUIDField(source="lead.code")
    lead_title = serializers.CharField(source="lead.title")
    reasons = serializers.SerializerMethodField()
    status_label = serializers.SerializerMethodField(
        help_text="The status in the language of the request, as its reader reads it: to a job seeker about "
                  "themselves (\"Shared with you\"), to staff about the client (\"Declined by the client\").")
    status_reason = serializers.SerializerMethodField(
        help_text="Why it is not for the person, in the language of the request: the structured reason, then "
                  "their own words.")

    class Meta:
        model = Match
        list_serializer_class = MatchListSerializer
        fields = ["code", "client", "lead", "lead_title", "score", "reasons", "flags", "status", "status_label", "status_reason",
                  "status_reason_code", "status_reason_accommodation", "created_at", "shared_at"]

    def get_status_label(self, match) -> str:
        request = self.context.get("request")
        return match.status_for(seeker=request is None or not actor_for(request).is_staff_member)

    def get_status_reason(self, match) -> str:
        return match_reason_text(match)

    def get_reasons(self, match) -> list[str]:
        """In the language of the request; to a job seeker about their own match ("your goal"), to staff about
        the client ("the client's goal"). Worked out now from the person's profile and the lead as they are today
        (matching.refresh_reasons), never as stored when the lead was shared."""
        request = self.context.get("request")
        staff = request is not None and actor_for(request).is_staff_member
        if not hasattr(match, "current_reasons"):  # one match alone (retrieve, answer)
            matching.refresh_reasons([match])
        return reason_texts(match.current_reasons, reader=STAFF if staff else SEEKER)


class AnswerSerializer(serializers.Serializer):
    """A job seeker's answer to a lead shared with them (as the "not for me" form on /me/)."""

    answer = serializers.ChoiceField(choices=[(Match.Status.INTERESTED, "interested"),
                                              (Match.Status.NOT_FOR_ME, "not for me")])
    reason = serializers.ChoiceField(choices=AnswerReason.choices, required=False, allow_blank=True,
                                     help_text="Why it is not for you; required with not_for_me.")
    accommodation = serializers.ChoiceField(choices=Accommodation.choices, required=False, allow_blank=True,
                                            help_text="With reason=accessibility: the need the workplace does "
                                                      "not meet.")
    details = serializers.CharField(max_length=300, required=False, allow_blank=True,
                                    help_text="Your own words; required with reason=other.")

    def validate(self, data):
        if data["answer"] == Match.Status.NOT_FOR_ME and not data.get("reason"):
            raise serializers.ValidationError({"reason": [_("Tell us why this job is not for you.")]})
        return data


class PreferenceSerializer(serializers.ModelSerializer):
    client = serializers.UUIDField(source="client.code", read_only=True)
    lead = serializers.SerializerMethodField()
    lead_title = serializers.SerializerMethodField()
    reason_label = serializers.SerializerMethodField(
        help_text="The reason, in the language of the request: to the job seeker, in their words for their own answer "
                  "and about them for their counsellor's dismissal; about them to staff.")
    text = serializers.SerializerMethodField(
        help_text="What it changed, in the language of the request: to the job seeker, or about them to staff.")

    class Meta:
        model = LearnedPreference
        fields = ["code", "client", "source", "reason", "reason_label", "effect", "text", "field", "before", "after",
                  "lead", "lead_title", "created_at", "undone_at"]
        extra_kwargs = {"source": {"read_only": True, "help_text": "Who taught it: the job seeker's own answer "
                                   "or their counsellor's dismissal."}}

    def get_lead(self, preference) -> str | None:
        return str(preference.match.lead.code) if preference.match_id else None

    def get_lead_title(self, preference) -> str:
        return preference.match.lead.title if preference.match_id else ""

    def get_reason_label(self, preference) -> str:
        request = self.context.get("request")
        if request is not None and actor_for(request).is_staff_member:
            return preference.staff_reason_label
        return preference.seeker_reason_label

    def get_text(self, preference) -> str:
        request = self.context.get("request")
        staff = request is not None and actor_for(request).is_staff_member
        return selectors.preference_text(preference, staff=staff)


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
class EmployerViewSet(StaffReadMixin, ScopedReadOnlyViewSet):
    """The network's employers: one record each, shared by every provider."""

    filterset_class = filters.EmployerFilterSet
    serializer_class = EmployerSerializer
    queryset = Employer.objects.none()

    def get_queryset(self):
        self.staff_actor()
        return Employer.objects.order_by("name", "id")


@extend_schema_view(list=extend_schema(responses={200: LeadSerializer, 403: FORBIDDEN}),
                    retrieve=extend_schema(responses={200: LeadSerializer, 403: FORBIDDEN, 404: NOT_FOUND}))
class LeadViewSet(StaffReadMixin, ScopedReadOnlyViewSet):
    """Advertised leads across the network, and this provider's unadvertised ones."""

    filterset_class = filters.LeadFilterSet
    serializer_class = LeadSerializer
    queryset = JobLead.objects.none()

    def get_queryset(self):
        actor = self.staff_actor()
        if self.action == "list":  # each branch on its own index, one query a page (pagination.Branches)
            return lead_branches(actor).select_related("employer").order_by("-created_at", "-id")
        return leads_visible(actor).select_related("employer").order_by("-created_at", "-id")


@extend_schema_view(list=extend_schema(responses={200: MatchSerializer, 403: FORBIDDEN}),
                    retrieve=extend_schema(responses={200: MatchSerializer, 404: NOT_FOUND}))
class MatchViewSet(ScopedReadOnlyViewSet):
    """Matches of the clients the caller may see. A job seeker sees their own once shared with them."""

    filterset_class = filters.MatchFilterSet
    serializer_class = MatchSerializer
    queryset = Match.objects.none()
    client_of = "client"
    pagination_class = KeysetPagination

    def get_queryset(self):
        actor = self.actor
        qs = with_required_ids(rows_for(actor, Match.objects.select_related("client", "lead")).order_by("-score", "-id"))
        if actor.is_job_seeker:
            qs = qs.filter(~Q(status__in=[Match.Status.SUGGESTED, Match.Status.DISMISSED]))
        elif not actor.is_staff_member or actor.role not in READ_ROLES:
            raise PermissionDenied
        return qs

    @extend_schema(request=AnswerSerializer, responses={200: MatchSerializer, 400: REFUSED, 403: FORBIDDEN,
                                                        404: NOT_FOUND})
    @action(detail=True, methods=["post"])
    def answer(self, request, code=None):
        """The job seeker answers a lead shared with them: interested, or not for me with a reason (which
        teaches their suggestions, as on /me/). Staff: 403; a match not shared with the caller: 404."""
        if not self.actor.is_job_seeker:
            raise PermissionDenied
        match = self.get_object()
        payload = AnswerSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        match = services.match_answer(match=match, by=request.user, answer=data["answer"],
                                      reason=data.get("details", ""), reason_code=data.get("reason", ""),
                                      accommodation=data.get("accommodation", ""))
        return Response(MatchSerializer(match, context=self.get_serializer_context()).data)


@extend_schema_view(list=extend_schema(responses={200: PreferenceSerializer, 403: FORBIDDEN}),
                    retrieve=extend_schema(responses={200: PreferenceSerializer, 403: FORBIDDEN, 404: NOT_FOUND}))
class PreferenceViewSet(ScopedReadOnlyViewSet):
    """What the job seeker's answers (and their counsellor's dismissals with a reason) taught their suggestions: a
    job seeker's own, staff's for the clients they may see (employers.access.preferences_for)."""

    filterset_class = filters.PreferenceFilterSet
    serializer_class = PreferenceSerializer
    queryset = LearnedPreference.objects.none()
    client_of = "client"
    pagination_class = KeysetPagination

    def get_queryset(self):
        actor = self.actor
        if not actor.is_job_seeker and not (actor.is_staff_member and actor.role in READ_ROLES):
            raise PermissionDenied
        return preferences_for(actor).select_related("client", "occupation", "employer", "match__lead").order_by(
            "-created_at", "-id")

    @extend_schema(request=None, responses={200: PreferenceSerializer, 403: FORBIDDEN, 404: NOT_FOUND})
    @action(detail=True, methods=["post"])
    def undo(self, request, code=None):
        """Undo it: it stops counting, and a profile field it changed goes back (unless changed since). The job
        seeker undoes their own; staff those of the clients their provider serves now; anyone else's: 404. A
        second undo answers as the first."""
        self.get_queryset()  # the role check: 403 before any lookup
        preference = get_or_404(
            request, preferences_changeable(self.actor).select_related("client"), code=code,
            what="learnedpreference", client_of=lambda p: p.client, reason=lambda p: open_reason(self.actor, p.client))
        preference = services_preferences.preference_undo(preference=preference, by=request.user)
        preference = self.get_queryset().get(pk=preference.pk)
        return Response(PreferenceSerializer(preference, context=self.get_serializer_context()).data)


@extend_schema_view(list=extend_schema(responses={200: ActivitySerializer, 403: FORBIDDEN}),
                    retrieve=extend_schema(responses={200: ActivitySerializer, 403: FORBIDDEN, 404: NOT_FOUND}))
class ActivityViewSet(StaffReadMixin, ScopedReadOnlyViewSet):
    """This provider's engagement activities; attendees only among clients the caller may see."""

    filterset_class = filters.ActivityFilterSet
    serializer_class = ActivitySerializer
    queryset = EngagementActivity.objects.none()

    def clients_opened(self, activity) -> list:
        """An activity names its attendees among the clients the caller may see: each open is audited."""
        return [attendance.client for attendance in activity.attendance.all()]

    def get_queryset(self):
        return activities_for(self.staff_actor())


router = SimpleRouter()
router.register("employers", EmployerViewSet, basename="employer")
router.register("leads", LeadViewSet, basename="lead")
router.register("matches", MatchViewSet, basename="match")
router.register("activities", ActivityViewSet, basename="activity")
router.register("preferences", PreferenceViewSet, basename="preference")
app_name = "employers_api"
urlpatterns = router.urls
