"""Satisfaction surveys after key moments (issue 9 §8): issued by a daily job, answered once.

A client's invitation goes through the notifications outbox as a message key (quality.survey_client) rendered in
the client's language; an employer contact, who has no account, gets a bilingual e-mail with a token link, from a
claim-once sweep (the survey row is its own outbox: `delivered_at` is set only after the mail left).
"""

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from clients.models import ActionPlan, Client
from employers.models import Contact
from espportal import audit
from espportal.models import Provider, User
from espportal.services import notification_send
from outcomes.models import Placement, RetentionCheck
from outcomes.quality.models import Survey

logger = logging.getLogger(__name__)
# A moment older than this when the job first sees it gets no survey (a late question is a poor question).
LOOKBACK = dt.timedelta(days=30)
EMPLOYED = (RetentionCheck.Status.EMPLOYED_SAME, RetentionCheck.Status.EMPLOYED_OTHER)


def survey_issue(*, provider: Provider, moment: str, client: Client | None = None,
                 placement: Placement | None = None, contact: Contact | None = None,
                 now: dt.datetime | None = None) -> Survey | None:
    """Issue one survey, once per (moment, respondent, placement): a second call returns the first row. A client
    survey notifies the client's account (none when the record has no account yet); an employer survey waits for
    the e-mail sweep. Returns None when there is nobody to ask."""
    respondent = Survey.Respondent.EMPLOYER if moment == Survey.Moment.EMPLOYER_HIRE else Survey.Respondent.CLIENT
    subject = contact if respondent == Survey.Respondent.EMPLOYER else client
    if subject is None:
        return None
    key = f"{moment}:{subject.code}:{placement.code if placement else ''}"
    existing = Survey.objects.filter(dedupe_key=key).first()
    if existing is not None:
        return existing
    survey = Survey(provider=provider, client=client, respondent=respondent, moment=moment, placement=placement,
                    contact=contact if respondent == Survey.Respondent.EMPLOYER else None, dedupe_key=key,
                    sent_at=now or timezone.now())
    try:
        with transaction.atomic():
            survey.save()
            if respondent == Survey.Respondent.CLIENT and client.user_id:
                notification_send(recipient=client.user, message="quality.survey_client", params={"moment": moment},
                                  link=reverse("quality:me_survey", args=[survey.code]),
                                  dedupe_key=f"survey:{survey.code}")
                Survey.objects.filter(pk=survey.pk).update(delivered_at=survey.sent_at)
    except IntegrityError:  # issued by another run meanwhile
        return Survey.objects.get(dedupe_key=key)
    return survey


def surveys_issue(*, now: dt.datetime | None = None) -> int:
    """The daily job: a survey for each key moment of the last 30 days that has none yet. Returns how many were
    issued now (a rerun issues none). Moments: first one-to-one meeting, action plan closed, placement (the client,
    and the employer's first contact with an e-mail when the employer is in the network), 6-month check confirmed
    employed."""
    now = now or timezone.now()
    since = now - LOOKBACK
    before = Survey.objects.count()
    for client in Client.objects.filter(first_meeting_at__gte=since, current_provider__isnull=False).select_related(
            "user", "current_provider"):
        survey_issue(provider=client.current_provider, moment=Survey.Moment.FIRST_MEETING, client=client, now=now)
    for plan in ActionPlan.objects.filter(closed_at__gte=since).select_related("client__user", "provider"):
        survey_issue(provider=plan.provider, moment=Survey.Moment.PLAN_COMPLETED, client=plan.client, now=now)
    for placement in Placement.objects.filter(recorded_at__gte=since).select_related("client__user", "provider",
                                                                                     "employer"):
        survey_issue(provider=placement.provider, moment=Survey.Moment.PLACEMENT, client=placement.client,
                     placement=placement, now=now)
        contact = (placement.employer.contacts.exclude(email="").order_by("id").first()
                   if placement.employer_id else None)
        survey_issue(provider=placement.provider, moment=Survey.Moment.EMPLOYER_HIRE, placement=placement,
                     contact=contact, now=now)
    for check in RetentionCheck.objects.filter(milestone_months=6, status__in=EMPLOYED, answered_at__gte=since) \
            .select_related("placement__provider", "client__user"):
        survey_issue(provider=check.placement.provider, moment=Survey.Moment.RETENTION_6M, client=check.client,
                     placement=check.placement, now=now)
    return Survey.objects.count() - before


def employer_surveys_deliver(*, base_url: str = "") -> int:
    """Send each undelivered employer survey once: claimed with a conditional UPDATE (delivered_at), released if
    the mail fails so the next sweep retries. The e-mail is bilingual (the contact's language is not recorded)."""
    sent = 0
    pending = Survey.objects.filter(respondent=Survey.Respondent.EMPLOYER, delivered_at__isnull=True,
                                    answered_at__isnull=True).exclude(Q(contact__isnull=True) | Q(contact__email=""))
    for survey in pending.select_related("contact", "placement"):
        claimed_at = timezone.now()
        if not Survey.objects.filter(pk=survey.pk, delivered_at__isnull=True).update(delivered_at=claimed_at):
            continue
        link = base_url + reverse("quality:employer_survey", args=[survey.token])
        parts = []
        for language in ("en", "fr"):
            with translation.override(language):
                parts.append((_("How did the hire go?"),
                              _("You hired %(title)s through an employment service. One question, one minute, no "
                                "sign-in: %(link)s") % {"title": survey.placement.title if survey.placement else "",
                                                        "link": link}))
        try:
            send_mail(subject=" / ".join(p[0] for p in parts), message="\n\n".join(p[1] for p in parts),
                      from_email=None, recipient_list=[survey.contact.email])
        except Exception as exc:  # the next sweep retries
            logger.warning("Employer survey %s not sent: %s", survey.pk, exc)
            Survey.objects.filter(pk=survey.pk, delivered_at=claimed_at).update(delivered_at=None)
            continue
        sent += 1
    return sent


@transaction.atomic
def survey_answer(*, survey: Survey, score, comment: str = "", anonymous: bool = False,
                  answered_by: User | None = None, now: dt.datetime | None = None) -> Survey:
    """Record the one answer: a score of 1 to 5, an optional comment, and whether the provider may see it only in
    aggregates (anonymous). ValidationError for a score outside 1-5 or when the survey was answered already (the
    first answer counts; nothing changes)."""
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not Survey.SCORE_MIN <= score <= Survey.SCORE_MAX:
        raise ValidationError({"score": _("Choose a score from 1 to 5.")})
    now = now or timezone.now()
    updated = Survey.objects.filter(pk=survey.pk, answered_at__isnull=True).update(
        score=score, comment=(comment or "").strip()[:2000], anonymous=bool(anonymous), answered_at=now)
    if not updated:
        raise ValidationError(_("This survey was already answered: only the first answer counts. Thank you."))
    survey.refresh_from_db()
    audit.record(action="survey.answered", actor=answered_by, client=survey.client, target=survey,
                 provider=survey.provider, detail={"moment": survey.moment})
    return survey


