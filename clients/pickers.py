"""The provider's clients as a search picker (espportal.pickers): an employer activity's attendees.

A provider has tens of thousands of clients at province scale, so a checkbox per client grew with the data
(issue 11 §1). The search reads the trigram indexes on first and last name (clients migration 0008)."""

from dataclasses import dataclass
from functools import reduce
from operator import and_

from django.db.models import Q, QuerySet

from clients.access import clients_served_by
from clients.models import Client
from espportal.models import Provider
from espportal.pickers import Picker, register


@dataclass(frozen=True)
class ClientPicker(Picker):
    """Clients whose current provider is the form's provider (only they can be recorded as attending its
    activities), searched by first and last name; labelled with the name and date of birth, which tells
    two people of the same name apart."""

    code_field = "code"

    def rows(self, provider: Provider | None) -> QuerySet[Client]:
        if provider is None:
            return Client.objects.none()
        return clients_served_by(provider).only(
            "code", "first_name", "last_name", "date_of_birth").order_by("last_name", "first_name", "pk")

    def search(self, rows: QuerySet[Client], text: str) -> QuerySet[Client]:
        words = text.split()[:4]
        if not words:
            return rows.none()
        return rows.filter(reduce(and_, [Q(first_name__icontains=w) | Q(last_name__icontains=w) for w in words]))

    def value(self, client: Client) -> str:
        return str(client.code)

    def result(self, client: Client) -> Client:
        return client

    def exact(self, client: Client, text: str) -> bool:
        return text.casefold() == f"{client.first_name} {client.last_name}".casefold()

    def label(self, client: Client) -> str:
        return f"{client.first_name} {client.last_name} ({client.date_of_birth.isoformat()})"


register(ClientPicker("client", ()))
