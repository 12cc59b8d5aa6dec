from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from espportal import access


@login_required
def ministry(request):
    access.require_ministry(request)
    return render(request, "outcomes/ministry.html")
