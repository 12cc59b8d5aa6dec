"""The caseload API: cases, notes, tasks, appointments, transfers and referrals, scoped by the access door.

Notes, appointments, transfers and referrals can be created; tasks completed; nothing is edited or deleted.

Writes go through the same services as the pages; a refusal (ValidationError) answers 400 with its message
(espportal.api's one error path).
"""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from caseload import filters, selectors, services
from caseload.access import (
    case_branches,
    cases_for,
    may_write,
    note_branches,
    notes_for,
    rows_of_cases,
    task_branches,
    tasks_for,
)
from caseload.models import Appointment, CaseFile, CaseNote, Referral, Task, Transfer
from clients.access import clients_for, rows_for
from espportal import access
from espportal.access import actor_for
from espportal.api import (
    ERRORS,
    DetailSerializer,
    ErrorSerializer,
    IsProviderStaff,
    ScopedCodeField,
    ScopedReadOnlyViewSet,
)
from espportal.dates import LocalDateTimeSerializerField
from espportal.models import Provider, User
from espportal.pagination import KeysetPagination

NOT_FOUND = {404: ERRORS[404]}
REFUSED = {400: OpenApiResponse(ErrorSerializer,
                                description="Refused: the message says why (not assigned, empty, closed...)."),
           403: OpenApiResponse(DetailSerializer,
                                description="Your role or provider may read this case but not write on it.")}


class CaseSerializer(serializers.ModelSerializer):
    client = serializers.UUIDField(source="client.code", read_only=True)
    client_name = serializers.CharField(source="client.full_name", read_only=True)
    provider = serializers.UUIDField(source="provider.code", read_only=True)

    class Meta:
        model = CaseFile
        fields = ["code", "client", "client_name", "provider", "status", "opened_at", "closed_at", "close_reason"]


class NoteSerializer(serializers.ModelSerializer):
    case = ScopedCodeField(what="case", queryset=CaseFile.objects.none())
    visibility = serializers.ChoiceField(choices=CaseNote.Visibility.choices, default=CaseNote.Visibility.TEAM)
    author = serializers.CharField(source="author.display_name", read_only=True)
    provider = serializers.CharField(source="provider.name", read_only=True)
    amends = serializers.UUIDField(source="amends.code", read_only=True, allow_null=True)

    class Meta:
        model = CaseNote
        fields = ["code", "case", "kind", "visibility", "body", "author", "provider", "amends", "created_at"]
        read_only_fields = ["code", "author", "provider", "amends", "created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["case"].queryset = cases_for(actor_for(request)).select_related("client", "provider")


class AmendSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=10000)


class TaskSerializer(serializers.ModelSerializer):
    case = serializers.UUIDField(source="case.code", read_only=True, allow_null=True)
    client = serializers.UUIDField(source="client.code", read_only=True, allow_null=True)
    title = serializers.CharField(source="shown_title", read_only=True,
                                  help_text="In the language of the request (Accept-Language or the account's).")
    detail = serializers.CharField(source="shown_detail", read_only=True,
                                   help_text="In the language of the request, for a task the system made.")

    class Meta:
        model = Task
        fields = ["code", "kind", "title", "detail", "due_on", "done_at", "case", "client", "created_at"]


class AppointmentSerializer(serializers.ModelSerializer):
    case = serializers.UUIDField(source="case.code", read_only=True)
    staff = serializers.CharField(source="staff.display_name", read_only=True)
    rescheduled_from = serializers.UUIDField(source="rescheduled_from.code", read_only=True, allow_null=True)

    class Meta:
        model = Appointment
        fields = ["code", "case", "staff", "mode", "starts_at", "duration_minutes", "status", "purpose",
                  "rescheduled_from"]


class TransferSerializer(serializers.ModelSerializer):
    client = serializers.UUIDField(source="client.code", read_only=True)
    from_provider = serializers.UUIDField(source="from_provider.code", read_only=True)
    to_provider = serializers.UUIDField(source="to_provider.code", read_only=True)
    to_case = serializers.UUIDField(source="to_case.code", read_only=True, allow_null=True)

    class Meta:
        model = Transfer
        fields = ["code", "client", "from_provider", "to_provider", "to_case", "status", "requested_at", "due_on",
                  "completed_at", "completed_automatically"]


class ReferralSerializer(serializers.ModelSerializer):
    case = serializers.UUIDField(source="case.code", read_only=True)
    specialist = serializers.CharField(source="specialist.display_name", read_only=True)
    to_provider = serializers.UUIDField(source="to_provider.code", read_only=True)

    class Meta:
        model = Referral
        fields = ["code", "case", "specialist", "to_provider", "status", "reason", "requested_at", "closed_at",
                  "closing_note"]


class AppointmentRequestSerializer(serializers.Serializer):
    case = serializers.UUIDField()
    staff = serializers.UUIDField(help_text="Code of the staff member the client will meet.")
    mode = serializers.ChoiceField(choices=Appointment.Mode.choices)
    starts_at = LocalDateTimeSerializerField(kind="appointment")
    duration_minutes = serializers.IntegerField(min_value=5, max_value=480, default=60)
    purpose = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class TransferRequestSerializer(serializers.Serializer):
    client = serializers.UUIDField()
    to_provider = serializers.UUIDField()
    reason = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
    record_consent = serializers.BooleanField(
        default=False, help_text="The client gave the counsellor consent to share with the receiving provider.")


class ReferralRequestSerializer(serializers.Serializer):
    case = serializers.UUIDField()
    specialist = serializers.UUIDField(help_text="Code of the specialist (from the specialist directory).")
    reason = serializers.CharField(max_length=1000)
    record_consent = serializers.BooleanField(default=False)


def _payload(serializer_class, request) -> dict:
    payload = serializer_class(data=request.data)
    payload.is_valid(raise_exception=True)
    return payload.validated_data


def _writable_case(request, code) -> CaseFile:
    """A case the caller may write on: 404 when it is not theirs to see, 403 when they may only read it."""
    actor = actor_for(request)
    case = access.get_or_404(request, cases_for(actor).select_related("client", "provider"), code=code,
                             client_of=lambda c: c.client, what="case")
    if not may_write(actor, case):
        raise PermissionDenied
    return case


def _staff_member(code) -> User:
    user = User.objects.filter(code=code, kind=User.Kind.STAFF).first()
    if user is None:
        raise ApiValidationError({"detail": ["No staff member has that code."]})
    return user


class _ReadOnly(ScopedReadOnlyViewSet):
    permission_classes = [IsAuthenticated, IsProviderStaff]
    pagination_class = KeysetPagination  # every caseload list grows with the provider: no COUNT(*), an index a page


class CaseViewSet(_ReadOnly):
    filterset_class = filters.CaseApiFilterSet
    serializer_class = CaseSerializer
    queryset = CaseFile.objects.none()
    client_of = "client"

    def get_queryset(self):
        order = ("-opened_at", "-id")
        if self.action == "list":  # each branch on its own index, one query a page (pagination.Branches)
            return case_branches(self.actor).select_related("client", "provider").order_by(*order)
        return cases_for(self.actor).select_related("client", "provider").order_by(*order)


@extend_schema_view(create=extend_schema(responses={201: NoteSerializer, **REFUSED}))
class NoteViewSet(mixins.CreateModelMixin, _ReadOnly):
    """Case notes are append-only: create, or amend (a new note pointing at the original); never edit."""

    filterset_class = filters.NoteFilterSet
    serializer_class = NoteSerializer
    queryset = CaseNote.objects.none()
    client_of = "case.client"

    def get_queryset(self):
        related, order = ("author", "provider", "amends", "case"), ("-created_at", "-id")
        if self.action == "list":  # each branch on its own index, one query a page (pagination.Branches)
            return note_branches(self.actor, self.request.user).select_related(*related).order_by(*order)
        return notes_for(self.actor, self.request.user).select_related(*related).order_by(*order)

    def perform_create(self, serializer):
        case = serializer.validated_data["case"]
        if not may_write(self.actor, case):
            raise PermissionDenied
        serializer.instance = services.note_add(
            case=case, author=self.request.user, kind=serializer.validated_data["kind"],
            body=serializer.validated_data["body"], visibility=serializer.validated_data["visibility"])

    @extend_schema(request=AmendSerializer, responses={201: NoteSerializer, **REFUSED, **NOT_FOUND})
    @action(detail=True, methods=["post"])
    def amend(self, request, code=None):
        note = self.get_object()
        payload = AmendSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        if not may_write(self.actor, note.case):
            raise PermissionDenied
        amendment = services.note_amend(note=note, author=request.user, body=payload.validated_data["body"])
        return Response(NoteSerializer(amendment, context={"request": request}).data, status=status.HTTP_201_CREATED)


class TaskViewSet(_ReadOnly):
    """The signed-in staff member's own tasks."""

    filterset_class = filters.TaskFilterSet
    serializer_class = TaskSerializer
    queryset = Task.objects.none()
    client_of = "client"

    def get_queryset(self):
        if self.action == "list":  # each branch on its own index, one query a page (pagination.Branches)
            return task_branches(self.actor, self.request.user).select_related("case", "client").order_by(
                "due_on", "id")
        return tasks_for(self.actor, self.request.user).order_by("due_on", "id")

    @extend_schema(request=None, responses={200: TaskSerializer, **NOT_FOUND})
    @action(detail=True, methods=["post"])
    def complete(self, request, code=None):
        task = services.task_complete(task=self.get_object(), done_by=request.user)
        return Response(TaskSerializer(task).data)


class AppointmentViewSet(_ReadOnly):
    filterset_class = filters.AppointmentFilterSet
    serializer_class = AppointmentSerializer
    queryset = Appointment.objects.none()
    client_of = "case.client"

    def get_queryset(self):
        return rows_for(self.actor, Appointment.objects.select_related("case", "staff", "rescheduled_from")).order_by(
            "-starts_at", "-id")

    @extend_schema(request=AppointmentRequestSerializer, responses={201: AppointmentSerializer, **REFUSED, **NOT_FOUND})
    def create(self, request):
        data = _payload(AppointmentRequestSerializer, request)
        case = _writable_case(request, data["case"])
        appointment = services.appointment_schedule(
            case=case, staff=_staff_member(data["staff"]), starts_at=data["starts_at"], mode=data["mode"],
            scheduled_by=request.user, duration_minutes=data["duration_minutes"], purpose=data["purpose"])
        return Response(AppointmentSerializer(appointment).data, status=status.HTTP_201_CREATED)


class TransferViewSet(_ReadOnly):
    filterset_class = filters.TransferFilterSet
    serializer_class = TransferSerializer
    queryset = Transfer.objects.none()
    client_of = "client"

    def get_queryset(self):
        return rows_for(self.actor, Transfer.objects.select_related(
            "client", "from_provider", "to_provider", "to_case")).order_by("-requested_at", "-id")

    @extend_schema(request=TransferRequestSerializer, responses={201: TransferSerializer, **REFUSED, **NOT_FOUND})
    def create(self, request):
        data = _payload(TransferRequestSerializer, request)
        client = access.get_or_404(request, clients_for(self.actor), code=data["client"], client_of=lambda c: c,
                                   what="client")
        case = selectors.open_case_for(client)
        if case is not None and not may_write(self.actor, case):
            raise PermissionDenied
        to_provider = Provider.objects.filter(code=data["to_provider"]).first()
        if to_provider is None:
            raise ApiValidationError({"detail": ["No provider has that code."]})
        transfer = services.transfer_request(client=client, to_provider=to_provider, requested_by=request.user,
                                             reason=data["reason"], record_consent=data["record_consent"])
        return Response(TransferSerializer(transfer).data, status=status.HTTP_201_CREATED)


class ReferralViewSet(_ReadOnly):
    filterset_class = filters.ReferralFilterSet
    serializer_class = ReferralSerializer
    queryset = Referral.objects.none()
    client_of = "case.client"

    def get_queryset(self):
        return rows_of_cases(self.actor, rows_for(self.actor, Referral.objects.select_related(
            "case", "specialist", "to_provider"))).order_by("-requested_at", "-id")

    @extend_schema(request=ReferralRequestSerializer, responses={201: ReferralSerializer, **REFUSED, **NOT_FOUND})
    def create(self, request):
        data = _payload(ReferralRequestSerializer, request)
        case = _writable_case(request, data["case"])
        referral = services.referral_request(case=case, specialist=_staff_member(data["specialist"]),
                                             reason=data["reason"], requested_by=request.user,
                                             record_consent=data["record_consent"])
        return Response(ReferralSerializer(referral).data, status=status.HTTP_201_CREATED)


router = SimpleRouter()
router.register("cases", CaseViewSet, basename="case")
router.register("notes", NoteViewSet, basename="note")
router.register("tasks", TaskViewSet, basename="task")
router.register("appointments", AppointmentViewSet, basename="appointment")
router.register("transfers", TransferViewSet, basename="transfer")
router.register("referrals", ReferralViewSet, basename="referral")
app_name = "caseload_api"
urlpatterns = router.urls
