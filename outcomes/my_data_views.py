"""The job seeker's "download my data": a JSON file and a printable page of everything held about them.

Both are audited as an export of the person's own record (audit.record_open, route "export")."""

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from clients.access import own_client_or_none
from espportal import audit
from outcomes import my_data


def _own_client_exported(request):
    client = own_client_or_none(request)
    if client is None:
        raise Http404
    audit.record_open(request=request, client=client, target=client, route="export", reason="self")
    return client


@require_GET
@login_required
def my_data_json(request):
    client = _own_client_exported(request)
    body = json.dumps(my_data.my_data(client), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="my-data-{timezone.localdate():%Y-%m-%d}.json"'
    return response


@require_GET
@login_required
def my_data_page(request):
    client = _own_client_exported(request)
    return render(request, "outcomes/my_data.html", {"client": client, "sections": my_data.my_data_pages(client),
                                                       "now": timezone.now()})
