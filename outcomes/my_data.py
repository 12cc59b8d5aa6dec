"""Everything the portal holds about one job seeker, for "download my data" (JSON) and its printable page.

outcomes sits at the top of the import chain, so it is the one app that may read every other app's rows about a
person without importing upward. The keys are documented in README.md ("Download my data: the keys"); change
both together. Each section is a list of rows; each row maps a field name to a value.
"""

import datetime as dt
import decimal
import uuid

from django.db.models import Model
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from caseload.models import Appointment, CaseFile, CaseNote
from clients.models import Assessment, Client, Consent, PlanItem
from employers.models import Match
from outcomes.models import Placement, RetentionCheck, SupportRequest

FORMAT_VERSION = 2  # 2: matches give status_reason_code and status_reason_accommodation; status_reason is their words

PROFILE_FIELDS = ["code", "first_name", "last_name", "date_of_birth", "email", "phone", "preferred_language",
                  "postal_code", "education_level", "education_field", "education_country", "foreign_credentials",
                  "credential_recognition", "accepts_permanent", "accepts_contract", "accepts_seasonal",
                  "accepts_casual", "wants_full_time", "wants_part_time", "remote_ok", "min_hourly_wage",
                  "max_commute_km", "accommodation_notes", "registered_at", "current_provider", "segment"]

TITLES = {
    "profile": _("My profile"), "consents": _("My consents"), "assessments": _("My assessments"),
    "plan_items": _("My plan"), "cases": _("My cases"), "notes_shared_with_me": _("Notes shared with me"),
    "appointments": _("My appointments"), "matches": _("Jobs suggested to me"), "placements": _("My jobs"),
    "check_ins": _("My check-ins"), "support_requests": _("My support requests"),
}

# Labels for the fields whose model leaves their verbose name untranslated (the printable page is read in French too).
LABELS = {
    "answered_at": _("Answered on"), "answers": _("Answers"), "assessed_at": _("Assessed on"), "author": _("Author"),
    "code": _("Reference"), "completed_at": _("Completed on"), "completed_by": _("Completed by"),
    "computed_segment": _("Computed segment"), "created_at": _("Created on"), "current_provider": _("Current provider"),
    "granted_at": _("Given on"), "instrument_version": _("Instrument version"), "lead": _("Job lead"),
    "note": _("Note"), "opened_at": _("Opened on"), "points": _("Points"), "provider": _("Provider"),
    "purpose": _("Purpose"), "scope": _("Scope"), "score": _("Score"), "segment": _("Segment"),
    "shared_at": _("Shared on"), "staff": _("Staff member"), "status": _("Status"), "withdrawn_at": _("Withdrawn on"),
    "status_reason_accommodation": _("Need the workplace did not meet"),
}

# (key, fields, rows of the client): every list the JSON file and the printable page show, in order.
SECTIONS = [
    ("consents", ["code", "scope", "provider", "purpose", "granted_at", "withdrawn_at", "note"],
     lambda c: Consent.objects.filter(client=c).select_related("provider")),
    ("assessments", ["code", "assessed_at", "provider", "instrument_version", "points", "computed_segment",
                     "override_segment", "override_reason", "answers"],
     lambda c: Assessment.objects.filter(client=c).select_related("provider").order_by("-assessed_at")),
    ("plan_items", ["code", "title", "status", "due_on", "provider", "completed_at", "completed_by", "outcome",
                    "created_at"],
     lambda c: PlanItem.objects.filter(client=c).select_related("provider", "completed_by").order_by("created_at")),
    ("cases", ["code", "provider", "status", "opened_at", "closed_at", "close_reason"],
     lambda c: CaseFile.objects.filter(client=c).select_related("provider").order_by("opened_at")),
    ("notes_shared_with_me", ["code", "created_at", "author", "provider", "kind", "body"],
     lambda c: CaseNote.objects.filter(client=c, visibility=CaseNote.Visibility.CLIENT)
     .select_related("author", "provider").order_by("created_at")),
    ("appointments", ["code", "starts_at", "duration_minutes", "mode", "status", "purpose", "staff"],
     lambda c: Appointment.objects.filter(client=c).select_related("staff").order_by("starts_at")),
    ("matches", ["code", "lead", "status", "status_reason_code", "status_reason_accommodation", "status_reason",
                 "score", "shared_at", "created_at"],
     lambda c: Match.objects.filter(client=c).select_related("lead").order_by("created_at")),
    ("placements", ["code", "employer_name", "title", "start_date", "hours_per_week", "hourly_pay", "permanence",
                    "benefits", "provider", "attribution", "quality_index"],
     lambda c: Placement.objects.filter(client=c).select_related("provider").order_by("start_date")),
    ("check_ins", ["code", "milestone_months", "due_on", "status", "evidence_kind", "evidence", "answered_at"],
     lambda c: RetentionCheck.objects.filter(client=c).order_by("due_on")),
    ("support_requests", ["code", "category", "status", "opened_at", "provider", "employer_share_consent"],
     lambda c: SupportRequest.objects.filter(client=c).select_related("provider").order_by("opened_at")),
]


def _plain(value):
    """A JSON value: dates as ISO 8601 (times in UTC), money and scores as strings, related rows by name."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, Model):
        return getattr(value, "display_name", None) or str(value)
    return value


def _label(obj, name):
    """What the printable page shows: the choice label in the reader's language; dates and times in their
    language's format (times in Toronto), numbers with their decimal mark; else the value as held."""
    display = getattr(obj, f"get_{name}_display", None)
    if display:
        return display()
    value = getattr(obj, name)
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, decimal.Decimal | float):
        return formats.number_format(value, decimal_pos=2 if isinstance(value, decimal.Decimal) else None)
    return _plain(value)


def _verbose(model, name) -> str:
    if name in LABELS:
        return str(LABELS[name])
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a property (segment), not a field
        return name.replace("_", " ")


def my_data(client: Client) -> dict:
    """The JSON document: {"format_version", "generated_at", "profile": {...}, "<section>": [ {...}, ... ]}."""
    document = {"format_version": FORMAT_VERSION, "generated_at": _plain(timezone.now()),
                "profile": {name: _plain(getattr(client, name)) for name in PROFILE_FIELDS}}
    document["profile"]["goals"] = [goal for plan in client.plans.all() for goal in plan.goals]
    for key, fields, rows in SECTIONS:
        document[key] = [{name: _plain(getattr(row, name)) for name in fields} for row in rows(client)]
    return document


def my_data_pages(client: Client) -> list[dict]:
    """The printable page's sections: [{"key", "title", "rows": [[(label, value), ...], ...]}], labels translated."""
    sections = [{"key": "profile", "title": TITLES["profile"], "rows": [[(_verbose(Client, name), _label(client, name))
                                             for name in PROFILE_FIELDS]]}]
    for key, fields, rows in SECTIONS:
        items = list(rows(client))
        model = items[0].__class__ if items else None
        sections.append({"key": key, "title": TITLES[key], "rows": [[(_verbose(model, name), _label(row, name)) for name in fields]
                                              for row in items]})
    return sections


