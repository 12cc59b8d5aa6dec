"""Action plans, their items and the service catalogue they draw from."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from espportal.fields import public_code, user_ref
from espportal.models import Provider
from espportal.vocab import in_language

from .record import Client


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
        """The name in the active language: a drop-down of services reads in its reader's language."""
        return in_language(self.name, self.name_fr)

    def display_name(self, language: str = "en") -> str:
        return in_language(self.name, self.name_fr, language)


class ActionPlan(models.Model):
    """The plan built with the person: their goals in their own words, and the services that serve them."""

    code = public_code()
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="plans")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="+")
    goals = models.JSONField(_("goals in the person's words"), default=list, blank=True)
    created_by = user_ref()
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["client"], condition=Q(closed_at__isnull=True),
                                    name="action_plan_one_current_per_client",
                violation_error_message=_("This client already has a current action plan.")),
        ]

    def __str__(self):
        return f"Plan for {self.client}"


class PlanGoalsRevision(models.Model):
    """The goals as they were before each edit: a person's words are amended, never silently replaced."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="goal_revisions")
    goals = models.JSONField(default=list)
    replaced_by = user_ref()
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

    code = public_code()
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
    completed_by = user_ref(optional=True)
    created_by = user_ref()
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
                violation_error_message=_("A plan step has a completion date only when it is completed."),
            ),
        ]

    def __str__(self):
        return self.title
