"""REST API for job seekers' records, assessments and plans. Every queryset starts at the access door."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import SimpleRouter

from clients import assessment as instrument
from clients import filters, forms, services
from clients.access import ASSESS_ROLES, INTAKE_ROLES, clients_for, rows_for
from clients.models import (
    Accommodation,
    ActionPlan,
    Assessment,
    Client,
    PlanItem,
    SelfIdentification,
    Skill,
    postal_code_clean,
)
from espportal.api import (
    ERRORS,
    IsStaffOrJobSeeker,
    ScopedCodeField,
    ScopedReadOnlyViewSet,
    ScopedViewSetMixin,
)
from espportal.dates import date_rule
from espportal.pagination import KeysetPagination

PERMISSIONS = [IsAuthenticated, IsStaffOrJobSeeker]


class _StaffCreateMixin:
    """For a ScopedViewSetMixin viewset (after it in the bases, so the schema keeps that class's description):
    creating is for staff members whose role is in `create_roles` (anyone else gets 403); the serializers read the
    caller as `actor` from their context (the provider they write for)."""

    create_roles: frozenset[str] = frozenset()

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "actor": self.actor}

    def create(self, request, *args, **kwargs):
        if not self.actor.is_staff_member or self.actor.role not in self.create_roles:
            raise PermissionDenied
        return super().create(request, *args, **kwargs)


class ClientSerializer(serializers.ModelSerializer):
    skills = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Skill.objects.all(), required=False)
    accommodations = serializers.ListField(child=serializers.ChoiceField(Accommodation.choices), required=False)
    self_identification = serializers.ListField(child=serializers.ChoiceField(SelfIdentification.choices),
                                                required=False)
    other_skills = serializers.ListField(child=serializers.CharField(max_length=80), required=False)
    # Normalised then checked in validate_postal_code, so " m5v-2t6" is accepted as typed and stored "M5V 2T6".
    postal_code = serializers.CharField(max_length=12)
    date_of_birth = serializers.DateField(validators=[date_rule("birth")])
    current_provider = serializers.SlugRelatedField(slug_field="code", read_only=True)
    days_waiting = serializers.SerializerMethodField()
    confirmed_not_duplicate = serializers.BooleanField(write_only=True, required=False, default=False)

    class Meta:
        model = Client
        fields = ["code", "first_name", "last_name", "date_of_birth", "email", "phone", "preferred_language",
                  "postal_code", "education_level", "education_field", "education_country", "foreign_credentials",
                  "credential_recognition", "skills", "other_skills", "accepts_permanent", "accepts_contract",
                  "accepts_seasonal", "accepts_casual", "wants_full_time", "wants_part_time", "min_hourly_wage",
                  "max_commute_km", "remote_ok", "accommodations", "accommodation_notes", "self_identification",
                  "self_identification_declined", "current_provider", "segment", "registered_at",
                  "first_meeting_at", "days_waiting", "confirmed_not_duplicate"]
        read_only_fields = ["code", "segment", "registered_at", "first_meeting_at"]

    def get_days_waiting(self, client) -> int:
        return client.days_waiting()

    def validate_postal_code(self, value):
        return postal_code_clean(value)

    def validate_date_of_birth(self, value):
        form = forms.IdentityForm()
        form.cleaned_data = {"date_of_birth": value}
        return forms.IdentityForm.clean_date_of_birth(form)

    def create(self, validated_data):
        request = self.context["request"]
        actor = self.context["actor"]
        skills = validated_data.pop("skills", [])
        confirmed = validated_data.pop("confirmed_not_duplicate", False)
        return services.client_register(provider=actor.provider, registered_by=request.user, skills=skills,
                                        confirmed_not_duplicate=confirmed, **validated_data)


@extend_schema_view(
    list=extend_schema(summary="Job seekers you may see"),
    retrieve=extend_schema(summary="One job seeker's record", responses={200: ClientSerializer, 404: ERRORS[404]}),
    create=extend_schema(
        summary="Register a job seeker (refused as a duplicate unless confirmed_not_duplicate)",
        responses={201: ClientSerializer, 400: ERRORS[400], 403: ERRORS[403]}),
)
class ClientViewSet(ScopedViewSetMixin, _StaffCreateMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                    mixins.CreateModelMixin, viewsets.GenericViewSet):
    filterset_class = filters.ClientFilterSet
    serializer_class = ClientSerializer
    queryset = Client.objects.none()
    client_of = ""
    permission_classes = PERMISSIONS
    pagination_class = KeysetPagination  # (last_name, id): index client_last_name_id, no COUNT(*)
    create_roles = INTAKE_ROLES

    def get_queryset(self):
        return clients_for(self.actor).select_related("current_provider").prefetch_related("skills").order_by(
            "last_name", "id")


def _fields_of(pairs, make) -> dict:
    return {key: make(key) for key, *_rest in pairs}


BarriersSerializer = type("BarriersSerializer", (serializers.Serializer,), _fields_of(
    instrument.BARRIERS, lambda key: serializers.IntegerField(min_value=0, max_value=3)))
SelfRatingSerializer = type("SelfRatingSerializer", (serializers.Serializer,), _fields_of(
    instrument.SELF_RATED_SKILLS, lambda key: serializers.IntegerField(
        min_value=min(instrument.SELF_RATING_RANGE), max_value=max(instrument.SELF_RATING_RANGE), required=False)))


class AnswersSerializer(serializers.Serializer):
    """The instrument's answers (clients/assessment.py), checked for shape before the service reads them."""

    barriers = BarriersSerializer(help_text="Each barrier rated 0 (none) to 3 (severe).")
    job_readiness = serializers.ChoiceField(choices=[key for key, *_rest in instrument.READINESS])
    interests = serializers.ListField(child=serializers.ChoiceField(choices=[k for k, _n in instrument.INTERESTS]),
                                      required=False, default=list)
    career_exploration_notes = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    skills_self_rating = SelfRatingSerializer(required=False, default=dict,
                                              help_text="Optional self-ratings, 1 (not confident) to 4.")


class AssessmentSerializer(serializers.ModelSerializer):
    client = ScopedCodeField(what="client", queryset=Client.objects.none())
    answers = AnswersSerializer()
    segment = serializers.IntegerField(read_only=True)
    assessed_by = serializers.SlugRelatedField(slug_field="code", read_only=True)
    reasons = serializers.ListField(child=serializers.CharField(), source="reason_texts", read_only=True,
                                    help_text="Why this segment, in the language of Accept-Language.")

    class Meta:
        model = Assessment
        fields = ["code", "client", "instrument_version", "answers", "points", "computed_segment",
                  "override_segment", "override_reason", "segment", "reasons", "assessed_by", "assessed_at"]
        read_only_fields = ["code", "instrument_version", "points", "computed_segment", "reasons", "assessed_by",
                            "assessed_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        actor = self.context.get("actor")
        if actor is not None:
            self.fields["client"].queryset = clients_for(actor)

    def validate(self, data):
        if data.get("override_segment") and not (data.get("override_reason") or "").strip():
            raise serializers.ValidationError({"override_reason": [_("Say why you override the computed segment.")]})
        return data

    def create(self, validated_data):
        request, actor = self.context["request"], self.context["actor"]
        client = validated_data["client"]
        if client.current_provider_id != actor.provider.pk:
            raise PermissionDenied
        return services.assessment_record(
            client=client, answers=validated_data["answers"], assessed_by=request.user, provider=actor.provider,
            override_segment=validated_data.get("override_segment"),
            override_reason=validated_data.get("override_reason", ""))


@extend_schema_view(
    list=extend_schema(summary="Assessments of job seekers you may see"),
    create=extend_schema(
        summary="Assess a job seeker of your provider (counsellors and managers)",
        description="`answers` follows the instrument in clients/assessment.py: barriers (0-3 each), "
                    "job_readiness, interests, career_exploration_notes, skills_self_rating.",
        responses={201: AssessmentSerializer, 400: ERRORS[400], 403: ERRORS[403], 404: ERRORS[404]}),
)
class AssessmentViewSet(ScopedViewSetMixin, _StaffCreateMixin, mixins.ListModelMixin, mixins.CreateModelMixin,
                        viewsets.GenericViewSet):
    filterset_class = filters.AssessmentFilterSet
    serializer_class = AssessmentSerializer
    queryset = Assessment.objects.none()
    permission_classes = PERMISSIONS
    pagination_class = KeysetPagination
    create_roles = ASSESS_ROLES

    def get_queryset(self):
        return rows_for(self.actor, Assessment.objects.all()).select_related("client", "assessed_by").order_by(
            "-assessed_at", "-id")


class PlanItemSerializer(serializers.ModelSerializer):
    service = serializers.SlugRelatedField(slug_field="code", read_only=True)
    kind = serializers.CharField(source="service.kind", read_only=True, default=None)
    provider = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = PlanItem
        fields = ["code", "title", "service", "kind", "provider", "is_referral", "due_on", "status", "outcome",
                  "completed_at"]


class PlanSerializer(serializers.ModelSerializer):
    client = serializers.SlugRelatedField(slug_field="code", read_only=True)
    provider = serializers.SlugRelatedField(slug_field="code", read_only=True)
    items = PlanItemSerializer(many=True, read_only=True)
    current = serializers.SerializerMethodField()

    class Meta:
        model = ActionPlan
        fields = ["code", "client", "provider", "goals", "created_at", "updated_at", "current", "items"]

    def get_current(self, plan) -> bool:
        return plan.closed_at is None


@extend_schema_view(
    list=extend_schema(summary="Action plans of job seekers you may see"),
    retrieve=extend_schema(summary="One action plan with its items", responses={200: PlanSerializer,
                                                                                 404: ERRORS[404]}),
)
class PlanViewSet(ScopedReadOnlyViewSet):
    filterset_class = filters.PlanFilterSet
    serializer_class = PlanSerializer
    queryset = ActionPlan.objects.none()
    client_of = "client"
    permission_classes = PERMISSIONS
    pagination_class = KeysetPagination

    def get_queryset(self):
        plans = rows_for(self.actor, ActionPlan.objects.all()).select_related("client", "provider").prefetch_related(
            Prefetch("items", queryset=PlanItem.objects.select_related("service", "provider")))
        return plans.order_by("-created_at", "-id")


router = SimpleRouter()
router.register("clients", ClientViewSet, basename="client")
router.register("assessments", AssessmentViewSet, basename="assessment")
router.register("plans", PlanViewSet, basename="plan")
app_name = "clients_api"
urlpatterns = router.urls
