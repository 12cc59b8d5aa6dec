"""API plumbing shared by every app, and the building's own endpoints (who am I, my notifications).

One error path for every endpoint (HackSoft's styleguide): a service's Django ValidationError becomes a DRF 400
with messages by field, a unique-constraint race (IntegrityError) a 409, and every error is JSON, documented in the
OpenAPI schema by ApiSchema. Related-object lookups in request bodies use ScopedCodeField: a code the caller may not
see answers 404 and is audited, exactly like a detail route.
"""

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView, set_rollback
from rest_framework.views import exception_handler as drf_exception_handler

from espportal import audit, services
from espportal.access import actor_for, get_or_404, open_reason
from espportal.db import constraint_message
from espportal.filters import NotificationFilterSet
from espportal.models import AuditEvent, Notification
from espportal.pagination import AuditKeysetPagination, Branches
from espportal.selectors import audit_events_of, notifications_for


def validation_error_detail(error: DjangoValidationError) -> dict:
    """A Django ValidationError as the body of a DRF 400: {field: [messages]}, whole-record messages under
    `non_field_errors` (and repeated under `detail`, which older callers read), plus any `api_detail` the error
    carries (a dict of extra keys, e.g. `duplicate`)."""
    if hasattr(error, "error_dict"):
        detail = {("non_field_errors" if key == "__all__" else key): [str(m) for m in messages]
                  for key, messages in error.message_dict.items()}
    else:
        detail = {"non_field_errors": [str(m) for m in error.messages]}
    if "non_field_errors" in detail:
        detail["detail"] = detail["non_field_errors"]
    detail.update(getattr(error, "api_detail", None) or {})
    return detail


def exception_handler(exc, context):
    """The one place API errors are shaped: every answer is JSON, 4xx for anything the caller can fix."""
    if isinstance(exc, RequestDataTooBig):
        return Response({"detail": _("Request body is too large.")}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    if isinstance(exc, DjangoValidationError):
        exc = serializers.ValidationError(validation_error_detail(exc))
    elif isinstance(exc, IntegrityError):
        # A unique or check constraint caught what two simultaneous requests both thought was free.
        set_rollback()
        return Response({"detail": constraint_message(exc) or _(
            "This conflicts with a record saved a moment ago (it may already be done). Reload and check before "
            "trying again.")}, status=status.HTTP_409_CONFLICT)
    return drf_exception_handler(exc, context)


def actor_permission(allows, doc: str) -> type[BasePermission]:
    """A DRF permission class that lets through the actors `allows(actor) -> bool` accepts (espportal.access.Actor);
    anyone else gets 403, not an empty list. `doc` says who and why (it becomes the class's docstring)."""

    class ActorPermission(BasePermission):
        __doc__ = doc

        def has_permission(self, request, view):
            return allows(actor_for(request))

    return ActorPermission


IsProviderStaff = actor_permission(lambda actor: actor.is_staff_member,
                                   "Caseload is staff work: job seekers and ministry analysts get 403.")
IsMinistry = actor_permission(lambda actor: actor.is_ministry,
                              "Funding is the ministry's: staff and job seekers get 403.")
IsStaffOrJobSeeker = actor_permission(lambda actor: actor.is_staff_member or actor.is_job_seeker,
                                      "Ministry analysts read aggregates elsewhere, never individual records.")


class ErrorSerializer(serializers.Serializer):
    """Field name -> list of messages; `non_field_errors` (and `detail`) for the record as a whole."""

    non_field_errors = serializers.ListField(child=serializers.CharField(), required=False)
    detail = serializers.ListField(child=serializers.CharField(), required=False)


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Invalid input: messages by field."),
    403: OpenApiResponse(DetailSerializer, description="Signed in, but this role may not do this (or not signed "
                                                       "in)."),
    404: OpenApiResponse(DetailSerializer, description="No such record among those you may see."),
    409: OpenApiResponse(DetailSerializer, description="Conflicts with a record saved a moment ago, or the same "
                                                       "Idempotency-Key is still being processed."),
    422: OpenApiResponse(DetailSerializer, description="This Idempotency-Key was already used for a different "
                                                       "request body."),
}

# espportal/idempotency.py: a POST carrying this header runs at most once per caller and key; a replay answers
# the first answer again (the same status and body).
IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key", str, OpenApiParameter.HEADER, required=False,
    description="Optional. 1 to 100 printable characters, unique per write you mean: a retry with the same key "
                "and body answers the first answer again instead of writing twice (kept 48 hours).",
    pattern=r"^[\x21-\x7e]{1,100}$")


class ApiSchema(AutoSchema):
    """Every operation documents the errors it can answer, each a JSON body: 403 always (role or sign-in), 404
    where a code is looked up (detail routes and writes naming records), 400 for writes and filtered lists, 409 for
    writes, and 422 for a write whose Idempotency-Key was used with another body; each write names the optional
    Idempotency-Key header."""

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        return [*parameters, IDEMPOTENCY_KEY] if self.method == "POST" else parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        codes = [403]
        write = self.method in ("POST", "PUT", "PATCH")
        if "{" in self.path or write:
            codes.append(404)
        if write or self.method == "GET":
            codes.append(400)
        if write:
            codes.append(409)
        if self.method == "POST":
            codes.append(422)
        for code in codes:
            responses.setdefault(str(code), self._get_response_for_code(ERRORS[code], str(code),
                                                                        direction=direction))
        return responses


class ScopedCodeField(serializers.SlugRelatedField):
    """A related record named by its code in a request body, looked up in a scoped queryset.

    A code the caller may not see answers 404 and records `access.denied`, the same as a detail route, rather than
    DRF's 400 "object does not exist" that would tell a record exists elsewhere. A malformed code is a 400.
    """

    def __init__(self, *, what: str, **kwargs):
        self.what = what
        kwargs.setdefault("slug_field", "code")
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        code = serializers.UUIDField().to_internal_value(data)
        try:
            return self.get_queryset().get(code=code)
        except self.get_queryset().model.DoesNotExist:
            request = self.context.get("request")
            audit.record(action="access.denied", request=request, detail={"what": self.what, "code": str(code)})
            raise NotFound from None


class ScopedViewSetMixin:
    """Safe by default: a viewset lists nothing until get_queryset() scopes it through an access module.

    `client_of` (a dotted attribute path from the row to its job seeker, "" for a Client itself) makes every
    detail route audit the open, naming the client once; None for rows that belong to no job seeker.
    """

    lookup_field = "code"
    lookup_value_regex = "[^/]+"  # a malformed code is looked up too: an audited JSON 404, never an HTML one
    client_of: str | None = None

    @property
    def actor(self):
        return actor_for(self.request)

    def clients_opened(self, obj) -> list:
        """The job seekers a detail read of `obj` opens the record of (none for rows that are nobody's)."""
        if self.client_of is None:
            return []
        for name in filter(None, self.client_of.split(".")):
            obj = getattr(obj, name)
            if obj is None:
                return []
        return [obj]

    def get_object(self):
        """One row from the scoped queryset; a miss answers 404 and is audited (access.get_or_404), and so is a
        successful open of a row that belongs to a job seeker, naming that job seeker once."""
        queryset = self.filter_queryset(self.get_queryset())
        code = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        what = queryset.model._meta.model_name
        obj = get_or_404(self.request, queryset, code=code, what=what)
        for client in self.clients_opened(obj):
            audit.record_open(request=self.request, client=client, target=obj, what=what,
                              reason=lambda client=client: open_reason(self.actor, client))
        self.check_object_permissions(self.request, obj)
        return obj

    def filter_queryset(self, queryset):
        if isinstance(queryset, Branches):  # a list read as a UNION ALL: its filters narrow each branch
            return queryset.each(self.filter_queryset)
        try:
            return super().filter_queryset(queryset)
        except DjangoValidationError as error:  # a query parameter that is not what it claims
            raise serializers.ValidationError(validation_error_detail(error)) from None


# A list and a detail route over rows an access module scopes: the shape most of the API's endpoints share (a
# writable one adds mixins.CreateModelMixin or an @action). No docstring on purpose: drf-spectacular describes a
# viewset without its own docstring by the first one up its classes, which is ScopedViewSetMixin's.
class ScopedReadOnlyViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                            viewsets.GenericViewSet):
    pass


class MeSerializer(serializers.Serializer):
    code = serializers.UUIDField()
    email = serializers.EmailField(allow_null=True)  # a job seeker invited without e-mail signs in by username
    username = serializers.CharField(allow_null=True)
    name = serializers.CharField()
    kind = serializers.CharField()
    preferred_language = serializers.CharField()
    provider = serializers.UUIDField(allow_null=True)
    role = serializers.CharField(allow_null=True)


class MeView(APIView):
    """Who the signed-in person is: one object, not a list."""

    @extend_schema(responses={200: MeSerializer}, summary="Who I am")
    def get(self, request):
        actor = actor_for(request)
        user = request.user
        data = {
            "code": user.code,
            "email": user.email,
            "username": user.username,
            "name": user.display_name,
            "kind": user.kind,
            "preferred_language": user.preferred_language,
            "provider": actor.provider.code if actor.provider else None,
            "role": actor.role,
        }
        return Response(MeSerializer(data).data)


class NotificationSerializer(serializers.ModelSerializer):
    subject = serializers.CharField(source="shown_subject", read_only=True,
                                    help_text="In the language of the request (Accept-Language or the account's).")
    body = serializers.CharField(source="shown_body", read_only=True)

    class Meta:
        model = Notification
        fields = ["code", "subject", "body", "link", "due_at", "sent_at", "read_at"]


class MarkReadSerializer(serializers.Serializer):
    codes = serializers.ListField(child=serializers.UUIDField(), min_length=1, max_length=500)
    marked = serializers.IntegerField(read_only=True)


class NotificationViewSet(ScopedReadOnlyViewSet):
    filterset_class = NotificationFilterSet
    serializer_class = NotificationSerializer
    queryset = Notification.objects.none()

    def get_queryset(self):
        return notifications_for(self.request.user)

    @extend_schema(request=MarkReadSerializer, responses=MarkReadSerializer)
    @action(detail=False, methods=["post"], url_path="mark-read")
    def mark_read(self, request):
        """Mark the listed notifications of the signed-in person as read; codes of anyone else's are ignored."""
        serializer = MarkReadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        marked = services.notifications_mark_read(user=request.user, codes=serializer.validated_data["codes"])
        return Response({"codes": serializer.validated_data["codes"], "marked": marked})


IsManager = actor_permission(lambda actor: actor.is_manager, "The provider's managers only: anyone else gets 403.")


class AuditEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEvent
        fields = ["at", "action", "actor_code", "actor_label", "client_code", "target_type", "target_code"]


class AuditEventViewSet(ScopedViewSetMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The audit log of the manager's provider, newest first, in keyset pages (no count: it grows by every read
    of every record). The IP address and the free-form detail stay out of the API."""

    serializer_class = AuditEventSerializer
    permission_classes = [IsAuthenticated, IsManager]
    pagination_class = AuditKeysetPagination
    queryset = AuditEvent.objects.none()

    def get_queryset(self):
        return audit_events_of(self.actor.provider)


router = SimpleRouter()
router.register("notifications", NotificationViewSet, basename="notification")
router.register("audit-events", AuditEventViewSet, basename="audit-event")
app_name = "api"
urlpatterns = [path("me/", MeView.as_view(), name="me-list"), *router.urls]
