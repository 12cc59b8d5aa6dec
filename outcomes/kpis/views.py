"""The ministry's dashboards (/ministry/): province overview, provider comparison, region and provider
drill-downs, each with CSV export; and the manager's own-provider panel. Ministry analysts only (403 for anyone
else); every figure comes from the rollups through selectors, suppressed."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from espportal.access import MANAGER_ROLES, require_ministry, require_staff
from outcomes.kpis import charts, periods, selectors
from outcomes.kpis.definitions import BY_SLUG, HEADLINE, KPIS
from outcomes.kpis.export import audited_csv, table_lines
from outcomes.kpis.filters import KpiFilterSet
from outcomes.kpis.templatetags.kpis import figure


class BadChoice(Exception):
    """A period, group or KPI in the query string that names nothing: answered 400 with the reason."""


# The CSV tables each page offers (?table=), the first being the one exported by default.
TABLES = {"overview": ("regions", "group", "segment", "trend"), "comparison": ("providers",),
          "region": ("providers", "trend"), "provider": ("trend", "group", "segment")}


def _choices(request, page: str, *, default_kpi="placements", **path) -> dict:
    """The selectors every page shares, read from the query string (and the region or provider in the page's
    address, `path`) through the KPI FilterSet (the API's too); BadChoice for anything unknown. "table" is the
    CSV table asked for (the page's first by default)."""
    filters = KpiFilterSet(request.GET, path=path, tables=TABLES[page])
    if not filters.is_valid():
        raise BadChoice(filters.first_error())
    chosen = filters.choices
    period = chosen.get("period") or selectors.latest_period("quarter") or periods.quarter_of(_today())
    group = chosen.get("group") or None
    kpi = BY_SLUG[chosen.get("kpi") or default_kpi]
    if group and not kpi.by_group:
        kpi = BY_SLUG[default_kpi]
    return {"period": period, "group": group, "kpi": kpi, "region_choice": chosen.get("region") or None,
            "provider_choice": chosen.get("provider"), "table": chosen.get("table") or TABLES[page][0],
            "sort": chosen.get("sort") or "", "descending": chosen.get("dir") != "asc",
            "csv": chosen.get("format") == "csv",
            "available": selectors.available_periods(), "groups": filters.form.fields["group"].choices,
            "regions": filters.form.fields["region"].choices,
            "kpi_choices": [k for k in KPIS if k.by_group or not group], "period_kinds": periods.KINDS}


def _today():
    return timezone.localdate()


def _bad(request, error: BadChoice, *, team: bool = False):
    """400 with the reason; `team` for the manager's panel (its own heading and way back, not the ministry's)."""
    return render(request, "kpis/bad_choice.html", {"message": str(error), "team": team}, status=400)


def _ministry_page(page: str, **path_names):
    """A dashboard page (`page`, a key of TABLES): ministry analysts only (403 for anyone else), its query's
    choices read once by _choices and handed to the view as `view(request, choices)`; a choice that names nothing
    answers 400 (_bad). `path_names` renames the page's URL keywords to the FilterSet's (code -> provider)."""
    def decorate(view):
        @login_required
        @wraps(view)
        def page_view(request, **kwargs):
            require_ministry(request)
            try:
                choices = _choices(request, page, **{path_names.get(key, key): value for key, value in kwargs.items()})
            except BadChoice as error:
                return _bad(request, error)
            return view(request, choices)
        return page_view
    return decorate


def _texts(table, slug) -> dict:
    return {row.key: figure(row.figures[slug], slug) for row in table.rows}


def _chart(table, kpi) -> dict:
    return charts.bars(table, kpi.slug, _texts(table, kpi.slug))


def _export(request, table, *, name: str, row_header: str, choices: dict, **detail):
    return audited_csv(request, table_lines(table, row_header=row_header), action="kpis.exported",
                       name=name, filename=f"esp-kpis-{name}-{choices['period'].key}.csv", as_of=table.as_of,
                       period=choices["period"].key, group=choices["group"] or "", **detail)


@_ministry_page("overview")
def overview(request, choices):
    period, group, kpi = choices["period"], choices["group"], choices["kpi"]
    snaps = selectors.trend_snapshots(period, areas_only=True)
    snap = snaps[-1]
    regions = selectors.by_region(period, group=group, snap=snap)
    if choices["csv"]:
        which = choices["table"]
        if which in ("group", "segment"):
            return _export(request, selectors.breakdown(period, which, snap=snap), name=f"province-by-{which}",
                           row_header=_("Group") if which == "group" else _("Segment"), choices=choices)
        if which == "trend":
            return _export(request, selectors.trend(period, group=group, snaps=snaps), name="province-trend",
                           row_header=_("Period"), choices=choices)
        return _export(request, regions, name="regions", row_header=_("Region"), choices=choices)
    trend = selectors.trend(period, group=group, snaps=snaps)
    context = {
        **choices, "regions_table": regions, "trend_table": trend,
        "groups_table": selectors.breakdown(period, "group", snap=snap),
        "segments_table": selectors.breakdown(period, "segment", snap=snap),
        "headline": [BY_SLUG[slug] for slug in HEADLINE if BY_SLUG[slug].by_group or not group],
        "trend_chart": _chart(trend, kpi), "region_chart": _chart(regions, kpi),
    }
    return render(request, "kpis/overview.html", context)


@_ministry_page("comparison")
def comparison(request, choices):
    region = choices["region_choice"]
    table = selectors.comparison(choices["period"], region=region, group=choices["group"], sort=choices["sort"],
                                 descending=choices["descending"])
    if choices["csv"]:
        return _export(request, table, name="providers", row_header=_("Provider"), choices=choices,
                       region=region or "")
    return render(request, "kpis/comparison.html", {**choices, "table": table, "region": region})


@_ministry_page("region")
def region_detail(request, choices):
    period, group, kpi, region = choices["period"], choices["group"], choices["kpi"], choices["region_choice"]
    providers = selectors.comparison(period, region=region, group=group)
    trend = selectors.trend(period, region=region, group=group)
    if choices["csv"]:
        if choices["table"] == "trend":
            return _export(request, trend, name=f"{region}-trend", row_header=_("Period"), choices=choices,
                           region=region)
        return _export(request, providers, name=f"{region}-providers", row_header=_("Provider"), choices=choices,
                       region=region)
    return render(request, "kpis/region.html", {
        **choices, "region": region, "region_name": selectors.region_label(region), "table": providers,
        "trend_table": trend, "trend_chart": _chart(trend, kpi), "provider_chart": _chart(providers, kpi)})


@_ministry_page("provider", code="provider")
def provider_detail(request, choices):
    period, group, kpi, provider = choices["period"], choices["group"], choices["kpi"], choices["provider_choice"]
    snaps = selectors.trend_snapshots(period)
    snap = snaps[-1]
    trend = selectors.trend(period, provider=provider, group=group, snaps=snaps)
    groups_table = selectors.breakdown(period, "group", provider=provider, snap=snap)
    segments_table = selectors.breakdown(period, "segment", provider=provider, snap=snap)
    if choices["csv"]:
        if choices["table"] in ("group", "segment"):
            which = choices["table"]
            return _export(request, groups_table if which == "group" else segments_table,
                           name=f"provider-by-{which}", row_header=_("Group") if which == "group" else _("Segment"),
                           choices=choices, provider=str(provider.code))
        return _export(request, trend, name="provider-trend", row_header=_("Period"), choices=choices,
                       provider=str(provider.code))
    return render(request, "kpis/provider.html", {
        **choices, "provider": provider, "region_name": selectors.region_label(provider.region),
        "trend_table": trend, "trend_chart": _chart(trend, kpi), "groups_table": groups_table,
        "segments_table": segments_table})


@login_required
def team_panel(request):
    """The manager's own provider beside the provincial median, for ?period= (the latest quarter by default; one
    that names nothing answers 400 with the dashboard's reason); an HTMX fragment for the team page, or a page
    of its own when opened directly."""
    actor = require_staff(request, MANAGER_ROLES)
    try:
        period = _choices(request, "comparison")["period"]
    except BadChoice as error:
        return _bad(request, error, team=True)
    snap = selectors.snapshot(period)
    own = selectors.comparison(period, snap=snap)
    own_row = next((row for row in own.rows if row.key == str(actor.provider.code)), None)
    medians = selectors.provincial_medians(period, snap=snap)
    rows = [(kpi, own_row.figures[kpi.slug] if own_row else None, medians.get(kpi.slug)) for kpi in KPIS]
    template = "kpis/team_panel.html" if request.htmx else "kpis/team_page.html"
    return render(request, template, {"rows": rows, "period": period, "as_of": own.as_of,
                                      "provider": actor.provider})
