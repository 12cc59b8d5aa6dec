"""The ministry's one CSV path (KPI tables and funding tables alike) and the API's records, both built from the same
figures the page shows (for KPIs, the same suppressed Table).

Every export is audited (`audited_csv`). A CSV cell that a spreadsheet would read as a formula (it begins with = + - @, or a tab or carriage return) is
prefixed with an apostrophe (OWASP's advice against formula injection).
"""

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _

from espportal import audit
from outcomes.kpis.selectors import Table
from outcomes.kpis.suppression import Shown

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# The API's token for a suppressed figure: data for BI tools, the same in every language (documented in the
# schema). A person reads the page's word instead, in their language: SUPPRESSED_LABEL, on the page and in the CSV.
SUPPRESSED = "suppressed"


def suppressed_label() -> str:
    """The word a person reads for a suppressed figure, in the active language (« supprimé » in French): the page
    (templatetags.kpis.figure), every ministry CSV (KPIs and funding) and nothing else use it."""
    return _("suppressed")


def raw(shown: Shown | None):
    """The value as the API carries it: a number, "suppressed" (SUPPRESSED), or None for no data."""
    if shown is None:
        return None
    if shown.suppressed:
        return SUPPRESSED
    return shown.value


def cell(shown: Shown | None):
    """The value as a CSV cell carries it: a number, the reader's word for suppressed, or "" for no data."""
    value = raw(shown)
    return suppressed_label() if value == SUPPRESSED else value


def table_lines(table: Table, *, row_header: str) -> list[list]:
    """[header, one line per row, the total line] of a suppressed Table, in the reader's language."""
    lines = [[row_header, *[str(kpi.label) for kpi in table.columns]]]
    rows = list(table.rows) + ([table.total] if table.total is not None else [])
    for row in rows:
        lines.append([row.label, *[cell(row.figures.get(kpi.slug)) for kpi in table.columns]])
    return lines


def csv_response(lines: list[list], *, filename: str, as_of=None) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in lines:
        writer.writerow([neutralise("" if cell is None else cell) for cell in line])
    if as_of is not None:
        writer.writerow([neutralise(_("Figures as of %(when)s") % {"when": as_of.isoformat(timespec="minutes")})])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def audited_csv(request, lines: list[list], *, action: str, name: str, filename: str, as_of=None,
                **detail) -> HttpResponse:
    """The CSV download of one ministry table (`lines`: a header line, then rows), recorded in the audit trail as
    `action` with detail {"table": name, **detail}. Every cell passes through `neutralise`."""
    audit.record(action=action, request=request, detail={"table": name, **detail})
    return csv_response(lines, filename=filename, as_of=as_of)
