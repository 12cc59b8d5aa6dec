from celery import shared_task

from outcomes.kpis import rollup


@shared_task(acks_late=True)
def kpis_rollup_nightly() -> int:
    """Recompute the KPI rollups from the start of the previous fiscal year (idempotent: a period's rows are
    replaced as a whole, so a retry or a second run writes the same rows)."""
    return rollup.rollup_nightly()
