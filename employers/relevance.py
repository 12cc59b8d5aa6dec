"""The relevance gate: which leads may be *suggested* to a person at all, before any score is computed.

One rule, shared by every place the portal suggests work: leads for a client (the client file and the job
seeker's /me/ list), clients for a lead (the lead page) and the push of strong matches when a lead is created
(all go through employers.matching, which calls `gate`). The evaluation (employers.evaluation) counts the
suggestions that break it; the target is none.

Source of the hierarchy: Statistics Canada, National Occupational Classification (NOC) 2021 Version 1.0. A unit
group's five-digit code names its ancestors by its prefixes: broad occupational category (1st digit), major group
(2 digits, the 2nd being the TEER), sub-major group (3), minor group (4), unit group (5). Two codes that share their
first n digits are in the same group at level n.

The rule. A lead may be suggested to a person only when both hold:

1. related: one of the person's occupational goals shares at least the first `goal_closeness` digits with the
   lead's NOC code (the person's own setting, Client.goal_closeness; 2 by default: the same major group, i.e.
   the same broad category and the same TEER), or the lead's code starts with one of the occupations the person
   accepts (Client.accepted_occupations, NOC codes at any level);
2. within reach of their skills: the lead requires no skills, or the person has at least one of them. A lead
   inside an accepted occupation is exempt: the person said they would take that work and learn it.

unless the person widened the search on purpose: "open to interim work" (Client.open_to_interim_work) lifts both
conditions. A person with no goals yet has no suggestions (they are asked to set goals), unless open to interim
work or with accepted occupations. Leads that fail the gate may be shown apart, as "other openings", each with the
reasons below; they are never ranked among the suggestions.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
    """How wide a person's search is: what the gate needs to know of them."""

    goal_codes: tuple  # the NOC unit-group codes of their goals
    skill_ids: frozenset  # Skill primary keys
    closeness: int = 2  # 1..5, the number of leading NOC digits a lead must share with a goal
    interim: bool = False  # open to interim work: the gate is lifted
    accepted: tuple = ()  # NOC codes (any level) of other occupations the person accepts


def shared_digits(a: str, b: str) -> int:
    """How many leading digits two NOC codes share (0..5): 5 = same unit group, 1 = same broad category."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def accepted_by(scope: Scope, noc_code: str) -> bool:
    return any(noc_code.startswith(code) for code in scope.accepted if code)


def gate(scope: Scope, noc_code: str, required_skill_ids) -> list[dict]:
    """Why a lead may not be suggested to this person, as reasons ({"code", "params"}); empty when it may.

    `noc_code`: the lead's five-digit unit group; `required_skill_ids`: its required skills' primary keys.
    Codes: "x_no_goals" (no goal yet), "x_unrelated" (no goal close enough; params: level), "x_no_skills" (none
    of the required skills; params: required).
    """
    if scope.interim:
        return []
    if accepted_by(scope, noc_code):
        return []
    if not scope.goal_codes:
        return [{"code": "x_no_goals", "params": {}}]
    out = []
    closest = max(shared_digits(code, noc_code) for code in scope.goal_codes)
    if closest < scope.closeness:
        out.append({"code": "x_unrelated", "params": {"level": scope.closeness}})
    required = set(required_skill_ids)
    if required and not required & set(scope.skill_ids):
        out.append({"code": "x_no_skills", "params": {"required": len(required)}})
    return out
