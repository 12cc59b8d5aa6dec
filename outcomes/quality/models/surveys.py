"""Satisfaction surveys after key moments (issue 9 §8).

A survey row is written when the moment happens (first meeting, plan completed, placement, 6-month check, an
employer's hire); the client's invitation goes through the notifications outbox as a key + parameters rendered in
the client's language; an employer contact, who has no account, answers through the row's token link.
`sent_at` is when the survey was issued; `delivered_at` when the employer's e-mail left (clients: the outbox row).
"""

import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients.models import Client
from employers.models import Contact
from espportal.fields import public_code
from espportal.models import Provider
from outcomes.models import Placement


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Survey(models.Model):
    class Respondent(models.TextChoices):
        CLIENT = "client", _("Job seeker")
        EMPLOYER = "employer", _("Employer")

    class Moment(models.TextChoices):
        FIRST_MEETING = "first_meeting", _("After the first meeting")
        PLAN_COMPLETED = "plan_completed", _("After the action plan was completed")
        PLACEMENT = "placement", _("After starting a job")
        RETENTION_6M = "retention_6m", _("Six months into the job")
        EMPLOYER_HIRE = "employer_hire", _("After hiring a job seeker")

    SCORE_MIN, SCORE_MAX = 1, 5

    code = public_code()
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="surveys")
    client = models.ForeignKey(Client, null=True, blank=True, on_delete=models.PROTECT, related_name="surveys")
    respondent = models.CharField(_("respondent"), max_length=10, choices=Respondent.choices)
    moment = models.CharField(_("moment"), max_length=20, choices=Moment.choices)
    placement = models.ForeignKey(Placement, null=True, blank=True, on_delete=models.PROTECT, related_name="surveys")
    contact = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="surveys")
    # One survey per moment and subject: "<moment>:<client or contact code>:<placement code or ''>".
    dedupe_key = models.CharField(max_length=200, unique=True, editable=False)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    sent_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
    )
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    anonymous = models.BooleanField(_("anonymous to the provider"), default=False)

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["provider", "sent_at"]), models.Index(fields=["client", "sent_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                                   name="survey_score_1_to_5",
                violation_error_message=_("A score is from 1 to 5.")),
            models.CheckConstraint(condition=Q(answered_at__isnull=True, score__isnull=True)
                                   | Q(answered_at__isnull=False, score__isnull=False),
                                   name="survey_answer_has_score",
                violation_error_message=_("An answered survey needs its score.")),
            models.CheckConstraint(condition=Q(respondent="employer") | Q(client__isnull=False),
                                   name="survey_client_survey_has_client",
                violation_error_message=_("A client survey must name the client.")),
        ]

    def __str__(self):
        return f"{self.get_moment_display()} · {self.sent_at:%Y-%m-%d}"

    @property
    def answered(self) -> bool:
        return self.answered_at is not None
