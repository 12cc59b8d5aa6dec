"""Idempotent writes: a double click, a retried request or two simultaneous ones do the work once.

One mechanism for pages and API (Stripe's Idempotency-Key, pretix's order secret):
- a page form carries a hidden `submission_token` ({% submission_token %}, a fresh UUID at each render); the key is
  the token plus a hash of what was submitted, so the same form sent twice is one write, while a form reused for
  different content is a new one;
- an API client sends an `Idempotency-Key` header on a POST; the key is scoped to the caller, and reusing it with a
  different body is refused (422).
The first request claims the key (a unique row in SubmittedRequest, committed before the view runs); a duplicate
waits briefly for the first to finish and then gets its answer again (the same redirect, or the same JSON body and
status); one still running after the wait answers 409. A refused write (4xx) or a crash releases the key so the
person can correct and resend. Keys are purged after KEEP_HOURS by the periodic job espportal.tasks.purge_submissions.
"""

import hashlib
import time

from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from espportal.models import SubmittedRequest

FORM_FIELD = "submission_token"
HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 100
WAIT_SECONDS = 10.0
POLL_SECONDS = 0.2
KEEP_HOURS = 48
MAX_STORED_BODY = 256 * 1024


def _form_body_hash(request) -> str:
    fields = sorted((key, tuple(values)) for key, values in request.POST.lists() if key != "csrfmiddlewaretoken")
    return hashlib.sha256(repr(fields).encode()).hexdigest()


def _key_of(request) -> tuple[str | None, str, HttpResponse | None]:
    """(key, body hash, refusal) for a POST; key None when the request carries no token."""
    is_api = request.path.startswith("/api/")
    if is_api:
        raw = request.headers.get(HEADER)
        if raw is None:
            return None, "", None
        if not raw or len(raw) > MAX_KEY_LENGTH or not raw.isprintable():
            return None, "", JsonResponse({"detail": _("The Idempotency-Key header must be 1 to 100 printable "
                                                       "characters.")}, status=400)
        user = request.user.code if request.user.is_authenticated else "anonymous"
        try:
            body = request.body
        except RequestDataTooBig:
            return None, "", None  # the API answers 413 itself
        return f"api:{user}:{raw}", hashlib.sha256(body).hexdigest(), None
    content_type = request.content_type or ""
    if content_type not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return None, "", None
    token = request.POST.get(FORM_FIELD, "")
    if not token or len(token) > MAX_KEY_LENGTH:
        return None, "", None
    body_hash = _form_body_hash(request)
    return f"form:{token}:{body_hash[:32]}", body_hash, None


def _replay(row: SubmittedRequest) -> HttpResponse:
    if row.location:
        response = HttpResponseRedirect(row.location)
        response.status_code = row.status_code
        return response
    response = HttpResponse(bytes(row.body), status=row.status_code, content_type=row.content_type or None)
    response["Idempotent-Replayed"] = "true"
    return response


def _in_flight(request) -> HttpResponse:
    message = _("This was already sent and is still being processed. Wait a moment, then reload the page.")
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=409)
    return render(request, "espportal/conflict.html", {"message": message}, status=409)


class IdempotentSubmitMiddleware:
    """Runs each POST that carries a submission token or an Idempotency-Key at most once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST":
            return self.get_response(request)
        key, body_hash, refusal = _key_of(request)
        if refusal is not None:
            return refusal
        if key is None:
            return self.get_response(request)
        try:
            with transaction.atomic():
                row = SubmittedRequest.objects.create(key=key, path=request.path[:300], body_hash=body_hash)
        except IntegrityError:
            return self._duplicate(request, key, body_hash)
        try:
            response = self.get_response(request)
        except BaseException:
            SubmittedRequest.objects.filter(pk=row.pk).delete()
            raise
        if response.status_code >= 400 or getattr(response, "streaming", False):
            SubmittedRequest.objects.filter(pk=row.pk).delete()
            return response
        location = response.get("Location", "") if 300 <= response.status_code < 400 else ""
        body = b"" if location or len(response.content) > MAX_STORED_BODY else response.content
        SubmittedRequest.objects.filter(pk=row.pk).update(
            status_code=response.status_code, location=location[:2000],
            content_type=response.get("Content-Type", "")[:100], body=body)
        return response

    def _duplicate(self, request, key: str, body_hash: str) -> HttpResponse:
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            row = SubmittedRequest.objects.filter(key=key).first()
            if row is None:  # the first one was refused or failed meanwhile: this one runs afresh
                return self(request)
            if row.path != request.path[:300] or row.body_hash != body_hash:
                return JsonResponse({"detail": _("This Idempotency-Key was already used for a different "
                                                 "request.")}, status=422)
            if row.status_code is not None:
                return _replay(row)
            if time.monotonic() >= deadline:
                return _in_flight(request)
            time.sleep(POLL_SECONDS)
