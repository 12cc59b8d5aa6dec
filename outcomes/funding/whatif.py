"""The what-if comparison: what each funding model would pay each provider for a period, on the same data.

A read: nothing is written. Block models pay their operating base and per-client amount prorated by days (version
in effect at the period's start); outcome models pay their operating base prorated, plus every verified milestone
reached in the period, and earned by today (rules.is_earned), under the version in effect on the milestone's date
(rules.milestone_amount). A trial version
(unsaved parameters the analyst typed) is compared as one more outcome model. A fixed number of queries whatever the
data: milestones and clients served are read once for all models and providers.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from outcomes.funding import rules, selectors
from outcomes.funding.models import FundingModel, FundingModelVersion
from outcomes.kpis.export import SUPPRESSED, suppressed_label
from outcomes.kpis.suppression import MIN_PEOPLE

TRIAL = "trial"


def people_count(count: int, people: int) -> int | None:
    """A count about people as a ministry page, CSV or API answer shows it: None ("suppressed") when built from
    1 to 4 people, else the count (the KPIs' small-cell rule, outcomes.kpis.suppression.MIN_PEOPLE; issue 9 §3).
    Amounts are payments and stay shown."""
    return None if 0 < people < MIN_PEOPLE else count


def as_data(shown) -> int | str:
    """A people_count or a shown amount as the API carries it: the value, or the token "suppressed" (as the KPIs'
    API)."""
    return SUPPRESSED if shown is None else shown


def as_cell(shown) -> int | str:
    """A people_count or a shown amount as a CSV cell carries it: the value, or the reader's word for suppressed
    (as the page)."""
    return suppressed_label() if shown is None else shown


@dataclass
class Column:
    key: str  # the model's code, or "trial"
    name: str
    kind: str
    version: FundingModelVersion | None


@dataclass
class Row:
    provider: object
    amounts: dict = field(default_factory=dict)  # column key -> Decimal dollars
    milestones: int = 0
    clients_served: int = 0
    cells: list = field(default_factory=list)  # the amounts in column order (unsuppressed: for sums only)
    shown_cells: list = field(default_factory=list)  # as tables, CSV and API show them: None where suppressed
    milestone_people: set = field(default_factory=set)  # client ids behind `milestones` (never shown)

    @property
    def clients_served_shown(self) -> int | None:
        """Clients served, or None when fewer than 5 (suppressed)."""
        return people_count(self.clients_served, self.clients_served)

    @property
    def milestones_shown(self) -> int | None:
        """Verified milestones, or None when reached by fewer than 5 people (suppressed)."""
        return people_count(self.milestones, len(self.milestone_people))


@dataclass
class Comparison:
    start: dt.date
    end: dt.date
    columns: list[Column]
    rows: list[Row]
    totals: dict  # column key -> Decimal dollars

    shown_totals: list = field(default_factory=list)  # the totals in column order, None where suppressed

    @property
    def total_cells(self) -> list:
        return [self.totals[column.key] for column in self.columns]

    @property
    def empty(self) -> bool:
        return not any(row.milestones or row.clients_served for row in self.rows)


def compare(*, start: dt.date, end: dt.date, models=None, trial: FundingModelVersion | None = None) -> Comparison:
    """Per provider and in total, what each model (default: every model with a version in effect) pays from `start`
    to `end` inclusive; `trial` adds a column computed with those parameters. Raises ValueError when end < start."""
    if end < start:
        raise ValueError("end before start")
    models = list(models if models is not None else FundingModel.objects.prefetch_related("versions"))
    columns, versions = [], {}
    for model in models:
        history = selectors.versions_of(model)
        in_effect = history.on(start) or history.on(end)
        if in_effect is None:
            continue
        columns.append(Column(model.code, model.label, model.kind, in_effect))
        versions[model.code] = history
    if trial is not None:
        columns.append(Column(TRIAL, "", FundingModel.Kind.OUTCOME, trial))
        versions[TRIAL] = selectors.Versions([trial])
    served = selectors.clients_served(start, end)
    rows = {p.pk: Row(provider=p, clients_served=served.get(p.pk, 0)) for p in selectors.providers()}
    for row in rows.values():
        for column in columns:
            if column.kind == FundingModel.Kind.BLOCK:
                row.amounts[column.key] = rules.block_amount(column.version, start=start, end=end,
                                                             clients_served=row.clients_served)
            else:
                row.amounts[column.key] = rules.money(rules.prorated(column.version.operating_base, start, end))
    for facts in selectors.milestones_between(start, end, today=timezone.localdate()):
        row = rows.get(facts.provider_id)
        if row is None:
            continue
        row.milestones += 1
        row.milestone_people.add(facts.client_id)
        for column in columns:
            if column.kind != FundingModel.Kind.OUTCOME:
                continue
            version = column.version if column.key == TRIAL else versions[column.key].on(facts.earned_on)
            if version is not None:
                row.amounts[column.key] += rules.milestone_amount(version, facts)[0]
    totals = {column.key: sum((row.amounts[column.key] for row in rows.values()), Decimal("0.00"))
              for column in columns}
    hidden, total_hidden = block_suppression(list(rows.values()))
    for row in rows.values():
        row.cells = [row.amounts[column.key] for column in columns]
        row.shown_cells = [None if column.kind == FundingModel.Kind.BLOCK and row.provider.pk in hidden
                           else row.amounts[column.key] for column in columns]
    shown_totals = [None if column.kind == FundingModel.Kind.BLOCK and total_hidden else totals[column.key]
                    for column in columns]
    return Comparison(start=start, end=end, columns=columns, rows=list(rows.values()), totals=totals,
                      shown_totals=shown_totals)


def block_suppression(rows: list[Row]) -> tuple[set, bool]:
    """Which providers' block amounts a ministry page, CSV or API answer hides, and whether the block total is
    hidden too: (provider ids, total hidden?).

    Decision (issue 9 §3 and §6): a block amount is the operating base plus a published amount per client served,
    so anyone with the parameters can divide it back into the number of clients. Where that number is suppressed
    (1 to 4 people, MIN_PEOPLE) the amount is suppressed too (primary). The total of the column would then give
    the hidden amounts back as a sum, so, while the hidden providers together serve fewer than 5 people, the
    provider serving the fewest other clients (by name at a tie) is hidden as well (secondary), and the total
    is hidden only if even all providers together serve fewer than 5. Outcome-based amounts are payments for
    milestones, not a per-person rate over a count the page suppresses, and stay shown."""
    hidden = {row.provider.pk for row in rows if 0 < row.clients_served < MIN_PEOPLE}
    if not hidden:
        return hidden, False
    people = sum(row.clients_served for row in rows if row.provider.pk in hidden)
    others = sorted((row for row in rows if row.provider.pk not in hidden and row.clients_served > 0),
                    key=lambda row: (row.clients_served, row.provider.name))
    for row in others:
        if people >= MIN_PEOPLE:
            break
        hidden.add(row.provider.pk)
        people += row.clients_served
    return hidden, people < MIN_PEOPLE
