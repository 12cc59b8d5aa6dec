"""The door's scope (clients.access.rows_for) filters on ClientVisibility alone for staff: going through the
clients table as well made every scoped query scan every client (issue 11: the counsellor home's counts), and
the rows it lets through are the same."""

from caseload.models import Task
from clients.access import clients_for, rows_for
from clients.models import PlanItem
from espportal.access import Actor
from espportal.models import Membership
from tests.clients.factories import make_client, make_plan_item


def _actor(user):
    return Actor(user=user, membership=Membership.objects.get(user=user))


def test_a_staff_scope_reads_the_visibility_table_not_every_client(counsellor_a):
    sql = str(rows_for(_actor(counsellor_a), Task.objects.all()).query)
    assert "clients_clientvisibility" in sql
    assert "clients_client\"" not in sql.replace("clients_clientvisibility", "")


def test_the_scope_lets_through_the_same_rows_as_the_clients_door(counsellor_a, counsellor_b, provider_a, provider_b):
    mine = make_plan_item(make_client(provider_a, registered_by=counsellor_a), by=counsellor_a)
    make_plan_item(make_client(provider_b, registered_by=counsellor_b), by=counsellor_b)
    actor = _actor(counsellor_a)
    assert list(rows_for(actor, PlanItem.objects.all())) == [mine]
    assert list(PlanItem.objects.filter(client__in=clients_for(actor))) == [mine]
