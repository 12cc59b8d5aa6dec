"""Writes on a job seeker's record. Every function is atomic, validated and audited."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clients import assessment as instrument
from clients.models import (
    ActionPlan,
    Assessment,
    Client,
    ClientRevision,
    ClientVisibility,
    Consent,
    IntakeDraft,
    Occupation,
    OccupationalGoal,
    PlanGoalsRevision,
    PlanItem,
    ServiceCatalogueEntry,
    WorkHistoryEntry,
    normalise_postal_code,
)
from clients.selectors import duplicate_candidates
from espportal import audit
from espportal.models import Membership, Provider, Role, User
from espportal.services import save_once

PROFILE_FIELDS = {
    "first_name", "last_name", "date_of_birth", "email", "phone", "preferred_language", "postal_code", "latitude",
    "longitude", "education_level", "education_field", "education_country", "foreign_credentials",
    "credential_recognition", "other_skills", "accepts_permanent", "accepts_contract", "accepts_seasonal",
    "accepts_casual", "wants_full_time", "wants_part_time", "min_hourly_wage", "max_commute_km", "remote_ok",
    "accommodations", "accommodation_notes", "self_identification", "self_identification_declined",
    "goal_closeness", "open_to_interim_work", "accepted_occupations",
}


def _set_current_visibility(client: Client, provider: Provider | None) -> None:
    ClientVisibility.objects.filter(client=client, via=ClientVisibility.Via.CURRENT).exclude(
        provider=provider
    ).delete()
    if provider is not None:
        ClientVisibility.objects.get_or_create(client=client, provider=provider, via=ClientVisibility.Via.CURRENT)


class DuplicateClient(ValidationError):
    """Registration refused: the network already holds a record that may be this person."""

    def __init__(self, codes: list[str]):
        self.codes = codes
        super().__init__(
            {NON_FIELD_ERRORS: [ValidationError(
                _("This person may already have a record. Open or link it, or confirm this is a different "
                  "person."), code="duplicate")]}
        )

    @property
    def api_detail(self) -> dict:
        """Extra keys of the API's 400 body (espportal.api.validation_error_detail)."""
        return {"duplicate": [_("A possible duplicate exists: resend with confirmed_not_duplicate=true if "
                                      "this is a different person.")]}


@transaction.atomic
def client_register(
    *, provider: Provider, registered_by: User, skills=(), confirmed_not_duplicate: bool = False, **fields
) -> Client:
    """Create a record. A possible duplicate anywhere in the network refuses it (DuplicateClient) unless the
    staff member confirmed this is a different person, which is audited with the records it resembled."""
    unknown = set(fields) - PROFILE_FIELDS
    if unknown:
        raise TypeError(f"Unknown client fields: {sorted(unknown)}")
    if "postal_code" in fields:
        fields["postal_code"] = normalise_postal_code(fields["postal_code"])
    client = Client(current_provider=provider, registered_by=registered_by, registered_at=timezone.now(), **fields)
    client.full_clean()
    similar = [str(code) for code in duplicate_candidates(
        first_name=client.first_name, last_name=client.last_name, date_of_birth=client.date_of_birth,
        email=client.email, phone=client.phone).values_list("code", flat=True)[:10]]
    if similar and not confirmed_not_duplicate:
        raise DuplicateClient(similar)
    client.save()
    if skills:
        client.skills.set(skills)
    _set_current_visibility(client, provider)
    audit.record(action="client.registered", actor=registered_by, provider=provider, client=client, target=client)
    if similar:
        audit.record(action="client.duplicate_overridden", actor=registered_by, provider=provider, client=client,
                     target=client, detail={"resembles": similar})
    return client


@transaction.atomic
def client_update(*, client: Client, changed_by: User, skills=None, **fields) -> Client:
    """Change the profile `fields` (names in PROFILE_FIELDS; TypeError for any other) and, when given, the
    `skills`; a revision keeps the values before, and the change is audited. Only the fields given are validated
    and written: a value elsewhere in the profile that today's limits refuse (a commute stored before the 500 km
    limit) does not block a change to another field, and a concurrent change to another field is not overwritten.
    Raises ValidationError when a given field fails its checks."""
    unknown = set(fields) - PROFILE_FIELDS
    if unknown:
        raise TypeError(f"Unknown client fields: {sorted(unknown)}")
    if "postal_code" in fields:
        fields["postal_code"] = normalise_postal_code(fields["postal_code"])
    changed = sorted(name for name, value in fields.items() if getattr(client, name) != value)
    before = {name: _jsonable(getattr(client, name)) for name in changed}
    for name, value in fields.items():
        setattr(client, name, value)
    client.full_clean(exclude=[f.name for f in Client._meta.concrete_fields if f.name not in fields])
    client.save(update_fields=[*fields, "updated_at"])
    if skills is not None:
        old_skills = sorted(client.skills.values_list("code", flat=True))
        client.skills.set(skills)
        if sorted(client.skills.values_list("code", flat=True)) != old_skills:
            changed.append("skills")
            before["skills"] = old_skills
    if before:
        ClientRevision.objects.create(client=client, before=before, changed_by=changed_by)
    audit.record(action="client.updated", actor=changed_by, client=client, target=client,
                 detail={"fields": changed})
    return client


def _jsonable(value):
    if isinstance(value, dt.date | dt.datetime | Decimal):
        return str(value)
    return value


@transaction.atomic
def client_move(*, client: Client, provider: Provider | None, moved_by: User | None, reason: str) -> Client:
    """Change the client's current provider. Called by caseload when a case opens, transfers or closes."""
    previous = client.current_provider
    client.current_provider = provider
    client.save(update_fields=["current_provider", "updated_at"])
    _set_current_visibility(client, provider)
    audit.record(action="client.moved", actor=moved_by, provider=provider, client=client, target=client,
                 detail={"from": str(previous.code) if previous else None, "reason": reason})
    return client


@transaction.atomic
def client_first_meeting_record(*, client: Client, at, recorded_by: User) -> Client:
    """Stops the wait clock. Only the first one-to-one meeting counts; later calls change nothing."""
    updated = Client.objects.filter(pk=client.pk, first_meeting_at__isnull=True).update(first_meeting_at=at)
    if updated:
        client.refresh_from_db(fields=["first_meeting_at"])
        audit.record(action="client.first_meeting", actor=recorded_by, client=client, target=client)
    return client


@transaction.atomic
def client_link_user(*, client: Client, user: User, linked_by: User) -> Client:
    if user.kind != User.Kind.JOB_SEEKER:
        raise ValidationError(_("Only a job-seeker account can be linked to a client record."))
    client.user = user
    client.full_clean()
    client.save(update_fields=["user", "updated_at"])
    audit.record(action="client.account_linked", actor=linked_by, client=client, target=client)
    return client


@transaction.atomic
def consent_grant(
    *, client: Client, scope: str, granted_by: User, provider: Provider | None = None, note: str = "",
    purpose: str = "",
) -> Consent:
    """Record a consent. Granting one that is already active returns it unchanged. `purpose` (a
    Consent.Purpose key, for sharing with a provider) says why: a transfer or a referral."""
    existing = Consent.objects.filter(client=client, scope=scope, provider=provider, withdrawn_at__isnull=True).first()
    if existing:
        return existing
    consent = Consent(client=client, scope=scope, provider=provider, granted_by=granted_by, note=note,
                      purpose=purpose)
    try:
        consent.full_clean()
    except ValidationError:  # a simultaneous grant committed between the check above and this one: same no-op
        existing = Consent.objects.filter(client=client, scope=scope, provider=provider,
                                          withdrawn_at__isnull=True).first()
        if existing:
            return existing
        raise
    # A simultaneous grant of the same consent won: the same no-op as the sequential case.
    consent, created = save_once(consent, client=client, scope=scope, provider=provider, withdrawn_at__isnull=True)
    if not created:
        return consent
    if scope == Consent.Scope.SHARE_PROVIDER:
        ClientVisibility.objects.get_or_create(client=client, provider=provider, via=ClientVisibility.Via.CONSENT)
    audit.record(action="consent.granted", actor=granted_by, client=client, target=consent,
                 provider=provider, detail={"scope": scope})
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, withdrawn_by: User) -> Consent:
    """Withdraw at once: the provider loses sight of the record in the same transaction. Pages withdraw through
    caseload.services.consent_withdraw, which also stops the transfers and referrals that depended on it."""
    updated = Consent.objects.filter(pk=consent.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), withdrawn_by=withdrawn_by
    )
    consent.refresh_from_db()
    if not updated:
        return consent
    if consent.scope == Consent.Scope.SHARE_PROVIDER:
        ClientVisibility.objects.filter(
            client_id=consent.client_id, provider_id=consent.provider_id, via=ClientVisibility.Via.CONSENT
        ).delete()
    audit.record(action="consent.withdrawn", actor=withdrawn_by, client=consent.client, target=consent,
                 provider=consent.provider, detail={"scope": consent.scope})
    return consent


@transaction.atomic
def intake_register(
    *,
    provider: Provider,
    registered_by: User,
    profile: dict,
    skills=(),
    work_history: list[dict] = (),
    goals: list[tuple[Occupation, str]] = (),
    consents: list[str] = (),
    confirmed_not_duplicate: bool = False,
    draft: IntakeDraft | None = None,
) -> Client:
    """The intake wizard's last step: the record and everything typed into it, all or nothing."""
    client = client_register(provider=provider, registered_by=registered_by, skills=skills,
                             confirmed_not_duplicate=confirmed_not_duplicate, **profile)
    for entry in work_history:
        row = WorkHistoryEntry(client=client, **entry)
        row.full_clean()
        row.save()
    for occupation, horizon in goals:
        OccupationalGoal.objects.get_or_create(client=client, occupation=occupation, horizon=horizon)
    for scope in consents:
        consent_grant(client=client, scope=scope, granted_by=registered_by)
    if draft is not None:
        IntakeDraft.objects.filter(pk=draft.pk).delete()
    return client


def intake_draft_for(*, staff: User, provider: Provider) -> IntakeDraft:
    draft, _created = IntakeDraft.objects.get_or_create(staff=staff, provider=provider)
    return draft


@transaction.atomic
def intake_draft_save(*, draft: IntakeDraft, step: str, data: dict, next_step: str | None = None) -> IntakeDraft:
    """Keep what was typed on a step, valid or not, so nothing is lost on an error or a closed tab."""
    draft.data = {**draft.data, step: data}
    if next_step:
        draft.step = next_step
    draft.save(update_fields=["data", "step", "updated_at"])
    return draft


@transaction.atomic
def intake_draft_discard(*, draft: IntakeDraft) -> None:
    IntakeDraft.objects.filter(pk=draft.pk).delete()


def client_access_request(*, client: Client, requested_by: User, provider: Provider) -> int:
    """Ask the provider that holds a possible duplicate to get the person's consent to share or link.

    The requester learns nothing more; the holding provider's managers get a message naming the requester.
    """
    from espportal.services import notification_send

    audit.record(action="client.access_requested", actor=requested_by, provider=provider, client=client,
                 target=client)
    if client.current_provider_id is None:
        return 0
    managers = Membership.objects.active().filter(provider_id=client.current_provider_id, role=Role.MANAGER)
    sent = 0
    for membership in managers.select_related("user"):
        notification_send(
            recipient=membership.user, message="clients.access_request",
            params={"provider": provider.name, "name": client.full_name},
            link=f"/clients/{client.code}/",
            dedupe_key=f"access-request:{client.code}:{provider.code}:{timezone.localdate().isoformat()}",
        )
        sent += 1
    return sent


def _set_segment(client: Client) -> None:
    latest = client.assessments.order_by("-assessed_at", "-id").first()
    client.segment = latest.segment if latest else None
    client.save(update_fields=["segment", "updated_at"])


@transaction.atomic
def assessment_record(
    *,
    client: Client,
    answers: dict,
    assessed_by: User,
    provider: Provider | None = None,
    override_segment: int | None = None,
    override_reason: str = "",
) -> Assessment:
    """Run the current instrument on the answers; a re-assessment is a new row and the old ones stay."""
    answers = instrument.validate(answers)
    result = instrument.compute(answers)
    assessment = Assessment(
        client=client, provider=provider or client.current_provider, instrument_version=instrument.VERSION,
        answers=answers, points=result.points, computed_segment=result.segment, reasons=result.reasons,
        assessed_by=assessed_by, assessed_at=timezone.now(),
    )
    assessment.full_clean()
    assessment.save()
    audit.record(action="assessment.recorded", actor=assessed_by, client=client, target=assessment,
                 provider=assessment.provider, detail={"segment": result.segment, "points": result.points,
                                                       "version": instrument.VERSION})
    if override_segment:
        assessment_override(assessment=assessment, segment=override_segment, reason=override_reason,
                            overridden_by=assessed_by)
    else:
        _set_segment(client)
    return assessment


@transaction.atomic
def assessment_override(*, assessment: Assessment, segment: int, reason: str, overridden_by: User) -> Assessment:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"override_reason": _("Say why the segment is overridden.")})
    previous = assessment.segment
    assessment.override_segment = segment
    assessment.override_reason = reason
    assessment.overridden_by = overridden_by
    assessment.overridden_at = timezone.now()
    assessment.full_clean()
    assessment.save(update_fields=["override_segment", "override_reason", "overridden_by", "overridden_at"])
    audit.record(action="assessment.overridden", actor=overridden_by, client=assessment.client, target=assessment,
                 detail={"computed": assessment.computed_segment, "from": previous, "to": segment,
                         "reason": reason})
    _set_segment(assessment.client)
    return assessment


def _clean_goals(goals) -> list[str]:
    cleaned = [str(goal).strip() for goal in goals if str(goal).strip()]
    if any(len(goal) > 500 for goal in cleaned):
        raise ValidationError({"goals": _("Keep each goal under 500 characters.")})
    if len(cleaned) > 10:
        raise ValidationError({"goals": _("Ten goals at most.")})
    return cleaned


@transaction.atomic
def plan_open(*, client: Client, opened_by: User, provider: Provider, goals=()) -> ActionPlan:
    """The client's current plan, started if there is none."""
    plan = ActionPlan.objects.select_for_update().filter(client=client, closed_at__isnull=True).first()
    if plan is not None:
        return plan
    plan = ActionPlan(client=client, provider=provider, goals=_clean_goals(goals), created_by=opened_by)
    plan.full_clean()
    plan.save()
    audit.record(action="plan.opened", actor=opened_by, client=client, target=plan, provider=provider)
    return plan


@transaction.atomic
def plan_goals_update(*, plan: ActionPlan, goals, changed_by: User) -> ActionPlan:
    """Replace the goals with the person's new words; the old words are kept as a revision and in the audit."""
    goals = _clean_goals(goals)
    if goals == plan.goals:
        return plan
    if plan.goals:
        PlanGoalsRevision.objects.create(plan=plan, goals=plan.goals, replaced_by=changed_by)
    old = plan.goals
    plan.goals = goals
    plan.save(update_fields=["goals", "updated_at"])
    audit.record(action="plan.goals_changed", actor=changed_by, client=plan.client, target=plan,
                 detail={"old": old, "new": goals})
    return plan


@transaction.atomic
def plan_item_add(
    *,
    plan: ActionPlan,
    added_by: User,
    provider: Provider,
    service: ServiceCatalogueEntry | None = None,
    title: str = "",
    due_on: dt.date | None = None,
    status: str = PlanItem.Status.PLANNED,
) -> PlanItem:
    """Put a service on the plan. Delivered by another provider, it is marked a referral for caseload."""
    if status not in (PlanItem.Status.PROPOSED, PlanItem.Status.PLANNED):
        raise ValidationError({"status": _("A new item is proposed or planned.")})
    if service is None and not title.strip():
        raise ValidationError({"title": _("Choose a service or describe the item.")})
    item = PlanItem(
        plan=plan, client=plan.client, service=service, title=(title.strip() or service.name)[:200],
        provider=provider, is_referral=provider.pk != plan.provider_id, due_on=due_on, status=status,
        created_by=added_by,
    )
    item.full_clean()
    item.save()
    audit.record(action="plan.item_added", actor=added_by, client=plan.client, target=item, provider=provider,
                 detail={"service": service.code if service else None, "referral": item.is_referral})
    return item


ALLOWED_MOVES = {
    PlanItem.Status.PROPOSED: {PlanItem.Status.PLANNED, PlanItem.Status.IN_PROGRESS, PlanItem.Status.CANCELLED},
    PlanItem.Status.PLANNED: {PlanItem.Status.IN_PROGRESS, PlanItem.Status.COMPLETED, PlanItem.Status.CANCELLED},
    PlanItem.Status.IN_PROGRESS: {PlanItem.Status.COMPLETED, PlanItem.Status.CANCELLED, PlanItem.Status.PLANNED},
    PlanItem.Status.COMPLETED: set(),
    PlanItem.Status.CANCELLED: set(),
}


@transaction.atomic
def plan_item_update(
    *, item: PlanItem, changed_by: User, status: str | None = None, due_on=..., outcome: str | None = None
) -> PlanItem:
    """Move an item along (cancelled items stay on the plan, marked cancelled) or change its due date."""
    if status == PlanItem.Status.COMPLETED:
        if due_on is not ...:
            item.due_on = due_on
        return plan_item_complete(item=item, completed_by=changed_by, outcome=outcome or "")
    changed = {}
    if status and status != item.status:
        if status not in ALLOWED_MOVES[item.status]:
            raise ValidationError({"status": _("An item that is %(status)s cannot move to %(new)s.") % {
                "status": item.get_status_display(), "new": PlanItem.Status(status).label}})
        changed["status"] = [item.status, status]
        item.status = status
    if due_on is not ... and due_on != item.due_on:
        changed["due_on"] = [str(item.due_on) if item.due_on else None, str(due_on) if due_on else None]
        item.due_on = due_on
    if outcome is not None and outcome != item.outcome:
        changed["outcome"] = [item.outcome, outcome]
        item.outcome = outcome
    if not changed:
        return item
    item.full_clean()
    item.save(update_fields=["status", "due_on", "outcome", "updated_at"])
    audit.record(action="plan.item_changed", actor=changed_by, client=item.client, target=item, detail=changed)
    return item


@transaction.atomic
def plan_item_complete(*, item: PlanItem, completed_by: User, outcome: str = "") -> PlanItem:
    """Mark a plan item completed, once. Caseload calls this and then notifies whoever acts next."""
    if item.status == PlanItem.Status.COMPLETED:
        return item
    if item.status == PlanItem.Status.CANCELLED:
        raise ValidationError({"status": _("A cancelled item cannot be completed.")})
    item.status = PlanItem.Status.COMPLETED
    item.completed_at = timezone.now()
    item.completed_by = completed_by
    item.outcome = outcome or item.outcome
    item.full_clean()
    item.save(update_fields=["status", "completed_at", "completed_by", "outcome", "due_on", "updated_at"])
    audit.record(action="plan.item_completed", actor=completed_by, client=item.client, target=item,
                 detail={"outcome": item.outcome})
    return item


