"""The case file's stored last contact: what happened with the client (a contact or meeting note, an attended
appointment, the first meeting), never what is planned. Pages sort and filter on it through an index instead of
searching every note and appointment of every case on each request."""

import datetime as dt

from django.db.models import DateTimeField, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from caseload.models import Appointment, CaseFile, CaseNote

CONTACT_KINDS = (CaseNote.Kind.CONTACT, CaseNote.Kind.MEETING)
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def case_contact_record(*, case: CaseFile, at: dt.datetime) -> None:
    """Move `case.last_contact_at` forward to `at` (an aware datetime); an earlier moment changes nothing.

    One conditional UPDATE, so two services recording contact at once keep the later moment. Called inside the
    recording service's transaction."""
    CaseFile.objects.filter(pk=case.pk).filter(Q(last_contact_at__isnull=True) | Q(last_contact_at__lt=at)).update(
        last_contact_at=at)
    if case.last_contact_at is None or case.last_contact_at < at:
        case.last_contact_at = at


def cases_last_contact_recompute(cases: QuerySet[CaseFile] | None = None) -> int:
    """Recompute `last_contact_at` of `cases` (all cases when None) from their contact and meeting notes and
    attended appointments, in two UPDATE statements; for bulk-loaded or back-dated data. Returns rows updated."""
    cases = CaseFile.objects.all() if cases is None else cases
    now = timezone.now()  # contact is what happened: nothing dated after now counts
    last_note = CaseNote.objects.filter(case=OuterRef("pk"), kind__in=CONTACT_KINDS, created_at__lte=now).order_by(
        ).values(
        "case").annotate(m=Max("created_at")).values("m")[:1]
    last_visit = Appointment.objects.filter(case=OuterRef("pk"), status=Appointment.Status.ATTENDED,
                                            starts_at__lte=now).order_by(
        ).values("case").annotate(m=Max("starts_at")).values("m")[:1]
    updated = cases.update(last_contact_at=Greatest(
        Coalesce(Subquery(last_note, output_field=DateTimeField()), Value(_EPOCH)),
        Coalesce(Subquery(last_visit, output_field=DateTimeField()), Value(_EPOCH)),
    ))
    CaseFile.objects.filter(last_contact_at=_EPOCH).update(last_contact_at=None)
    return updated
