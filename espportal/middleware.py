import json
import time

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse, QueryDict
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
    """A signed-in person's saved language wins over the browser's; the switch saves it. An API request that names
    its language (Accept-Language) gets that one: a program asks for what its reader reads."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if request.path.startswith("/api/") and request.headers.get("Accept-Language"):
            return self.get_response(request)
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


NUL = "\x00"


def _without_nul(query: QueryDict) -> QueryDict:
    clean = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        clean.setlist(key.replace(NUL, ""), [value.replace(NUL, "") for value in values])
    clean._mutable = False
    return clean


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


class NulBytesMiddleware:
    """No NUL character (\\x00) reaches a view, a draft or the database (PostgreSQL refuses it in text).

    The one mechanism for every place that stores raw input: query parameters and form fields lose their NULs
    before any view (and so any draft) sees them; a JSON body holding one in any string is refused with a 400 that
    says so, since an API client sent it on purpose. Uploaded files are left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.META.get("QUERY_STRING", "") or "%00" in request.META.get("QUERY_STRING", ""):
            request.GET = _without_nul(request.GET)
        if request.method in ("POST", "PUT", "PATCH"):
            content_type = request.content_type or ""
            # The API reads JSON only (a form body there is DRF's 415): parsing it here would hide that.
            is_form = content_type in ("application/x-www-form-urlencoded", "multipart/form-data")
            if is_form and not request.path.startswith("/api/"):
                if any(NUL in key or any(NUL in v for v in values) for key, values in request.POST.lists()):
                    request.POST = _without_nul(request.POST)
            elif content_type.endswith("json"):
                refused = self._json_with_nul(request)
                if refused is not None:
                    return refused
        return self.get_response(request)

    @staticmethod
    def _json_with_nul(request):
        try:
            body = request.body
        except RequestDataTooBig:
            return None  # the API answers 413 itself
        if b"\\u0000" not in body.lower() and b"\x00" not in body:
            return None
        try:
            data = json.loads(body)
        except ValueError:
            return None  # the parser answers 400 for malformed JSON
        if not _has_nul(data):
            return None
        return JsonResponse({"detail": _("Text may not contain NUL characters (\\u0000).")}, status=400)


class IntegrityErrorMiddleware:
    """The safety net under every page: a unique or check constraint that caught what two simultaneous requests
    both thought was free answers 409 with a plain message, never a 500. Services turn the constraints they guard
    into their own refusal or no-op first (the same answer as the sequential case); the API has the same net in
    espportal.api.exception_handler."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import IntegrityError
        from django.shortcuts import render

        if not isinstance(exception, IntegrityError):
            return None
        from espportal.db import constraint_message

        message = constraint_message(exception) or _(
            "This conflicts with a record saved a moment ago (it may already be done). Reload and check before "
            "trying again.")
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=409)
        return render(request, "espportal/conflict.html", {"message": message}, status=409)


class MethodNotAllowedPageMiddleware:
    """A page address that only takes a form (POST) opened in the browser (a bookmark, a shared link, the back
    button) answers 405 with the site's page in the reader's language and a way back, not Django's blank
    response; the Allow header stays. The API keeps its JSON 405 (DRF)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.content or request.path.startswith("/api/"):
            return response
        from django.shortcuts import render

        page = render(request, "405.html", status=405)
        if response.has_header("Allow"):
            page["Allow"] = response["Allow"]
        return page
