"""One way to cut a list page into pages, so no page renders a number of rows that grows with the data.

Views filter first (the list's FilterSet or form), then call `page_of`; templates show the rows of the page and
`{% pager page %}` (espportal/templatetags/paging.py) for the links, which keep the other query parameters.
`page_of` counts at most COUNT_CAP rows past the page asked for, so a list of 500,000 clients costs what a list of
1,001 does; templates show the total as `page.paginator.total_label` ("1,000+" once the cap is reached).
API lists page by number (DRF's PageNumberPagination, 50 rows) except the unbounded ones, which use
KeysetPagination (no count, an index range per page).
"""

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import CharField, QuerySet, Value
from django.utils.formats import number_format
from django.utils.functional import cached_property
from rest_framework.pagination import CursorPagination

PAGE_SIZE = 25
TOP_SIZE = 10  # "the top of a list" on a home page: the first rows with the total and a link to the rest
COUNT_CAP = 1000  # a list counts its rows up to here (or to the end of the page asked for), then shows "1,000+"
MAX_PAGE = 10_000_000  # a larger page number counts as this one (past the end: the last page), so LIMIT fits a bigint


class CappedPaginator(Paginator):
    """A Paginator whose count stops at `limit` + 1 rows, `limit` being the larger of `cap` and `reach` (the last
    row of the page asked for): COUNT(*) over a LIMIT subquery, without the list's ORDER BY, so the database
    stops reading at the first `limit` + 1 matching rows instead of counting them all.

    Below the limit `count` is exact and `capped` False. At the limit `count` is `limit` + 1, `capped` is True,
    `num_pages` is a lower bound, and the page asked for always knows whether a next page exists (its last row is
    within the limit), so previous / next links still walk the whole list."""

    def __init__(self, object_list, per_page, *, cap: int, reach: int = 0):
        super().__init__(object_list, per_page)
        self.limit = max(cap, reach)

    @cached_property
    def count(self) -> int:
        """How many rows, counted up to `limit` + 1 (a capped total: see `capped`)."""
        if isinstance(self.object_list, QuerySet):
            return self.object_list.order_by()[:self.limit + 1].count()
        return len(self.object_list[:self.limit + 1])

    @property
    def capped(self) -> bool:
        """Whether the count stopped at the limit (there are more than `limit` rows; how many more is unknown)."""
        return self.count > self.limit

    @property
    def total_label(self) -> str:
        """The total for a person, in the active language's number format: "1,000+" (fr "1 000+") when capped
        (more than `limit` rows), else the exact count ("12", "1,000")."""
        shown = self.limit if self.capped else self.count
        return number_format(shown, force_grouping=True) + ("+" if self.capped else "")

    @property
    def pages_label(self) -> str:
        """The number of pages for a person: "41+" when the count is capped (at least that many), else exact."""
        return number_format(self.num_pages, force_grouping=True) + ("+" if self.capped else "")


def total_label(count: int, cap: int = COUNT_CAP) -> str:
    """A total counted up to `cap` + 1 (capped_counts), for a person as CappedPaginator.total_label shows one:
    "1,000+" (fr "1 000+") past `cap`, else the exact count."""
    return number_format(min(count, cap), force_grouping=True) + ("+" if count > cap else "")


def page_of(request, rows, *, param: str = "page", top: bool = False) -> Page:
    """The page of `rows` (an ordered QuerySet or a list) that `request.GET[param]` asks for: PAGE_SIZE rows, or
    TOP_SIZE with `top` (the top of a list on a home page). Its paginator is a CappedPaginator: the total is
    counted up to COUNT_CAP rows or to the end of the page asked for, whichever is further, plus one.

    A missing or malformed number gives page 1, a number past the end gives the last page (Django's
    `Paginator.get_page`), so a stale link never answers 404 or 500. One capped COUNT query plus one query for
    the rows.
    """
    size = TOP_SIZE if top else PAGE_SIZE
    raw = request.GET.get(param)
    try:
        asked = min(max(int(raw), 1), MAX_PAGE)
    except (TypeError, ValueError):
        asked = 1
    return CappedPaginator(rows, size, cap=COUNT_CAP, reach=asked * size).get_page(raw)


class KeysetPagination(CursorPagination):
    """Keyset (cursor) pagination for the API lists that grow without bound (case notes, the audit log): each
    page is `WHERE (created_at, id) < (last seen)` on an index, newest first, and no COUNT(*), so page 1 and
    page 10,000 cost the same. The answer is {"next", "previous", "results"} (opaque `cursor` links, no
    "count"). Views whose rows sort on another column set `ordering` on a subclass; the order must be unique
    (a timestamp then the primary key) or rows sharing a timestamp could be skipped."""

    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"
    ordering = ("-created_at", "-id")


class AuditKeysetPagination(KeysetPagination):
    ordering = ("-at", "-id")


class Branches:
    """One keyset-paged list read as the UNION ALL of disjoint querysets ("branches"), so that each branch walks
    its own index when one condition ORing them would keep the planner off every index (caseload's notes API:
    caseload.access.note_branches).

    It stands in for a QuerySet where KeysetPagination uses one: `filter` applies to every branch (`each` runs
    any QuerySet function, a view's filter_queryset), `order_by` orders every branch, a slice [start:stop] cuts each branch to its
    first `stop` rows in that order, then reads `rows` (the outer queryset: select_related and the like) whose
    primary key is among them, in that order, sliced: one query. Branches must not share a row. A slice needs a
    stop (pages always have one)."""

    def __init__(self, branches: list, rows, ordering: tuple = ()):
        self.branches, self.rows, self.ordering = list(branches), rows, tuple(ordering)
        self.model = rows.model

    def each(self, change) -> "Branches":
        """The branches, each passed through `change` (a QuerySet -> QuerySet function: a FilterSet, a filter)."""
        return Branches([change(b) for b in self.branches], self.rows, self.ordering)

    def filter(self, *args, **kwargs) -> "Branches":
        return self.each(lambda b: b.filter(*args, **kwargs))

    def select_related(self, *fields) -> "Branches":
        """The rows read whole with these relations (the branches select only primary keys)."""
        return Branches(self.branches, self.rows.select_related(*fields), self.ordering)

    def order_by(self, *fields) -> "Branches":
        return Branches([b.order_by(*fields) for b in self.branches], self.rows, fields)

    def __getitem__(self, key: slice):
        if not isinstance(key, slice) or key.stop is None:
            raise TypeError("Branches are read by a slice with a stop, a page at a time.")
        firsts = [b.order_by(*self.ordering).values("pk")[:key.stop] for b in self.branches]
        union = firsts[0].union(*firsts[1:], all=True) if len(firsts) > 1 else firsts[0]
        return self.rows.filter(pk__in=union).order_by(*self.ordering)[key]


def capped_counts(branches: dict, cap: int) -> dict:
    """{key: how many rows `branches[key]` (a QuerySet) holds, counted up to `cap` + 1} in one query: each branch
    is cut at `cap` + 1 rows without ordering (the database stops at the first ones it finds), the cuts are joined
    by UNION ALL and counted by key; a key without rows is 0. For a page showing several capped totals at once
    (the pipeline's columns); a single list's total is its paginator's."""
    if not branches:
        return {}
    cuts = [rows.order_by().annotate(branch=Value(key, output_field=CharField())).values("branch")[:cap + 1]
            for key, rows in branches.items()]
    union = cuts[0].union(*cuts[1:], all=True) if len(cuts) > 1 else cuts[0]
    try:
        sql, params = union.query.sql_with_params()
    except EmptyResultSet:  # every branch is empty by construction (QuerySet.none(), pk__in=[])
        return dict.fromkeys(branches, 0)
    with connections[union.db].cursor() as cursor:
        # `sql` is Django's compiled query (its values are in `params`): the ORM cannot aggregate over a UNION.
        cursor.execute(f"SELECT branch, COUNT(*) FROM ({sql}) cuts GROUP BY branch", params)  # noqa: S608
        found = dict(cursor.fetchall())
    return {key: found.get(key, 0) for key in branches}
