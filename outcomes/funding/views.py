"""Ministry funding pages: the what-if comparison and the payment ledger (ministry analysts only)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Sum
from django.forms.models import model_to_dict
from django.shortcuts import render

from espportal import access
from outcomes.funding import export, forms, selectors, whatif
from outcomes.funding.filters import LedgerPageFilter
from outcomes.kpis.export import audited_csv
from outcomes.kpis.filters import ExportFilterSet
from outcomes.kpis.periods import quarter_of

LEDGER_PAGE_SIZE = 50


def _bad(request, message: str):
    return render(request, "kpis/bad_choice.html", {"message": message}, status=400)


def _csv_query(request, **values) -> str:
    """The page's own query string, with `values` (the dates a default page computed) and format=csv."""
    query = request.GET.copy()
    query.pop("page", None)
    for key, value in values.items():
        query[key] = value.isoformat()
    query["format"] = "csv"
    return query.urlencode()


def _trial_initial() -> dict:
    model = selectors.ledger_model()
    latest = model.versions.order_by("-effective_from").first() if model else None
    return model_to_dict(latest, fields=forms.TrialForm.Meta.fields) if latest else {}


@login_required
def funding_whatif(request):
    """Compare every funding model (and, when asked, trial parameters) across providers for a period. A period or
    a parameter that does not hold answers 422 with the reason beside the field, and nothing is computed."""
    access.require_ministry(request)
    export_filter = ExportFilterSet(request.GET)
    if not export_filter.is_valid():
        return _bad(request, export_filter.first_error())
    period = forms.PeriodForm(request.GET or None, initial=forms.PeriodForm.default_initial())
    with_trial = any(key.startswith("trial-") for key in request.GET)
    trial_form = forms.TrialForm(request.GET if with_trial else None, initial=_trial_initial())
    if not request.GET:
        initial = forms.PeriodForm.default_initial()
        comparison = whatif.compare(start=initial["start"], end=initial["end"])
        return render(request, "funding/whatif.html",
                      {"period": period, "trial_form": trial_form, "comparison": comparison,
                       "csv_query": _csv_query(request, start=initial["start"], end=initial["end"])})
    if not period.is_valid() or (with_trial and not trial_form.is_valid()):
        return render(request, "funding/whatif.html", {"period": period, "trial_form": trial_form,
                                                        "with_trial": with_trial}, status=422)
    trial = trial_form.save(commit=False) if with_trial else None
    start, end = period.cleaned_data["start"], period.cleaned_data["end"]
    comparison = whatif.compare(start=start, end=end, trial=trial)
    if export_filter.choices.get("format") == "csv":
        return audited_csv(request, export.whatif_lines(comparison), action="funding.exported", name="whatif",
                           filename=f"esp-funding-whatif-{start}-{end}.csv", start=start.isoformat(),
                           end=end.isoformat(), trial=with_trial)
    return render(request, "funding/whatif.html", {"period": period, "trial_form": trial_form,
                                                    "with_trial": with_trial, "comparison": comparison,
                                                    "csv_query": _csv_query(request, start=start, end=end)})


@login_required
def funding_ledger(request):
    access.require_ministry(request)
    filters = LedgerPageFilter(request.GET, queryset=selectors.ledger())
    valid = filters.is_valid()
    rows = filters.qs if valid else selectors.ledger().none()
    if valid and filters.form.cleaned_data.get("format") == "csv":
        return audited_csv(request, export.ledger_lines(rows.iterator(chunk_size=2000)), action="funding.exported",
                           name="ledger", filename="esp-funding-ledger.csv",
                           filters={k: v for k, v in request.GET.items() if k in filters.filters})
    total = rows.aggregate(total=Sum("amount"))["total"]
    page = Paginator(rows, LEDGER_PAGE_SIZE).get_page(request.GET.get("page"))
    # One row per milestone stays (the ledger's unit); the totals by provider and quarter are the summary an
    # analyst reads, paginated on their own (?totals_page=).
    totals_page = Paginator(selectors.ledger_totals_by_quarter(rows), LEDGER_PAGE_SIZE).get_page(
        request.GET.get("totals_page"))
    totals = [{"provider": row["provider__name"], "period": quarter_of(row["quarter"]), "total": row["total"]}
              for row in totals_page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    totals_query = request.GET.copy()
    totals_query.pop("totals_page", None)
    return render(request, "funding/ledger.html", {"filters": filters, "page": page, "total": total,
                                                   "totals_page": totals_page, "totals": totals,
                                                   "totals_query": totals_query.urlencode(),
                                                   "query": query.urlencode(), "csv_query": _csv_query(request)},
                  status=200 if valid else 400)
