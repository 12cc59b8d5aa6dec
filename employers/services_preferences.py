"""What a "not for me" answer, or a counsellor's dismissal with a reason, teaches the matching about a person
(LearnedPreference): learning a preference, applied to the profile at once, and undoing it. Atomic, validated and
audited, like every service; the match pipeline (employers.services) calls preference_learn and reason_check."""

import math
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clients import services as client_services
from clients.models import Accommodation, Client
from employers import matching
from employers.facts import MIN_COMMUTE_KM
from employers.models import JobLead, LearnedPreference, Match
from espportal import audit
from espportal.models import User

R, E = LearnedPreference.Reason, LearnedPreference.Effect


def reason_check(reason: str, accommodation: str = "") -> None:
    """Refuse an unknown structured reason (an AnswerReason code) or accommodation (an Accommodation code): raises
    ValidationError keyed "reason" or "accommodation", with code "unknown_reason". "" for `accommodation` is none."""
    if reason not in R.values:
        raise ValidationError({"reason": ValidationError(
            _("“%(code)s” is not a reason we know.") % {"code": reason}, code="unknown_reason")})
    if accommodation and accommodation not in Accommodation.values:
        raise ValidationError({"accommodation": ValidationError(
            _("“%(code)s” is not an accommodation we know.") % {"code": accommodation}, code="unknown_reason")})


def _stored(value):
    return f"{value:.2f}" if isinstance(value, Decimal) else value


def pay_minimum_after_refusal(pay_min: Decimal | None, pay_max: Decimal | None) -> Decimal | None:
    """The minimum hourly wage ($/hour, 2 decimals) a person asks for after refusing a lead as "pay too low".

    The rule: what they refused is the wage the lead offers, the low end of its range (`pay_min`; `pay_max` when
    only that is stated). The new minimum is the next whole dollar above that low end, and never above the lead's
    top of range when the range has one above its low end, since the top is the most the person could reasonably
    ask of such a job. $17.20-$34.00 gives $18.00; $18.00-$24.50 gives $19.00; $17.20-$17.50 gives $17.50; a flat
    $30.00 gives $31.00. None when the lead states no pay (nothing to learn). Callers only ever raise a minimum.
    """
    low = pay_min if pay_min is not None else pay_max
    if low is None:
        return None
    wanted = Decimal(math.floor(low) + 1)
    if pay_max is not None and pay_max > low:
        wanted = min(wanted, pay_max)
    return wanted.quantize(Decimal("0.01"))


def _profile_change(client: Client, lead: JobLead, reason: str, accommodation: str) -> dict:
    """The one profile field a reason changes, and its new value; {} when it changes nothing."""
    if reason == R.PAY:
        wanted = pay_minimum_after_refusal(lead.pay_min, lead.pay_max)
        if wanted is not None and (client.min_hourly_wage is None or wanted > client.min_hourly_wage):
            return {"min_hourly_wage": wanted}
    elif reason == R.DISTANCE:
        km = matching.lead_distance_km(client, lead)
        current = client.max_commute_km or matching.DEFAULT_COMMUTE_KM
        # Just short of this job, never below MIN_COMMUTE_KM: one job found too far 2-3 km away says more about
        # that trip (a hill, no bus) than about every job beyond 2 km, and a 2 km limit would hide nearly all.
        wanted = max(MIN_COMMUTE_KM, math.ceil(km) - 1) if km is not None else None
        if wanted is not None and wanted < current:
            return {"max_commute_km": wanted}
    elif reason == R.HOURS and client.wants_full_time and client.wants_part_time:
        return {"wants_full_time": False} if lead.full_time else {"wants_part_time": False}
    elif reason == R.TERMS:
        accepted = [p for p in ("permanent", "contract", "seasonal", "casual") if getattr(client, f"accepts_{p}")]
        if lead.permanence in accepted and len(accepted) > 1:
            return {f"accepts_{lead.permanence}": False}
    elif reason == R.ACCOMMODATION and accommodation and accommodation not in client.accommodations:
        # A code no longer on the list (stored before it was retired) would refuse the whole list.
        return {"accommodations": _within_limits("accommodations", [*client.accommodations, accommodation])}
    return {}


@transaction.atomic
def preference_learn(*, match: Match, reason: str, by: User, source: str,
                     accommodation: str = "") -> LearnedPreference | None:
    """Turn a structured "not for me" reason into a preference on the person's profile, applied at once.

    `source` (LearnedPreference.Source): the person's own answer, or their counsellor's dismissal; kept so each
    reader is told who said it (issue 12: a dismissal was shown to the person as their own answer).

    Effects (LearnedPreference.Effect): "not the kind of work" hides leads of that NOC unit group, or ranks them
    lower (matching.LOWERED_POINTS) when it is one of the person's own goals; "employer" hides that employer's
    leads; "pay" raises the minimum hourly wage just above the wage the lead offers (pay_minimum_after_refusal);
    "too far" sets the commute limit just short of the lead (whole km) but never below MIN_COMMUTE_KM (5 km: one
    near job found too far is about that trip, and a tighter limit would hide nearly every job); "hours" keeps only the other of full/part time when
    both were accepted; "contract" stops accepting the lead's permanence when another is accepted; "accommodation"
    records `accommodation` (an Accommodation code) as needed. A profile change goes through
    clients.services.client_update (revision kept, audited). "found" teaches nothing (returns None); "other", or
    a reason with nothing to change, is noted without effect. Raises ValidationError (code "unknown_reason") for
    an unknown reason or accommodation code.
    """
    reason_check(reason, accommodation)
    if reason == R.FOUND:
        return None
    client, lead = match.client, match.lead
    preference = LearnedPreference(client=client, reason=reason, match=match, created_by=by, effect=E.NONE,
                                   source=source)
    if reason == R.WORK:
        goals = set(client.goals.values_list("occupation__code", flat=True))
        preference.occupation_id = lead.occupation_id
        preference.effect = E.LOWER if lead.noc_code in goals else E.HIDE
    elif reason == R.EMPLOYER:
        preference.employer_id, preference.effect = lead.employer_id, E.HIDE
    change = _profile_change(client, lead, reason, accommodation)
    if change:
        [(name, value)] = change.items()
        preference.field, preference.before, preference.after = name, _stored(getattr(client, name)), _stored(value)
        preference.effect = E.PROFILE
        client_services.client_update(client=client, changed_by=by, **change)
    preference.full_clean()
    preference.save()
    audit.record(action="preference.learned", actor=by, client=client, target=preference,
                 detail={"reason": reason, "effect": preference.effect, "field": preference.field, "source": source})
    return preference


def _within_limits(field: str, value):
    """`value` for the Client field `field`, brought within today's limits: a number past a Min/MaxValueValidator
    becomes that limit (a commute of 2,000 km stored before the 500 km limit comes back as 500), a list keeps only
    the codes still known (the field's choice_list_validator). Other values are returned unchanged."""
    model_field = Client._meta.get_field(field)
    if isinstance(value, list):
        kept = []
        for item in value:
            try:
                model_field.run_validators([item])
            except ValidationError:
                continue
            kept.append(item)
        return kept
    if value is None or isinstance(value, bool):
        return value
    for validator in model_field.validators:
        past_max = isinstance(validator, MaxValueValidator) and value > validator.limit_value
        if past_max or (isinstance(validator, MinValueValidator) and value < validator.limit_value):
            value = type(value)(validator.limit_value)
    return value


def _field_with_and_without(preference: LearnedPreference) -> tuple:
    """The value (as stored: _stored) the learned preferences give `preference.field` now, and once `preference` is
    undone: worked out from the field's value before the first of them and those still in force, so undoing
    several changes of one field gives the same result in any order ($17.20 raised to $19.00 then $20.00: undo
    the first, it stays $20.00; then the second, $17.20). A list field (accommodations) keeps the original items
    and each item a preference still in force added; another field takes the latest value in force.

    The chain starts afresh at a preference whose value before is none the chain gave (the field was set by hand
    in between)."""
    rows = LearnedPreference.objects.filter(client_id=preference.client_id, field=preference.field,
                                            effect=E.PROFILE).order_by("created_at", "id")
    origin, chain = None, []
    for row in rows:
        if not chain or row.before not in [origin, *(r.after for r in chain)]:
            origin, chain = row.before, []
        chain.append(row)

    def value(kept):
        if isinstance(origin, list):
            added = [n for r in kept for n in (r.after or []) if n not in (r.before or [])]
            return [*origin, *(n for n in dict.fromkeys(added) if n not in origin)]
        return kept[-1].after if kept else origin

    live = [r for r in chain if r.undone_at is None]
    return value(live), value([r for r in live if r.pk != preference.pk])


@transaction.atomic
def preference_undo(*, preference: LearnedPreference, by: User) -> LearnedPreference:
    """Undo a learned preference: it stops counting, and a profile field it changed goes back to what the
    preferences still in force give it (_field_with_and_without: its value before them when none is left), within
    today's limits (_within_limits: a value stored before a limit existed comes back as the limit), unless
    someone has changed that field since (then the field is left as they set it). Undoing twice changes nothing
    more. Raises ValidationError only when the rest of the profile fails its own checks (callers answer 400)."""
    preference = LearnedPreference.objects.select_for_update().select_related("client").get(pk=preference.pk)
    if preference.undone_at:
        return preference
    client = preference.client
    if preference.effect == E.PROFILE:
        now, after_undo = _field_with_and_without(preference)
        if _stored(getattr(client, preference.field)) == now and after_undo != now:
            if preference.field == "min_hourly_wage" and after_undo is not None:
                after_undo = Decimal(after_undo)
            client_services.client_update(client=client, changed_by=by,
                                          **{preference.field: _within_limits(preference.field, after_undo)})
    preference.undone_at, preference.undone_by = timezone.now(), by
    preference.save(update_fields=["undone_at", "undone_by"])
    audit.record(action="preference.undone", actor=by, client=client, target=preference,
                 detail={"reason": preference.reason, "effect": preference.effect})
    return preference
