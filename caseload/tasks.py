from celery import shared_task
from django.utils import timezone

from caseload.models import Transfer
from caseload.services import transfers


@shared_task(acks_late=True)
def transfers_complete_overdue() -> int:
    """Complete transfers the sending provider let pass their deadline. Each is claimed with a conditional
    UPDATE inside transfer_complete, so a second run (or a person completing it meanwhile) adds nothing."""
    completed = 0
    overdue = Transfer.objects.filter(status=Transfer.Status.REQUESTED, due_on__lt=timezone.localdate())
    for transfer in overdue.select_related("client", "from_case", "to_provider", "from_provider"):
        completed += transfers.transfer_complete_claimed(transfer=transfer, completed_by=None, automatically=True)
    return completed
