"""Every page each persona can reach, in English and French, at 1280 and 360 px (issue 14, done-when):
no serious or critical axe violation, no sideways scroll at 360 px, no English catalogue string on a French page,
no broken link. Pages added later are crawled too: discovery follows links from each persona's home (bounded
depth) and adds the permission matrix's parameterless pages the persona may open.

Bounded in time: the demo is seeded once; one page per URL name across all
personas (the tenth client file finds nothing the first did not, and a page the counsellor's crawl checked is not
checked again for the job developer); the English 1280 px check runs while discovering, then French at 360 px checks
the new pages (LATER_PASSES; CRAWL_FULL=1 adds French 1280 and English 360). Full axe on every pass, the sideways-scroll
check at 360 px, the untranslated and brand checks in French. CRAWL_ONLY=counsellor,anonymous narrows it;
CRAWL_VERBOSE=1 prints each page and the time each persona took.
"""

import contextlib
import os
import sys
import time
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client as HttpClient
from django.urls import Resolver404, resolve
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from espportal.middleware import RequireMFAMiddleware
from espportal.models import User
from tests.e2e import crawl
from tests.test_permission_matrix import ROWS

# Opt-in still (ESP_CRAWL=1): bounded as above it measured 12-20 min on the shared 2-core machine under a load average
# of 10-17 (2-6 min of it seeding), and a page once took over 30 s to load there; it joins `make test` when a full run
# is green on the CI machine. The checks themselves are pinned by test_crawl_selftest.py in every run.
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not os.environ.get("ESP_CRAWL"), reason="the every-page crawl is opt-in: ESP_CRAWL=1")]
NAVIGATION_TIMEOUT_MS = 120_000  # a loaded machine is slow, not broken

PERSONAS = {  # persona -> (demo account, the matrix persona whose rows say what it may open)
    "counsellor": ("counsellor.a@demo.espportal.ca", "counsellor_a"),
    "job developer": ("developer.a@demo.espportal.ca", "counsellor_a"),
    "intake": ("intake.a@demo.espportal.ca", "intake_a"),
    "manager": ("manager.a@demo.espportal.ca", "manager_a"),
    "ministry": ("analyst@demo.ministry.ca", "ministry"),
    "job seeker (EN)": ("seeker.a@demo.espportal.ca", "seeker_a"),
    "job seeker (FR)": ("seeker.b@demo.espportal.ca", "seeker_a"),
    "anonymous": (None, "anonymous"),
}
MAX_DEPTH = 3
MAX_PAGES = 60  # per persona; the report says when a persona hit it
SKIP_PREFIXES = ("/static/", "/admin/", "/api/", "/accounts/logout", "/i18n/", "/media/",
                 "/healthz/")  # JSON for operators: 503 here without a worker, and no page a person reads
VERBOSE = bool(os.environ.get("CRAWL_VERBOSE"))
# After English at 1280 px (checked while discovering), French at 360 px: between them both languages and both widths
# are crawled with full axe, and French at 360 px is where text is longest in the narrowest window (sideways scroll)
# and where an untranslated string shows. CRAWL_FULL=1 adds the two other pairs (French 1280, English 360).
LATER_PASSES = (("fr", 360),) + ((("fr", 1280), ("en", 360)) if os.environ.get("CRAWL_FULL") else ())
ONLY = [p for p in os.environ.get("CRAWL_ONLY", "").split(",") if p]  # e.g. CRAWL_ONLY=counsellor,anonymous


def _context(browser, live, email, *, language, width):
    context = browser.new_context(base_url=live, viewport={"width": width, "height": 900},
                                  locale="fr-CA" if language == "fr" else "en-CA")
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live}]
    if email:
        user = User.objects.get(email=email)
        User.objects.filter(pk=user.pk).update(preferred_language=language)
        http = HttpClient()
        http.force_login(user)
        session = http.session
        session[RequireMFAMiddleware.SESSION_KEY] = True
        session.save()
        cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live})
    context.add_cookies(cookies)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    return context


def _route(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def _settle(page) -> None:
    """Lazy HTMX panels load after the page: wait until none is pending (a panel still loading after 5 s is
    checked as it is)."""
    if page.locator('[hx-trigger*="load"]').count():
        with contextlib.suppress(PlaywrightTimeout):  # a slow panel is checked as it is, not a crash
            page.wait_for_function("() => !document.querySelector('[hx-trigger*=\"load\"], .htmx-request')",
                                   timeout=5000)


def _links(page, live) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]:not([download])", "els => els.map(e => e.getAttribute('href'))")
    out = []
    for href in hrefs:
        url = urlsplit(urljoin(page.url, href))
        if url.netloc != urlsplit(live).netloc or url.path.startswith(SKIP_PREFIXES) or url.path.endswith(".csv"):
            continue
        out.append(url.path + (f"?{url.query}" if url.query else ""))
    return out


def _matrix_seeds(matrix_persona: str) -> list[str]:
    from django.urls import reverse

    return [reverse(row.name) for row in ROWS
            if row.method == "get" and not row.kwargs and row.expect.get(matrix_persona) == 200
            and "api" not in row.name and not reverse(row.name).startswith(SKIP_PREFIXES)]


def _discover(browser, live, email, matrix_persona, problems, label, checked: set) -> list[str]:
    """English, 1280 px: breadth-first from home, one page per URL name, each new one checked as it is found.
    Returns the paths found: those whose URL name no earlier persona's crawl checked (staff roles share most
    pages; the first one checks them), for the other languages and widths."""
    context = _context(browser, live, email, language="en", width=1280)
    page = context.new_page()
    seen_routes, pages = set(), []
    queue = deque([("/", 0)] + [(path, 1) for path in _matrix_seeds(matrix_persona)])
    while queue and len(seen_routes) < MAX_PAGES:
        path, depth = queue.popleft()
        route = _route(urlsplit(path).path)
        if route is None or route in seen_routes:
            continue
        seen_routes.add(route)
        response = page.goto(path)
        if response is None or response.status >= 400:
            if response is not None and response.status not in (403, 404) or depth <= 1:
                problems.append(f"[{label}] {path}: answered {response.status if response else 'nothing'}")
            continue
        final = urlsplit(page.url).path
        if _route(final) in ("account_login", "mfa_activate_totp") and email:
            problems.append(f"[{label}] {path}: sent to {final}")
            continue
        if "text/html" not in (response.headers.get("content-type") or "") or not page.locator("main").count():
            continue  # JSON, a health check or an HTMX fragment: not a page a person lands on
        if route not in checked:
            checked.add(route)
            pages.append(path)
            _settle(page)
            problems.extend(f"[{label}] {path}: {problem}" for problem in _problems(page, language="en", width=1280))
        if depth < MAX_DEPTH:
            queue.extend((link, depth + 1) for link in _links(page, live))
    if len(seen_routes) >= MAX_PAGES:
        problems.append(f"[{label}] note: stopped at {MAX_PAGES} pages; raise MAX_PAGES to crawl the rest")
    context.close()
    return pages


def _check(browser, live, email, paths, *, language, width, label, problems) -> None:
    context = _context(browser, live, email, language=language, width=width)
    page = context.new_page()
    for path in paths:
        began = time.monotonic()
        response = page.goto(path)
        if response is None or response.status >= 400:
            problems.append(f"[{label}] {path}: answered {response.status if response else 'nothing'}")
            continue
        _settle(page)
        if VERBOSE:
            print(f"  {label} {path} {time.monotonic() - began:.1f}s", file=sys.stderr, flush=True)
        problems.extend(f"[{label}] {path}: {problem}" for problem in _problems(page, language=language, width=width))
    context.close()


def _problems(page, *, language: str, width: int) -> list[str]:
    found = crawl.axe_problems(page)
    if width <= 400:
        found += crawl.sideways_scroll(page)
    if language == "fr":
        found += crawl.untranslated(page) + crawl.brand(page)
    return found


def test_every_page_for_every_persona_in_both_languages_and_widths(browser, live):
    started = time.monotonic()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    if VERBOSE:
        print(f"seeded in {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    problems: list[str] = []
    counts, checked = {}, set()
    for persona, (email, matrix_persona) in PERSONAS.items():
        if ONLY and persona not in ONLY:
            continue
        began = time.monotonic()
        paths = _discover(browser, live, email, matrix_persona, problems, f"{persona} en 1280", checked)
        counts[persona] = len(paths)
        for language, width in LATER_PASSES:
            _check(browser, live, email, paths, language=language, width=width,
                   label=f"{persona} {language} {width}", problems=problems)
        if VERBOSE:
            print(f"{persona}: {len(paths)} pages in {time.monotonic() - began:.0f} s", file=sys.stderr, flush=True)
    elapsed = time.monotonic() - started
    print(f"crawled {counts} in {elapsed:.0f} s")
    failures = [p for p in problems if ": note:" not in p]
    assert not failures, f"{len(failures)} problems ({counts} pages per persona):\n" + "\n".join(failures)
