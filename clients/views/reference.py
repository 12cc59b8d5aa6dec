from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from clients import selectors
from espportal import access


@require_GET
@login_required
def occupation_search(request):
    """Search-as-you-type on NOC unit groups: options for the goal fields' datalist."""
    access.require_staff(request)
    # The goal inputs send their own field name; a plain ?q= works too.
    query = request.GET.get("q") or next(iter(request.GET.values()), "")
    occupations = selectors.occupation_search(query)
    return render(request, "clients/occupation_search.html", {"occupations": occupations})
