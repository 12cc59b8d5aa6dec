"""Every page each persona can reach, in English and French, at 1280 and 360 px (issue 14, done-when):
no serious or critical axe violation, no sideways scroll at 360 px, no English catalogue string on a French page,
no broken link. Pages added later are crawled too: discovery follows links from each persona's home (bounded
depth) and adds the permission matrix's parameterless pages the persona may open.

Runs in every `make test`. Bounded in time: the demo is seeded once and one browser serves every persona; each
persona checks one page per URL name (the tenth client file finds nothing the first did not), the two job seekers
share theirs (same permissions; both languages are checked for each page anyway). Each page is loaded twice per
persona, in English while discovering and then in French, and checked at 1280 px and again at 360 px on the same
load (the window narrowed, as a phone's would be): full axe in each of the four passes, the sideways-scroll check at
360 px, the untranslated and brand checks in French. CRAWL_ONLY=counsellor,anonymous narrows it; CRAWL_VERBOSE=1
prints each page and the time each persona took.
"""

import os
import sys
import time
from collections import deque
from importlib import import_module
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

# The checks themselves fail where they should: tests/e2e/test_crawl_selftest.py.
pytestmark = pytest.mark.browser
NAVIGATION_TIMEOUT_MS = 120_000  # a loaded machine is slow, not broken
SETTLE_TIMEOUT_MS = 60_000  # lazy panels: a page is checked whole, never half-loaded (that would make it flaky)

PERSONAS = {  # persona -> (demo account, the matrix persona whose rows say what it may open, whose pages it shares)
    "counsellor": ("counsellor.a@demo.espportal.ca", "counsellor_a", "counsellor"),
    "job developer": ("developer.a@demo.espportal.ca", "counsellor_a", "job developer"),
    "intake": ("intake.a@demo.espportal.ca", "intake_a", "intake"),
    "manager": ("manager.a@demo.espportal.ca", "manager_a", "manager"),
    "ministry": ("analyst@demo.ministry.ca", "ministry", "ministry"),
    "job seeker (EN)": ("seeker.a@demo.espportal.ca", "seeker_a", "job seeker"),
    "job seeker (FR)": ("seeker.b@demo.espportal.ca", "seeker_a", "job seeker"),
    "anonymous": (None, "anonymous", "anonymous"),
}
MAX_DEPTH = 3
MAX_PAGES = 60  # per persona; the report says when a persona hit it
SKIP_PREFIXES = ("/static/", "/admin/", "/api/", "/accounts/logout", "/i18n/", "/media/",
                 "/healthz/")  # JSON for operators: 503 here without a worker, and no page a person reads
VERBOSE = bool(os.environ.get("CRAWL_VERBOSE"))
WIDTHS = (1280, 360)  # each load is checked wide, then narrowed to a phone's width and checked again
ONLY = [p for p in os.environ.get("CRAWL_ONLY", "").split(",") if p]  # e.g. CRAWL_ONLY=counsellor,anonymous


def _say(text: str) -> None:
    if VERBOSE:
        print(text, file=sys.stderr, flush=True)


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
    context.set_default_timeout(NAVIGATION_TIMEOUT_MS)
    return context


def _route(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def _settle(page, timeout_ms: int = SETTLE_TIMEOUT_MS) -> list[str]:
    """Lazy HTMX panels load after the page: wait until none is pending, so every pass checks the whole page.
    A panel still loading after `timeout_ms` is a problem to report, not a page to check half-loaded."""
    pending = "() => !document.querySelector('[hx-trigger*=\"load\"], .htmx-request')"
    try:
        page.wait_for_function(pending, timeout=timeout_ms)
    except PlaywrightTimeout:
        return [f"a panel was still loading after {timeout_ms / 1000:g} s"]
    return []


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
    """English: breadth-first from home, one page per URL name, each new one checked at both widths as it is found.
    Returns the paths found whose URL name `checked` did not hold yet (a persona sharing its pages with an earlier
    one adds only what its own records lead to), to check again in French."""
    context = _context(browser, live, email, language="en", width=WIDTHS[0])
    page = context.new_page()
    seen_routes, pages = set(), []
    queue = deque([("/", 0)] + [(path, 1) for path in _matrix_seeds(matrix_persona)])
    while queue and len(seen_routes) < MAX_PAGES:
        path, depth = queue.popleft()
        route = _route(urlsplit(path).path)
        if route is None or route in seen_routes:
            continue
        seen_routes.add(route)
        began = time.monotonic()
        response = page.goto(path)
        if response is None or response.status >= 400:
            if response is not None and response.status not in (403, 404) or depth <= 1:
                problems.append(f"[{label} en] {path}: answered {response.status if response else 'nothing'}")
            continue
        final = urlsplit(page.url).path
        if _route(final) in ("account_login", "mfa_activate_totp") and email:
            problems.append(f"[{label} en] {path}: sent to {final}")
            continue
        if "text/html" not in (response.headers.get("content-type") or "") or not page.locator("main").count():
            continue  # JSON, a health check or an HTMX fragment: not a page a person lands on
        if route not in checked:
            checked.add(route)
            pages.append(path)
            problems.extend(_check_widths(page, path, language="en", label=label))
            _say(f"  {label} en {path} {time.monotonic() - began:.1f}s")
        if depth < MAX_DEPTH:
            queue.extend((link, depth + 1) for link in _links(page, live))
    if len(seen_routes) >= MAX_PAGES:
        problems.append(f"[{label}] note: stopped at {MAX_PAGES} pages; raise MAX_PAGES to crawl the rest")
    context.close()
    return pages


def _check(browser, live, email, paths, *, language, label, problems) -> None:
    context = _context(browser, live, email, language=language, width=WIDTHS[0])
    page = context.new_page()
    for path in paths:
        began = time.monotonic()
        response = page.goto(path)
        if response is None or response.status >= 400:
            problems.append(f"[{label} {language}] {path}: answered {response.status if response else 'nothing'}")
            continue
        problems.extend(_check_widths(page, path, language=language, label=label))
        _say(f"  {label} {language} {path} {time.monotonic() - began:.1f}s")
    context.close()


def _check_widths(page, path: str, *, language: str, label: str) -> list[str]:
    """The loaded page, settled, checked at each width in turn; the window is wide again afterwards."""
    pending = _settle(page)
    if pending:
        return [f"[{label} {language}] {path}: {problem}" for problem in pending]
    found = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        found += [f"[{label} {language} {width}] {path}: {problem}"
                  for problem in _problems(page, language=language, width=width)]
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    return found


def _problems(page, *, language: str, width: int) -> list[str]:
    found = crawl.axe_problems(page)
    if width <= 400:
        found += crawl.sideways_scroll(page)
    if language == "fr":
        found += crawl.untranslated(page) + crawl.brand(page)
    return found


# The migrations that load reference data (NOC 2021 and skills, the service catalogue, NOC French titles, the
# support resources). An earlier transactional test's flush empties every table, theirs too, and the demo needs them.
REFERENCE_DATA_MIGRATIONS = ("clients.migrations.0003_noc_and_skills", "clients.migrations.0004_service_catalogue",
                             "clients.migrations.0015_noc_major_groups_french", "outcomes.migrations.0002_seed_resources")


def _reference_data_back() -> None:
    from django.apps import apps
    from django.db.migrations import RunPython

    from clients.models import Occupation

    if Occupation.objects.exists():
        return
    for name in REFERENCE_DATA_MIGRATIONS:
        for operation in import_module(name).Migration.operations:
            if isinstance(operation, RunPython):
                operation.code(apps, None)


def test_every_page_for_every_persona_in_both_languages_and_widths(browser, live):
    started = time.monotonic()
    _reference_data_back()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    _say(f"seeded in {time.monotonic() - started:.0f} s")
    problems: list[str] = []
    counts, checked = {}, {}
    for persona, (email, matrix_persona, shares) in PERSONAS.items():
        if ONLY and persona not in ONLY:
            continue
        began = time.monotonic()
        paths = _discover(browser, live, email, matrix_persona, problems, persona, checked.setdefault(shares, set()))
        counts[persona] = len(paths)
        _check(browser, live, email, paths, language="fr", label=persona, problems=problems)
        _say(f"{persona}: {len(paths)} pages in {time.monotonic() - began:.0f} s")
    elapsed = time.monotonic() - started
    print(f"crawled {counts} in {elapsed:.0f} s")
    failures = [p for p in problems if ": note:" not in p]
    assert not failures, f"{len(failures)} problems ({counts} pages per persona):\n" + "\n".join(failures)
