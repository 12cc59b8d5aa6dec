"""The employer network, job leads and the match pipeline.

Employers are one record across the network; each provider keeps its own relationship to them. Leads carry the
facts the matching engine filters on in the database (status, closing date, permanence, hours, place,
accommodations), with the NOC code and TEER copied from the occupation so filters and rollups need no join.
"""

import re

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients.models import Accommodation, Client, Occupation, Skill, postal_code_field
from espportal.fields import coordinate, public_code, user_ref
from espportal.models import Provider, choice_list_validator
from espportal.vocab import Population, Region, Sector


def normalise_name(value: str) -> str:
    """'The Maple Leaf Foods, Inc.' and 'maple leaf foods inc' are the same employer."""
    text = re.sub(r"[^a-z0-9 ]+", " ", (value or "").lower())
    words = [w for w in text.split() if w not in {"the", "inc", "ltd", "ltee", "llc", "corp", "co", "limited"}]
    return " ".join(words)


def normalise_postal(value: str) -> str:
    return (value or "").upper().replace(" ", "")


# Ontario's postal districts line up with the ministry's regions closely enough for demand rollups.
REGION_BY_POSTAL_LETTER = {"M": Region.TORONTO, "L": Region.CENTRAL, "K": Region.EASTERN, "N": Region.WESTERN,
                           "P": Region.NORTHERN}


def region_of_postal(value: str) -> str:
    return REGION_BY_POSTAL_LETTER.get(normalise_postal(value)[:1], "")


class SizeBand(models.TextChoices):
    MICRO = "micro", _("1-4 employees")
    SMALL = "small", _("5-99 employees")
    MEDIUM = "medium", _("100-499 employees")
    LARGE = "large", _("500 or more employees")


class Employer(models.Model):
    code = public_code()
    name = models.CharField(_("name"), max_length=200)
    name_normalised = models.CharField(max_length=200, editable=False)
    postal_code = postal_code_field()
    postal_normalised = models.CharField(max_length=6, editable=False)
    sector = models.CharField(_("sector (NAICS)"), max_length=2, choices=Sector.choices)
    size_band = models.CharField(_("size"), max_length=10, choices=SizeBand.choices)
    website = models.URLField(_("website"), blank=True)
    inclusive_hiring = models.JSONField(
        _("inclusive hiring commitments"), default=list, blank=True, validators=[choice_list_validator(Population)]
    )
    inclusive_notes = models.TextField(_("inclusive hiring notes"), blank=True, max_length=2000)
    hiring_needs = models.TextField(_("hiring needs"), blank=True, max_length=2000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name_normalised", "postal_normalised"], name="employer_unique_name_place",
                violation_error_message=_("This employer is already in the network at this postal code."))
        ]
        indexes = [
            models.Index(fields=["sector"]),
            models.Index(fields=["name", "id"], name="employer_name_id"),  # API keyset; the directory's order
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_normalised = normalise_name(self.name)
        self.postal_normalised = normalise_postal(self.postal_code)
        super().save(*args, **kwargs)


class EmployerLocation(models.Model):
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="locations")
    label = models.CharField(_("name of the site"), max_length=120, blank=True)
    postal_code = postal_code_field()
    latitude = coordinate()
    longitude = coordinate()
    step_free = models.BooleanField(_("step-free access"), default=False)
    accessible_washroom = models.BooleanField(_("accessible washroom"), default=False)

    def __str__(self):
        return self.label or self.postal_code


class ProviderEmployerRelationship(models.Model):
    class Stage(models.TextChoices):
        PROSPECT = "prospect", _("Prospect")
        ENGAGED = "engaged", _("Engaged")
        HIRING_PARTNER = "hiring_partner", _("Hiring partner")
        DORMANT = "dormant", _("Dormant")

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="employer_relationships")
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="relationships")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="employer_relationships", verbose_name=_("job developer"))
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.PROSPECT)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "employer"], name="relationship_unique",
                violation_error_message=_("Your provider already has a relationship with this employer."))]

    def __str__(self):
        return f"{self.provider} · {self.employer}: {self.get_stage_display()}"


class Contact(models.Model):
    class Role(models.TextChoices):
        RECRUITER = "recruiter", _("Recruiter")
        HIRING_MANAGER = "hiring_manager", _("Hiring manager")
        OWNER = "owner", _("Owner")
        MENTOR = "entrepreneur_mentor", _("Entrepreneur who mentors")
        OTHER = "other", _("Other")

    code = public_code()
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class EngagementActivity(models.Model):
    class Kind(models.TextChoices):
        NETWORKING_EVENT = "networking_event", _("Networking event")
        INFO_INTERVIEW = "info_interview", _("Information interview")
        MENTORSHIP = "mentorship", _("Mentorship")
        INTERNSHIP = "internship", _("Internship")
        WORK_PLACEMENT = "work_placement", _("Work placement")
        VOLUNTEER_PLACEMENT = "volunteer_placement", _("Volunteer placement")
        GUEST_SPEAKER = "guest_speaker", _("Guest speaker at a workshop")
        HIRING_EVENT = "hiring_event", _("Hiring event")
        SITE_VISIT = "site_visit", _("Site visit")

    code = public_code()
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="activities")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="employer_activities")
    staff = user_ref()
    contact = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    attendees = models.ManyToManyField(Client, through="ActivityAttendance", related_name="employer_activities")

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["provider", "-date"]), models.Index(fields=["employer", "-date"])]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.employer} · {self.date}"


class ActivityAttendance(models.Model):
    activity = models.ForeignKey(EngagementActivity, on_delete=models.CASCADE, related_name="attendance")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="activity_attendance")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["activity", "client"], name="attendance_unique",
                violation_error_message=_("This client is already recorded as attending."))]

    def __str__(self):
        return f"{self.client} at {self.activity}"


class Permanence(models.TextChoices):
    PERMANENT = "permanent", _("Permanent")
    CONTRACT = "contract", _("Contract")
    SEASONAL = "seasonal", _("Seasonal")
    CASUAL = "casual", _("Casual")


FULL_TIME_HOURS = 30  # Statistics Canada's line between full- and part-time work


class JobLead(models.Model):
    class Source(models.TextChoices):
        JOB_DEVELOPER = "job_developer", _("Developed by a job developer")
        EMPLOYER_POSTED = "employer_posted", _("Posted by the employer")
        PUBLIC_POSTING = "public_posting", _("Public posting")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FILLED = "filled", _("Filled")
        EXPIRED = "expired", _("Expired")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    code = public_code()
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="leads")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="job_leads")
    title = models.CharField(_("job title"), max_length=200)
    occupation = models.ForeignKey(Occupation, on_delete=models.PROTECT, related_name="+",
                                   limit_choices_to={"level": Occupation.Level.UNIT}, verbose_name=_("NOC unit group"))
    noc_code = models.CharField(max_length=5, editable=False)
    teer = models.PositiveSmallIntegerField(editable=False)
    required_skills = models.ManyToManyField(Skill, blank=True, related_name="+", verbose_name=_("required skills"))
    nice_skills = models.ManyToManyField(Skill, blank=True, related_name="+", verbose_name=_("nice-to-have skills"))
    remote = models.BooleanField(_("remote"), default=False)
    postal_code = postal_code_field(blank=True)
    latitude = coordinate()
    longitude = coordinate()
    region = models.CharField(max_length=20, choices=Region.choices, blank=True, editable=False)
    pay_min = models.DecimalField(_("pay from ($/hour)"), max_digits=6, decimal_places=2, null=True, blank=True,
                                  validators=[MinValueValidator(0)])
    pay_max = models.DecimalField(_("pay up to ($/hour)"), max_digits=6, decimal_places=2, null=True, blank=True,
                                  validators=[MinValueValidator(0)])
    hours_per_week = models.PositiveSmallIntegerField(_("hours a week"),
                                                      validators=[MinValueValidator(1), MaxValueValidator(80)])
    permanence = models.CharField(_("permanence"), max_length=10, choices=Permanence.choices)
    accommodations_offered = models.JSONField(
        _("accommodations offered"), default=list, blank=True, validators=[choice_list_validator(Accommodation)]
    )
    # False: nobody asked the employer yet. The lead is then shown to people who need an accommodation, marked
    # "ask the employer", rather than passed over as if it offered none.
    accommodations_known = models.BooleanField(_("the employer told us which accommodations they offer"),
                                               default=True)
    positions = models.PositiveSmallIntegerField(_("positions"), default=1, validators=[MinValueValidator(1)])
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.JOB_DEVELOPER)
    unadvertised = models.BooleanField(_("unadvertised (hidden job market)"), default=False)
    closing_date = models.DateField(_("closing date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pay_max__isnull=True) | Q(pay_min__isnull=True) | Q(pay_max__gte=models.F("pay_min")),
                name="lead_pay_range_ordered",
                violation_error_message=_("The top of the pay range is below its bottom."),
            ),
            models.CheckConstraint(condition=Q(remote=True) | ~Q(postal_code=""), name="lead_place_or_remote",
                violation_error_message=_("Give the workplace's postal code, or mark the job as remote.")),
        ]
        # The matching pre-filter reads open leads only; partial indexes keep them small at 200,000 rows.
        indexes = [
            models.Index(fields=["status", "closing_date"], name="lead_status_closing"),
            models.Index(fields=["latitude", "longitude"], condition=Q(status="open"), name="lead_open_place"),
            models.Index(fields=["noc_code"], condition=Q(status="open"), name="lead_open_noc"),
            models.Index(fields=["permanence", "hours_per_week"], condition=Q(status="open"),
                         name="lead_open_terms"),
            models.Index(fields=["provider", "status", "-created_at"], name="lead_provider_board"),
            # The lead board's default list: the network's open leads, newest first.
            models.Index(fields=["-created_at", "-id"], condition=Q(status="open"), name="lead_open_newest"),
            # The leads API pages advertised leads and a provider's own unadvertised ones newest first (a keyset each).
            models.Index(fields=["created_at", "id"], condition=Q(unadvertised=False), name="lead_advertised_newest"),
            models.Index(fields=["provider", "created_at", "id"], condition=Q(unadvertised=True),
                         name="lead_unadvertised_newest"),
        ]

    def __str__(self):
        return f"{self.title} · {self.employer}"

    @property
    def full_time(self) -> bool:
        return self.hours_per_week >= FULL_TIME_HOURS


class AnswerReason(models.TextChoices):
    """Why a lead is not for the person: the structured reasons of a "not for me" (the job seeker's words) and of a
    counsellor's dismissal. Stored as the code; the label is shown in the reader's language."""

    WORK = "work", _("It is not the kind of work I want")
    PAY = "pay", _("The pay is too low")
    DISTANCE = "distance", _("It is too far or hard to get to")
    HOURS = "hours", _("The hours do not suit me")
    TERMS = "terms", _("I want a different kind of contract")
    EMPLOYER = "employer", _("I do not want to work for this employer")
    ACCOMMODATION = "accessibility", _("The workplace does not meet my needs")
    FOUND = "found", _("I already have a job or an offer")
    OTHER = "other", _("Another reason")


# The same reasons as staff read and choose them: about the client, in the third person.
STAFF_REASON_LABELS = {
    AnswerReason.WORK: _("Not the kind of work the client wants"),
    AnswerReason.PAY: _("The pay is too low for the client"),
    AnswerReason.DISTANCE: _("Too far or too hard for the client to get to"),
    AnswerReason.HOURS: _("The hours do not suit the client"),
    AnswerReason.TERMS: _("The client wants a different kind of contract"),
    AnswerReason.EMPLOYER: _("The client does not want to work for this employer"),
    AnswerReason.ACCOMMODATION: _("The workplace does not meet the client's needs"),
    AnswerReason.FOUND: _("The client already has a job or an offer"),
    AnswerReason.OTHER: _("Another reason"),
}

# The reasons of a counsellor's dismissal as the job seeker reads them: about them, not in their own words.
DISMISSAL_REASON_LABELS = {
    AnswerReason.WORK: _("Not the kind of work you want"),
    AnswerReason.PAY: _("The pay is too low for you"),
    AnswerReason.DISTANCE: _("Too far or too hard for you to get to"),
    AnswerReason.HOURS: _("The hours do not suit you"),
    AnswerReason.TERMS: _("You want a different kind of contract"),
    AnswerReason.EMPLOYER: _("You do not want to work for this employer"),
    AnswerReason.ACCOMMODATION: _("The workplace does not meet your needs"),
    AnswerReason.FOUND: _("You already have a job or an offer"),
    AnswerReason.OTHER: _("Another reason"),
}


class Match(models.Model):
    """A client x lead pairing and where it stands; its history is in MatchEvent."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        SHARED = "shared", _("Shared with the client")
        INTERESTED = "interested", _("Client interested")
        NOT_FOR_ME = "not_for_me", _("Not for me")
        APPLIED = "applied", _("Applied")
        INTERVIEW = "interview", _("Interview")
        OFFER = "offer", _("Offer")
        HIRED = "hired", _("Hired")
        NOT_SELECTED = "not_selected", _("Not selected")
        DISMISSED = "dismissed", _("Dismissed")

    code = public_code()
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="matches")
    lead = models.ForeignKey(JobLead, on_delete=models.PROTECT, related_name="matches")
    score = models.DecimalField(max_digits=5, decimal_places=1, default=0)
    reasons = models.JSONField(default=list, blank=True)  # [{"code": ..., "params": {...}}], see matching.reasons
    flags = models.JSONField(default=list, blank=True)  # e.g. ["underemployment"]
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.SUGGESTED)
    # Why it is not for the person: a structured reason (a code, shown in the reader's language) with the
    # accommodation it names, if any; `status_reason` holds only words a person typed, shown as typed.
    status_reason_code = models.CharField(_("reason"), max_length=15, choices=AnswerReason.choices, blank=True)
    status_reason_accommodation = models.CharField(max_length=20, choices=Accommodation.choices, blank=True)
    status_reason = models.CharField(_("reason in their words"), max_length=500, blank=True)
    created_by = user_ref(optional=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)
    shared_at = models.DateTimeField(null=True, blank=True)
    shared_by = user_ref(optional=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-score", "-id"]
        constraints = [models.UniqueConstraint(fields=["client", "lead"], name="match_unique_client_lead",
                violation_error_message=_("This lead is already matched with this client."))]
        indexes = [
            models.Index(fields=["client", "status"]), models.Index(fields=["lead", "status"]),
            models.Index(fields=["score", "id"], name="match_score"),  # API keyset
            # A pipeline column (employers.selectors.pipeline_column), latest move first.
            models.Index(fields=["status", "-updated_at", "-id"], name="match_status_latest"),
        ]

    def __str__(self):
        return f"{self.client} x {self.lead}"

    def status_for(self, *, seeker: bool) -> str:
        """The status as its reader reads it, in their language: to the job seeker about themselves ("Shared with
        you"), to staff about the client ("Declined by the client"); the stored label where both read the same."""
        status = self.status
        labels = SEEKER_STATUS_LABELS if seeker else STAFF_STATUS_LABELS
        return str(labels.get(status) or self.Status(status).label)

    @property
    def seeker_status(self) -> str:
        return self.status_for(seeker=True)

    @property
    def staff_status(self) -> str:
        return self.status_for(seeker=False)


# Where the job seeker and staff read a status differently (Match.status_for); other statuses use their label.
SEEKER_STATUS_LABELS = {Match.Status.SHARED: _("Shared with you"), Match.Status.INTERESTED: _("You are interested"),
                        Match.Status.DISMISSED: _("Set aside by your counsellor")}
STAFF_STATUS_LABELS = {Match.Status.NOT_FOR_ME: _("Declined by the client")}


class MatchEvent(models.Model):
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=15, choices=Match.Status.choices)
    at = models.DateTimeField(default=timezone.now)
    by = user_ref(optional=True, on_delete=models.SET_NULL)
    note = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.get_status_display()} at {self.at:%Y-%m-%d %H:%M}"


class LearnedPreference(models.Model):
    """What a "not for me" answer, or a counsellor's dismissal with a reason, taught the matching about a person.

    Each row says what changed and how to undo it: a profile field with its value before and after (pay, commute,
    hours, kind of contract, accommodations), or an occupation or employer hidden or ranked lower. Undone rows stay,
    with who undid them and when.
    """

    Reason = AnswerReason

    class Effect(models.TextChoices):
        HIDE = "hide", _("hidden")
        LOWER = "lower", _("ranked lower")
        PROFILE = "profile", _("profile changed")
        NONE = "none", _("noted only")

    class Source(models.TextChoices):
        """Who taught it: each reader is told so from where they stand (employers.selectors.preference_text)."""

        ANSWER = "answer", _("the person's own answer")
        DISMISSAL = "dismissal", _("a counsellor's dismissal")

    code = public_code()
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="learned_preferences")
    reason = models.CharField(max_length=15, choices=AnswerReason.choices)
    effect = models.CharField(max_length=10, choices=Effect.choices)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ANSWER)
    match = models.ForeignKey(Match, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    occupation = models.ForeignKey(Occupation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    employer = models.ForeignKey(Employer, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    field = models.CharField(max_length=40, blank=True)  # the Client field changed, when effect is "profile"
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    created_by = user_ref(optional=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = user_ref(optional=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["client", "undone_at"], name="learned_pref_client_active")]

    def __str__(self):
        return f"{self.client_id}: {self.reason} ({self.effect})"

    @property
    def staff_reason_label(self) -> str:
        """The reason as staff read it, about the client (STAFF_REASON_LABELS)."""
        return str(STAFF_REASON_LABELS.get(self.reason, self.get_reason_display()))

    @property
    def seeker_reason_label(self) -> str:
        """The reason as the job seeker reads it: in their own words when it was their answer (AnswerReason), about
        them ("Not the kind of work you want") when their counsellor dismissed the lead (DISMISSAL_REASON_LABELS)."""
        if self.source == self.Source.DISMISSAL:
            return str(DISMISSAL_REASON_LABELS.get(self.reason, self.get_reason_display()))
        return str(self.get_reason_display())
