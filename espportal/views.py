from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from espportal import access, health, pickers, services
from espportal.access import actor_for
from espportal.filters import NotificationFilterSet, page_filter
from espportal.models import Notification
from espportal.selectors import notifications_for

# Each role's home, by URL name: the building never imports the rooms above it.
HOME_BY_KIND = {"staff": "caseload:home", "job_seeker": "clients:me", "ministry": "kpis:overview"}


@login_required
def home(request):
    actor = actor_for(request)
    if actor.kind == "staff" and not actor.is_staff_member:
        raise PermissionDenied
    return redirect(HOME_BY_KIND[actor.kind])


@never_cache
@require_GET
def healthz(request):
    report = health.report()
    return JsonResponse(report, status=200 if report["ok"] else 503)


@require_POST
def language_set(request):
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language not in dict(settings.LANGUAGES):
        return response
    if request.user.is_authenticated:
        services.user_set_language(user=request.user, language=language)
    translation.activate(language)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax",
                        secure=settings.LANGUAGE_COOKIE_SECURE, max_age=365 * 24 * 3600)
    return response


@login_required
def notification_list(request):
    _filters, notifications, status = page_filter(NotificationFilterSet, request, notifications_for(request.user))
    return render(request, "espportal/notification_list.html", {"notifications": notifications[:100]},
                  status=status)


@require_POST
@login_required
def notification_read(request, code):
    # Someone else's notification is a 404, and the attempt is audited like any other miss.
    notification = access.get_or_404(request, notifications_for(request.user), code=code, what="notification")
    services.notification_mark_read(notification=notification, user=request.user)
    if request.htmx:
        return render(request, "espportal/notification_list.html#notification",
                      {"notification": Notification.objects.get(pk=notification.pk)})
    return redirect(reverse("espportal:notifications"))


def bad_request(request, exception=None):
    """handler400: a request the person (or a link) got wrong, e.g. a query parameter that is not a record code
    (espportal.filters.pinned_code). JSON under /api/, else the site's page with the exception's message."""
    message = str(exception) if exception is not None and exception.args else _("This request is not valid.")
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    return render(request, "400.html", {"message": message}, status=400)


def not_found(request, exception=None):
    """handler404: JSON under /api/ (every API error is JSON), the site's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """handler500: JSON under /api/, the site's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Server error.")}, status=500)
    return defaults.server_error(request)


def render_panel(request, template: str, context: dict, status: int = 200):
    """One view serves a panel both ways: an HTMX request (the lazy load in a page that gathers panels) gets the
    `panel` partial of `template`; a direct visit (a "Loading..." fallback link, a form posted without
    JavaScript) gets the whole template, a page with the layout, title and language. Each panel template
    extends base.html and wraps its section in `{% partialdef panel inline %}`."""
    if request.htmx:
        return render(request, f"{template}#panel", context, status=status)
    return render(request, template, context, status=status)


@login_required
@require_GET
def pick(request, name):
    """The listbox options of a search picker (espportal.pickers) for the text typed in the input the `name`
    parameter names: at most pickers.MAX_OPTIONS rows, scoped to the staff member's provider; a job seeker may
    use only the public pickers (403 otherwise). `for`: the input's id, which the options' ids extend
    (aria-activedescendant). No option and the text names the provider a provider picker leaves out (the
    person's own): the listbox says so rather than "Nothing matches"."""
    picker = pickers.PICKERS.get(name)
    if picker is None:
        raise Http404
    # Provider names are public: a job seeker searches them for their own transfer; staff and clients are not.
    actor = access.actor_for(request) if picker.public else access.require_staff(request)
    if not (actor.is_staff_member or actor.is_job_seeker):
        raise PermissionDenied
    text = request.GET.get(request.GET.get("name") or "q", "")[:100].strip()
    target = request.GET.get("for", "")
    if not target.replace("-", "").replace("_", "").isalnum():
        target = "pick"
    options = pickers.options(picker, actor.provider, text) if text else []
    return render(request, "espportal/_pick_options.html",
                  {"options": options, "for": target, "text": text,
                   "own": not options and pickers.names_excluded(picker, actor.provider, text)})
