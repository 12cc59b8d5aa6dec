"""One way to cut a list page into pages, so no page renders a number of rows that grows with the data.

Views filter first (the list's FilterSet or form), then call `page_of`; templates show the rows of the page and
`{% pager page %}` (espportal/templatetags/paging.py) for the links, which keep the other query parameters.
"""

from django.core.paginator import Page, Paginator

PAGE_SIZE = 25
TOP_SIZE = 10  # "the top of a list" on a home page: the first rows with the total and a link to the rest


def page_of(request, rows, *, param: str = "page", top: bool = False) -> Page:
    """The page of `rows` (an ordered QuerySet or a list) that `request.GET[param]` asks for: PAGE_SIZE rows, or
    TOP_SIZE with `top` (the top of a list on a home page).

    A missing or malformed number gives page 1, a number past the end gives the last page (Django's
    `Paginator.get_page`), so a stale link never answers 404 or 500. One COUNT query plus one query for the rows.
    """
    return Paginator(rows, TOP_SIZE if top else PAGE_SIZE).get_page(request.GET.get(param))
