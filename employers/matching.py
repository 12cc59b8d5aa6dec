"""The matching engine: ranked leads for a client, ranked clients for a lead, and why a lead was left out.

Two stages, so it stays interactive at province scale (200,000 open leads, 500,000 clients):

1. Hard filters run in the database on indexed columns (see JobLead.Meta.indexes): the lead is open and not past
   its closing date; the client consented to share a profile with employers; the permanence and the hours are ones
   the client accepts; the place is within the client's commute (a latitude/longitude box first, the exact
   haversine distance after) or the job is remote and the client is fine with remote work; every accommodation
   the client needs is offered (JSON containment on PostgreSQL; SQLite has no JSON containment, so there the
   same rule runs in Python on the candidates only); the lead is not already paired with the client (a match at
   any status: declined, under way or hired; one rule for every list of leads for a client: the client file and
   the job seeker's /me/ list). Candidates are
   pre-ranked in the database by closeness of the NOC code to the client's goals and cut at CANDIDATE_LIMIT.
2. Only those candidates are scored in Python, out of 100, with the WEIGHTS below:

   occupation  fit of the lead's NOC unit group with the client's closest goal through the NOC hierarchy
               (OCCUPATION_FIT: same unit group > minor > sub-major > major group > broad category > none)
   skills      share of the lead's required skills the client has (full marks when none are required)
   teer        training level fit: the client's level is the best of their education
               (employers.facts.EDUCATION_TEER) and their goals' TEER. A lead 2+ TEER levels below it is flagged "underemployment", gets no TEER points and
               loses UNDEREMPLOYMENT_PENALTY: it is never silently preferred. A lead above it gets half marks.
   pay         full when the top of the range meets the client's minimum wage, PAY_PARTIAL when only the top
               does, none below it; PAY_UNSTATED when the lead states no pay
   distance    1 at the door, falling linearly to 0 at the client's commute limit; full for remote work
   freshness   full for leads up to FRESH_DAYS old, falling to 0 at STALE_DAYS

Between the two, the relevance gate (employers.relevance, one documented rule) keeps out every lead unrelated to
the person's goals or asking for none of the skills they have, unless they widened their search; such leads can
be listed apart as "other openings", with why they are not suggested, and are never ranked among suggestions.

Every suggestion carries plain-language reasons (codes + parameters, rendered in the reader's language by
employers.reasons, to the job seeker or about them to staff), and flags. No more than MAX_PER_EMPLOYER suggestions from one employer appear in one list.
"""

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone

from clients.models import Client, Consent, OccupationalGoal
from employers import relevance
from employers.facts import DEFAULT_COMMUTE_KM, ClientFacts
from employers.models import FULL_TIME_HOURS, JobLead, LearnedPreference, Match
from employers.reasons import ACCOMMODATION_CODES, SEEKER, STAFF, accommodation_reasons, reason_texts
from employers.scoring_rows import (
    clients_with_skill_ids,
    lean_clients,
    required_skill_ids,
    scoring_rows,
    whole_clients,
    whole_leads,
)

WEIGHTS = {"occupation": 35, "skills": 25, "teer": 10, "pay": 15, "distance": 10, "freshness": 5}
UNDEREMPLOYMENT_PENALTY = 20
LOWERED_POINTS = 20  # "not the kind of work" on a lead in one of the person's own goal unit groups
OCCUPATION_FIT = {5: 1.0, 4: 0.8, 3: 0.6, 2: 0.45, 1: 0.2, 0: 0.0}  # length of the shared NOC code prefix
PAY_PARTIAL = 0.6
PAY_UNSTATED = 0.5
FRESH_DAYS = 7
STALE_DAYS = 60
STRONG_MATCH_SCORE = 70  # lead_match_new pushes a counsellor task at or above this score
MAX_PER_EMPLOYER = 3
CANDIDATE_LIMIT = 500
# Clients for a lead: the box each client reaches from home (their commute, DEFAULT_COMMUTE_KM when unsaid), in
# degrees, a little wider than the per-row box of client_candidates wherever the lead lies in it (the longitude
# half-side is taken at the box's edge farthest from the equator, plus REACH_MARGIN_DEG), so it only ever keeps
# more people. A GiST index holds it (client_reach, clients migration 0016, same text): the candidates are the
# people whose reach holds the lead's place, an index lookup, not a scan of a region's clients.
REACH_MARGIN_DEG = 0.001
_REACH = f'COALESCE("clients_client"."max_commute_km", {DEFAULT_COMMUTE_KM})::float8'
_LAT = '"clients_client"."latitude"::float8'
_LNG = '"clients_client"."longitude"::float8'
_DLAT = f"({_REACH} / 110.574)"
_DLNG = f"({_REACH} / (111.320 * GREATEST(cos(radians(abs({_LAT}) + {_DLAT})), 0.01)))"
REACH_BOX_SQL = (f"box(point({_LNG} - {_DLNG} - {REACH_MARGIN_DEG}, {_LAT} - {_DLAT} - {REACH_MARGIN_DEG}), "
                 f"point({_LNG} + {_DLNG} + {REACH_MARGIN_DEG}, {_LAT} + {_DLAT} + {REACH_MARGIN_DEG}))")
DECLINED = (Match.Status.NOT_FOR_ME, Match.Status.DISMISSED)

def _r(code: str, **params) -> dict:
    return {"code": code, "params": params}


def _money(value) -> str:
    return f"{Decimal(value):.2f}"


@dataclass
class Suggestion:
    lead: JobLead
    client: Client | None
    score: float
    reasons: list = field(default_factory=list)
    flags: list = field(default_factory=list)
    distance_km: float | None = None
    why_not: list = field(default_factory=list)  # relevance-gate reasons, for "other openings" only

    @property
    def reason_texts(self) -> list[str]:
        """Every reason, to the job seeker (second person)."""
        return reason_texts(self.reasons)

    @property
    def fit_texts(self) -> list[str]:
        """Why it could suit the job seeker, without the accommodation notes (see accommodation_texts)."""
        return reason_texts([r for r in self.reasons if r["code"] not in ACCOMMODATION_CODES])

    @property
    def accommodation_texts(self) -> list[str]:
        """What the lead says of each accommodation the person needs ("ask the employer" when unknown): shown
        wherever the person sees the lead, never cut from a short list."""
        return reason_texts([r for r in self.reasons if r["code"] in ACCOMMODATION_CODES])

    @property
    def distance_text(self) -> str:
        """How far the job is from the person's home in the reader's words ("7 km from home", "Remote work"); ""
        when the distance is not known."""
        if self.lead.remote:
            return reason_texts([_r("remote")])[0]
        return reason_texts([_r("distance", km=round(self.distance_km))])[0] if self.distance_km is not None else ""

    @property
    def why_not_texts(self) -> list[str]:
        return reason_texts(self.why_not)

    @property
    def staff_reason_texts(self) -> list[str]:
        """Every reason, about the client to staff (third person)."""
        return reason_texts(self.reasons, reader=STAFF)

    @property
    def staff_why_not_texts(self) -> list[str]:
        return reason_texts(self.why_not, reader=STAFF)


@dataclass
class LeadList:
    """Leads for one client: ranked suggestions, and other openings that pass the hard filters but not the
    relevance gate (each with its why_not), never ranked among the suggestions. `no_goals`: the client has no goal
    yet and has not widened their search, so nothing is suggested."""

    suggestions: list
    others: list
    no_goals: bool
    goal_codes: tuple = ()  # the client's goal NOC codes, read once (selectors.near_misses takes them)
    facts: ClientFacts | None = None  # what the engine read of the client (refresh_reasons takes them)


def haversine_km(lat1, lng1, lat2, lng2) -> float:
    lat1, lng1, lat2, lng2 = map(math.radians, (float(lat1), float(lng1), float(lat2), float(lng2)))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _box(lat: float, km: float) -> tuple[float, float]:
    """Half-sides of a latitude/longitude box holding every point within `km`."""
    return km / 110.574, km / (111.320 * max(math.cos(math.radians(lat)), 0.01))


def _distance(facts: ClientFacts, lead: JobLead) -> float | None:
    if facts.lat is None or lead.latitude is None or lead.remote:
        return None
    return haversine_km(facts.lat, facts.lng, lead.latitude, lead.longitude)


def lead_distance_km(client: Client, lead: JobLead) -> float | None:
    """Kilometres from the client's home to the lead's workplace; None when remote or a place is unknown."""
    if client.latitude is None or lead.latitude is None or lead.remote:
        return None
    return haversine_km(client.latitude, client.longitude, lead.latitude, lead.longitude)


def _json_containment() -> bool:
    return connection.vendor == "postgresql"


# --- Hard filters --------------------------------------------------------------------------------------------

def exclusions(facts: ClientFacts, lead: JobLead, *, today: dt.date, declined_status: str | None = None) -> list:
    """Every hard filter the pair fails, as reasons; empty when the lead may be suggested. `declined_status`: the
    status of the client's match with this lead, if any (declined: "x_declined"; any other: "x_matched")."""
    out = []
    if lead.status != JobLead.Status.OPEN:
        out.append(_r("x_status", status=lead.status))
    elif lead.closing_date and lead.closing_date < today:
        out.append(_r("x_closed", date=lead.closing_date.isoformat()))
    if not facts.consented:
        out.append(_r("x_consent"))
    out += [r for r in accommodation_reasons(facts.accommodations, lead) if r["code"] == "x_accommodation"]
    if lead.remote:
        if not facts.remote_ok:
            out.append(_r("x_remote"))
    else:
        km = _distance(facts, lead)
        if km is not None and km > facts.commute_km:
            out.append(_r("x_far", km=round(km), limit=facts.commute_km))
    if lead.permanence not in facts.permanences:
        out.append(_r("x_permanence", permanence=lead.permanence))
    if lead.full_time and not facts.full_time:
        out.append(_r("x_full_time", hours=lead.hours_per_week))
    if not lead.full_time and not facts.part_time:
        out.append(_r("x_part_time", hours=lead.hours_per_week))
    if declined_status in DECLINED:
        out.append(_r("x_declined", status=declined_status))
    elif declined_status:
        out.append(_r("x_matched", status=declined_status))
    if lead.noc_code in facts.hidden_nocs:
        out.append(_r("x_dismissed_work" if facts.noted_by_counsellor(noc=lead.noc_code) else "x_not_this_work"))
    if lead.employer_id in facts.hidden_employers:
        out.append(_r("x_dismissed_employer" if facts.noted_by_counsellor(employer=lead.employer_id)
                      else "x_employer"))
    return out


def gate(facts: ClientFacts, lead: JobLead, *, skill_ids: set | None = None) -> list:
    """The relevance gate for one pair (employers.relevance.gate); `skill_ids`: the lead's required skills."""
    required = skill_ids if skill_ids is not None else {s.pk for s in lead.required_skills.all()}
    return relevance.gate(facts.scope, lead.noc_code, required)


def explain_exclusion(client: Client, lead: JobLead, *, today: dt.date | None = None,
                      reader: str = SEEKER) -> list[str]:
    """Why this lead is not suggested to this client, in plain words (the hard filters, then the relevance gate),
    to the job seeker or, with reader=STAFF, about them to staff; empty when it is suggested whenever it ranks high
    enough."""
    declined = Match.objects.filter(client=client, lead=lead).values_list("status", flat=True).first()
    facts = ClientFacts.of(client)
    found = exclusions(facts, lead, today=today or timezone.localdate(), declined_status=declined) + gate(facts, lead)
    return reason_texts(found, reader=reader)


def open_leads(today: dt.date) -> QuerySet[JobLead]:
    return JobLead.objects.filter(status=JobLead.Status.OPEN).filter(
        Q(closing_date__isnull=True) | Q(closing_date__gte=today)
    )


def _prefix_rank(field_name: str, goal_codes: list[str]) -> Case:
    whens = []
    for length in (5, 4, 3, 2, 1):
        prefixes = {code[:length] for code in goal_codes if len(code) >= length}
        if prefixes:
            condition = Q()
            for prefix in prefixes:
                condition |= Q(**{f"{field_name}__startswith": prefix})
            whens.append(When(condition, then=Value(length)))
    return Case(*whens, default=Value(0), output_field=IntegerField())


def lead_candidates(facts: ClientFacts, *, today: dt.date) -> QuerySet[JobLead]:
    """The database pre-filter for one client (the query bench_matching EXPLAINs)."""
    if not facts.consented:
        return JobLead.objects.none()
    qs = open_leads(today).filter(permanence__in=sorted(facts.permanences))
    if not facts.full_time:
        qs = qs.filter(hours_per_week__lt=FULL_TIME_HOURS)
    elif not facts.part_time:
        qs = qs.filter(hours_per_week__gte=FULL_TIME_HOURS)
    place = Q(remote=False, latitude__isnull=True)  # no coordinates: distance unknown, not a reason to hide it
    if facts.remote_ok:
        place |= Q(remote=True)
    if facts.lat is None:
        place |= Q(remote=False)
    else:
        dlat, dlng = _box(facts.lat, facts.commute_km)
        place |= Q(remote=False, latitude__range=(facts.lat - dlat, facts.lat + dlat),
                   longitude__range=(facts.lng - dlng, facts.lng + dlng))
    qs = qs.filter(place)
    if facts.accommodations and _json_containment():
        qs = qs.filter(Q(accommodations_offered__contains=facts.accommodations) | Q(accommodations_known=False))
    qs = qs.exclude(pk__in=Match.objects.filter(client_id=facts.pk).values("lead_id"))  # already matched
    codes = [c for c, _l, _t in facts.goals] + list(facts.accepted)
    if not codes:  # every rank is 0: ordering by the constant would be a bare "ORDER BY 0" once values are read
        return qs.order_by("-created_at")
    return qs.annotate(noc_rank=_prefix_rank("noc_code", codes)).order_by("-noc_rank", "-created_at")


def client_candidates(lead: JobLead, clients: QuerySet[Client]) -> QuerySet[Client]:
    """The database pre-filter for one lead, within the clients the caller may consider."""
    consent = Consent.objects.filter(client=OuterRef("pk"), scope=Consent.Scope.SHARE_EMPLOYERS,
                                     withdrawn_at__isnull=True)
    qs = clients.filter(Exists(consent), **{f"accepts_{lead.permanence}": True})
    if lead.full_time:
        qs = qs.filter(Q(wants_full_time=True) | Q(wants_part_time=False))
    else:
        qs = qs.filter(Q(wants_part_time=True) | Q(wants_full_time=False))
    if lead.remote:
        qs = qs.filter(remote_ok=True)
    elif lead.latitude is not None:
        lat, lng = float(lead.latitude), float(lead.longitude)
        # Each client has their own commute: the box is computed per row (degrees = km / 110.574 for latitude;
        # longitude uses the lead's latitude, widened by 1/cos). Exact haversine runs on the survivors.
        # On PostgreSQL the GiST index of each client's reach (REACH_BOX_SQL, wider than this box) finds the people
        # first: a fixed box around the lead held a region's clients (286,561 of 500,000 for a Kitchener lead at
        # province scale) and the planner scanned the table.
        reach = Coalesce(F("max_commute_km"), Value(DEFAULT_COMMUTE_KM))
        lng_factor = 111.320 * max(math.cos(math.radians(lat)), 0.01)
        per_row = Q(latitude__gte=Value(lat) - F("reach_km") / 110.574,
                    latitude__lte=Value(lat) + F("reach_km") / 110.574,
                    longitude__gte=Value(lng) - F("reach_km") / lng_factor,
                    longitude__lte=Value(lng) + F("reach_km") / lng_factor)
        if connection.vendor == "postgresql":
            # The GiST index of every client's reach first, then the row's box. A constant expression (the index's
            # own text); the lead's place goes as parameters.
            reaches = RawSQL(f"{REACH_BOX_SQL} @> box(point(%s, %s), point(%s, %s))",  # noqa: S611
                             (lng, lat, lng, lat), output_field=BooleanField())
            per_row &= Q(reaches)
        qs = qs.annotate(reach_km=reach).filter(Q(latitude__isnull=True) | per_row)
    if _json_containment() and lead.accommodations_known:
        qs = qs.filter(accommodations__contained_by=list(lead.accommodations_offered or []))
    declined = Match.objects.filter(lead=lead, status__in=DECLINED).values("client_id")
    qs = qs.exclude(pk__in=declined)
    # One correlated lookup per candidate (a client has one or two goals, found by index), ranking its closest
    # goal; five EXISTS probes per row, one per NOC level, made the broad-category probe dominate at scale.
    closest_goal = (
        OccupationalGoal.objects.filter(client=OuterRef("pk"))
        .annotate(level=Case(
            *[When(occupation__code__startswith=lead.noc_code[:n], then=Value(n)) for n in (5, 4, 3, 2, 1)],
            default=Value(0), output_field=IntegerField(),
        ))
        .order_by("-level")
        .values("level")[:1]
    )
    rank = Coalesce(Subquery(closest_goal, output_field=IntegerField()), Value(0))
    return qs.annotate(noc_rank=rank, consented=Value(True)).order_by("-noc_rank", "pk")


# --- Score ----------------------------------------------------------------------------------------------------

def score(facts: ClientFacts, lead: JobLead, *, today: dt.date, skill_ids: set | None = None,
          tz=None) -> Suggestion:
    """Score one pair that passed the hard filters. `skill_ids`: the lead's required skills, when prefetched;
    `tz`: the current time zone, when the caller scores many (looking it up per lead cost more than the rest)."""
    reasons, flags = [], []
    points = 0.0

    best, best_goal = 0, None
    for code, titles, _teer in facts.goals:
        shared = 0
        while shared < min(len(code), len(lead.noc_code)) and code[shared] == lead.noc_code[shared]:
            shared += 1
        if shared > best:
            best, best_goal = shared, (code, *titles)
    points += WEIGHTS["occupation"] * OCCUPATION_FIT[best]
    reasons.append(_r(f"goal_{best}", noc=best_goal[0], goal_en=best_goal[1], goal_fr=best_goal[2]) if best
                   else _r("goal_0"))

    required = skill_ids if skill_ids is not None else {s.pk for s in lead.required_skills.all()}
    if required:
        have = len(required & facts.skill_ids)
        points += WEIGHTS["skills"] * have / len(required)
        reasons.append(_r("skills", have=have, required=len(required)))
    else:
        points += WEIGHTS["skills"]
        reasons.append(_r("skills_none"))

    level = facts.qualification_teer
    if level is None or lead.teer - level in (0, 1):
        points += WEIGHTS["teer"]
        reasons.append(_r("teer_fit", lead=lead.teer))
    elif lead.teer - level >= 2:
        points -= UNDEREMPLOYMENT_PENALTY
        flags.append("underemployment")
        reasons.append(_r("underemployment", lead=lead.teer, client=level))
    else:
        points += WEIGHTS["teer"] / 2
        reasons.append(_r("teer_stretch", lead=lead.teer, client=level))

    top = lead.pay_max if lead.pay_max is not None else lead.pay_min
    if top is None:
        points += WEIGHTS["pay"] * PAY_UNSTATED
        reasons.append(_r("pay_unstated"))
    elif facts.min_wage is None:
        points += WEIGHTS["pay"]
        reasons.append(_r("pay", pay=_money(top)))
    elif lead.pay_min is not None and lead.pay_min >= facts.min_wage or lead.pay_min is None and top >= facts.min_wage:
        points += WEIGHTS["pay"]
        reasons.append(_r("pay_meets", pay=_money(lead.pay_min or top), minimum=_money(facts.min_wage)))
    elif top >= facts.min_wage:
        points += WEIGHTS["pay"] * PAY_PARTIAL
        reasons.append(_r("pay_partial", pay=_money(top), minimum=_money(facts.min_wage)))
    else:
        reasons.append(_r("pay_below", pay=_money(top), minimum=_money(facts.min_wage)))

    km = _distance(facts, lead)
    if lead.remote:
        points += WEIGHTS["distance"]
        reasons.append(_r("remote"))
    elif km is None:
        reasons.append(_r("distance_unknown"))
    else:
        points += WEIGHTS["distance"] * max(0.0, 1 - km / facts.commute_km)
        reasons.append(_r("distance", km=round(km)))

    age = (today - lead.created_at.astimezone(tz or timezone.get_current_timezone()).date()).days
    if age <= FRESH_DAYS:
        points += WEIGHTS["freshness"]
    elif age < STALE_DAYS:
        points += WEIGHTS["freshness"] * (STALE_DAYS - age) / (STALE_DAYS - FRESH_DAYS)
    reasons.append(_r("fresh", days=max(age, 0)))

    reasons += accommodation_reasons(facts.accommodations, lead)  # "x_accommodation" only for a pair made by hand
    if facts.accommodations and not lead.accommodations_known:
        flags.append("ask_employer")
    if lead.noc_code in facts.lowered_nocs:
        points -= LOWERED_POINTS
        reasons.append(_r("lowered_dismissed" if facts.noted_by_counsellor(noc=lead.noc_code) else "lowered"))
    if best < facts.closeness:  # suggested only because the person widened their search (or shared by hand)
        if relevance.accepted_by(facts.scope, lead.noc_code):
            reasons.append(_r("accepted"))
        elif facts.interim:
            reasons.append(_r("interim"))
    if lead.unadvertised:
        reasons.append(_r("unadvertised"))
    return Suggestion(lead=lead, client=None, score=round(max(points, 0.0), 1), reasons=reasons, flags=flags,
                      distance_km=km)


def _diverse(suggestions: list[Suggestion], limit: int) -> list[Suggestion]:
    per_employer: dict[int, int] = {}
    out = []
    for suggestion in suggestions:
        employer = suggestion.lead.employer_id
        if per_employer.get(employer, 0) >= MAX_PER_EMPLOYER:
            continue
        per_employer[employer] = per_employer.get(employer, 0) + 1
        out.append(suggestion)
        if len(out) >= limit:
            break
    return out


def _order(suggestion: Suggestion, pk: int) -> tuple:
    return -suggestion.score, suggestion.distance_km if suggestion.distance_km is not None else 1e9, pk


def lead_suggestions(client: Client, *, limit: int = 10, others: int = 5, today: dt.date | None = None,
                     among: QuerySet[JobLead] | None = None, preferences=None) -> LeadList:
    """Ranked leads for one client that pass the relevance gate, and up to `others` leads that pass the hard
    filters but not the gate, with why not. `among`: only these leads (the evaluation measures on its own set).
    `preferences`: the client's learned preferences in force, when the caller already read them (see
    ClientFacts.of). A fixed number of queries, whatever the number of leads, goals or skills."""
    today = today or timezone.localdate()
    facts = ClientFacts.of(client, preferences=preferences)
    no_goals = not facts.goals and not facts.interim and not facts.accepted
    pool = lead_candidates(facts, today=today)
    if among is not None:
        pool = pool.filter(pk__in=among.values("pk"))
    candidates, required = scoring_rows(pool[:CANDIDATE_LIMIT])
    ranked, apart, tz = [], [], timezone.get_current_timezone()
    for lead in candidates:
        if exclusions(facts, lead, today=today):  # exact distance, and accommodations where SQL cannot check
            continue
        why_not = gate(facts, lead, skill_ids=required[lead.pk])
        if why_not and not others:  # no "other openings" asked for: a lead the gate keeps out needs no score
            continue
        suggestion = score(facts, lead, today=today, skill_ids=required[lead.pk], tz=tz)
        suggestion.client, suggestion.why_not = client, why_not
        (apart if why_not else ranked).append(suggestion)
    ranked.sort(key=lambda s: _order(s, s.lead.pk))
    apart.sort(key=lambda s: _order(s, s.lead.pk))
    shown = _diverse(ranked, limit), apart[:others]
    whole_leads(shown[0] + shown[1])
    return LeadList(suggestions=shown[0], others=shown[1], no_goals=no_goals,
                    goal_codes=tuple(code for code, _label, _teer in facts.goals), facts=facts)


def hidden_by_employer_limit(client: Client, lead: JobLead, *, today: dt.date | None = None) -> bool:
    """Whether `lead` passes every filter and the gate for `client` but MAX_PER_EMPLOYER leads of its employer rank
    above it, so the per-employer limit (_diverse) keeps it out of every list of suggestions."""
    found = lead_suggestions(client, limit=CANDIDATE_LIMIT, others=0, today=today)
    same = [s.lead.pk for s in found.suggestions if s.lead.employer_id == lead.employer_id]
    return lead.pk not in same and len(same) >= MAX_PER_EMPLOYER


def leads_for_client(client: Client, *, limit: int = 10, today: dt.date | None = None) -> list[Suggestion]:
    """Ranked leads for one client, relevance gate applied (see lead_suggestions)."""
    return lead_suggestions(client, limit=limit, others=0, today=today).suggestions


def clients_for_lead(lead: JobLead, clients: QuerySet[Client], *, limit: int = 10,
                     today: dt.date | None = None) -> list[Suggestion]:
    """Ranked clients for one lead among `clients` (already scoped by the caller), relevance gate applied: a client
    for whom the lead is unrelated to every goal, or who has none of its skills, is not a candidate (unless they
    widened their search). The new-lead push (services.lead_match_new) reads this list too. The candidates are
    scored from plain rows (scoring_rows.lean_clients) and only the clients shown are read whole: four queries on
    PostgreSQL whatever the number of candidates."""
    today = today or timezone.localdate()
    required = {s.pk for s in lead.required_skills.all()}
    candidates, skills = lean_clients(client_candidates(lead, clients)[:CANDIDATE_LIMIT])
    ranked, tz = [], timezone.get_current_timezone()
    for client in candidates:
        facts = ClientFacts.of(client, consented=True, skill_ids=skills[client.pk])
        if exclusions(facts, lead, today=today) or gate(facts, lead, skill_ids=required):
            continue
        suggestion = score(facts, lead, today=today, skill_ids=required, tz=tz)
        suggestion.client = client
        ranked.append(suggestion)
    ranked.sort(key=lambda s: _order(s, s.client.pk))
    shown = ranked[:limit]
    whole_clients(shown)
    return shown


def _with_facts_rows(clients: QuerySet[Client]) -> tuple[list[Client], dict]:
    """(`clients` with what ClientFacts.of reads prefetched, {client pk: set of skill pks}): three queries on
    PostgreSQL (the clients with their skills, their goals, their learned preferences in force), four elsewhere."""
    learned = Prefetch("learned_preferences", to_attr="active_preferences", queryset=LearnedPreference.objects.filter(
        undone_at__isnull=True, effect__in=("hide", "lower")).select_related("occupation"))
    goals = Prefetch("goals", to_attr="goal_rows", queryset=OccupationalGoal.objects.select_related("occupation"))
    return clients_with_skill_ids(clients.prefetch_related(goals, learned))


def refresh_reasons(matches, *, facts: dict | None = None, today: dt.date | None = None) -> list:
    """Work out afresh why each of `matches` (Match rows, their leads loaded) could suit its person, from the
    person's profile and the lead as they both are on `today`: sets `match.current_reasons` (reason dicts,
    {"code", "params"}, as score gives them), what a shared lead's card shows in place of the reasons stored when
    it was shared (the person may have raised their minimum, moved or said a kind of work is not for them since).

    `facts`: {client pk: ClientFacts} the caller already read (a page about one person); the other people are
    read in three queries, the leads' required skills in one (none when the matches were read
    scoring_rows.with_required_ids on PostgreSQL): a fixed number of queries for a page of any size. Returns the
    same rows, as a list."""
    matches = list(matches)
    today = today or timezone.localdate()
    known = dict(facts or {})
    missing = {m.client_id for m in matches} - set(known)
    if missing:
        rows, skills = _with_facts_rows(Client.objects.filter(pk__in=missing))
        known.update({c.pk: ClientFacts.of(c, consented=True, skill_ids=skills[c.pk]) for c in rows})
    required = required_skill_ids(matches)
    for match in matches:
        match.current_reasons = score(known[match.client_id], match.lead, today=today,
                                      skill_ids=required[match.lead_id]).reasons
    return matches


def score_pair(client: Client, lead: JobLead, *, today: dt.date | None = None) -> Suggestion:
    """Score one pair whatever the filters say (a counsellor adding a match by hand)."""
    suggestion = score(ClientFacts.of(client), lead, today=today or timezone.localdate())
    suggestion.client = client
    return suggestion
