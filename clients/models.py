import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from espportal.models import Provider, choice_list_validator
from espportal.vocab import Language, labels

POSTAL_CODE_RE = r"^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$"
postal_code_validator = RegexValidator(
    POSTAL_CODE_RE, _("Enter a Canadian postal code such as M5V 2T6."), flags=0
)


def normalise_phone(value: str) -> str:
    """Digits only, without the North American trunk prefix: "+1 (416) 555-0100" -> "4165550100"."""
    digits = "".join(ch for ch in (value or "") if ch.isdigit())
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


class Occupation(models.Model):
    """NOC 2021 V1.0: broad category (1 digit) > major (2) > sub-major (3) > minor (4) > unit group (5)."""

    class Level(models.IntegerChoices):
        BROAD = 1, _("Broad occupational category")
        MAJOR = 2, _("Major group")
        SUB_MAJOR = 3, _("Sub-major group")
        MINOR = 4, _("Minor group")
        UNIT = 5, _("Unit group")

    code = models.CharField(max_length=5, unique=True)
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    title = models.CharField(max_length=255)
    title_fr = models.CharField(max_length=255, blank=True)
    definition = models.TextField(blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    # TEER (training, education, experience, responsibilities) is the code's second digit; broad categories have none.
    teer = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "code"])]

    def __str__(self):
        return f"{self.title} (NOC {self.code})"

    @staticmethod
    def teer_of(code: str) -> int | None:
        return int(code[1]) if len(code) >= 2 and code[1].isdigit() else None


class Skill(models.Model):
    code = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    name_fr = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class EducationLevel(models.TextChoices):
    NONE = "none", _("No certificate")
    SECONDARY = "secondary", _("High school diploma or equivalent")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship or trades certificate")
    COLLEGE = "college", _("College diploma")
    BACHELOR = "bachelor", _("Bachelor's degree")
    GRADUATE = "graduate", _("Master's degree or doctorate")


class CredentialRecognition(models.TextChoices):
    NOT_APPLICABLE = "n/a", _("Not applicable")
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    RECOGNIZED = "recognized", _("Recognized")
    PARTIAL = "partial", _("Partly recognized")
    DENIED = "denied", _("Not recognized")


class Accommodation(models.TextChoices):
    SCREEN_READER = "screen_reader", _("Screen reader")
    STEP_FREE = "step_free", _("Step-free access")
    FLEXIBLE_HOURS = "flexible_hours", _("Flexible hours")
    SIGN_LANGUAGE = "sign_language", _("ASL/LSQ interpretation")
    QUIET_WORKSPACE = "quiet_workspace", _("Quiet workspace")
    ASSISTIVE_DEVICES = "assistive_devices", _("Assistive devices")
    OTHER = "other", _("Other")


class SelfIdentification(models.TextChoices):
    NEWCOMER = "newcomer", _("Newcomer to Canada")
    DISABILITY = "disability", _("Person with a disability")
    INDIGENOUS = "indigenous", _("Indigenous")
    RACIALIZED = "racialized", _("Racialized")
    FRANCOPHONE = "francophone", _("Francophone")
    YOUTH = "youth", _("Youth under 30")
    MATURE = "mature", _("Worker 55+")
    SOCIAL_ASSISTANCE = "social_assistance", _("Receiving social assistance")


class Client(models.Model):
    """One job seeker's record, across every provider that serves them."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="client"
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"))
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.EN
    )
    postal_code = models.CharField(_("postal code"), max_length=7, validators=[postal_code_validator])
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)

    education_level = models.CharField(
        _("highest education"), max_length=20, choices=EducationLevel.choices, blank=True
    )
    education_field = models.CharField(_("field of study"), max_length=200, blank=True)
    education_country = models.CharField(_("country of education"), max_length=100, blank=True)
    foreign_credentials = models.BooleanField(_("has foreign credentials"), default=False)
    credential_recognition = models.CharField(
        _("credential recognition"), max_length=20, choices=CredentialRecognition.choices,
        default=CredentialRecognition.NOT_APPLICABLE,
    )

    skills = models.ManyToManyField(Skill, blank=True, related_name="clients")
    other_skills = models.JSONField(_("other skills"), default=list, blank=True)

    accepts_permanent = models.BooleanField(_("permanent work is acceptable"), default=True)
    accepts_contract = models.BooleanField(_("contract work is acceptable"), default=True)
    accepts_seasonal = models.BooleanField(_("seasonal work is acceptable"), default=False)
    accepts_casual = models.BooleanField(_("casual work is acceptable"), default=False)
    wants_full_time = models.BooleanField(_("wants full time"), default=True)
    wants_part_time = models.BooleanField(_("wants part time"), default=False)
    min_hourly_wage = models.DecimalField(
        _("minimum hourly wage"), max_digits=6, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    max_commute_km = models.PositiveIntegerField(
        _("maximum commute (km)"), null=True, blank=True, validators=[MaxValueValidator(500)]
    )
    remote_ok = models.BooleanField(_("remote work is fine"), default=False)

    accommodations = models.JSONField(
        _("accommodations needed"), default=list, blank=True, validators=[choice_list_validator(Accommodation)]
    )
    accommodation_notes = models.TextField(_("accommodation notes"), blank=True, max_length=2000)
    self_identification = models.JSONField(
        _("self-identification"), default=list, blank=True, validators=[choice_list_validator(SelfIdentification)]
    )
    self_identification_declined = models.BooleanField(_("prefers not to say"), default=False)

    # Kept by services (clients.services.client_move, called by caseload): the access door reads it.
    current_provider = models.ForeignKey(
        Provider, null=True, blank=True, on_delete=models.PROTECT, related_name="current_clients"
    )
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    first_meeting_at = models.DateTimeField(_("first one-to-one meeting"), null=True, blank=True)
    # Digits only, kept by services: the duplicate check compares phones however they were typed.
    phone_digits = models.CharField(max_length=20, blank=True, editable=False)
    # The segment of the latest assessment (override first), kept by the assessment services for lists.
    segment = models.PositiveSmallIntegerField(_("service segment"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["current_provider", "last_name"]),
            models.Index(fields=["last_name", "first_name", "date_of_birth"]),
            models.Index(fields=["email"]),
            models.Index(fields=["phone"]),
            models.Index(fields=["phone_digits"]),
            models.Index(fields=["date_of_birth"]),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def save(self, *args, **kwargs):
        self.phone_digits = normalise_phone(self.phone)
        if kwargs.get("update_fields") is not None and "phone" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "phone_digits"}
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def accommodation_labels(self) -> list[str]:
        return labels(Accommodation, self.accommodations)

    def days_waiting(self, now=None) -> int:
        end = self.first_meeting_at or (now or timezone.now())
        return max(0, (end - self.registered_at).days)


class ClientRevision(models.Model):
    """The profile fields as they were before each edit, so no one's words are silently replaced."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="revisions")
    before = models.JSONField(default=dict)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self):
        return f"{self.client_id} before {self.changed_at:%Y-%m-%d %H:%M}"


class ClientVisibility(models.Model):
    """Which providers may see a client: the current provider, and providers the client consented to share with.

    Kept in step by clients.services in the same transaction as the change that causes it, so the access door
    scopes with one indexed condition (provider) instead of joining consents and case files per row.
    """

    class Via(models.TextChoices):
        CURRENT = "current", _("Current provider")
        CONSENT = "consent", _("Client consent")

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="visibility")
    via = models.CharField(max_length=10, choices=Via.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "client", "via"], name="client_visibility_unique")]
        indexes = [models.Index(fields=["provider", "client"])]

    def __str__(self):
        return f"{self.client_id} visible to {self.provider_id} ({self.via})"


class WorkHistoryEntry(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="work_history")
    employer_name = models.CharField(_("employer"), max_length=200)
    title = models.CharField(_("job title"), max_length=200)
    occupation = models.ForeignKey(Occupation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(started_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="work_history_period_ordered",
            )
        ]

    def __str__(self):
        return f"{self.title}, {self.employer_name}"


class OccupationalGoal(models.Model):
    class Horizon(models.TextChoices):
        SHORT = "short", _("Short term")
        LONG = "long", _("Long term")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="goals")
    occupation = models.ForeignKey(Occupation, on_delete=models.PROTECT, related_name="+")
    horizon = models.CharField(max_length=5, choices=Horizon.choices, default=Horizon.SHORT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "occupation", "horizon"], name="occupational_goal_unique")
        ]

    def __str__(self):
        return f"{self.occupation} ({self.get_horizon_display()})"


class Consent(models.Model):
    """A consent the client gave, and when they withdrew it. Rows are never deleted."""

    class Scope(models.TextChoices):
        SHARE_PROVIDER = "share_provider", _("Share my record with a named provider (transfer or referral)")
        SHARE_EMPLOYERS = "share_employers", _("Share a de-identified profile with employers")
        CONTACT_EMAIL = "contact_email", _("Contact me by e-mail")
        CONTACT_SMS = "contact_sms", _("Contact me by text message")
        CONTACT_PHONE = "contact_phone", _("Contact me by phone")
        STATISTICS = "statistics", _("Use my data in de-identified statistics")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="consents")
    scope = models.CharField(max_length=20, choices=Scope.choices)
    provider = models.ForeignKey(Provider, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-granted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scope="share_provider", provider__isnull=False) | (~Q(scope="share_provider") & Q(provider__isnull=True)),
                name="consent_provider_only_for_sharing",
            ),
            models.UniqueConstraint(
                fields=["client", "provider"], condition=Q(withdrawn_at__isnull=True, scope="share_provider"),
                name="consent_one_active_share_per_provider",
            ),
            models.UniqueConstraint(
                fields=["client", "scope"], condition=Q(withdrawn_at__isnull=True, provider__isnull=True),
                name="consent_one_active_per_scope",
            ),
        ]
        indexes = [models.Index(fields=["client", "scope", "withdrawn_at"])]

    def __str__(self):
        return self.get_scope_display()

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class Assessment(models.Model):
    """One run of the standard instrument (clients.assessment). Re-assessing adds a row; history is kept."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="assessments")
    provider = models.ForeignKey(Provider, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    instrument_version = models.CharField(max_length=20)
    answers = models.JSONField(default=dict)
    points = models.PositiveSmallIntegerField(default=0)
    computed_segment = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    reasons = models.JSONField(default=list)
    override_segment = models.PositiveSmallIntegerField(
        _("override segment"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    override_reason = models.TextField(_("reason for the override"), blank=True, max_length=2000)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    overridden_at = models.DateTimeField(null=True, blank=True)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-assessed_at", "-id"]
        indexes = [models.Index(fields=["client", "-assessed_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(computed_segment__gte=1, computed_segment__lte=3),
                                   name="assessment_segment_range"),
            models.CheckConstraint(
                condition=Q(override_segment__isnull=True) | (Q(override_segment__gte=1, override_segment__lte=3)
                                                              & ~Q(override_reason="")),
                name="assessment_override_needs_reason",
            ),
        ]

    def __str__(self):
        return f"{self.client} · {self.assessed_at:%Y-%m-%d} · segment {self.segment}"

    @property
    def segment(self) -> int:
        return self.override_segment or self.computed_segment


class ServiceCatalogueEntry(models.Model):
    """A service a provider can put on a plan. `kind` is the stable code other apps rely on."""

    class Kind(models.TextChoices):
        COACHING = "coaching", _("One-to-one coaching")
        RESUME = "resume", _("Resume")
        INTERVIEW_PRACTICE = "interview_practice", _("Interview practice")
        SOCIAL_MEDIA = "social_media", _("Social media and LinkedIn")
        ATS_KEYWORDS = "ats_keywords", _("Applicant tracking systems and keywords")
        JOB_SEARCH = "job_search", _("Job search")
        CAREER_EXPLORATION = "career_exploration", _("Career exploration")
        LIFE_SKILLS = "life_skills", _("Life skills")
        TRAINING = "training", _("Training")
        CREDENTIAL_RECOGNITION = "credential_recognition", _("Credential recognition")
        INFORMATION_INTERVIEW = "information_interview", _("Information interviews")
        MENTORING = "mentoring", _("Mentorship")
        VOLUNTEER = "volunteer", _("Volunteer placement")
        INTERNSHIP = "internship", _("Internship or work placement")
        APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
        SELF_EMPLOYMENT = "self_employment", _("Self-employment")

    class Format(models.TextChoices):
        WORKSHOP = "workshop", _("Group workshop")
        ONE_TO_ONE = "one_to_one", _("One-to-one")
        COURSE = "course", _("Course")
        PLACEMENT = "placement", _("Placement")
        ACTIVITY = "activity", _("Self-directed activity")

    code = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices, db_index=True)
    format = models.CharField(max_length=20, choices=Format.choices)
    name = models.CharField(max_length=200)
    name_fr = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    duration_hours = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "service catalogue entries"

    def __str__(self):
        return self.name

    def display_name(self, language: str = "en") -> str:
        return self.name_fr if language == "fr" and self.name_fr else self.name


class ActionPlan(models.Model):
    """The plan built with the person: their goals in their own words, and the services that serve them."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="plans")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="+")
    goals = models.JSONField(_("goals in the person's words"), default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["client"], condition=Q(closed_at__isnull=True),
                                    name="action_plan_one_current_per_client"),
        ]

    def __str__(self):
        return f"Plan for {self.client}"


class PlanGoalsRevision(models.Model):
    """The goals as they were before each edit: a person's words are amended, never silently replaced."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="goal_revisions")
    goals = models.JSONField(default=list)
    replaced_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-replaced_at", "-id"]

    def __str__(self):
        return f"Goals of {self.plan_id} before {self.replaced_at:%Y-%m-%d}"


class PlanItem(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN_STATUSES = (Status.PROPOSED, Status.PLANNED, Status.IN_PROGRESS)

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="items")
    # The plan's client, repeated so "done anywhere in the network" and the access door read one indexed column.
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="plan_items")
    service = models.ForeignKey(ServiceCatalogueEntry, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    title = models.CharField(_("what"), max_length=200)
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("delivering provider"))
    # Delivered by a provider other than the plan's: caseload turns it into a referral.
    is_referral = models.BooleanField(default=False)
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    outcome = models.TextField(_("outcome"), blank=True, max_length=2000)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "created_at", "id"]
        indexes = [models.Index(fields=["client", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="completed", completed_at__isnull=False) | (
                    ~Q(status="completed") & Q(completed_at__isnull=True)),
                name="plan_item_completed_at_iff_completed",
            ),
        ]

    def __str__(self):
        return self.title


class IntakeDraft(models.Model):
    """What a staff member has typed into the intake wizard so far, saved on every step."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="+")
    step = models.CharField(max_length=30, default="identity")
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["staff", "provider"], name="intake_draft_one_per_staff")]

    def __str__(self):
        return f"Intake draft by {self.staff_id} ({self.step})"
