"""Builders for caseload tests: clients and cases made through the services, so visibility rows exist."""

import datetime as dt
import itertools

from caseload import services
from clients.services import client_register

_seq = itertools.count(1)


def make_client(provider, *, registered_by, user=None, **fields):
    n = next(_seq)
    values = {"first_name": f"Client{n}", "last_name": f"Person{n:03d}", "date_of_birth": dt.date(1990, 1, 1),
              "postal_code": "M5V 2T6"}
    values.update(fields)
    client = client_register(provider=provider, registered_by=registered_by, **values)
    if user is not None:
        client.user = user
        client.save(update_fields=["user"])
    return client


def make_case(provider, *, counsellor, opened_by=None, user=None, **client_fields):
    client = make_client(provider, registered_by=opened_by or counsellor, user=user, **client_fields)
    return services.case_open(client=client, provider=provider, opened_by=opened_by or counsellor,
                              counsellor=counsellor)
