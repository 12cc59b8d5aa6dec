"""The job seeker's record: profile, its revisions, who may see it, work history, goals and intake drafts."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from espportal.fields import coordinate, public_code, user_ref
from espportal.models import Provider, choice_list_validator
from espportal.vocab import Language, labels

from .reference import (
    Accommodation,
    CredentialRecognition,
    EducationLevel,
    GoalCloseness,
    Occupation,
    SelfIdentification,
    Skill,
    name_key,
    noc_code_list_validator,
    normalise_name,
    normalise_phone,
    postal_code_field,
)


class Client(models.Model):
    """One job seeker's record, across every provider that serves them."""

    code = public_code()
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
    postal_code = postal_code_field()
    latitude = coordinate()
    longitude = coordinate()

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
    # How wide the search for suggested jobs is (employers.relevance): how close to a goal a job must be, and the
    # two ways the person widens it on purpose.
    goal_closeness = models.PositiveSmallIntegerField(
        _("suggest jobs related to my goals"), choices=GoalCloseness.choices, default=GoalCloseness.MAJOR
    )
    open_to_interim_work = models.BooleanField(_("open to interim work outside my goals"), default=False)
    accepted_occupations = models.JSONField(
        _("other occupations I accept (NOC codes)"), default=list, blank=True, validators=[noc_code_list_validator]
    )

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
    registered_by = user_ref(optional=True, on_delete=models.SET_NULL)
    first_meeting_at = models.DateTimeField(_("first one-to-one meeting"), null=True, blank=True)
    # Digits only, kept by services: the duplicate check compares phones however they were typed.
    phone_digits = models.CharField(max_length=20, blank=True, editable=False)
    # "first|last" without accents or case (reference.name_key): the duplicate check compares this, the same way
    # on SQLite and PostgreSQL.
    name_key = models.CharField(max_length=210, blank=True, editable=False)
    # The segment of the latest assessment (override first), kept by the assessment services for lists.
    segment = models.PositiveSmallIntegerField(_("service segment"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["last_name", "id"], name="client_last_name_id"),  # API list keyset
            models.Index(fields=["current_provider", "last_name"]),
            models.Index(fields=["last_name", "first_name", "date_of_birth"]),
            models.Index(fields=["name_key", "date_of_birth"], name="client_name_key_dob"),
            models.Index(fields=["email"]),
            models.Index(fields=["phone"]),
            models.Index(fields=["phone_digits"]),
            models.Index(fields=["date_of_birth"]),
            # The waiting list (home, manager page): a provider's clients without a first meeting, longest wait first.
            models.Index(fields=["current_provider", "registered_at"], condition=Q(first_meeting_at__isnull=True),
                         name="client_waiting_by_provider"),
            # Clients for a lead (employers.matching.client_candidates): the people without a known place; those
            # with one are found by the GiST index of each one's reach (client_reach, migration 0016, PostgreSQL).
            models.Index(fields=["latitude", "longitude"], name="client_place"),
            # The client search's e-mail (clients.selectors.clients_matching, email__iexact is UPPER(email) = ...):
            # an index the OR of the search's conditions can use, so no condition of it reads every client.
            models.Index(Upper("email"), name="client_email_upper"),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def save(self, *args, **kwargs):
        self.phone_digits = normalise_phone(self.phone)
        self.first_name, self.last_name = normalise_name(self.first_name), normalise_name(self.last_name)
        self.name_key = name_key(self.first_name, self.last_name)
        fields = kwargs.get("update_fields")
        if fields is not None:
            if "phone" in fields:
                fields = {*fields, "phone_digits"}
            if {"first_name", "last_name"} & set(fields):
                fields = {*fields, "name_key"}
            kwargs["update_fields"] = fields
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
    changed_by = user_ref()
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
        constraints = [models.UniqueConstraint(fields=["provider", "client", "via"], name="client_visibility_unique",
                violation_error_message=_("This provider can already see this client's record."))]
        indexes = [models.Index(fields=["provider", "client"]),
                   # The clients shared with a provider by consent (clients.access.client_branches): a few rows,
                   # found without reading every client the provider serves.
                   models.Index(fields=["provider", "client"], condition=Q(via="consent"),
                                name="client_visibility_consent")]

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
                violation_error_message=_("A job cannot end before it starts."),
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
            models.UniqueConstraint(fields=["client", "occupation", "horizon"], name="occupational_goal_unique",
                violation_error_message=_("This occupation is already one of the client's goals."))
        ]

    def __str__(self):
        return f"{self.occupation} ({self.get_horizon_display()})"


class IntakeDraft(models.Model):
    """What a staff member has typed into the intake wizard so far, saved on every step."""

    code = public_code()
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="+")
    step = models.CharField(max_length=30, default="identity")
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["staff", "provider"], name="intake_draft_one_per_staff",
                violation_error_message=_("You already have an intake in progress: continue it or discard it first."))]

    def __str__(self):
        return f"Intake draft by {self.staff_id} ({self.step})"
