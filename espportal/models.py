from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from espportal.fields import public_code
from espportal.vocab import Language, Population, Region, Sector


@deconstructible
class ChoiceListValidator:
    """A JSON list field whose items must all come from one set of choices."""

    def __init__(self, allowed):
        self.allowed = tuple(allowed)

    def __call__(self, value):
        if not isinstance(value, list) or any(item not in self.allowed for item in value):
            raise ValidationError(_("Choose only from the listed options."))

    def __eq__(self, other):
        return isinstance(other, ChoiceListValidator) and self.allowed == other.allowed


def choice_list_validator(choices):
    return ChoiceListValidator(choices.values)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in. What they may do comes from `kind` and, for provider staff, their Membership."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("Provider staff")
        JOB_SEEKER = "job_seeker", _("Job seeker")
        MINISTRY = "ministry", _("Ministry analyst")

    code = public_code()
    # Staff and most job seekers sign in with their e-mail address. A job seeker without e-mail (invited with a
    # printed code) chooses a username instead (allauth: ACCOUNT_LOGIN_METHODS), so either may be empty (NULL,
    # so that uniqueness holds among those who have one), never both.
    email = models.EmailField(_("e-mail address"), unique=True, null=True, blank=True)
    username = models.CharField(
        _("username"), max_length=30, unique=True, null=True, blank=True,
        validators=[RegexValidator(r"^[a-z0-9][a-z0-9._-]{2,29}$", _(
            "Use 3 to 30 lower-case letters, digits, dots, dashes or underscores, starting with a letter or a "
            "digit."))],
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.STAFF)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.EN
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(condition=Q(email__isnull=False) | Q(username__isnull=False),
                                   name="user_signs_in_with_email_or_username",
                                   violation_error_message=_("An account needs an e-mail address or a username.")),
        ]

    def __str__(self):
        return self.display_name

    def clean(self):
        super().clean()  # AbstractUser normalises the e-mail address, turning a missing one into ""
        self.email = self.email or None
        self.username = (self.username or "").lower() or None

    @property
    def sign_in_name(self) -> str:
        """What the person types to sign in: their e-mail address, else their username."""
        return self.email or self.username or ""

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.sign_in_name


class Provider(models.Model):
    """An employment service provider (ESP): the tenant whose staff serve job seekers."""

    code = public_code()
    name = models.CharField(_("name"), max_length=200, unique=True)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    languages = models.JSONField(_("service languages"), default=list, validators=[choice_list_validator(Language)])
    populations = models.JSONField(
        _("populations served"), default=list, blank=True, validators=[choice_list_validator(Population)]
    )
    sectors = models.JSONField(_("sector focus"), default=list, blank=True, validators=[choice_list_validator(Sector)])
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    INTAKE = "intake", _("Intake worker")
    COUNSELLOR = "counsellor", _("Counsellor")
    JOB_DEVELOPER = "job_developer", _("Job developer")
    MANAGER = "manager", _("Manager")


class MembershipQuerySet(models.QuerySet):
    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(active_to__isnull=True) | Q(active_to__gte=on), active_from__lte=on)


class Membership(models.Model):
    """A staff member's role at a provider for a period, with the expertise the specialist directory lists."""

    code = public_code()
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="memberships")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    active_from = models.DateField(_("active from"), default=timezone.localdate)
    active_to = models.DateField(_("active to"), null=True, blank=True)
    expertise_sectors = models.JSONField(
        _("sector expertise"), default=list, blank=True, validators=[choice_list_validator(Sector)]
    )
    expertise_populations = models.JSONField(
        _("population expertise"), default=list, blank=True, validators=[choice_list_validator(Population)]
    )
    expertise_languages = models.JSONField(
        _("languages"), default=list, blank=True, validators=[choice_list_validator(Language)]
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        indexes = [models.Index(fields=["user", "active_from"]), models.Index(fields=["provider", "role"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_to__isnull=True) | Q(active_to__gte=models.F("active_from")),
                name="membership_period_ordered",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.provider}"

    def clean(self):
        if self.user_id and self.user.kind != User.Kind.STAFF:
            raise ValidationError({"user": _("Only provider staff accounts can hold a membership.")})
        if self.user_id:
            overlapping = Membership.objects.filter(user_id=self.user_id).exclude(pk=self.pk)
            if self.active_to:
                overlapping = overlapping.filter(active_from__lte=self.active_to)
            overlapping = overlapping.filter(Q(active_to__isnull=True) | Q(active_to__gte=self.active_from))
            if overlapping.exists():
                raise ValidationError(_("This person already has a membership in that period."))


class AppendOnlyModel(models.Model):
    """A table whose rows are written once and never changed or deleted through the ORM (the audit trail, case
    notes): saving a stored row, or deleting one, raises PermissionError with `append_only_message`. A correction
    is a new row."""

    append_only_message = "These rows are append-only."

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError(self.append_only_message)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(self.append_only_message)


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Audit events are append-only.")

    def delete(self):
        raise PermissionError("Audit events are append-only.")


class AuditEvent(AppendOnlyModel):
    """Append-only record of who did or saw what to whose record.

    People and records are named by code, never by foreign key, so an event outlives what it describes.
    On PostgreSQL a trigger refuses UPDATE and DELETE on the table (migration 0002).
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=64, db_index=True)
    actor_code = models.UUIDField(null=True, blank=True, db_index=True)
    actor_label = models.CharField(max_length=254, blank=True)
    provider_code = models.UUIDField(null=True, blank=True, db_index=True)
    client_code = models.UUIDField(null=True, blank=True, db_index=True)
    target_type = models.CharField(max_length=64, blank=True)
    target_code = models.CharField(max_length=64, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()
    append_only_message = "Audit events are append-only."

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["client_code", "-at"]), models.Index(fields=["provider_code", "-at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


class Notification(models.Model):
    """Outbox row: a message to a person, stored before any worker tries to deliver it."""

    class Channel(models.TextChoices):
        IN_APP = "in_app", _("In the portal")
        EMAIL = "email", _("E-mail")

    code = public_code()
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.IN_APP)
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    template = models.CharField(max_length=200, blank=True)
    context = models.JSONField(default=dict, blank=True)
    link = models.CharField(max_length=300, blank=True)
    # One logical message, one row: jobs that may run twice pass a key so the second run adds nothing.
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField(default=timezone.now)
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # Exactly once (espportal/notifications.py): the Message-ID the e-mail carries, kept on the row before it is
    # sent, and when the current send began. A row with send_started_at but no sent_at after its claim expired has
    # an unknown outcome: it is held for review, never sent again blindly.
    message_id = models.CharField(max_length=200, blank=True)
    send_started_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-due_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "channel", "read_at"]),
            models.Index(fields=["due_at"], condition=Q(sent_at__isnull=True), name="notification_undelivered"),
        ]

    def __str__(self):
        return self.subject

    def rendered(self, language: str | None = None, secrets: dict | None = None) -> tuple[str, str]:
        """(subject, body) in `language` (the active language when None) from the stored key and parameters,
        plus `secrets` (parameters made for one send and never stored, espportal.messages.secret); rows without
        a key show the text stored with them."""
        if not self.template:
            return self.subject, self.body
        from espportal.messages import render

        return render(self.template, {**self.context, **(secrets or {})}, language=language,
                      fallback=(self.subject, self.body))

    @property
    def shown_subject(self) -> str:
        return self.rendered()[0]

    @property
    def shown_body(self) -> str:
        return self.rendered()[1]


class Heartbeat(models.Model):
    """A single row the periodic heartbeat job touches, so anyone can see beat and the worker are alive."""

    name = models.CharField(max_length=50, unique=True)
    last_beat_at = models.DateTimeField()
    beats = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"{self.name} @ {self.last_beat_at}"


class SubmittedRequest(models.Model):
    """One row per write submitted with a submission token (pages) or an Idempotency-Key (API), so a double click
    or a retried request does the work once and gets the first answer again (espportal/idempotency.py)."""

    key = models.CharField(max_length=200, unique=True)
    path = models.CharField(max_length=300)
    body_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Null while the first request is still running.
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    location = models.CharField(max_length=2000, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    body = models.BinaryField(blank=True, default=b"")

    def __str__(self):
        return f"{self.key} -> {self.status_code}"
