"""Builders for outcomes tests: histories before a hire, and placements recorded through the service."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from clients.models import ActionPlan, Consent, OccupationalGoal, PlanItem, ServiceCatalogueEntry
from outcomes import services
from tests.employers.factories import noc


def consent_to_share(client, by):
    Consent.objects.get_or_create(client=client, scope=Consent.Scope.SHARE_EMPLOYERS, withdrawn_at=None,
                                  defaults={"granted_by": by})


def goal(client, code: str):
    return OccupationalGoal.objects.get_or_create(client=client, occupation=noc(code))[0]


def delivered_item(client, *, provider, by, kind: str, completed_at: dt.datetime) -> PlanItem:
    """A completed plan item of a catalogue service of `kind`, delivered by `provider`."""
    plan = ActionPlan.objects.filter(client=client, closed_at__isnull=True).first() or ActionPlan.objects.create(
        client=client, provider=provider, created_by=by)
    service = ServiceCatalogueEntry.objects.filter(kind=kind).first()
    return PlanItem.objects.create(plan=plan, client=client, service=service, title=service.name, provider=provider,
                                   status=PlanItem.Status.COMPLETED, completed_at=completed_at, completed_by=by,
                                   created_by=by)


def placement_for(case, *, by, start_date=None, occupation="11100", **overrides):
    values = {
        "title": "Accounting clerk", "hours_per_week": Decimal("37.5"), "hourly_pay": Decimal("24.00"),
        "permanence": "permanent", "verification": "employer_confirmation", "benefits": True,
        "employer_name": "Lakeside Books",
    }
    values.update(overrides)
    return services.placement_record(client=case.client, recorded_by=by,
                                     start_date=start_date or timezone.localdate(), occupation=noc(occupation),
                                     **values)
