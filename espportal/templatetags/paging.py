from django import template
from django.http import QueryDict
from django.utils.translation import gettext as _

from espportal.templatetags.portal import page_url

register = template.Library()


@register.inclusion_tag("espportal/_pager.html", takes_context=True)
def pager(context, page, param: str = "page", label: str = "", anchor: str = ""):
    """Previous / next links for a django Page, keeping the request's other query parameters.

    `param` names the page number parameter (a page with several lists gives each its own), `anchor` the
    fragment to land on, `label` the navigation landmark's accessible name.
    """
    request = context["request"]
    # A page shown again after a POST (a form's errors, at a POST-only URL) pages from the page the form was on
    # (portal.page_url), never from the POST's URL (a 405 on GET); no such page, no links.
    here = page_url(request)
    path, _sep, query_string = (here or "").partition("?")

    def url(number: int) -> str:
        if here is None:
            return ""
        query = QueryDict(query_string, mutable=True)
        query.pop("partial", None)  # an HTMX fragment's marker: the links open the whole page
        query[param] = number
        return f"{path}?{query.urlencode()}" + (f"#{anchor}" if anchor else "")

    return {
        "page": page, "label": label or _("Pages"),
        # a CappedPaginator's "41+" when its count stopped at the cap; any other paginator's exact number
        "pages": getattr(page.paginator, "pages_label", page.paginator.num_pages),
        "previous_url": url(page.previous_page_number()) if page.has_previous() else "",
        "next_url": url(page.next_page_number()) if page.has_next() else "",
    }
