"""Enqueue Celery work after the transaction commits, without ever failing the write that asked for it.

The rows the task works on are already saved; if the broker is down the periodic sweeps find them later.
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def _publish(task, args, kwargs):
    try:
        task.apply_async(args=args, kwargs=kwargs, retry=False)
    except Exception:  # broker unavailable: the row stays pending and a sweep re-queues it
        logger.warning("Could not enqueue %s%r; a periodic sweep will pick it up.", task.name, args, exc_info=True)


def enqueue_on_commit(task, *args, **kwargs) -> None:
    transaction.on_commit(lambda: _publish(task, args, kwargs))
