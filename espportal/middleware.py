import time

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from espportal.models import User

SIGNED_IN_COOKIE = "esp_signed_in"
MFA_EXEMPT_PREFIXES = ("/accounts/", "/static/", "/healthz/", "/lang/", "/admin/logout/")


class ContentSecurityPolicyMiddleware:
    """Django 5.2 has no CSP of its own; one strict policy for every page (no inline script or style)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class UserLanguageMiddleware:
    """A signed-in person's saved language wins over the browser's; the switch saves it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.preferred_language:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)


SEEN_KEY = "esp_seen"
SLIDE_EVERY_SECONDS = 60


def _slide_expiry(session, idle_seconds: int) -> None:
    """Keep a staff session alive for `idle_seconds` after the last request without writing it on every GET.

    The session is saved (its expiry moved) at most once a minute: the idle limit holds to within a minute, and a
    page's burst of requests (page, panels, HTMX) costs one write instead of one each."""
    now = int(time.time())
    seen = session.get(SEEN_KEY)
    if session.get("_session_expiry") != idle_seconds:
        session.set_expiry(idle_seconds)
    if not isinstance(seen, int) or now - seen >= SLIDE_EVERY_SECONDS:
        session[SEEN_KEY] = now  # marks the session modified: saved, and its expiry slides


class StaffIdleTimeoutMiddleware:
    """Staff and ministry sessions expire after ESP_STAFF_IDLE_SECONDS without a request.

    A marker cookie lets the sign-in page say the session expired instead of failing silently.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        expired = not user.is_authenticated and request.COOKIES.get(SIGNED_IN_COOKIE) == "1"
        if expired and not request.path.startswith("/static/"):
            messages.info(request, _("Your session expired. Please sign in again."))
        if user.is_authenticated and user.kind in (User.Kind.STAFF, User.Kind.MINISTRY):
            _slide_expiry(request.session, settings.ESP_STAFF_IDLE_SECONDS)
        response = self.get_response(request)
        if request.user.is_authenticated:
            if request.COOKIES.get(SIGNED_IN_COOKIE) != "1":
                response.set_cookie(SIGNED_IN_COOKIE, "1", httponly=True, samesite="Lax",
                                    secure=settings.SESSION_COOKIE_SECURE)
        elif request.COOKIES.get(SIGNED_IN_COOKIE):
            response.delete_cookie(SIGNED_IN_COOKIE, samesite="Lax")
        return response


def has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireMFAMiddleware:
    """Staff and ministry analysts set up TOTP before anything else (ESP_REQUIRE_MFA, always on in production)."""

    SESSION_KEY = "esp_mfa_ok"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.ESP_REQUIRE_MFA
            and user.is_authenticated
            and user.kind in (User.Kind.STAFF, User.Kind.MINISTRY)
            and not request.path.startswith(MFA_EXEMPT_PREFIXES)
            and not request.session.get(self.SESSION_KEY)
        ):
            if not has_totp(user):
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": _("Set up two-step verification first.")}, status=403)
                messages.warning(request, _("Set up two-step verification before you continue."))
                return redirect(reverse("mfa_activate_totp"))
            request.session[self.SESSION_KEY] = True
        return self.get_response(request)
