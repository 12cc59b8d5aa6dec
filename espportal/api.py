"""API plumbing shared by every app, and the building's own endpoints (who am I, my notifications)."""

from django.core.exceptions import RequestDataTooBig
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import exception_handler as drf_exception_handler

from espportal import services
from espportal.access import actor_for, get_or_404
from espportal.models import Notification
from espportal.selectors import notifications_for


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        return Response({"detail": _("Request body is too large.")}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    return drf_exception_handler(exc, context)


class ScopedViewSetMixin:
    """Safe by default: a viewset lists nothing until get_queryset() scopes it through an access module."""

    lookup_field = "code"
    lookup_value_regex = "[0-9a-f-]{36}"

    @property
    def actor(self):
        return actor_for(self.request)

    def get_object(self):
        """One row from the scoped queryset; a miss answers 404 and is audited (access.get_or_404)."""
        queryset = self.filter_queryset(self.get_queryset())
        code = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        obj = get_or_404(self.request, queryset, code=code, what=queryset.model._meta.model_name)
        self.check_object_permissions(self.request, obj)
        return obj


class MeSerializer(serializers.Serializer):
    code = serializers.UUIDField()
    email = serializers.EmailField()
    name = serializers.CharField()
    kind = serializers.CharField()
    preferred_language = serializers.CharField()
    provider = serializers.UUIDField(allow_null=True)
    role = serializers.CharField(allow_null=True)


class MeViewSet(viewsets.ViewSet):
    serializer_class = MeSerializer

    def list(self, request):
        actor = actor_for(request)
        user = request.user
        data = {
            "code": user.code,
            "email": user.email,
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


class NotificationViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                          viewsets.GenericViewSet):
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


router = SimpleRouter()
router.register("me", MeViewSet, basename="me")
router.register("notifications", NotificationViewSet, basename="notification")
app_name = "api"
urlpatterns = router.urls
