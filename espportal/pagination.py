"""One way to cut a list page into pages, so no page renders a number of rows that grows with the data.

Views filter first (the list's FilterSet or form), then call `page_of`; templates show the rows of the page and
`{% pager page %}` (espportal/templatetags/paging.py) for the links, which keep the other query parameters.
API lists page by number (DRF's PageNumberPagination, 50 rows) except the unbounded ones, which use
KeysetPagination (no count, an index range per page).
"""

from django.core.paginator import Page, Paginator
from rest_framework.pagination import CursorPagination

PAGE_SIZE = 25
TOP_SIZE = 10  # "the top of a list" on a home page: the first rows with the total and a link to the rest


def page_of(request, rows, *, param: str = "page", top: bool = False) -> Page:
    """The page of `rows` (an ordered QuerySet or a list) that `request.GET[param]` asks for: PAGE_SIZE rows, or
    TOP_SIZE with `top` (the top of a list on a home page).

    A missing or malformed number gives page 1, a number past the end gives the last page (Django's
    `Paginator.get_page`), so a stale link never answers 404 or 500. One COUNT query plus one query for the rows.
    """
    return Paginator(rows, TOP_SIZE if top else PAGE_SIZE).get_page(request.GET.get(param))


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
