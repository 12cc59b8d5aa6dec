"""A counsellor change moves the previous counsellor's work on the case with it (caseload.services.cases)."""

from django.db.models import Q
from django.utils import timezone

from caseload.models import Appointment, CaseFile, Task
from caseload.services.reminders import reminder_keys, reminders_send
from espportal.models import Notification, User


def tasks_reassign(*, case: CaseFile, from_staff: User, to_staff: User, by: User) -> list[Task]:
    """Move `from_staff`'s open tasks on `case` (or on its client without a case) to `to_staff`, with the case
    on a counsellor change. Returns the moved tasks (now assigned to `to_staff`); runs inside the caller's
    transaction (caseload.services.cases)."""
    tasks = list(Task.objects.filter(Q(case=case) | Q(client=case.client, case__isnull=True),
                                     assignee=from_staff, done_at__isnull=True).select_for_update())
    Task.objects.filter(pk__in=[t.pk for t in tasks]).update(assignee=to_staff)
    for task in tasks:
        task.assignee = to_staff
    return tasks


def appointments_reassign(*, case: CaseFile, from_staff: User, to_staff: User, by: User) -> list[Appointment]:
    """Move `from_staff`'s scheduled appointments on `case` that have not started to `to_staff`, with the case on
    a counsellor change; their reminders not yet sent are made again with the new name (the client's too).
    Returns the moved appointments; runs inside the caller's transaction (caseload.services.cases)."""
    moved = list(Appointment.objects.filter(case=case, staff=from_staff, status=Appointment.Status.SCHEDULED,
                                            starts_at__gte=timezone.now()).select_related("client__user", "case"))
    Appointment.objects.filter(pk__in=[a.pk for a in moved]).update(staff=to_staff)
    for appointment in moved:
        appointment.staff = to_staff
        Notification.objects.filter(dedupe_key__in=reminder_keys(appointment), sent_at__isnull=True).delete()
        reminders_send(appointment)
    return moved
