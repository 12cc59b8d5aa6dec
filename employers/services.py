"""Writes on the employer network, leads and matches. Every function is atomic, validated and audited.
What a "not for me" teaches the matching (learned preferences) is in employers.services_preferences."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.models import Client, Consent, Occupation, normalise_postal_code
from employers import matching, selectors
from employers.models import (
    ActivityAttendance,
    AnswerReason,
    Contact,
    Employer,
    EmployerLocation,
    EngagementActivity,
    JobLead,
    LearnedPreference,
    Match,
    MatchEvent,
    ProviderEmployerRelationship,
    region_of_postal,
)
from employers.services_preferences import preference_learn, reason_check
from espportal import audit
from espportal.models import Provider, User
from espportal.queue import enqueue_on_commit
from espportal.services import notification_send

S = Match.Status
# Which step may follow which. Anything else is refused, so the history reads as it happened.
TRANSITIONS = {
    S.SUGGESTED: {S.SHARED, S.DISMISSED},
    S.SHARED: {S.INTERESTED, S.NOT_FOR_ME, S.DISMISSED},
    S.INTERESTED: {S.APPLIED, S.NOT_FOR_ME, S.DISMISSED},
    S.APPLIED: {S.INTERVIEW, S.NOT_SELECTED},
    S.INTERVIEW: {S.OFFER, S.NOT_SELECTED},
    S.OFFER: {S.HIRED, S.NOT_SELECTED},
    S.NOT_FOR_ME: set(),
    S.DISMISSED: {S.SUGGESTED},  # a counsellor may bring back a match dismissed by mistake
    S.HIRED: set(),
    S.NOT_SELECTED: set(),
}
FORWARD = {S.SUGGESTED: S.SHARED, S.SHARED: S.INTERESTED, S.INTERESTED: S.APPLIED, S.APPLIED: S.INTERVIEW,
           S.INTERVIEW: S.OFFER, S.OFFER: S.HIRED}


class DuplicateEmployer(ValidationError):
    def __init__(self, existing: Employer):
        super().__init__(_("%(name)s at %(postal)s is already in the network.") % {
            "name": existing.name, "postal": existing.postal_code})
        self.existing = existing


@transaction.atomic
def employer_create(*, provider: Provider, created_by: User, name: str, postal_code: str, sector: str,
                    size_band: str, website: str = "", inclusive_hiring=(), inclusive_notes: str = "",
                    hiring_needs: str = "", latitude=None, longitude=None, step_free: bool = False,
                    accessible_washroom: bool = False) -> Employer:
    """Add an employer to the network, with its main site and this provider's relationship.

    The network keeps one record per employer: when the normalised name and postal code are already known,
    DuplicateEmployer carries the existing record so the caller can offer it instead.
    """
    existing = selectors.employer_duplicate(name=name, postal_code=postal_code)
    if existing:
        raise DuplicateEmployer(existing)
    employer = Employer(name=name.strip(), postal_code=normalise_postal_code(postal_code), sector=sector,
                        size_band=size_band, website=website, inclusive_hiring=list(inclusive_hiring),
                        inclusive_notes=inclusive_notes, hiring_needs=hiring_needs, created_by=created_by)
    employer.full_clean(exclude=["name_normalised", "postal_normalised"])
    employer.save()
    location = EmployerLocation(employer=employer, label=_("Main site"), postal_code=employer.postal_code,
                                latitude=latitude, longitude=longitude, step_free=step_free,
                                accessible_washroom=accessible_washroom)
    location.full_clean()
    location.save()
    ProviderEmployerRelationship.objects.create(provider=provider, employer=employer, owner=created_by)
    audit.record(action="employer.created", actor=created_by, provider=provider, target=employer)
    return employer


@transaction.atomic
def relationship_set(*, provider: Provider, employer: Employer, stage: str, owner: User | None,
                     changed_by: User) -> ProviderEmployerRelationship:
    relationship, _created = ProviderEmployerRelationship.objects.get_or_create(provider=provider, employer=employer)
    relationship.stage, relationship.owner = stage, owner
    relationship.full_clean()
    relationship.save()
    audit.record(action="employer.relationship_set", actor=changed_by, provider=provider, target=employer,
                 detail={"stage": stage})
    return relationship


@transaction.atomic
def contact_add(*, employer: Employer, added_by: User, name: str, role: str, email: str = "",
                phone: str = "") -> Contact:
    """Add a contact person at `employer`. Raises ValidationError (on "name") when the employer already has a
    contact of the same name (any case) and the same e-mail (any case) or phone: the same person added twice
    (tester, 2026-11-30). A namesake with other details, or with none given, is a different person."""
    contact = Contact(employer=employer, name=name.strip(), role=role, email=email.strip(), phone=phone.strip())
    same = Q(pk__in=[])
    if contact.email:
        same |= Q(email__iexact=contact.email)
    if contact.phone:
        same |= Q(phone__iexact=contact.phone)
    if employer.contacts.filter(same, name__iexact=contact.name).exists():
        raise ValidationError({"name": _("%(name)s is already a contact of this employer, with the same e-mail or "
                                         "phone.") % {"name": contact.name}})
    contact.full_clean()
    contact.save()
    audit.record(action="employer.contact_added", actor=added_by, target=employer, detail={"role": role})
    return contact


@transaction.atomic
def activity_record(*, provider: Provider, staff: User, employer: Employer, kind: str, date: dt.date,
                    attendees=(), contact: Contact | None = None, notes: str = "") -> EngagementActivity:
    """Record face-time with an employer. Attendees must be clients the provider serves now (checked by callers)."""
    activity = EngagementActivity(provider=provider, staff=staff, employer=employer, kind=kind, date=date,
                                  contact=contact, notes=notes)
    activity.full_clean()
    activity.save()
    ActivityAttendance.objects.bulk_create([ActivityAttendance(activity=activity, client=c) for c in attendees])
    audit.record(action="employer.activity_recorded", actor=staff, provider=provider, target=activity,
                 detail={"kind": kind, "employer": str(employer.code), "attendees": len(attendees)})
    return activity


LEAD_FIELDS = {
    "title", "remote", "postal_code", "latitude", "longitude", "pay_min", "pay_max", "hours_per_week", "permanence",
    "accommodations_offered", "accommodations_known", "positions", "source", "unadvertised", "closing_date",
    "description",
}


def _occupation(noc) -> Occupation:
    if isinstance(noc, Occupation):
        noc = noc.code
    if noc is None or not str(noc).strip():
        raise ValidationError({"occupation": _("Give the job's NOC 2021 unit group: a lead needs one.")})
    occupation = Occupation.objects.filter(code=str(noc).strip(), level=Occupation.Level.UNIT).first()
    if occupation is None:
        raise ValidationError({"occupation": _("%(code)s is not a NOC 2021 unit group.") % {"code": noc}})
    return occupation


def _lead_validate(lead: JobLead, *, today: dt.date, closing_changed: bool) -> None:
    errors = {}
    if lead.pay_min is not None and lead.pay_max is not None and lead.pay_max < lead.pay_min:
        errors["pay_max"] = _("The top of the pay range is below its bottom.")
    if closing_changed and lead.closing_date and lead.closing_date < today:
        errors["closing_date"] = _("The closing date is in the past.")
    if not lead.remote and not lead.postal_code:
        errors["postal_code"] = _("Give the workplace's postal code, or mark the job as remote.")
    if errors:
        raise ValidationError(errors)
    lead.full_clean(exclude=["noc_code", "teer", "region"])


def _lead_place(lead: JobLead) -> None:
    if lead.postal_code:
        lead.postal_code = normalise_postal_code(lead.postal_code)
    if lead.latitude is None and lead.postal_code:
        # Same site as one of the employer's known locations: borrow its coordinates.
        site = lead.employer.locations.filter(postal_code=lead.postal_code, latitude__isnull=False).first()
        if site:
            lead.latitude, lead.longitude = site.latitude, site.longitude
    lead.region = region_of_postal(lead.postal_code) or lead.provider.region


@transaction.atomic
def lead_create(*, provider: Provider, employer: Employer, created_by: User, occupation, required_skills=(),
                nice_skills=(), **fields) -> JobLead:
    unknown = set(fields) - LEAD_FIELDS
    if unknown:
        raise TypeError(f"Unknown lead fields: {sorted(unknown)}")
    occupation = _occupation(occupation)
    lead = JobLead(provider=provider, employer=employer, created_by=created_by, occupation=occupation,
                   noc_code=occupation.code, teer=Occupation.teer_of(occupation.code), **fields)
    _lead_place(lead)
    _lead_validate(lead, today=timezone.localdate(), closing_changed=True)
    lead.save()
    lead.required_skills.set(required_skills)
    lead.nice_skills.set(nice_skills)
    audit.record(action="lead.created", actor=created_by, provider=provider, target=lead,
                 detail={"employer": str(employer.code), "noc": lead.noc_code})
    from employers import tasks  # tasks import services; resolve at call time

    enqueue_on_commit(tasks.lead_match_new, lead.pk)
    return lead


@transaction.atomic
def lead_update(*, lead: JobLead, changed_by: User, occupation=None, required_skills=None, nice_skills=None,
                **fields) -> JobLead:
    unknown = set(fields) - LEAD_FIELDS - {"status"}
    if unknown:
        raise TypeError(f"Unknown lead fields: {sorted(unknown)}")
    # Compare with the stored row: a bound ModelForm has already written the new values onto `lead`.
    before = JobLead.objects.filter(pk=lead.pk).values(*fields).first() or {}
    closing_changed = "closing_date" in fields and fields["closing_date"] != before.get("closing_date")
    changed = sorted(name for name, value in fields.items() if before.get(name) != value)
    for name, value in fields.items():
        setattr(lead, name, value)
    if occupation is not None:
        lead.occupation = _occupation(occupation)
        lead.noc_code, lead.teer = lead.occupation.code, Occupation.teer_of(lead.occupation.code)
    _lead_place(lead)
    _lead_validate(lead, today=timezone.localdate(), closing_changed=closing_changed)
    lead.save()
    if required_skills is not None:
        lead.required_skills.set(required_skills)
    if nice_skills is not None:
        lead.nice_skills.set(nice_skills)
    audit.record(action="lead.updated", actor=changed_by, provider=lead.provider, target=lead,
                 detail={"fields": changed})
    return lead


def leads_expire(*, today: dt.date | None = None) -> int:
    """Close open leads past their closing date. One conditional UPDATE: running it twice changes nothing."""
    today = today or timezone.localdate()
    with transaction.atomic():
        codes = list(JobLead.objects.filter(status=JobLead.Status.OPEN, closing_date__lt=today)
                     .values_list("code", flat=True)[:10000])
        count = JobLead.objects.filter(code__in=codes, status=JobLead.Status.OPEN).update(
            status=JobLead.Status.EXPIRED)
        if count:
            audit.record(action="lead.expired", detail={"count": count, "on": today.isoformat()})
    return count


# --- Matches and the pipeline ---------------------------------------------------------------------------------

def _consented(client: Client) -> bool:
    return Consent.objects.filter(client=client, scope=Consent.Scope.SHARE_EMPLOYERS,
                                  withdrawn_at__isnull=True).exists()


@transaction.atomic
def match_create(*, client: Client, lead: JobLead, by: User | None, note: str = "") -> Match:
    """Suggest a lead to a client (the engine, or a counsellor by hand). An existing pairing is returned as is."""
    existing = Match.objects.filter(client=client, lead=lead).first()
    if existing:
        return existing
    if not _consented(client):
        raise ValidationError(_("This client has not consented to share a profile with employers, so no match "
                                "can be made. Record their consent first."))
    if lead.status != JobLead.Status.OPEN:
        raise ValidationError(_("This lead is no longer open."))
    suggestion = matching.score_pair(client, lead)
    match = Match(client=client, lead=lead, score=Decimal(str(suggestion.score)), reasons=suggestion.reasons,
                  flags=suggestion.flags, created_by=by)
    match.full_clean()
    match.save()
    MatchEvent.objects.create(match=match, status=S.SUGGESTED, by=by, note=note)
    audit.record(action="match.created", actor=by, client=client, target=match, provider=lead.provider,
                 detail={"lead": str(lead.code), "score": float(match.score), "note": bool(note)})
    return match


@transaction.atomic
def match_move(*, match: Match, status: str, by: User | None, note: str = "", reason: str = "",
               reason_code: str = "", accommodation: str = "") -> Match:
    """Move a match one step along the pipeline; a step out of order is refused and nothing changes.

    `reason`: words a person typed (kept as typed); `reason_code` (AnswerReason) and `accommodation` (an
    Accommodation code it names): a structured reason, stored as codes and shown in each reader's language.
    "Not for me" needs one or the other. Raises ValidationError (code "unknown_reason" for an unknown code)."""
    if reason_code:
        reason_check(reason_code, accommodation)
    match = Match.objects.select_for_update().get(pk=match.pk)
    if status not in TRANSITIONS.get(match.status, set()):
        raise ValidationError(_("A match cannot go from “%(from)s” to “%(to)s”.") % {
            "from": match.staff_status, "to": dict(S.choices).get(status, status)})
    if status == S.NOT_FOR_ME and not reason.strip() and not reason_code:
        raise ValidationError({"reason": _("Say why the job is not for the client.")})
    if status == S.SHARED and not _consented(match.client):
        raise ValidationError(_("This client has withdrawn consent to share a profile with employers."))
    now = timezone.now()
    match.status = status
    fields = ["status", "updated_at"]
    if reason or reason_code:
        match.status_reason, match.status_reason_code = reason, reason_code
        match.status_reason_accommodation = accommodation if reason_code == AnswerReason.ACCOMMODATION else ""
        fields += ["status_reason", "status_reason_code", "status_reason_accommodation"]
    if status == S.SHARED and match.shared_at is None:
        match.shared_at, match.shared_by = now, by
        fields += ["shared_at", "shared_by"]
    match.save(update_fields=fields)
    MatchEvent.objects.create(match=match, status=status, at=now, by=by, note=note or reason)
    if status == S.SHARED and match.client.user_id:
        _tell_client(match)
    audit.record(action=f"match.{status}", actor=by, client=match.client, target=match,
                 detail={"lead": str(match.lead.code), "note": bool(note or reason), "reason": reason_code})
    return match


def _tell_client(match: Match) -> None:
    """Tell the job seeker a lead was shared with them; `ask`: the accommodations they need that the employer has
    not said anything of, so the message tells them to ask."""
    recipient = match.client.user
    ask = [] if match.lead.accommodations_known else list(match.client.accommodations or [])
    notification_send(
        recipient=recipient, link=reverse("clients:me"), dedupe_key=f"match-shared:{match.code}",
        message="employers.match_shared",
        params={"title": match.lead.title, "employer": match.lead.employer.name, "ask": ask},
    )


@transaction.atomic
def match_share(*, client: Client, lead: JobLead, by: User, note: str = "") -> Match:
    match = match_create(client=client, lead=lead, by=by, note=note)
    if match.status == S.DISMISSED:
        match = match_move(match=match, status=S.SUGGESTED, by=by, note=note)
    if match.status == S.SUGGESTED:
        match = match_move(match=match, status=S.SHARED, by=by, note=note)
    return match


@transaction.atomic
def match_dismiss(*, client: Client, lead: JobLead, by: User, note: str, reason_code: str = "",
                  accommodation: str = "") -> Match:
    """A counsellor sets a match aside; with a structured `reason_code` (LearnedPreference.Reason) the reason
    teaches the client's matching too (preference_learn), as the client's own "not for me" would."""
    if reason_code:
        reason_check(reason_code, accommodation)
    if not note.strip():
        raise ValidationError({"note": _("Say why the match is dismissed.")})
    match = Match.objects.filter(client=client, lead=lead).first()
    if match is None:
        # Dismissing a live suggestion records it, so it is not suggested again.
        suggestion = matching.score_pair(client, lead)
        match = Match.objects.create(client=client, lead=lead, score=Decimal(str(suggestion.score)),
                                     reasons=suggestion.reasons, flags=suggestion.flags, created_by=by)
        MatchEvent.objects.create(match=match, status=S.SUGGESTED, by=by)
    match = match_move(match=match, status=S.DISMISSED, by=by, note=note, reason_code=reason_code,
                       accommodation=accommodation)
    if reason_code:
        preference_learn(match=match, reason=reason_code, by=by, accommodation=accommodation,
                         source=LearnedPreference.Source.DISMISSAL)
    return match


def lead_match_new(*, lead: JobLead) -> int:
    """Match a new lead against active clients; persist strong matches and push a task to each counsellor.

    Idempotent: matches are unique per client and lead, and tasks are keyed by lead and client.
    """
    from caseload import selectors as case_selectors
    from caseload import services as case_services

    if lead.status != JobLead.Status.OPEN:
        return 0
    active = Client.objects.filter(current_provider__isnull=False)
    pushed = 0
    for suggestion in matching.clients_for_lead(lead, active, limit=matching.CANDIDATE_LIMIT):
        if suggestion.score < matching.STRONG_MATCH_SCORE:
            break
        client = suggestion.client
        case = case_selectors.open_case_for(client)
        if case is None:
            continue
        counsellor = case_selectors.current_assignee(case, role="counsellor")
        with transaction.atomic():
            match, created = Match.objects.get_or_create(
                client=client, lead=lead,
                defaults={"score": Decimal(str(suggestion.score)), "reasons": suggestion.reasons,
                          "flags": suggestion.flags})
            if created:
                MatchEvent.objects.create(match=match, status=S.SUGGESTED)
                audit.record(action="match.created", client=client, target=match, provider=lead.provider,
                             detail={"lead": str(lead.code), "score": suggestion.score, "by": "engine"})
            if counsellor is None:
                continue
            case_services.task_create(
                assignee=counsellor, kind="match", case=case, client=client,
                message="employers.strong_match",
                params={"title": lead.title, "employer": lead.employer.name, "reasons": suggestion.reasons},
                due_on=timezone.localdate() + dt.timedelta(days=3),
                source_key=f"match:{lead.code}:{client.code}",
            )
            pushed += 1
    return pushed


# What a job seeker may answer, from the lead shared with them; every later step is their counsellor's to record.
SEEKER_ANSWERS = (S.INTERESTED, S.NOT_FOR_ME)


@transaction.atomic
def match_answer(*, match: Match, by: User, answer: str, reason: str = "", reason_code: str = "",
                 accommodation: str = "") -> Match:
    """The job seeker says whether a lead shared with them interests them; their counsellor is told.

    `reason`: their own words, if any (kept as typed); `reason_code` (AnswerReason), for "not for me", is stored
    on the match as a code (shown in each reader's language) and becomes a preference on their profile
    (preference_learn); "other" needs their words. An unknown code raises ValidationError with code
    "unknown_reason" and nothing changes.
    """
    current = Match.objects.select_for_update().get(pk=match.pk)
    if answer not in SEEKER_ANSWERS:
        raise ValidationError({"answer": _("Choose “I'm interested” or “Not for me”.")})
    if answer == S.NOT_FOR_ME and reason_code:
        reason_check(reason_code, accommodation)
    if current.status != S.SHARED:
        raise ValidationError(_("You already answered about this job (“%(status)s”); talk to your counsellor "
                                "to change it.") % {"status": current.seeker_status})
    refusal = answer == S.NOT_FOR_ME
    if refusal and reason_code == AnswerReason.OTHER and not reason.strip():
        raise ValidationError({"details": _("Say in a few words why this job is not for you.")})
    match = match_move(match=current, status=answer, by=by, reason=reason.strip() if refusal else "",
                       reason_code=reason_code if refusal else "", accommodation=accommodation if refusal else "")
    if answer == S.NOT_FOR_ME and reason_code:
        preference_learn(match=match, reason=reason_code, by=by, accommodation=accommodation,
                         source=LearnedPreference.Source.ANSWER)
    _tell_counsellor(match)
    return match


def _counsellor_of(client: Client) -> User | None:
    from caseload import selectors as case_selectors

    case = case_selectors.open_case_for(client)
    counsellor = case_selectors.current_assignee(case) if case else None
    return counsellor


def _tell_counsellor(match: Match) -> None:
    recipient = _counsellor_of(match.client) or match.shared_by
    if recipient is None:
        return
    params = {"name": match.client.full_name, "title": match.lead.title, "employer": match.lead.employer.name,
              "reason_code": match.status_reason_code, "accommodation": match.status_reason_accommodation,
              "details": match.status_reason}
    key = "employers.lead_interested" if match.status == S.INTERESTED else "employers.lead_not_for_me"
    notification_send(recipient=recipient, message=key, params=params,
                      link=reverse("clients:detail", args=[match.client.code]),
                      dedupe_key=f"match-answer:{match.code}:{match.status}")
