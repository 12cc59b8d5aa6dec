"""Builders for clients tests: records made through the services, so visibility rows and audit exist."""

import datetime as dt
import itertools

from clients import services
from clients.models import ServiceCatalogueEntry

_seq = itertools.count(1)

ANSWERS_NONE = {
    "barriers": dict.fromkeys(("transport", "childcare", "housing", "health", "language", "literacy", "digital", "credentials", "record", "time_out_of_work"), 0),
    "job_readiness": "ready",
    "interests": [],
    "career_exploration_notes": "",
    "skills_self_rating": {},
}


def answers(readiness="ready", **barriers) -> dict:
    return {**ANSWERS_NONE, "barriers": {**ANSWERS_NONE["barriers"], **barriers}, "job_readiness": readiness}


def make_client(provider, *, registered_by, user=None, **fields):
    n = next(_seq)
    values = {"first_name": f"Jordan{n}", "last_name": f"Tremblay{n:03d}", "date_of_birth": dt.date(1988, 5, 17),
              "postal_code": "M5V 2T6"}
    values.update(fields)
    client = services.client_register(provider=provider, registered_by=registered_by, **values)
    if user is not None:
        client.user = user
        client.save(update_fields=["user"])
    return client


def make_plan_item(client, *, by, provider=None, service_code="resume-workshop", status="planned", due_on=None):
    plan = services.plan_open(client=client, opened_by=by, provider=client.current_provider)
    service = ServiceCatalogueEntry.objects.get(code=service_code) if service_code else None
    item = services.plan_item_add(plan=plan, added_by=by, provider=provider or client.current_provider,
                                  service=service, title="" if service else "Custom item", due_on=due_on)
    if status == "completed":
        services.plan_item_complete(item=item, completed_by=by, outcome="Done")
    elif status != "planned":
        services.plan_item_update(item=item, changed_by=by, status=status)
    item.refresh_from_db()
    return item
