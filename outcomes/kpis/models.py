"""Rolled-up KPI figures the ministry's dashboards, CSV and API read; never raw rows at request time.

One row per provider x period x breakdown cell, and one per region and for the province (`area`), computed from
the raw facts of all their providers at once: a person served by two providers is one person there, so counts of
people (clients served, the people behind a figure that suppression counts) are distinct, never a sum. `stats` holds, for each KPI slug, what the KPI needs to be
re-aggregated by summing over providers (region, province): {"num": number, "den": number, "people": int,
"values": [numbers]} ("values" only for median/percentile KPIs: the distribution, not who it belongs to; sorted
ascending, so readers pick medians and percentiles by position: outcomes.kpis.selectors.SUMMARISED_STATS).
Nothing in a row names or identifies a person.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from espportal.models import Provider


class ProviderPeriodStats(models.Model):
    class Dimension(models.TextChoices):
        ALL = "all", _("Everyone")
        GROUP = "group", _("Self-identified group")
        SEGMENT = "segment", _("Service segment")

    PROVINCE = "province"

    # A provider's row; None for an area's row.
    provider = models.ForeignKey(Provider, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    area = models.CharField(max_length=20, blank=True)  # "" (a provider's row) | a Region code | "province"
    period_kind = models.CharField(max_length=7)  # month | quarter | year (see outcomes.kpis.periods)
    period_start = models.DateField()
    period_end = models.DateField()
    dimension = models.CharField(max_length=7, choices=Dimension.choices, default=Dimension.ALL)
    value = models.CharField(max_length=30, blank=True)  # a group code, a segment "1".."3" or "unknown"; "" for all
    stats = models.JSONField(default=dict)
    # An area row's stats with each distribution replaced by what its median and 90th percentile read of it
    # (definitions.summarised: "values" -> "summary"), stored by the rollup so the pages read an area's figures
    # without its every person's; {} for a provider's row (read whole: an area without rows adds providers' up).
    summary = models.JSONField(default=dict, blank=True)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "period_kind", "period_start", "dimension", "value"],
                                    condition=models.Q(provider__isnull=False), name="kpis_stats_one_per_cell",
                                    violation_error_message=_("These figures are already rolled up for this provider "
                                                              "and period.")),
            models.UniqueConstraint(fields=["area", "period_kind", "period_start", "dimension", "value"],
                                    condition=models.Q(provider__isnull=True), name="kpis_stats_one_per_area_cell",
                                    violation_error_message=_("These figures are already rolled up for this area "
                                                              "and period.")),
            models.CheckConstraint(condition=models.Q(provider__isnull=False, area="")
                                   | (models.Q(provider__isnull=True) & ~models.Q(area="")),
                                   name="kpis_stats_provider_or_area",
                                   violation_error_message=_("A row of figures is either a provider's or an area's.")),
        ]
        indexes = [models.Index(fields=["period_kind", "period_start", "dimension"])]

    def __str__(self):
        return f"{self.provider or self.area} · {self.period_kind} {self.period_start} · {self.dimension}={self.value}"


class SuppressionVerdicts(models.Model):
    """The small-cell suppression verdicts of one fiscal year, decided by the rollup when it runs
    (`outcomes.kpis.rollup.decide_year`) so no page, CSV or API answer decides them at request time.

    `hidden` lists the hidden cells only (see `outcomes.kpis.verdicts.to_json`). `rows`, `rows_as_of` and
    `providers` record what the verdicts were decided from (the count and newest computed_at of the year's
    ProviderPeriodStats rows, and [[provider pk, region]...]): when any of them no longer matches (a rollup of a
    period of the year, a late correction, a provider added or moved), the verdicts are stale and are decided
    again before anything is shown."""

    year_start = models.DateField(unique=True)
    year_end = models.DateField()
    hidden = models.JSONField(default=list)
    rows = models.PositiveIntegerField(default=0)
    rows_as_of = models.DateTimeField(null=True, blank=True)
    providers = models.JSONField(default=list)
    computed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"suppression verdicts {self.year_start:%Y}-{self.year_end:%y}"
