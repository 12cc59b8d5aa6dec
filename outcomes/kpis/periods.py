"""Reporting periods: calendar months, fiscal quarters and fiscal years (Ontario's fiscal year runs April-March).

A period is named by a key that reads well in a URL or a CSV:
- month "2026-04" (April 2026);
- fiscal quarter "2026-27-Q1" (April-June 2026; Q4 is January-March 2027);
- fiscal year "2026-27" (1 April 2026 to 31 March 2027).
"""

import datetime as dt
import re
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

KINDS = {"month": gettext_lazy("Month"), "quarter": gettext_lazy("Quarter"), "year": gettext_lazy("Fiscal year")}
_QUARTER = re.compile(r"^(\d{4})-(\d{2})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


class UnknownPeriod(ValueError):
    """The key names no period (bad format, month 13, a fiscal year whose halves do not follow)."""


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    kind: str  # "month" | "quarter" | "year"

    @property
    def key(self) -> str:
        fy = fiscal_year_of(self.start)
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "quarter":
            return f"{fy}-{(fy + 1) % 100:02d}-Q{(self.start.month - 4) % 12 // 3 + 1}"
        return f"{fy}-{(fy + 1) % 100:02d}"

    @property
    def label(self) -> str:
        if self.kind == "month":
            return formats.date_format(self.start, "F Y")
        fy = fiscal_year_of(self.start)
        fiscal = f"{fy}-{(fy + 1) % 100:02d}"
        if self.kind == "quarter":
            return _("Q%(n)s %(year)s (%(from)s to %(to)s)") % {
                # Full month names: Django's French "M" abbreviates June and July alike ("Jui").
                "n": self.key[-1], "year": fiscal, "from": formats.date_format(self.start, "F Y"),
                "to": formats.date_format(self.end, "F Y")}
        return _("Fiscal year %(year)s") % {"year": fiscal}

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def previous(self, count: int = 1) -> "Period":
        months = {"month": 1, "quarter": 3, "year": 12}[self.kind] * count
        start = self.start - relativedelta(months=months)
        return _make(start, self.kind)


def fiscal_year_of(day: dt.date) -> int:
    """The calendar year in which `day`'s fiscal year starts (April)."""
    return day.year if day.month >= 4 else day.year - 1


def _make(start: dt.date, kind: str) -> Period:
    months = {"month": 1, "quarter": 3, "year": 12}[kind]
    return Period(start=start, end=start + relativedelta(months=months) - dt.timedelta(days=1), kind=kind)


def month_of(day: dt.date) -> Period:
    return _make(day.replace(day=1), "month")


def quarter_of(day: dt.date) -> Period:
    month = 4 + (day.month - 4) % 12 // 3 * 3  # 4, 7, 10 or 13 (January of the next calendar year)
    return _make(dt.date(fiscal_year_of(day) + (month > 12), (month - 1) % 12 + 1, 1), "quarter")


def year_of(day: dt.date) -> Period:
    return _make(dt.date(fiscal_year_of(day), 4, 1), "year")


def of(day: dt.date, kind: str) -> Period:
    return {"month": month_of, "quarter": quarter_of, "year": year_of}[kind](day)


def parse(key: str) -> Period:
    """The Period a key names; UnknownPeriod for anything else."""
    key = (key or "").strip()
    if m := _QUARTER.match(key):
        fy, tail, n = int(m[1]), int(m[2]), int(m[3])
        if (fy + 1) % 100 != tail:
            raise UnknownPeriod(key)
        month = 4 + (n - 1) * 3
        return _make(dt.date(fy + (month > 12), (month - 1) % 12 + 1, 1), "quarter")
    if m := _YEAR.match(key):
        first, second = int(m[1]), int(m[2])
        if (first + 1) % 100 == second:
            return _make(dt.date(first, 4, 1), "year")
        if 1 <= second <= 12 and first >= 1900:
            return _make(dt.date(first, second, 1), "month")
    raise UnknownPeriod(key)


def periods_between(first: dt.date, last: dt.date, kind: str) -> list[Period]:
    """Every period of `kind` that overlaps [first, last], oldest first."""
    found, period = [], of(first, kind)
    while period.start <= last:
        found.append(period)
        period = _make(period.end + dt.timedelta(days=1), kind)
    return found


def trend(period: Period, count: int = 8) -> list[Period]:
    """`count` periods of the same kind ending with `period`, oldest first (the 8-quarter trend)."""
    return [period.previous(n) for n in range(count - 1, -1, -1)]
