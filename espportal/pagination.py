"""One way to cut a list page into pages, so no page renders a number of rows that grows with the data.

Views filter first (the list's FilterSet or form), then call `page_of`; templates show the rows of the page and
`{% pager page %}` (espportal/templatetags/paging.py) for the links, which keep the other query parameters.
`page_of` counts at most COUNT_CAP rows past the page asked for, so a list of 500,000 clients costs what a list of
1,001 does; templates show the total as `page.paginator.total_label` ("1,000+" once the cap is reached).
API lists that grow with the data page by KeysetPagination (no count, an index range per page); the few that are
small by nature (one person's rows) page by number (DRF's PageNumberPagination, 50 rows).
"""

import binascii
import datetime as dt
import json
import uuid
from base64 import b64decode, b64encode
from decimal import Decimal
from functools import reduce
from operator import or_

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import CharField, F, Q, QuerySet, Value
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan
from django.db.models.query import ModelIterable
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.utils.urls import replace_query_param

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
            rows = self.object_list.order_by()
            if rows._iterable_class is ModelIterable and rows.query.group_by is None:
                rows = rows.values("pk")  # model rows: count keys, without the page's annotations and joins
            return rows[:self.limit + 1].count()
        return len(self.object_list[:self.limit + 1])

    @property
    def capped(self) -> bool:
        """Whether the count stopped at the limit (there are more than `limit` rows; how many more is unknown)."""
        return self.count > self.limit

    @property
    def total_label(self) -> str:
        """The total for a person, in the active language's number format: "1,000+" (fr "1 000+") when capped
        (more than `limit` rows), else the exact count ("12", "1,000")."""
        return total_label(self.count, self.limit)

    @property
    def pages_label(self) -> str:
        """The number of pages for a person: "41+" when the count is capped (at least that many), else exact."""
        return number_format(self.num_pages, force_grouping=True) + ("+" if self.capped else "")


def total_of(rows) -> CappedPaginator:
    """The capped total of `rows` (a QuerySet or a list) for a page that shows how many without listing them:
    `.count` for the plural, `.total_label` to show ("1,000+" past COUNT_CAP). One COUNT over a LIMIT subquery."""
    return CappedPaginator(rows, 1, cap=COUNT_CAP)


def total_label(count: int, cap: int = COUNT_CAP) -> str:
    """A total counted up to `cap` + 1 (capped_counts), for a person as CappedPaginator.total_label shows one:
    "1,000+" (fr "1 000+") past `cap`, else the exact count."""
    return number_format(min(count, cap), force_grouping=True) + ("+" if count > cap else "")


def without_ties(rows):
    """`rows` ordered so that no two rows tie: a QuerySet's order (its own, else its model's Meta.ordering), then
    the primary key unless the order already ends in it. Page-number pages are LIMIT/OFFSET slices of one sort;
    when rows tie (two clients called Farah, Marc) the database may return them in another order for each slice,
    so a person paging through the list would see one twice and never the other. Lists and combined (UNION)
    or grouped querysets are returned as they are (their order is their caller's)."""
    if not isinstance(rows, QuerySet) or rows.query.combinator or rows.query.group_by is not None:
        return rows
    order = list(rows.query.order_by) or (list(rows.model._meta.ordering) if rows.query.default_ordering else [])
    keys = {"pk", "id", rows.model._meta.pk.name}
    if order and isinstance(order[-1], str) and order[-1].lstrip("-") in keys:
        return rows
    return rows.order_by(*order, "pk")


def page_of(request, rows, *, param: str = "page", top: bool = False) -> Page:
    """The page of `rows` (an ordered QuerySet or a list) that `request.GET[param]` asks for: PAGE_SIZE rows, or
    TOP_SIZE with `top` (the top of a list on a home page). Its paginator is a CappedPaginator: the total is
    counted up to COUNT_CAP rows or to the end of the page asked for, whichever is further, plus one.

    The order is made total first (`without_ties`), so every row is on exactly one page.
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
    return CappedPaginator(without_ties(rows), size, cap=COUNT_CAP, reach=asked * size).get_page(raw)


class KeysetPagination(CursorPagination):
    """Keyset pagination for the API lists: each page is `WHERE (a, b) < (last seen)` on an index whose columns
    are the list's order, and no COUNT(*), so page 1 and page 10,000 cost the same and a page costs the same at any
    number of rows. The answer is {"next", "previous", "results"} (opaque `cursor` links, no "count").

    The order is the view's queryset's own (`order_by` in get_queryset, or a Branches' ordering) unless a subclass
    sets `ordering`. It must be unique, end in the primary key, run one way (all ascending or all descending, so
    one row comparison can seek it on a B-tree index) and name no nullable column. The cursor holds every ordering
    value of the row it stops at, so rows sharing a date or a name are never skipped or repeated (DRF's
    CursorPagination keeps only the first column and an offset, which grows with the rows sharing it).

    A cursor that is not one this class wrote answers 400 (a query parameter that is not what it claims)."""

    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"
    ordering = None  # the queryset's
    offset_cutoff = 0  # no offsets: the cursor is the whole key

    def get_ordering(self, request, queryset, view):
        ordering = tuple(self.ordering or getattr(queryset, "ordering", None) or queryset.query.order_by
                         or queryset.model._meta.ordering)
        names = [field.lstrip("-") for field in ordering]
        if not ordering or names[-1] not in ("id", "pk") or len({f.startswith("-") for f in ordering}) != 1 \
                or any("__" in name for name in names):
            raise ImproperlyConfigured(f"{type(view).__name__}: keyset pages need a one-way order ending in the "
                                       f"primary key, on the model's own columns; got {ordering!r}.")
        return ordering

    def paginate_queryset(self, queryset, request, view=None):
        self.request, self.base_url = request, request.build_absolute_uri()
        self.page_size = self.get_page_size(request)
        self.ordering = self.get_ordering(request, queryset, view)
        self.fields = [queryset.model._meta.pk if name.lstrip("-") in ("id", "pk")
                       else queryset.model._meta.get_field(name.lstrip("-")) for name in self.ordering]
        position, backwards = self.decode_cursor(request)
        descending = self.ordering[0].startswith("-")
        ordering = [name.lstrip("-") if backwards == descending else "-" + name.lstrip("-")
                    for name in self.ordering]
        queryset = queryset.order_by(*ordering)
        if position is not None:
            after = TupleLessThan if ordering[0].startswith("-") else TupleGreaterThan
            key = Tuple(*(F(field.attname) for field in self.fields))
            queryset = queryset.filter(after(key, position))
        rows = list(queryset[:self.page_size + 1])
        more, page = len(rows) > self.page_size, rows[:self.page_size]
        if backwards:
            page.reverse()
        self.page = page
        self.has_next = more if not backwards else True
        self.has_previous = more if backwards else position is not None
        return page

    def _key(self, row) -> list:
        return [self._plain(getattr(row, field.attname)) for field in self.fields]

    @staticmethod
    def _plain(value):
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        if isinstance(value, (Decimal, uuid.UUID)):
            return str(value)
        return value

    def get_next_link(self):
        if not self.has_next or not self.page:
            return None
        return self._link(self._key(self.page[-1]), backwards=False)

    def get_previous_link(self):
        if not self.has_previous or not self.page:
            return None
        return self._link(self._key(self.page[0]), backwards=True)

    def _link(self, key: list, backwards: bool) -> str:
        token = b64encode(json.dumps({"k": key, "b": int(backwards)}).encode()).decode("ascii")
        return replace_query_param(self.base_url, self.cursor_query_param, token)

    def decode_cursor(self, request):
        """(the key values of the row the page starts after, whether the page runs backwards), or (None, False)
        without a cursor. ValidationError (400) for a cursor this class did not write."""
        token = request.query_params.get(self.cursor_query_param)
        if token is None:
            return None, False
        try:
            cursor = json.loads(b64decode(token.encode("ascii"), validate=True))
            key = cursor["k"]
            if not isinstance(key, list):
                raise ValueError
            values = [field.to_python(value) for field, value in zip(self.fields, key, strict=True)]
            for field, value in zip(self.fields, values, strict=True):
                if value is None or "\x00" in str(value):
                    raise ValueError
                field.run_validators(value)  # an integer past the column's range, a name past its length
            return values, bool(cursor.get("b"))
        except (ValueError, TypeError, KeyError, OverflowError, DjangoValidationError, binascii.Error, UnicodeError):
            raise ValidationError({self.cursor_query_param: [_("This is not a page link of this list.")]}) from None

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
        return parameters


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
        if not connections[self.rows.db].features.supports_slicing_ordering_in_compound:
            # SQLite (make run) refuses LIMIT inside a UNION's parts: the branches ORed, at demo sizes.
            either = reduce(or_, [Q(pk__in=b.values("pk")) for b in self.branches])
            return self.rows.filter(either).order_by(*self.ordering)[key]
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
    parts, params = [], []
    for number, cut in enumerate(cuts):
        try:
            sql, cut_params = cut.query.sql_with_params()
        except EmptyResultSet:  # a branch empty by construction (QuerySet.none(), pk__in=[])
            continue
        # Each cut wrapped as a derived table, so its LIMIT is legal in the UNION on SQLite (make run) too.
        parts.append(f"SELECT branch FROM ({sql}) cut{number}")  # noqa: S608
        params.extend(cut_params)
    if not parts:
        return dict.fromkeys(branches, 0)
    with connections[cuts[0].db].cursor() as cursor:
        # `sql` is Django's compiled query (its values are in `params`): the ORM cannot aggregate over a UNION.
        union = " UNION ALL ".join(parts)
        cursor.execute(f"SELECT branch, COUNT(*) FROM ({union}) cuts GROUP BY branch", params)  # noqa: S608
        found = dict(cursor.fetchall())
    return {key: found.get(key, 0) for key in branches}
