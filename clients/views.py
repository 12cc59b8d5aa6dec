from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from espportal import access


@login_required
def me(request):
    access.require_job_seeker(request)
    return render(request, "clients/me.html")
