from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from espportal import access


@login_required
def home(request):
    actor = access.require_staff(request)
    return render(request, "caseload/home.html", {"actor": actor})
