"""What a match's reasons say, in the reader's language and to the reader.

The matching engine (employers.matching) stores reasons as codes and parameters ({"code", "params"}); this module
words them when a person reads them. Two readers: the job seeker, addressed in the second person ("your goal"), on
/me/, in their notifications and in the API they call; and staff, who read about the client in the third person
("the client's goal") on the client file, the lead page, the why-not page, their tasks and the staff API.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from clients.models import Accommodation
from employers.models import AnswerReason, JobLead, Match, Permanence
from espportal.messages import local_date
from espportal.templatetags.portal import money
from espportal.vocab import in_language

SEEKER, STAFF = "seeker", "staff"

REASONS = {
    "goal_5": _("Matches your goal %(goal)s"),
    "goal_4": _("Same minor group as your goal %(goal)s"),
    "goal_3": _("Same sub-major group as your goal %(goal)s"),
    "goal_2": _("Same major group as your goal %(goal)s"),
    "goal_1": _("Same broad occupational category as your goal %(goal)s"),
    "goal_0": _("Not related to your occupational goals"),
    "skills": ngettext_lazy("You have %(have)s of %(required)s required skill",
                            "You have %(have)s of %(required)s required skills", "required"),
    "skills_none": _("No specific skills required"),
    "teer_fit": _("Training level fits (TEER %(lead)s)"),
    "teer_stretch": _("Asks for more training: TEER %(lead)s job, your level is TEER %(client)s"),
    "underemployment": _("Possible underemployment: TEER %(lead)s job for a TEER %(client)s goal or qualification"),
    "pay_meets": _("Pay %(pay)s an hour meets your minimum of %(minimum)s"),
    "pay_partial": _("Only the top of the pay range (%(pay)s an hour) meets your minimum of %(minimum)s"),
    "pay_below": _("Pay %(pay)s an hour is below your minimum of %(minimum)s"),
    "pay_unstated": _("Pay not stated"),
    "pay": _("Pay %(pay)s an hour"),
    "remote": _("Remote work"),
    "distance": _("%(km)s km from home"),
    "distance_unknown": _("Distance unknown"),
    "fresh": ngettext_lazy("Posted %(days)s day ago", "Posted %(days)s days ago", "days"),
    "fresh_today": _("Posted today"),
    "fresh_yesterday": _("Posted yesterday"),
    "distance_near": _("Less than 1 km from home"),
    "accommodation": _("Offers %(name)s"),
    "ask_employer": _("Ask the employer about %(name)s: they have not said which accommodations they offer"),
    "unadvertised": _("Unadvertised: known through our employer network"),
    # Exclusions
    "x_status": _("The lead is no longer open (%(status)s)"),
    "x_closed": _("The lead closed on %(date)s"),
    "x_consent": _("No active consent to share a profile with employers"),
    "x_accommodation": _("Does not offer %(name)s"),
    "x_far": _("%(km)s km from home, beyond the %(limit)s km commute"),
    "x_remote": _("Remote job, and on-site work is preferred"),
    "x_permanence": _("%(permanence)s work is not acceptable"),
    "x_full_time": _("Full-time hours (%(hours)s h a week) but part time is wanted"),
    "x_part_time": _("Part-time hours (%(hours)s h a week) but full time is wanted"),
    "x_declined": _("Declined before (%(status)s)"),
    "x_matched": _("Already among your job leads (%(status)s)"),
    "x_not_this_work": _("You said this kind of work is not for you"),
    "x_employer": _("You said you do not want to work for this employer"),
    "lowered": _("Ranked lower: you said a job like this was not the kind of work you want"),
    # Taught by a counsellor's dismissal, not by the person's own answer (LearnedPreference.Source)
    "x_dismissed_work": _("Your counsellor noted this kind of work is not for you"),
    "x_dismissed_employer": _("Your counsellor noted you do not want to work for this employer"),
    "lowered_dismissed": _("Ranked lower: your counsellor noted a job like this was not the kind of work you want"),
    # The relevance gate (employers.relevance)
    "x_no_goals": _("No job goal is set yet: set goals to get suggestions"),
    "x_unrelated": _("Not close to any of your job goals"),
    "x_no_skills": _("You have none of the skills it requires (%(required)s)"),
    "interim": _("Interim work: you are open to jobs outside your goals"),
    "accepted": _("An occupation you said you would accept"),
}


# Staff read about the client, not to them: the same reasons in the third person, where the wording differs.
STAFF_REASONS = {
    "goal_5": _("Matches the client's goal %(goal)s"),
    "goal_4": _("Same minor group as the client's goal %(goal)s"),
    "goal_3": _("Same sub-major group as the client's goal %(goal)s"),
    "goal_2": _("Same major group as the client's goal %(goal)s"),
    "goal_1": _("Same broad occupational category as the client's goal %(goal)s"),
    "goal_0": _("Not related to the client's occupational goals"),
    "skills": ngettext_lazy("The client has %(have)s of %(required)s required skill",
                            "The client has %(have)s of %(required)s required skills", "required"),
    "teer_stretch": _("Asks for more training: TEER %(lead)s job, the client's level is TEER %(client)s"),
    "pay_meets": _("Pay %(pay)s an hour meets the client's minimum of %(minimum)s"),
    "pay_partial": _("Only the top of the pay range (%(pay)s an hour) meets the client's minimum of %(minimum)s"),
    "pay_below": _("Pay %(pay)s an hour is below the client's minimum of %(minimum)s"),
    "x_matched": _("Already among the client's matches (%(status)s)"),
    "x_not_this_work": _("The client said this kind of work is not for them"),
    "x_employer": _("The client said they do not want to work for this employer"),
    "lowered": _("Ranked lower: the client said a job like this was not the kind of work they want"),
    "x_dismissed_work": _("The client's counsellor noted this kind of work is not for them"),
    "x_dismissed_employer": _("The client's counsellor noted they do not want to work for this employer"),
    "lowered_dismissed": _("Ranked lower: the client's counsellor noted a job like this was not the kind of work "
                           "they want"),
    "x_unrelated": _("Not close to any of the client's job goals"),
    "x_no_skills": _("The client has none of the skills it requires (%(required)s)"),
    "interim": _("Interim work: the client is open to jobs outside their goals"),
    "accepted": _("An occupation the client said they would accept"),
}

# The reasons about the person's accommodations: worked out again from the lead and the person's needs each time
# they are read (a need recorded, or an employer's answer, after the match was made counts).
ACCOMMODATION_CODES = frozenset({"accommodation", "ask_employer", "x_accommodation"})


def reason_text(reason: dict, *, reader: str = SEEKER) -> str:
    """One stored reason ({"code", "params"}) in the active language (the reader's), worded for `reader`: SEEKER
    (second person) or STAFF (third person). An unknown code gives ""."""
    params = dict(reason.get("params") or {})
    code = _wording(reason.get("code"), params)
    template = (STAFF_REASONS.get(code) if reader == STAFF else None) or REASONS.get(code)
    if template is None:
        return ""
    for key in ("name", "permanence", "status"):
        if key in params:
            params[key] = _label(key, params[key], reader)
    for key in ("pay", "minimum"):  # stored as "17.20": the reader's money format ("$17.20", "17,20 $")
        if key in params:
            params[key] = money(params[key])
    if "date" in params:
        params["date"] = local_date(params["date"])
    if "noc" in params:  # the goal's NOC title in the reader's language (older rows kept the words of their day)
        title = in_language(params.get("goal_en") or params.get("goal"), params.get("goal_fr"))
        params["goal"] = _("%(title)s (NOC %(code)s)") % {"title": title, "code": params["noc"]}
    return str(template % params)  # `%` first: a plural template picks its form from the parameters


def reason_texts(reasons, *, reader: str = SEEKER) -> list[str]:
    """Several stored reasons in plain words, unknown codes left out."""
    return [text for text in (reason_text(r, reader=reader) for r in reasons) if text]


def accommodation_reasons(needs, lead: JobLead) -> list[dict]:
    """For each accommodation the person needs (Accommodation codes), what the lead says of it: "accommodation"
    (offered), "ask_employer" (the employer has not said which accommodations they offer) or "x_accommodation"
    (not offered: a hard filter, employers.matching.exclusions)."""
    out = []
    for need in needs or ():
        if not lead.accommodations_known:
            out.append({"code": "ask_employer", "params": {"name": need}})
        elif need in (lead.accommodations_offered or []):
            out.append({"code": "accommodation", "params": {"name": need}})
        else:
            out.append({"code": "x_accommodation", "params": {"name": need}})
    return out


def _wording(code, params) -> str:
    """Small numbers read better in words: "Posted today", not "Posted 0 days ago"."""
    try:
        if code == "fresh" and int(params.get("days")) <= 1:
            return "fresh_today" if int(params["days"]) <= 0 else "fresh_yesterday"
        if code == "distance" and float(params.get("km")) < 1:
            return "distance_near"
    except (TypeError, ValueError):
        pass
    return code


def _label(key: str, value: str, reader: str) -> str:
    if key == "name":
        return accommodation_label(value)
    if key == "permanence":
        return str(dict(Permanence.choices).get(value, value))
    if value in Match.Status.values:  # a match's status as its reader reads it ("Shared with you" to the person)
        return Match(status=value).status_for(seeker=reader != STAFF)
    return str(dict(JobLead.Status.choices).get(value, value))


def accommodation_label(code: str) -> str:
    """An accommodation's name as it reads mid-sentence: "step-free access"; "ASL/LSQ interpretation" stays."""
    label = str(dict(Accommodation.choices).get(code, code))
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def answer_reason_text(code: str, accommodation: str = "", words: str = "") -> str:
    """Why a lead is not for the person, in the active language: the structured reason's label (AnswerReason),
    the accommodation it names, then the person's own words as typed: "The workplace does not meet my needs
    (step-free access) — no lift". "" when there is nothing."""
    label = str(AnswerReason(code).label) if code in AnswerReason.values else ""
    if label and accommodation:
        label = f"{label} ({accommodation_label(accommodation)})"
    return " — ".join(part for part in (label, (words or "").strip()) if part)


def match_reason_text(match: Match) -> str:
    """A match's "not for me" or dismissal reason, as answer_reason_text."""
    return answer_reason_text(match.status_reason_code, match.status_reason_accommodation, match.status_reason)
