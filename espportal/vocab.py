"""Shared vocabularies: every app speaks of regions, sectors, populations and languages with these codes."""

from django.db import models
from django.utils.translation import get_language, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    EN = "en", _("English")
    FR = "fr", _("French")


class Region(models.TextChoices):
    TORONTO = "toronto", _("Toronto")
    CENTRAL = "central", _("Central")
    EASTERN = "eastern", _("Eastern")
    WESTERN = "western", _("Western")
    NORTHERN = "northern", _("Northern")


class Population(models.TextChoices):
    NEWCOMERS = "newcomers", _("Newcomers")
    DISABILITY = "disability", _("People with disabilities")
    INDIGENOUS = "indigenous", _("Indigenous people")
    RACIALIZED = "racialized", _("Racialized people")
    FRANCOPHONE = "francophone", _("Francophones")
    YOUTH = "youth", _("Youth under 30")
    MATURE = "mature", _("Workers 55+")
    SOCIAL_ASSISTANCE = "social_assistance", _("People on social assistance")


class Sector(models.TextChoices):
    """NAICS 2022 two-digit sectors."""

    AGRICULTURE = "11", _("Agriculture, forestry, fishing and hunting")
    MINING = "21", _("Mining, quarrying, and oil and gas extraction")
    UTILITIES = "22", _("Utilities")
    CONSTRUCTION = "23", _("Construction")
    MANUFACTURING = "31", _("Manufacturing")
    WHOLESALE = "41", _("Wholesale trade")
    RETAIL = "44", _("Retail trade")
    TRANSPORTATION = "48", _("Transportation and warehousing")
    INFORMATION = "51", _("Information and cultural industries")
    FINANCE = "52", _("Finance and insurance")
    REAL_ESTATE = "53", _("Real estate and rental and leasing")
    PROFESSIONAL = "54", _("Professional, scientific and technical services")
    MANAGEMENT = "55", _("Management of companies and enterprises")
    ADMINISTRATIVE = "56", _("Administrative and support services")
    EDUCATION = "61", _("Educational services")
    HEALTH = "62", _("Health care and social assistance")
    ARTS = "71", _("Arts, entertainment and recreation")
    ACCOMMODATION = "72", _("Accommodation and food services")
    OTHER_SERVICES = "81", _("Other services (except public administration)")
    PUBLIC_ADMINISTRATION = "91", _("Public administration")


def labels(choices, values) -> list[str]:
    """Human labels for a list of stored codes, skipping unknown ones."""
    mapping = dict(choices.choices)
    return [str(mapping[value]) for value in values if value in mapping]


def in_language(english: str, french: str, language: str | None = None) -> str:
    """Reference data kept in both official languages (NOC titles, skills, catalogue services, funding models) as
    its reader reads it: `french` when the language (`language`, else the active one: "fr", "fr-ca") is French and
    a French text is recorded, else `english`."""
    return french if (language or get_language() or "en").startswith("fr") and french else english


class OpenReason(models.TextChoices):
    """Why someone opened a person's record (audit.OPEN_REASONS), as the person reads it in "who opened my file"."""

    CARE = "care", _("Your provider, serving you")
    OWN_COUNSELLOR = "own_counsellor", _("Your counsellor, serving you")
    SHARED = "shared", _("A provider you agreed to share your file with (a move or a referral)")
    TRANSFER = "transfer", _("Your move to another provider")
    REFERRAL = "referral", _("A referral to a specialist")
    QA = "qa", _("Ministry quality review")
    COMPLAINT = "complaint", _("Investigation of your complaint")
    SYSTEM = "system", _("An automatic job of the portal")
    SELF = "self", _("You")


class OpenRoute(models.TextChoices):
    PAGE = "page", _("Viewed on screen")
    API = "api", _("Read by a connected system")
    EXPORT = "export", _("Downloaded")
    SYSTEM = "system", _("Read by an automatic job")


# --- What an audit event did, for the people who read the trail (the ombudsperson's inspection) -----------------
# An event's action is stored as "<record>.<verb>" (espportal.audit.record); a reader sees "<record>: <verb>" in
# their language, e.g. "Case file: viewed". A record or verb not listed here reads as "Other record" / "other
# activity": the trail never shows a raw code.

AUDIT_RECORDS = {
    "client": _("Person's file"), "case": _("Case file"), "note": _("Case note"), "appointment": _("Appointment"),
    "plan": _("Action plan"), "assessment": _("Assessment"), "consent": _("Consent"), "placement": _("Placement"),
    "match": _("Job lead for the person"), "lead": _("Job lead"), "referral": _("Referral"),
    "transfer": _("Transfer"), "task": _("Task"), "retention_check": _("Retention check"),
    "support_request": _("Support request"), "support_message": _("Support message"),
    "handoff_brief": _("Handoff brief"), "assignment": _("Counsellor assignment"), "complaint": _("Complaint"),
    "survey": _("Survey"), "preference": _("Job preferences"), "learnedpreference": _("Job preferences"),
    "qa_sample": _("Quality review sample"), "access": _("Access to the file"),
}
AUDIT_VERBS = {
    "viewed": (pgettext_lazy("audit", "viewed"), ("opened",)),
    "downloaded": (pgettext_lazy("audit", "downloaded"), ("exported",)),
    "created": (pgettext_lazy("audit", "created"), ("created", "added", "recorded", "registered", "scheduled", "filed", "item_added",
                                "drawn", "learned", "first_meeting")),
    "changed": (pgettext_lazy("audit", "changed"), ("updated", "changed", "amended", "status_changed", "item_changed", "goals_changed",
                               "overridden", "duplicate_overridden", "moved", "assigned", "reopened", "work_moved",
                               "confirmed", "attribution_reviewed", "escalated", "due")),
    "completed": (pgettext_lazy("audit", "completed"), ("completed", "item_completed", "resolved", "acknowledged", "answered")),
    "cancelled": (pgettext_lazy("audit", "cancelled or withdrawn"), ("cancelled", "withdrawn", "undone", "expired")),
    "refused": (pgettext_lazy("audit", "refused"), ("refused", "close_refused", "reopen_refused", "denied")),
    "shared": (pgettext_lazy("audit", "shared"), ("shared_with_employer", "referred", "employer_consent", "account_linked")),
    "requested": (pgettext_lazy("audit", "requested"), ("requested", "access_requested", "question_asked", "change_requested",
                                   "attribution_contested")),
    "granted": (pgettext_lazy("audit", "given"), ("granted",)),
}
_VERB_OF = {verb: label for label, verbs in AUDIT_VERBS.values() for verb in verbs}


def audit_action_label(action: str, detail: dict | None = None) -> str:
    """An audit event's stored action ("case.opened") and detail as a reader reads it, in the active language:
    "Case file: viewed" for a look (espportal.audit.record_open, whose detail has a "route"), "Case file: opened"
    for the start of a case (the same action written by a service, without a route). Unknown records and verbs
    read as "Other record" / "other activity", never as the raw code."""
    from django.utils.translation import gettext

    record, _dot, verb = action.partition(".")
    if verb == "opened" and "route" not in (detail or {}):
        what = pgettext_lazy("audit", "opened")
    else:
        what = _VERB_OF.get(verb, pgettext_lazy("audit", "other activity"))
    return gettext("%(record)s: %(what)s") % {"record": AUDIT_RECORDS.get(record, _("Other record")), "what": what}


def label_value(label, value) -> str:
    """A label and its value or message as one text, "Date: Enter a date." in English and "Date : ..." in French
    (a non-breaking space before the colon, as French typography wants). Templates use {% colon %}."""
    return pgettext("a label and its value", "%(label)s: %(value)s") % {"label": label, "value": value}


def colon() -> str:
    """The separator between a label and what follows it, in the reader's language: ": " or "\u00a0: " (French)."""
    return pgettext("between a label and its value", ": ")
