"""Case notes: append-only; an amendment is a new row pointing at the original."""

from django.db import transaction
from django.utils.translation import gettext as _

from caseload.models import CaseFile, CaseNote
from caseload.selectors import is_assigned, pending_brief_for
from caseload.services._common import is_manager_of, provider_of, refuse
from caseload.services.contact import CONTACT_KINDS, case_contact_record
from espportal import audit
from espportal.models import User


def _check_may_write(*, case: CaseFile, author: User, body: str) -> None:
    def no(message):
        refuse(message, action="note.refused", actor=author, client=case.client, target=case,
               provider=provider_of(author))

    if not case.is_open:
        no(_("This case is closed: notes can no longer be added to it."))
    if not (is_assigned(case, author) or is_manager_of(author, case.provider)):
        no(_("You are not assigned to this case, so you cannot add notes to it."))
    if pending_brief_for(case, author) is not None:
        no(_("Read and acknowledge the handoff brief before adding notes to this case."))
    if not (body or "").strip():
        no(_("Write something in the note."))


def note_add(
    *, case: CaseFile, author: User, kind: str, body: str, visibility: str, amends: CaseNote | None = None
) -> CaseNote:
    """Add a note to a case. Refusals (not assigned, brief not acknowledged, empty) are audited."""
    _check_may_write(case=case, author=author, body=body)
    if amends is not None and amends.case_id != case.pk:
        refuse(_("An amendment must be on the same case as the note it amends."), action="note.refused",
               actor=author, client=case.client, target=amends)
    return _note_save(case=case, author=author, kind=kind, body=body.strip(), visibility=visibility, amends=amends)


@transaction.atomic
def _note_save(*, case, author, kind, body, visibility, amends) -> CaseNote:
    note = CaseNote(case=case, client=case.client, provider=case.provider, author=author, kind=kind, body=body,
                    visibility=visibility, amends=amends)
    note.full_clean()
    note.save()
    if kind in CONTACT_KINDS:
        case_contact_record(case=case, at=note.created_at)
    audit.record(action="note.amended" if amends else "note.added", actor=author, provider=case.provider,
                 client=case.client, target=note, detail={"kind": kind, "visibility": visibility})
    return note


def note_amend(*, note: CaseNote, author: User, body: str) -> CaseNote:
    """Correct a note: the original stays and is shown as amended."""
    return note_add(case=note.case, author=author, kind=note.kind, body=body, visibility=note.visibility,
                    amends=note)
