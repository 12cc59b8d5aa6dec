"""Small-cell suppression: no figure built from fewer than 5 people is shown, nor any figure that would let
someone compute a hidden one back.

- Primary: a cell built from 1 to 4 people is "suppressed". A cell of 0 people describes nobody: a count shows
  0 and a rate shows "no data".
- Secondary (complementary): in a table whose rows add up to a total (providers to their region or the province,
  groups or segments to everyone), a column with exactly one hidden cell among its rows and total would give the
  hidden value away by subtraction; the next-smallest row is hidden too (or the total, when no other row has
  anyone). Applied per KPI column, repeated until no column has a lone hidden cell.
- Within a row: counts that add up to another count of the row (definitions.ROW_SUMS: placements = direct +
  assisted + self-found) are decided together, the row's sum being one more equation; a share built from them
  (definitions.ROW_SHARES) is hidden whenever its total or one of its parts is (share x total gives a part back).

Self-identified groups overlap (one person may be in several), so subtraction is not exact there; the same rule
applies anyway, which errs on the side of hiding.

Tables are linked (a provider's row appears in the province-wide comparison, in its region's table, in its own
trend; segments add up to everyone), so one table's complementary cell could be undone by another table. `protect`
therefore decides every cell of a fiscal year at once (the year, its quarters and its months), over all the sums
that link them (providers to their region, regions and providers to the province, segments and groups to everyone,
months to their quarter, quarters to their year), and every table reads that one verdict.
"""

import heapq
from collections import defaultdict
from dataclasses import dataclass

from outcomes.kpis.definitions import Cell

MIN_PEOPLE = 5
TOTAL = "__total__"


@dataclass(frozen=True)
class Shown:
    """One figure as a reader gets it: the value, or suppressed (with why: "small" or "complement")."""

    value: float | None
    people: int
    suppressed: str = ""  # "" | "small" | "complement"

    @property
    def is_suppressed(self) -> bool:
        return bool(self.suppressed)


def is_small(cell: Cell | None) -> bool:
    return cell is not None and 0 < cell.people < MIN_PEOPLE


def suppress_column(cells: dict, total: Cell | None = None) -> dict:
    """{row key: "" | "small" | "complement"} for one KPI column; `cells` maps row keys to Cells, `total` is
    the column's total row (shown beside them) or None. The total's verdict is under the key TOTAL."""
    everything = dict(cells)
    if total is not None:
        everything[TOTAL] = total
    verdict = {key: ("small" if is_small(cell) else "") for key, cell in everything.items()}
    while True:
        hidden = [key for key, why in verdict.items() if why]
        if len(hidden) != 1 or len(everything) < 2:
            return verdict
        # A lone hidden total is the sum of the shown rows, a lone hidden row the total minus the others: hide
        # the next-smallest row with people (a row of 0 people protects nothing), or else the total.
        candidates = [key for key, why in verdict.items()
                      if not why and key != TOTAL and everything[key].people > 0]
        if candidates:
            pick = min(candidates, key=lambda key: (everything[key].people, str(key)))
        elif TOTAL in verdict and not verdict[TOTAL]:
            pick = TOTAL
        else:
            return verdict
        verdict[pick] = "complement"


class Links:
    """The sums a reader could use, indexed once for many KPI columns: `equations` lists (total key, [part
    keys]); `touching` maps a key to the equations it is in."""

    def __init__(self, equations: list):
        self.equations = equations
        self.touching = defaultdict(list)
        for index, (total, parts) in enumerate(equations):
            self.touching[total].append(index)
            for key in parts:
                self.touching[key].append(index)


def protect(cells: dict, equations, hidden: dict | None = None) -> dict:
    """{cell key: "" | "small" | "complement"} for one KPI over linked tables. `cells` maps keys to Cells (a
    missing key is a cell that does not exist); `equations` (a list of (total key, [part keys]), or Links built
    from one to serve many columns) names every sum a reader could use (within a period, and across periods: a
    quarter and its months, a year and its quarters). Applies the complementary rule to every equation with a
    lone hidden cell until none is left; only the equations touching a hidden cell are looked at, so the work
    grows with the hidden cells, not with the number of equations. `hidden` ({cell key: why}) names cells already
    hidden for another reason (a share giving a hidden count of its row back), protected like the small ones. The
    same cells, equations and hidden cells always give the same verdict."""
    links = equations if isinstance(equations, Links) else Links(equations)
    hidden = hidden or {}
    verdict = {key: ("small" if is_small(cell) else hidden.get(key, "")) for key, cell in cells.items()}
    # Passes over the equations in their order, as if every equation were looked at in each pass: an equation
    # whose cells changed is looked at later in the same pass when it comes after the one being decided, else
    # in the next pass (an equation none of whose cells changed would decide the same as before).
    current = sorted({index for key, why in verdict.items() if why for index in links.touching.get(key, ())})
    upcoming: list = []
    queued = set(current)
    while current:
        index = heapq.heappop(current)
        queued.discard(index)
        total, parts = links.equations[index]
        parts = [key for key in parts if key in cells]
        if total in cells and parts:
            hidden = [key for key in (total, *parts) if verdict[key]]
            if len(hidden) == 1:  # none hidden, or two or more protecting each other: nothing to do
                candidates = [key for key in parts if not verdict[key] and cells[key].people > 0]
                pick = (min(candidates, key=lambda key: (cells[key].people, str(key))) if candidates
                        else None if verdict[total] else total)
                if pick is not None:
                    verdict[pick] = "complement"
                    for again in links.touching[pick]:
                        if again not in queued:
                            queued.add(again)
                            heapq.heappush(current if again > index else upcoming, again)
        if not current:
            current, upcoming = upcoming, []
    return verdict
