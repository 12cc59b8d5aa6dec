"""CSV lines of the funding tables (the what-if comparison, the payment ledger), exported through the ministry's one
audited, formula-safe CSV path (outcomes.kpis.export.audited_csv). Amounts are plain dollars with 2 decimals, the
same figures the page shows formatted and the API (/api/v1/funding/) returns."""

from django.utils.translation import gettext as _

from outcomes.funding import whatif


def _dollars(amount) -> str:
    return f"{amount:.2f}"


def _shown_dollars(amount) -> str:
    """A shown amount (whatif.block_suppression): dollars, or the reader's word for suppressed."""
    return whatif.as_cell(None) if amount is None else _dollars(amount)


def whatif_lines(comparison: whatif.Comparison) -> list[list]:
    """[header, one line per provider, the total line]: provider, clients served, verified milestones (each
    "suppressed" when built from fewer than 5 people), then each model's dollars for the period (a block amount
    that would give a suppressed count away is suppressed too: whatif.block_suppression)."""
    names = [_("Trial parameters") if c.key == whatif.TRIAL else c.name for c in comparison.columns]
    lines = [[_("Provider"), _("Clients served"), _("Verified milestones"), *names]]
    for row in comparison.rows:
        lines.append([row.provider.name, whatif.as_cell(row.clients_served_shown), whatif.as_cell(row.milestones_shown),
                      *map(_shown_dollars, row.shown_cells)])
    lines.append([_("Total"), "", "", *map(_shown_dollars, comparison.shown_totals)])
    return lines


def ledger_lines(entries) -> list[list]:
    """[header, one line per ledger row]: the columns of the ledger page. No placement or person is named."""
    lines = [[_("Posted"), _("Provider"), _("Milestone"), _("Milestone date"), _("Kind"), _("Model"),
              _("In effect from"), _("Amount")]]
    for entry in entries:
        lines.append([entry.posted_at.date().isoformat(), entry.provider.name, entry.get_milestone_display(),
                      entry.earned_on.isoformat(), entry.get_kind_display(), entry.version.model.label,
                      entry.version.effective_from.isoformat(), _dollars(entry.amount)])
    return lines
