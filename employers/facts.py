"""What the matching engine reads of a client, read once per client (employers.matching scores many leads with it).

A dataclass of plain values: goals, skills, the hard-filter preferences and what their answers, or their
counsellor's dismissals, taught (employers.models.LearnedPreference)."""

from dataclasses import dataclass
from decimal import Decimal

from clients.models import Client, Consent
from employers import relevance

DEFAULT_COMMUTE_KM = 30  # when the client has not said how far they will travel
MIN_COMMUTE_KM = 5  # the tightest commute a "too far" answer sets (employers.services_preferences._profile_change)
EDUCATION_TEER = {"graduate": 1, "bachelor": 1, "college": 2, "apprenticeship": 2, "secondary": 4, "none": 5}


@dataclass
class ClientFacts:
    """What the engine knows of a client, gathered once (from prefetched rows when ranking many)."""

    pk: int
    goals: list  # [(noc code, label, teer)]
    skill_ids: set
    permanences: set
    full_time: bool
    part_time: bool
    min_wage: Decimal | None
    commute_km: int
    remote_ok: bool
    accommodations: list
    lat: float | None
    lng: float | None
    consented: bool
    qualification_teer: int | None
    closeness: int = 2
    interim: bool = False
    accepted: tuple = ()
    hidden_nocs: frozenset = frozenset()  # learned: "not the kind of work" (employers.models.LearnedPreference)
    lowered_nocs: frozenset = frozenset()
    hidden_employers: frozenset = frozenset()
    # Of those, the ones only a counsellor's dismissal taught (the person never said it themselves): "noc:<code>",
    # "employer:<pk>". The reasons then say "your counsellor noted", not "you said".
    counsellor_noted: frozenset = frozenset()

    @property
    def scope(self) -> relevance.Scope:
        return relevance.Scope(goal_codes=tuple(c for c, _l, _t in self.goals), skill_ids=frozenset(self.skill_ids),
                               closeness=self.closeness, interim=self.interim, accepted=self.accepted)

    @classmethod
    def of(cls, client: Client, *, consented: bool | None = None, preferences=None,
           skill_ids: set | None = None) -> "ClientFacts":
        """The facts of `client`: from its prefetched goals (`goal_rows`, with occupations) and `active_preferences`
        when the caller prefetched them (clients_for_lead), else one query each. `preferences`: the client's
        learned preferences in force when the caller already read them (any effect; only hide and lower count);
        `skill_ids`: its skills' primary keys when the caller read them."""
        rows = getattr(client, "goal_rows", None)  # clients_for_lead's prefetch (a list: no manager per client)
        if rows is None:
            prefetched = getattr(client, "_prefetched_objects_cache", {})
            rows = client.goals.all() if "goals" in prefetched else client.goals.select_related("occupation")
        # (code, (English title, French title), teer): the reason names the goal in its reader's language
        goals = [(g.occupation.code, (g.occupation.title, g.occupation.title_fr), g.occupation.teer) for g in rows]
        teers = [t for _code, _label, t in goals if t is not None]
        if client.education_level in EDUCATION_TEER:
            teers.append(EDUCATION_TEER[client.education_level])
        if consented is None:
            consented = getattr(client, "consented", None)
        if consented is None:
            consented = Consent.objects.filter(client=client, scope=Consent.Scope.SHARE_EMPLOYERS,
                                               withdrawn_at__isnull=True).exists()
        permanences = {p for p in ("permanent", "contract", "seasonal", "casual") if getattr(client, f"accepts_{p}")}
        learned = getattr(client, "active_preferences", None)
        if learned is None and preferences is not None:
            learned = [p for p in preferences if p.effect in ("hide", "lower")]
        if learned is None:
            learned = list(client.learned_preferences.filter(undone_at__isnull=True, effect__in=("hide", "lower"))
                           .select_related("occupation"))
        return cls(
            pk=client.pk, goals=goals, permanences=permanences,
            skill_ids=skill_ids if skill_ids is not None else {s.pk for s in client.skills.all()},
            full_time=client.wants_full_time or not client.wants_part_time,
            part_time=client.wants_part_time or not client.wants_full_time,
            min_wage=client.min_hourly_wage, commute_km=client.max_commute_km or DEFAULT_COMMUTE_KM,
            remote_ok=client.remote_ok, accommodations=list(client.accommodations or []),
            lat=float(client.latitude) if client.latitude is not None else None,
            lng=float(client.longitude) if client.longitude is not None else None,
            consented=consented, qualification_teer=min(teers) if teers else None,
            closeness=client.goal_closeness, interim=client.open_to_interim_work,
            accepted=tuple(client.accepted_occupations or ()),
            hidden_nocs=frozenset(p.occupation.code for p in learned if p.occupation_id and p.effect == "hide"),
            lowered_nocs=frozenset(p.occupation.code for p in learned if p.occupation_id and p.effect == "lower"),
            hidden_employers=frozenset(p.employer_id for p in learned if p.employer_id and p.effect == "hide"),
            counsellor_noted=_counsellor_noted(learned),
        )

    def noted_by_counsellor(self, *, noc: str = "", employer: int | None = None) -> bool:
        """Whether only a counsellor's dismissal (not the person's own answer) hid or lowered this occupation or
        this employer."""
        return (f"noc:{noc}" if noc else f"employer:{employer}") in self.counsellor_noted


def _counsellor_noted(learned) -> frozenset:
    """The occupations and employers ("noc:<code>", "employer:<pk>") that counsellors' dismissals, and none of the
    person's own answers, taught."""
    said, noted = set(), set()
    for p in learned:
        key = f"noc:{p.occupation.code}" if p.occupation_id else f"employer:{p.employer_id}"
        (noted if p.source == "dismissal" else said).add(key)
    return frozenset(noted - said)
