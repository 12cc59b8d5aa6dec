"""Every periodic job is harmless when run twice for one slot (a beat restarted after a crash may do that): the
second run adds, changes and sends nothing. The jobs are read from CELERY_BEAT_SCHEDULE, so a new job is covered
the day it is declared."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.utils import timezone

from caseload.models import Transfer
from employers.models import JobLead
from espportal import services
from espportal.models import Notification

# Rows a job may touch on every run by design (a heartbeat counter), not a duplicated effect.
VOLATILE = {"espportal.heartbeat"}
# Derived tables a job recomputes whole (delete + insert in one transaction): compared by content, not by row id.
RECOMPUTED = {"kpis.providerperiodstats": ("id", "computed_at"),
              "kpis.suppressionverdicts": ("id", "rows_as_of", "computed_at")}
# Audit actions that log a job's run itself (who recomputed what, when), not an effect on anyone's record.
RUN_LOG_ACTIONS = {"kpis.rolled_up"}
JOBS = sorted(settings.CELERY_BEAT_SCHEDULE.items())


def _task(path: str):
    module, name = path.rsplit(".", 1)
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as error:  # declared ahead of its code landing: visible, not hidden
        pytest.xfail(f"{path} is declared in CELERY_BEAT_SCHEDULE but not importable: {error}")


def _snapshot() -> dict:
    """Every table's rows (as value tuples, ordered), except the volatile ones, plus the e-mails sent."""
    state = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in VOLATILE or model._meta.app_label in ("sessions", "django_celery_beat", "admin"):
            continue
        rows = model._default_manager.order_by("pk")
        if label == "espportal.auditevent":
            rows = rows.exclude(action__in=RUN_LOG_ACTIONS)
        if label in RECOMPUTED:
            fields = [f.attname for f in model._meta.concrete_fields if f.attname not in RECOMPUTED[label]]
            state[label] = sorted(rows.values_list(*fields), key=repr)
            continue
        state[label] = list(rows.values_list())
    state["mail"] = [(m.subject, tuple(m.to)) for m in mail.outbox]
    return state


@pytest.fixture
def work_for_every_job(transfer_a, retention_check_due_a, lead_a, seeker_a, employer):
    """Something for each job to do: an overdue transfer, a due retention check, an expired lead, an e-mail due."""
    Transfer.objects.filter(pk=transfer_a.pk).update(due_on=timezone.localdate() - dt.timedelta(days=2))
    JobLead.objects.filter(pk=lead_a.pk).update(closing_date=timezone.localdate() - dt.timedelta(days=1))
    services.notification_send(recipient=seeker_a, subject="Reminder", channel=Notification.Channel.EMAIL)


@pytest.mark.parametrize(("name", "entry"), JOBS, ids=[name for name, _entry in JOBS])
def test_a_periodic_job_run_twice_does_nothing_the_second_time(work_for_every_job, name, entry,
                                                               django_capture_on_commit_callbacks):
    task = _task(entry["task"])
    with django_capture_on_commit_callbacks(execute=True):
        task()
    from espportal.notifications import deliver, pending_ids

    for notification_id in pending_ids():  # what the first run queued is delivered before the second run
        deliver(notification_id)
    after_first = _snapshot()

    with django_capture_on_commit_callbacks(execute=True):
        task()
    for notification_id in pending_ids():
        deliver(notification_id)

    assert _snapshot() == after_first


def test_every_declared_job_is_a_registered_task():
    from espportal.celery import app

    app.loader.import_default_modules()
    for _name, entry in JOBS:
        _task(entry["task"])
    assert {entry["task"] for _name, entry in JOBS} <= set(app.tasks)
