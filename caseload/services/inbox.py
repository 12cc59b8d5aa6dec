"""Tasks: the one inbox every app fills for a staff member."""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from caseload.models import CaseFile, Task
from caseload.selectors import current_assignee
from clients.models import Client
from espportal import audit, messages
from espportal.models import User
from espportal.services import notification_send, save_once


@transaction.atomic
def task_create(
    *,
    assignee: User,
    kind: str,
    due_on: dt.date,
    title: str = "",
    message: str = "",
    params: dict | None = None,
    case: CaseFile | None = None,
    client: Client | None = None,
    detail: str = "",
    created_by: User | None = None,
    source_key: str | None = None,
) -> Task:
    """Add a task to someone's inbox. With a source_key, a second call returns the first task unchanged.

    A title the system makes is `message` (a key declared with espportal.messages.message) and `params`, shown
    in each reader's language; `title` is for a title a person typed. Raises ValueError for an unknown key."""
    if message:
        if not messages.is_known(message):
            raise ValueError(f"Unknown message {message!r}")
        params = messages.encode(params)
        title = messages.render(message, params, language=assignee.preferred_language)[0]
    if source_key:
        existing = Task.objects.filter(source_key=source_key).first()
        if existing:
            return existing
    if case is not None and client is None:
        client = case.client
    task = Task(assignee=assignee, kind=kind, title=title[:200], title_key=message, title_params=params or {},
                due_on=due_on, case=case, client=client, detail=detail, created_by=created_by, source_key=source_key or None)
    task.full_clean(exclude=["source_key"])  # the unique constraint settles races; a query cannot
    task, created = save_once(task, source_key=source_key)
    if not created:
        return task
    audit.record(action="task.created", actor=created_by, client=client, target=task,
                 provider=case.provider if case else None, detail={"kind": kind, "assignee": str(assignee.code)})
    return task


def tasks_create(items: list[dict]) -> list[Task]:
    """task_create for many system tasks at once (a daily job's batch, inside its transaction): the same rows, each
    titled in its assignee's language, each audited ("task.created"); a source_key already held makes nothing new.
    Three queries however many (the keys already there, one insert, one audit insert). Each item: assignee, kind,
    due_on, message (a declared key), params, case, source_key. Returns the new tasks. Raises ValueError for an
    unknown key. A simultaneous maker of the same key makes the insert fail (source_key is unique): the caller's
    transaction rolls back whole and its rerun finds the task."""
    keys = [item["source_key"] for item in items if item.get("source_key")]
    held = set(Task.objects.filter(source_key__in=keys).values_list("source_key", flat=True)) if keys else set()
    rows = []
    for item in items:
        if item.get("source_key") in held:
            continue
        if not messages.is_known(item["message"]):
            raise ValueError(f"Unknown message {item['message']!r}")
        params = messages.encode(item.get("params"))
        title = messages.render(item["message"], params, language=item["assignee"].preferred_language)[0]
        case = item["case"]
        rows.append(Task(assignee=item["assignee"], kind=item["kind"], title=title[:200], title_key=item["message"],
                         title_params=params, due_on=item["due_on"], case=case, client=case.client,
                         source_key=item.get("source_key") or None))
    created = Task.objects.bulk_create(rows) if rows else []
    audit.record_many([{"action": "task.created", "client": task.client, "target": task, "provider": task.case.provider,
                        "detail": {"kind": task.kind, "assignee": str(task.assignee.code)}} for task in created])
    return created


@transaction.atomic
def task_complete(*, task: Task, done_by: User, tell_counsellor: bool = True) -> Task:
    """Mark a task done (once: a second call changes nothing). When someone other than the counsellor finishes a
    step, the counsellor hears at once, unless `tell_counsellor` is False (the caller tells them itself)."""
    now = timezone.now()
    updated = Task.objects.filter(pk=task.pk, done_at__isnull=True).update(done_at=now, done_by=done_by)
    task.refresh_from_db(fields=["done_at", "done_by"])
    if not updated:
        return task
    audit.record(action="task.completed", actor=done_by, client=task.client, target=task,
                 provider=task.case.provider if task.case_id else None, detail={"kind": task.kind})
    if task.case_id and tell_counsellor:
        counsellor = current_assignee(task.case)
        if counsellor is not None and counsellor.pk != done_by.pk:
            notification_send(
                recipient=counsellor, message="caseload.task_done_by_other",
                params={"who": done_by.display_name, "title": task.title, "title_key": task.title_key,
                        "title_params": task.title_params, "client": task.case.client.full_name},
                link=reverse("caseload:case", kwargs={"code": task.case.code}),
                dedupe_key=f"task-done:{task.code}",
            )
    return task


def task_close_by_source(*, source_key: str, done_by: User) -> Task | None:
    """Close the task a caller created with `source_key` when the thing it asked for was done elsewhere (a QA
    reviewer decided the contest a manager's task pointed to). Nobody else is notified: the caller tells who
    needs to know. Returns the task, or None when there is none."""
    task = Task.objects.filter(source_key=source_key).select_related("case").first()
    if task is None:
        return None
    return task_complete(task=task, done_by=done_by, tell_counsellor=False)
