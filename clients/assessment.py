"""The standard assessment instrument, version ESP-2026.1, and how it sets the service segment.

Each barrier is rated by the counsellor with the person:

    0 none      the barrier does not affect the job search            +0 points
    1 minor     manageable with information or a referral              +1 point
    2 moderate  needs planned support before or alongside the search   +2 points
    3 severe    stops the search until it is addressed                 +3 points

Barriers: transportation, child care, housing, health, language, literacy and numeracy, digital skills,
credential recognition, criminal record, time out of work.

Job readiness adds points too:

    ready       clear goal, resume, searching now                       +0
    needs_tools clear goal, needs resume, interview or search tools     +1
    exploring   unsure which work to aim for                            +2
    not_ready   other priorities must come first                        +3

Segment (the total T is barrier points plus readiness points, at most 33):

    | segment | meaning                          | rule                                                    |
    |---------|----------------------------------|---------------------------------------------------------|
    | 3       | intensive support                | T >= 12, or two or more severe barriers                 |
    | 2       | some barriers                    | otherwise, T >= 5 or any one severe barrier             |
    | 1       | ready, with modular help         | otherwise (T <= 4 and no severe barrier)                |

Vocational interests, career exploration notes and the skills self-rating inform the plan; they add no points.
A counsellor may override the segment with a written reason (audited); the computed segment is kept beside it.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

VERSION = "ESP-2026.1"

BARRIERS = [
    ("transport", _("Transportation")),
    ("childcare", _("Child care")),
    ("housing", _("Housing")),
    ("health", _("Health")),
    ("language", _("Language")),
    ("literacy", _("Literacy and numeracy")),
    ("digital", _("Digital skills")),
    ("credentials", _("Credential recognition")),
    ("record", _("Criminal record")),
    ("time_out_of_work", _("Time out of work")),
]

RATINGS = [
    (0, _("none")),
    (1, _("minor barrier")),
    (2, _("moderate barrier")),
    (3, _("severe barrier")),
]
SEVERE = 3

READINESS = [
    ("ready", _("Ready: clear goal, resume, searching now"), 0),
    ("needs_tools", _("Needs tools: clear goal, needs resume, interview or search help"), 1),
    ("exploring", _("Exploring: unsure which work to aim for"), 2),
    ("not_ready", _("Not yet: other priorities must come first"), 3),
]

INTERESTS = [
    ("realistic", _("Hands-on work with tools, machines or outdoors")),
    ("investigative", _("Solving problems, research, analysis")),
    ("artistic", _("Creating, designing, writing")),
    ("social", _("Helping, teaching, caring for people")),
    ("enterprising", _("Leading, selling, persuading")),
    ("conventional", _("Organising, records, numbers, routines")),
]

SELF_RATED_SKILLS = [
    ("communication", _("Communication")),
    ("teamwork", _("Teamwork")),
    ("problem_solving", _("Problem solving")),
    ("computer_use", _("Computer use")),
    ("numeracy", _("Working with numbers")),
    ("reading", _("Reading work documents")),
]
SELF_RATING_RANGE = range(1, 5)  # 1 = not confident ... 4 = very confident

SEGMENT_3_POINTS = 12
SEGMENT_2_POINTS = 5
SEGMENT_3_SEVERE_BARRIERS = 2

SEGMENT_MEANINGS = {
    1: _("Ready for work, with modular help when wanted"),
    2: _("Some barriers: planned support alongside the job search"),
    3: _("Intensive support: barriers addressed first, with a counsellor"),
}


@dataclass(frozen=True)
class Result:
    segment: int
    points: int
    reasons: list[dict]  # {"code", "params"}: reason_text() words them


def _label(pairs, key):
    return str({k: v for k, v, *_rest in pairs}[key])


def validate(answers: dict) -> dict:
    """Check answers against this version of the instrument; return them in canonical form.

    `answers` is {"barriers": {key: 0..3}, "job_readiness": key, "interests": [key], "career_exploration_notes":
    str, "skills_self_rating": {key: 1..4}}; ValidationError by field for anything else, whatever its shape."""
    if not isinstance(answers, dict):
        raise ValidationError(gettext("The answers must be an object of the instrument's questions."))
    answers = dict(answers)
    for key, kind in (("barriers", dict), ("skills_self_rating", dict), ("interests", list)):
        if answers.get(key) is not None and not isinstance(answers[key], kind):
            answers[key] = None
    errors = {}
    barriers = answers.get("barriers") or {}
    clean_barriers = {}
    for key, _name in BARRIERS:
        value = barriers.get(key)
        try:
            value = int(value)
        except (TypeError, ValueError):
            value = None
        if value not in (0, 1, 2, 3):
            errors[key] = gettext("Rate this barrier from 0 to 3.")
        else:
            clean_barriers[key] = value
    readiness = answers.get("job_readiness")
    if readiness not in {key for key, *_rest in READINESS}:
        errors["job_readiness"] = gettext("Choose how ready the person is.")
    interests = list(answers.get("interests") or [])
    if any(not isinstance(item, str) or item not in {key for key, _n in INTERESTS} for item in interests):
        errors["interests"] = gettext("Choose only from the listed interests.")
    ratings = answers.get("skills_self_rating") or {}
    clean_ratings = {}
    for key, _name in SELF_RATED_SKILLS:
        value = ratings.get(key)
        if value in (None, ""):
            continue
        try:
            value = int(value)
        except (TypeError, ValueError):
            value = None
        if value not in SELF_RATING_RANGE:
            errors[f"skill_{key}"] = gettext("Rate from 1 to 4.")
        else:
            clean_ratings[key] = value
    notes = str(answers.get("career_exploration_notes") or "")
    if len(notes) > 4000:
        errors["career_exploration_notes"] = gettext("Keep the notes under 4000 characters.")
    if errors:
        raise ValidationError(errors)
    return {
        "barriers": clean_barriers,
        "job_readiness": readiness,
        "interests": interests,
        "career_exploration_notes": notes,
        "skills_self_rating": clean_ratings,
    }


def compute(answers: dict) -> Result:
    """The segment and the reasons for it, as codes and parameters ({"code", "params"}, see reason_text) so they
    read in the reader's language whenever they are shown. `answers` must have passed validate()."""
    reasons = []
    points = 0
    severe = 0
    for key, _name in BARRIERS:
        rating = answers["barriers"][key]
        points += rating
        if rating == SEVERE:
            severe += 1
        if rating:
            reasons.append(_reason("barrier", barrier=key, rating=rating, points=rating))
    readiness_points = {key: pts for key, _label_, pts in READINESS}[answers["job_readiness"]]
    points += readiness_points
    if readiness_points:
        reasons.append(_reason("readiness", readiness=answers["job_readiness"], points=readiness_points))
    if points >= SEGMENT_3_POINTS:
        segment = 3
        rule = _reason("points_3", points=points, threshold=SEGMENT_3_POINTS)
    elif severe >= SEGMENT_3_SEVERE_BARRIERS:
        segment = 3
        rule = _reason("severe_3", count=severe)
    elif points >= SEGMENT_2_POINTS:
        segment = 2
        rule = _reason("points_2", points=points, low=SEGMENT_2_POINTS, high=SEGMENT_3_POINTS - 1)
    elif severe:
        segment = 2
        rule = _reason("severe_2")
    else:
        segment = 1
        rule = _reason("points_1", points=points, high=SEGMENT_2_POINTS - 1)
    reasons.append(rule)
    return Result(segment=segment, points=points, reasons=reasons)


def _reason(code: str, **params) -> dict:
    return {"code": code, "params": params}


def reason_text(reason) -> str:
    """One stored reason in the active language: {"code", "params"} as compute() makes them; a plain string (an
    assessment stored before reasons were codes, in the language of its day) is shown as it is.
    Codes: barrier (barrier key, rating 0-3, points), readiness (readiness key, points), points_3, severe_3,
    points_2, severe_2, points_1 (the rule that decided the segment, ESP-2026.1)."""
    if isinstance(reason, str):
        return reason
    code, p = reason.get("code"), dict(reason.get("params") or {})
    if code == "barrier":
        return gettext("%(barrier)s: %(rating)s (+%(points)d)") % {
            "barrier": _label(BARRIERS, p["barrier"]), "rating": _label(RATINGS, p["rating"]), "points": p["points"]}
    if code == "readiness":
        return gettext("Job readiness: %(readiness)s (+%(points)d)") % {
            "readiness": _label(READINESS, p["readiness"]).split(":")[0].lower(), "points": p["points"]}
    if code == "points_3":
        return ngettext("%(points)d point: %(threshold)d or more means segment 3",
                        "%(points)d points: %(threshold)d or more means segment 3", p["points"]) % p
    if code == "severe_3":
        return ngettext("%(count)d severe barrier: two or more means segment 3",
                        "%(count)d severe barriers: two or more means segment 3", p["count"]) % p
    if code == "points_2":
        return ngettext("%(points)d point: %(low)d to %(high)d means segment 2",
                        "%(points)d points: %(low)d to %(high)d means segment 2", p["points"]) % p
    if code == "severe_2":
        return gettext("One severe barrier means at least segment 2")
    if code == "points_1":
        return ngettext("%(points)d point and no severe barrier: %(high)d or fewer means segment 1",
                        "%(points)d points and no severe barrier: %(high)d or fewer means segment 1",
                        p["points"]) % p
    return ""


def reason_texts(reasons) -> list[str]:
    """An assessment's stored reasons in the active language, unknown codes left out."""
    return [text for text in map(reason_text, reasons or ()) if text]
