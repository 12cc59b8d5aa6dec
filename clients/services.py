"""Writes on a job seeker's record. Every function is atomic, validated and audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.models import Client, ClientVisibility, Consent
from espportal import audit
from espportal.models import Provider, User

PROFILE_FIELDS = {
    "first_name", "last_name", "date_of_birth", "email", "phone", "preferred_language", "postal_code", "latitude",
    "longitude", "education_level", "education_field", "education_country", "foreign_credentials",
    "credential_recognition", "other_skills", "accepts_permanent", "accepts_contract", "accepts_seasonal",
    "accepts_casual", "wants_full_time", "wants_part_time", "min_hourly_wage", "max_commute_km", "remote_ok",
    "accommodations", "accommodation_notes", "self_identification", "self_identification_declined",
}


def normalise_postal_code(value: str) -> str:
    compact = (value or "").upper().replace(" ", "")
    return f"{compact[:3]} {compact[3:]}" if len(compact) == 6 else (value or "").upper()


def _set_current_visibility(client: Client, provider: Provider | None) -> None:
    ClientVisibility.objects.filter(client=client, via=ClientVisibility.Via.CURRENT).exclude(
        provider=provider
    ).delete()
    if provider is not None:
        ClientVisibility.objects.get_or_create(client=client, provider=provider, via=ClientVisibility.Via.CURRENT)


@transaction.atomic
def client_register(*, provider: Provider, registered_by: User, skills=(), **fields) -> Client:
    unknown = set(fields) - PROFILE_FIELDS
    if unknown:
        raise TypeError(f"Unknown client fields: {sorted(unknown)}")
    if "postal_code" in fields:
        fields["postal_code"] = normalise_postal_code(fields["postal_code"])
    client = Client(current_provider=provider, registered_by=registered_by, registered_at=timezone.now(), **fields)
    client.full_clean()
    client.save()
    if skills:
        client.skills.set(skills)
    _set_current_visibility(client, provider)
    audit.record(action="client.registered", actor=registered_by, provider=provider, client=client, target=client)
    return client


@transaction.atomic
def client_update(*, client: Client, changed_by: User, skills=None, **fields) -> Client:
    unknown = set(fields) - PROFILE_FIELDS
    if unknown:
        raise TypeError(f"Unknown client fields: {sorted(unknown)}")
    if "postal_code" in fields:
        fields["postal_code"] = normalise_postal_code(fields["postal_code"])
    changed = sorted(name for name, value in fields.items() if getattr(client, name) != value)
    for name, value in fields.items():
        setattr(client, name, value)
    client.full_clean()
    client.save()
    if skills is not None:
        client.skills.set(skills)
        changed.append("skills")
    audit.record(action="client.updated", actor=changed_by, client=client, target=client,
                 detail={"fields": changed})
    return client


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
    *, client: Client, scope: str, granted_by: User, provider: Provider | None = None, note: str = ""
) -> Consent:
    """Record a consent. Granting one that is already active returns it unchanged."""
    existing = Consent.objects.filter(client=client, scope=scope, provider=provider, withdrawn_at__isnull=True).first()
    if existing:
        return existing
    consent = Consent(client=client, scope=scope, provider=provider, granted_by=granted_by, note=note)
    consent.full_clean()
    consent.save()
    if scope == Consent.Scope.SHARE_PROVIDER:
        ClientVisibility.objects.get_or_create(client=client, provider=provider, via=ClientVisibility.Via.CONSENT)
    audit.record(action="consent.granted", actor=granted_by, client=client, target=consent,
                 provider=provider, detail={"scope": scope})
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, withdrawn_by: User) -> Consent:
    """Withdraw at once: the provider loses sight of the record in the same transaction."""
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


def has_consent(client: Client, scope: str, provider: Provider | None = None) -> bool:
    return Consent.objects.filter(client=client, scope=scope, provider=provider, withdrawn_at__isnull=True).exists()
