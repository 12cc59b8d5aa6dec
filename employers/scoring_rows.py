"""Set-based reads the matching engine scores from: lean leads, clients with their skills, the required skills of
many leads, each in a fixed number of queries however many rows (employers.matching ranks; this module reads).

On PostgreSQL a many-to-many (a lead's required skills, a client's skills) comes as an array column of the query
that reads the rows; SQLite has no such array, so there it is one more query on the many-to-many table."""

from django.db import connection
from django.db.models import OuterRef, QuerySet

from clients.models import Client, OccupationalGoal
from employers.models import FULL_TIME_HOURS, JobLead, LearnedPreference

# The lead columns the hard filters, the gate and the score read (matching.exclusions, gate, score).
SCORING_FIELDS = ("id", "employer_id", "noc_code", "teer", "status", "closing_date", "accommodations_known",
                  "accommodations_offered", "remote", "latitude", "longitude", "permanence", "hours_per_week",
                  "pay_min", "pay_max", "created_at", "unadvertised")
LEAD_SKILLS = JobLead.required_skills.through
CLIENT_SKILLS = Client.skills.through


def _array(through, column: str, owner: str):
    from django.contrib.postgres.expressions import ArraySubquery

    return ArraySubquery(through.objects.filter(**{column: OuterRef(owner)}).values("skill_id"))


def _pairs(through, column: str, ids) -> dict:
    """{owner pk: set of skill pks} for the owners `ids`, from the many-to-many table: one query."""
    found = {pk: set() for pk in ids}
    for owner, skill in through.objects.filter(**{f"{column}__in": list(found)}).values_list(column, "skill_id"):
        found[owner].add(skill)
    return found


class LeanLead:
    """A candidate lead as the hard filters, the gate and the score read it: the SCORING_FIELDS as attributes and
    `full_time` as on JobLead, without a model instance (cProfile: building 500 JobLead instances per ranking
    took about a third of the time of the top 20 leads for a client). whole_leads swaps in the model for the
    leads shown."""

    __slots__ = (*SCORING_FIELDS, "pk")

    def __init__(self, values: tuple):
        for name, value in zip(SCORING_FIELDS, values, strict=True):
            setattr(self, name, value)
        self.pk = self.id

    @property
    def full_time(self) -> bool:
        return self.hours_per_week >= FULL_TIME_HOURS


def scoring_rows(candidates: QuerySet[JobLead]) -> tuple[list[LeanLead], dict]:
    """(the candidate leads as LeanLead rows, {lead pk: set of required skill pks}), in the order of `candidates`.

    Hundreds of candidates are scored to show ten, so they are loaded lean: the scored columns only, no model
    instances, and the required skills read with them (one query on PostgreSQL, two on SQLite). Only the leads
    shown are loaded whole (whole_leads)."""
    if connection.vendor == "postgresql":
        rows = list(candidates.annotate(required_ids=_array(LEAD_SKILLS, "joblead_id", "pk"))
                    .values_list(*SCORING_FIELDS, "required_ids"))
        return [LeanLead(row[:-1]) for row in rows], {row[0]: set(row[-1]) for row in rows}
    leads = [LeanLead(row) for row in candidates.values_list(*SCORING_FIELDS)]
    return leads, _pairs(LEAD_SKILLS, "joblead_id", [lead.pk for lead in leads])


def whole_leads(suggestions: list) -> None:
    """Swap the lean `.lead` of each suggestion shown for a whole one, with employer and occupation: one query."""
    whole = JobLead.objects.select_related("employer", "occupation").in_bulk([s.lead.pk for s in suggestions])
    for suggestion in suggestions:
        suggestion.lead = whole[suggestion.lead.pk]


def clients_with_skill_ids(candidates: QuerySet[Client]) -> tuple[list[Client], dict]:
    """(the candidate clients, {client pk: set of their skill pks}): one query on PostgreSQL, two elsewhere. A
    many-to-many prefetch would build a related manager per client, which cost more than the rest of the ranking
    at 500 candidates."""
    if connection.vendor == "postgresql":
        rows = list(candidates.annotate(skill_id_list=_array(CLIENT_SKILLS, "client_id", "pk")))
        return rows, {client.pk: set(client.skill_id_list) for client in rows}
    rows = list(candidates)
    return rows, _pairs(CLIENT_SKILLS, "client_id", [client.pk for client in rows])


# The client columns ClientFacts.of reads (employers.facts), besides goals, skills and learned preferences.
CLIENT_FACT_FIELDS = ("id", "education_level", "accepts_permanent", "accepts_contract", "accepts_seasonal",
                      "accepts_casual", "wants_full_time", "wants_part_time", "min_hourly_wage", "max_commute_km",
                      "remote_ok", "accommodations", "latitude", "longitude", "goal_closeness",
                      "open_to_interim_work", "accepted_occupations")
GOAL_FIELDS = ("code", "title", "title_fr", "teer")


class _Occupation:
    __slots__ = GOAL_FIELDS

    def __init__(self, values):
        for name, value in zip(GOAL_FIELDS, values, strict=True):
            setattr(self, name, value)


class _Goal:
    """A goal as ClientFacts.of reads it (`goal.occupation.code`, ...)."""

    __slots__ = ("occupation",)

    def __init__(self, values):
        self.occupation = _Occupation(values)


class LeanClient:
    """A candidate client as ClientFacts.of reads it: the CLIENT_FACT_FIELDS as attributes, `goal_rows` and
    `active_preferences` as clients_for_lead's prefetch gave them, without a Client instance (cProfile: building
    500 Client instances, their goals and the prefetch's attributes took most of the Python time of the top 50
    clients for a lead). whole_clients swaps in the model for the clients shown."""

    __slots__ = (*CLIENT_FACT_FIELDS, "pk", "goal_rows", "active_preferences")

    def __init__(self, values: tuple, goals: list):
        for name, value in zip(CLIENT_FACT_FIELDS, values, strict=True):
            setattr(self, name, value)
        self.pk = self.id
        self.goal_rows = [_Goal(goal) for goal in goals]
        self.active_preferences = []


def lean_clients(candidates: QuerySet[Client]) -> tuple[list[LeanClient], dict]:
    """(the candidate clients as LeanClient rows, {client pk: set of their skill pks}), in the order of
    `candidates`, each with its goals (by goal id, as stored) and its learned preferences in force (hide or
    lower, newest first, with their occupations): two queries on PostgreSQL (goals and skills are array columns
    of the candidates' query), four elsewhere."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.expressions import ArraySubquery
        from django.db.models.functions import JSONObject

        goal_json = ArraySubquery(OccupationalGoal.objects.filter(client=OuterRef("pk")).order_by("id").values(
            json=JSONObject(**{f: f"occupation__{f}" for f in GOAL_FIELDS})))
        rows = list(candidates.annotate(skill_id_list=_array(CLIENT_SKILLS, "client_id", "pk"), goal_list=goal_json)
                    .values_list(*CLIENT_FACT_FIELDS, "skill_id_list", "goal_list"))
        clients = [LeanClient(row[:-2], [tuple(g[f] for f in GOAL_FIELDS) for g in row[-1]]) for row in rows]
        skills = {row[0]: set(row[-2]) for row in rows}
    else:
        rows = list(candidates.values_list(*CLIENT_FACT_FIELDS))
        found = {row[0]: [] for row in rows}
        goals = OccupationalGoal.objects.filter(client_id__in=list(found)).order_by("id")
        for client_id, *goal in goals.values_list("client_id", *(f"occupation__{f}" for f in GOAL_FIELDS)):
            found[client_id].append(tuple(goal))
        clients = [LeanClient(row, found[row[0]]) for row in rows]
        skills = _pairs(CLIENT_SKILLS, "client_id", list(found))
    by_pk = {client.pk: client for client in clients}
    if by_pk:
        for preference in LearnedPreference.objects.filter(
                client_id__in=list(by_pk), undone_at__isnull=True, effect__in=("hide", "lower")).select_related(
                "occupation"):
            by_pk[preference.client_id].active_preferences.append(preference)
    return clients, skills


def whole_clients(suggestions: list) -> None:
    """Swap the lean `.client` of each suggestion shown for a whole Client: one query."""
    whole = Client.objects.in_bulk([s.client.pk for s in suggestions])
    for suggestion in suggestions:
        suggestion.client = whole[suggestion.client.pk]


def with_required_ids(matches: QuerySet) -> QuerySet:
    """`matches` (Match rows) that also read their lead's required skills, as `lead_required_ids`, on PostgreSQL
    (no query more); elsewhere unchanged (required_skill_ids then reads them in one query)."""
    if connection.vendor == "postgresql":
        return matches.annotate(lead_required_ids=_array(LEAD_SKILLS, "joblead_id", "lead_id"))
    return matches


def required_skill_ids(matches) -> dict:
    """{lead pk: set of its required skill pks} for the leads of `matches` (Match rows): none more when they were
    read with_required_ids on PostgreSQL, else one query on the many-to-many table for them all."""
    matches = list(matches)
    if all(hasattr(m, "lead_required_ids") for m in matches):
        return {m.lead_id: set(m.lead_required_ids or ()) for m in matches}
    return _pairs(LEAD_SKILLS, "joblead_id", {m.lead_id for m in matches})

