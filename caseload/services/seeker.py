"""What a job seeker asks of their counsellor from /me/: a question about a plan item, confirming an appointment,
asking to move one. Each question or request becomes a task in the counsellor's inbox (the one inbox); a step
the person marks done themselves is a notification to the counsellor."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from caseload.models import Appointment, Task
from caseload.selectors import add_business_days, current_assignee, manager_of, open_case_for
from caseload.services.inbox import task_create
from clients.messages import plan_item_params
from clients.models import Client, PlanItem
from clients.services import plan_item_complete
from espportal import audit
from espportal.models import User
from espportal.services import notification_send

ANSWER_WITHIN_BUSINESS_DAYS = 2
MAX_TEXT = 2000


def _counsellor(client: Client):
    """(open case, the person who answers: the assigned counsellor, else the provider's manager); ValidationError
    when the client has no open case."""
    case = open_case_for(client)
    if case is None:
        raise ValidationError(_("You have no open case right now, so there is no counsellor to ask. Call your "
                                "provider instead."))
    return case, current_assignee(case) or manager_of(case.provider)


def _text(value: str, field: str, empty_message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: empty_message})
    if len(text) > MAX_TEXT:
        raise ValidationError({field: _("Keep it under %(max)d characters.") % {"max": MAX_TEXT}})
    return text


@transaction.atomic
def plan_question_ask(*, client: Client, item: PlanItem, question: str, asked_by: User) -> Task:
    """The job seeker asks about one item of their plan: a task for their counsellor, due in two business days,
    with the question as its detail. ValidationError for an empty or too long question, an item not theirs, or
    no open case."""
    question = _text(question, "question", _("Write your question first."))
    if item.client_id != client.pk:
        raise ValidationError(_("This item is not on your plan."))
    case, assignee = _counsellor(client)
    if assignee is None:
        raise ValidationError(_("Nobody is assigned to your case yet. Call your provider instead."))
    task = task_create(assignee=assignee, kind="client_question", message="caseload.plan_question",
                       params={"client": client.full_name, **plan_item_params(item)}, case=case, detail=question,
                       due_on=add_business_days(timezone.localdate(), ANSWER_WITHIN_BUSINESS_DAYS),
                       created_by=asked_by)
    audit.record(action="plan.question_asked", actor=asked_by, client=client, target=item,
                 provider=case.provider, detail={"task": str(task.code)})
    return task


@transaction.atomic
def plan_item_done_by_client(*, client: Client, item: PlanItem, done_by: User) -> PlanItem:
    """The job seeker marks a step of their own plan done (clients.services.plan_item_complete records who) and
    their counsellor (else the provider's manager) gets one in-app notification, in the counsellor's language.
    A second mark (a double click, two tabs) changes nothing and notifies nobody. ValidationError for an item
    not on their plan or a cancelled one."""
    item = PlanItem.objects.select_for_update(of=("self",)).select_related("service").get(pk=item.pk)
    if item.client_id != client.pk:
        raise ValidationError(_("This item is not on your plan."))
    if item.status == PlanItem.Status.COMPLETED:
        return item
    item = plan_item_complete(item=item, completed_by=done_by)
    case = open_case_for(client)
    recipient = (current_assignee(case) or manager_of(case.provider)) if case else None
    if recipient is not None:
        notification_send(recipient=recipient, message="caseload.plan_item_done_by_client",
                          params={"client": client.full_name, **plan_item_params(item)},
                          link=reverse("clients:detail", kwargs={"code": client.code}) + "#panel-plan",
                          dedupe_key=f"plan-item-done:{item.code}:{item.completed_at.isoformat()}")
    return item


@transaction.atomic
def appointment_confirm(*, appointment: Appointment, confirmed_by: User) -> Appointment:
    """The job seeker confirms they will come. Once is enough: a second confirmation changes nothing.
    ValidationError for an appointment that is past or no longer scheduled."""
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if appointment.status != Appointment.Status.SCHEDULED or appointment.starts_at <= timezone.now():
        raise ValidationError(_("This appointment can no longer be confirmed."))
    if appointment.confirmed_at is None:
        appointment.confirmed_at = timezone.now()
        appointment.save(update_fields=["confirmed_at"])
        audit.record(action="appointment.confirmed", actor=confirmed_by, client=appointment.client,
                     target=appointment, provider=appointment.case.provider)
    return appointment


@transaction.atomic
def appointment_change_request(*, appointment: Appointment, reason: str, requested_by: User) -> Task:
    """The job seeker asks to move an appointment, saying why: a task for the staff member who holds it (due in
    two business days, or the day before the appointment if sooner). A second request while one is open
    returns the open task. ValidationError for an empty reason or an appointment no longer scheduled."""
    reason = _text(reason, "reason", _("Say why you need another time, so your counsellor can find one."))
    appointment = Appointment.objects.select_for_update().select_related("case", "staff").get(pk=appointment.pk)
    if appointment.status != Appointment.Status.SCHEDULED or appointment.starts_at <= timezone.now():
        raise ValidationError(_("This appointment can no longer be moved."))
    due = min(add_business_days(timezone.localdate(), ANSWER_WITHIN_BUSINESS_DAYS),
              max(timezone.localdate(), timezone.localdate(appointment.starts_at)))
    prefix = f"appointment-change:{appointment.code}:"
    earlier = Task.objects.filter(source_key__startswith=prefix)
    open_task = earlier.filter(done_at__isnull=True).first()
    if open_task is not None:
        return open_task
    task = task_create(assignee=appointment.staff, kind="appointment_change", message="caseload.appointment_change",
                       params={"client": appointment.client.full_name, "starts_at": appointment.starts_at},
                       case=appointment.case,
                       detail=reason, due_on=due, created_by=requested_by,
                       source_key=f"{prefix}{earlier.count() + 1}")
    appointment.change_requested_at = timezone.now()
    appointment.save(update_fields=["change_requested_at"])
    audit.record(action="appointment.change_requested", actor=requested_by, client=appointment.client,
                 target=appointment, provider=appointment.case.provider, detail={"task": str(task.code)})
    return task
