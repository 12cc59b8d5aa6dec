"""The words people read for an attribution class and for each kind of evidence (outcomes.attribution), in the
reader's language: one vocabulary for the staff placement page, the ministry's QA review and the API."""

from django.utils.translation import gettext_lazy

ATTRIBUTION_NAMES = {"direct": gettext_lazy("Direct"), "assisted": gettext_lazy("Assisted"),
                     "self_found": gettext_lazy("Self-found")}
ATTRIBUTION_MEANINGS = {
    "direct": gettext_lazy("Before the start date, this provider shared a job lead at this employer with the "
                           "client, or arranged an internship, work placement or hiring event with it."),
    "assisted": gettext_lazy("No direct link to this employer, but before the start date this provider delivered "
                             "preparation: resume, interview practice, training or mentoring."),
    "self_found": gettext_lazy("No record shows this provider's help before the start date: the client found the "
                               "job on their own."),
}
# Keys are the `kind` of outcomes.attribution's evidence items: match_<pipeline stage>, the direct engagement
# activities (employers.EngagementActivity.Kind) and plan_item.
EVIDENCE_LABELS = {
    "match_shared": gettext_lazy("Job lead at this employer shared with the client"),
    "match_interested": gettext_lazy("The client said they were interested"),
    "match_applied": gettext_lazy("The client applied"),
    "match_interview": gettext_lazy("Interview arranged"),
    "match_offer": gettext_lazy("Job offer made"),
    "match_hired": gettext_lazy("Hired"),
    "internship": gettext_lazy("Internship arranged with this employer"),
    "work_placement": gettext_lazy("Work placement arranged with this employer"),
    "hiring_event": gettext_lazy("Hiring event with this employer"),
    "plan_item": gettext_lazy("Preparation delivered"),
}


def evidence_label(kind: str) -> str:
    """The translated words for an evidence kind (a key of EVIDENCE_LABELS), in the active language; an unknown
    kind (a record older than the vocabulary) is shown as "Other evidence" rather than as a code."""
    return str(EVIDENCE_LABELS.get(kind, gettext_lazy("Other evidence")))


def labelled(evidence: list[dict]) -> list[dict]:
    """Evidence items ({kind, date, ...}) with a `label` added: the words for their kind in the active language."""
    return [{**item, "label": evidence_label(item.get("kind", ""))} for item in evidence]
