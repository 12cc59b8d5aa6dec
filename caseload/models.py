"""Work on a case: case files per provider, assignments, notes, handoff briefs, tasks, appointments,
transfers and referrals.

Every client-owned row carries a `client` foreign key (even when it can be reached through the case) so the
access door (clients.access.rows_for) scopes it with one indexed condition.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients.models import Client
from espportal.fields import public_code, user_ref
from espportal.models import AppendOnlyModel, Provider


class CaseFile(models.Model):
    """One episode of service of a client at a provider. A client has at most one open case at a time."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        ACTIVE = "active", _("Active")
        PLACED = "placed", _("Placed")
        FOLLOWING_UP = "following_up", _("Following up")
        CLOSED = "closed", _("Closed")

    class CloseReason(models.TextChoices):
        NONE = "", _("Not closed")
        TRANSFER = "transfer", _("Transferred to another provider")
        COMPLETED = "completed", _("Service completed")
        WITHDREW = "withdrew", _("Client withdrew")
        MOVED = "moved", _("Client moved away")
        OTHER = "other", _("Other")

    code = public_code()
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="case_files")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="case_files")
    status = models.CharField(_("stage"), max_length=20, choices=Status.choices, default=Status.WAITING)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    close_reason = models.CharField(_("reason closed"), max_length=20, choices=CloseReason.choices, blank=True)
    opened_by = user_ref(optional=True)
    # Kept by the services that record contact (caseload.services.contact); pages sort and filter on it.
    last_contact_at = models.DateTimeField(_("last contact"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(fields=["client"], condition=~Q(status="closed"), name="case_one_open_per_client",
                violation_error_message=_("This client already has an open case.")),
            models.CheckConstraint(
                condition=Q(status="closed", closed_at__isnull=False) | (~Q(status="closed") & Q(closed_at__isnull=True)),
                name="case_closed_at_iff_closed",
                violation_error_message=_("A case has a closing date only when it is closed."),
            ),
        ]
        indexes = [
            models.Index(fields=["provider", "opened_at", "id"], name="case_provider_opened"),  # API keyset
            models.Index(fields=["provider", "status"]),
            # The manager's "no contact in 30 days" and the caseload's contact sort: open cases of a provider by
            # last contact, never contacted first (the lists' order, so a page is read in order and stops).
            models.Index(F("provider"), F("last_contact_at").asc(nulls_first=True), F("id"),
                         condition=~Q(status="closed"), name="case_open_stale_first"),
            # Open cases found by id with their provider from the index alone (the manager's team counts).
            models.Index(fields=["id"], include=["provider"], condition=~Q(status="closed"),
                         name="case_open_provider"),
        ]

    def __str__(self):
        return f"{self.client} · {self.provider}"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED


class CaseClosure(models.Model):
    """Each time a case closed: when, by whom, why (a CloseReason code) and the stage it left; a manager's reopening
    is written on the same row. Rows are never deleted, so a case reopened and closed again keeps both closings."""

    code = public_code()
    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="closures")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(_("closed"), default=timezone.now)
    closed_by = user_ref(optional=True)
    reason = models.CharField(_("reason closed"), max_length=20, choices=CaseFile.CloseReason.choices)
    previous_status = models.CharField(max_length=20, choices=CaseFile.Status.choices)
    reopened_at = models.DateTimeField(_("reopened"), null=True, blank=True)
    reopened_by = user_ref(optional=True)

    class Meta:
        ordering = ["-closed_at", "-id"]

    def __str__(self):
        return f"{self.case} · {self.closed_at:%Y-%m-%d}"


class Assignment(models.Model):
    class Role(models.TextChoices):
        COUNSELLOR = "counsellor", _("Counsellor")
        JOB_DEVELOPER = "job_developer", _("Job developer")

    class Reason(models.TextChoices):
        INTAKE = "intake", _("Intake")
        STAFF_LEFT = "staff_left", _("Staff member left")
        LEAVE = "leave", _("Leave")
        CASELOAD_BALANCE = "caseload_balance", _("Caseload balance")
        SPECIALISATION = "specialisation", _("Specialisation")
        CLIENT_REQUEST = "client_request", _("Client request")
        REOPENED = "reopened", _("Case reopened")

    code = public_code()
    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="assignments")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    started_at = models.DateTimeField(_("from"), default=timezone.now)
    ended_at = models.DateTimeField(_("to"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, default=Reason.INTAKE)
    assigned_by = user_ref(optional=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "role"], condition=Q(ended_at__isnull=True), name="assignment_one_current_per_role",
                violation_error_message=_("Someone already holds this role on the case: reassign it instead.")
            ),
        ]
        indexes = [models.Index(fields=["staff", "ended_at"]),
                   # A staff member's current cases from the index alone (the manager's team counts).
                   models.Index(fields=["staff", "case"], condition=Q(ended_at__isnull=True),
                                name="assignment_current_by_staff")]

    def __str__(self):
        return f"{self.staff} · {self.get_role_display()}"


class CaseNote(AppendOnlyModel):
    """Append-only: an edit is a new row that `amends` the original, which is kept and shown as amended."""

    class Kind(models.TextChoices):
        CONTACT = "contact", _("Contact")
        MEETING = "meeting", _("Meeting")
        ADVICE = "advice", _("Advice given")
        PLAN_CHANGE = "plan_change", _("Plan change")
        EMPLOYER_CONTACT = "employer_contact", _("Employer contact")
        POST_EMPLOYMENT = "post_employment", _("Post-employment")

    class Visibility(models.TextChoices):
        TEAM = "team", _("Team")
        CLIENT = "client", _("Shared with the client")
        SENSITIVE = "sensitive", _("Sensitive: assigned staff and managers only")

    code = public_code()
    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="notes")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="case_notes")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="+")
    author = user_ref()
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.TEAM)
    body = models.TextField(_("note"), max_length=10000)
    amends = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="amendments")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    append_only_message = "Case notes are append-only: add an amendment instead."

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["client", "created_at"]), models.Index(fields=["case", "kind"]),
            # The notes API lists a provider's notes newest first, by keyset (created_at, id).
            models.Index(fields=["provider", "-created_at", "-id"], name="note_provider_newest"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.created_at:%Y-%m-%d}"


class HandoffBrief(models.Model):
    """What the new counsellor must read before writing on the case: a snapshot of the record at handoff."""

    code = public_code()
    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="handoff_briefs")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    assignment = models.OneToOneField(Assignment, on_delete=models.PROTECT, related_name="handoff_brief")
    for_staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="handoff_briefs")
    from_staff = user_ref(optional=True)
    snapshot = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["for_staff", "acknowledged_at"])]

    def __str__(self):
        return f"{self.client} → {self.for_staff}"


class Task(models.Model):
    """One inbox item for a staff member. Any app creates them through caseload.services.task_create."""

    code = public_code()
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="tasks")
    case = models.ForeignKey(CaseFile, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks")
    client = models.ForeignKey(Client, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks")
    kind = models.SlugField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    # A title made by the system is a message key and parameters (espportal.messages), rendered for the reader;
    # `title` keeps a copy in the assignee's language, and is the only title of a task a person typed.
    title_key = models.CharField(max_length=100, blank=True)
    title_params = models.JSONField(default=dict, blank=True)
    detail = models.TextField(_("detail"), blank=True, max_length=4000)
    due_on = models.DateField(_("due"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = user_ref(optional=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = user_ref(optional=True)
    # Callers that may run twice (a nightly job, a retried task) pass a key: the second call adds nothing.
    source_key = models.CharField(max_length=200, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["assignee", "due_on", "id"], name="task_assignee_due"),  # API keyset
            models.Index(fields=["assignee", "due_on"], condition=Q(done_at__isnull=True), name="task_open_by_due"),
            models.Index(fields=["case", "done_at"]),
        ]

    def __str__(self):
        return self.title

    @property
    def shown_title(self) -> str:
        """The title in the active language (the reader's)."""
        if not self.title_key:
            return self.title
        from espportal.messages import render

        return render(self.title_key, self.title_params, fallback=(self.title, ""))[0]

    @property
    def shown_detail(self) -> str:
        """The detail in the active language: a system task's is the body of its message (made from the stored
        parameters), else what a person typed."""
        if not self.title_key:
            return self.detail
        from espportal.messages import render

        return render(self.title_key, self.title_params, fallback=(self.title, self.detail))[1] or self.detail

    @property
    def is_open(self) -> bool:
        return self.done_at is None


class Appointment(models.Model):
    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("Phone")
        VIDEO = "video", _("Video")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("No-show")
        RESCHEDULED = "rescheduled", _("Rescheduled")

    code = public_code()
    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="appointments")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="appointments")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appointments")
    mode = models.CharField(_("how"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=60, validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    rescheduled_from = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="rescheduled_to"
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = user_ref()
    # The job seeker's answers from /me/: they confirmed they will come; they asked for another time (a task).
    confirmed_at = models.DateTimeField(_("confirmed by the client"), null=True, blank=True)
    change_requested_at = models.DateTimeField(_("client asked for another time"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            # The natural key of a booking: a second form (a new tab, a retried request without its key) for the
            # same case, person and time is the same appointment (issue 13 §2).
            models.UniqueConstraint(
                fields=["case", "staff", "starts_at"], condition=Q(status="scheduled"), name="appointment_one_per_slot",
                violation_error_message=_("This appointment is already booked for that time."),
            ),
        ]
        indexes = [
            models.Index(fields=["client", "status", "starts_at"]), models.Index(fields=["staff", "starts_at"]),
            models.Index(fields=["starts_at", "id"], name="appointment_starts"),  # API keyset
        ]

    def __str__(self):
        return f"{self.get_mode_display()} · {self.starts_at:%Y-%m-%d %H:%M}"


class CancelReason(models.TextChoices):
    """Why a transfer or referral stopped before it was done (stored as the code)."""

    NONE = "", _("Not cancelled")
    BY_STAFF = "by_staff", _("Cancelled by staff")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("The client withdrew their consent to share with that provider")


class Transfer(models.Model):
    """A move of a client to another provider. The sending provider completes it within a deadline, or a
    nightly job does."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    code = public_code()
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="transfers")
    from_case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="transfers_out")
    from_provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="transfers_out")
    to_provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="transfers_in")
    to_case = models.ForeignKey(
        CaseFile, null=True, blank=True, on_delete=models.PROTECT, related_name="transfers_in"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    reason = models.TextField(_("reason"), blank=True, max_length=2000)
    requested_at = models.DateTimeField(default=timezone.now)
    requested_by = user_ref()
    due_on = models.DateField(_("complete by"))
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = user_ref(optional=True)
    completed_automatically = models.BooleanField(default=False)
    cancel_reason = models.CharField(_("why cancelled"), max_length=20, choices=CancelReason.choices, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"], condition=Q(status="requested"), name="transfer_one_open_per_client",
                violation_error_message=_("A transfer for this client is already open; complete or cancel it first.")
            ),
            models.CheckConstraint(condition=~Q(from_provider=models.F("to_provider")), name="transfer_other_provider",
                violation_error_message=_("A transfer must go to another provider.")),
        ]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self):
        return f"{self.client}: {self.from_provider} → {self.to_provider}"


class Referral(models.Model):
    """A specialist's help on a case; the home counsellor keeps the case."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    code = public_code()
    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="referrals")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="referrals")
    from_provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="+")
    to_provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="+")
    specialist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referrals_in")
    requested_by = user_ref()
    reason = models.TextField(_("what help is needed"), max_length=2000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    requested_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closing_note = models.TextField(_("closing note"), blank=True, max_length=4000)
    cancel_reason = models.CharField(_("why cancelled"), max_length=20, choices=CancelReason.choices, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            # One open request for a specialist's help on a case: a second form or a retried API call is the same
            # referral, and the specialist is asked once (issue 13 §2).
            models.UniqueConstraint(
                fields=["case", "specialist"], condition=Q(status__in=["requested", "accepted"]),
                name="referral_one_open_per_specialist",
                violation_error_message=_("This client already has an open referral to this specialist."),
            ),
        ]
        indexes = [models.Index(fields=["specialist", "status"])]

    def __str__(self):
        return f"{self.client} → {self.specialist}"
