"""A hire from the pipeline is recorded as a placement, attributed "direct" with its evidence chain; a month
later (frozen time) the check-in falls due for the counsellor and the client, the client answers on a phone, and
the check counts as confirmed. axe checks every page of ours."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils.formats import date_format
from playwright.sync_api import Browser, expect

from caseload.models import Task
from employers import services as employer_services
from espportal import notifications
from espportal.models import Notification
from outcomes.models import Placement, RetentionCheck
from outcomes.tasks import retention_checks_run
from tests.caseload.factories import make_case
from tests.e2e.axe import assert_accessible
from tests.employers.factories import EmployerFactory, LeadFactory, noc
from tests.outcomes.factories import consent_to_share

pytestmark = pytest.mark.browser
TZ = ZoneInfo("America/Toronto")


def page_as(browser: Browser, live: str, user, **context_options):
    http = HttpClient()
    http.force_login(user)
    context = browser.new_context(base_url=live, **context_options)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                          "value": http.cookies[settings.SESSION_COOKIE_NAME].value, "url": live}])
    return context.new_page()


@pytest.fixture
def offer(provider_a, counsellor_a, seeker_a):
    """Lina's counsellor shared a lead at Harbour Ledger and the pipeline reached an offer."""
    noc("11100")
    case = make_case(provider_a, counsellor=counsellor_a, user=seeker_a, first_name="Lina", last_name="Farah")
    consent_to_share(case.client, counsellor_a)
    lead = LeadFactory(provider=provider_a, employer=EmployerFactory(name="Harbour Ledger"),
                       title="Junior accountant", pay_min="26.50", hours_per_week=37)
    match = employer_services.match_share(client=case.client, lead=lead, by=counsellor_a)
    for status in ("interested", "applied", "interview", "offer"):
        match = employer_services.match_move(match=match, status=status, by=counsellor_a)
    return match


def test_a_hire_from_the_pipeline_is_followed_up_a_month_later(browser: Browser, live, offer, counsellor_a,
                                                               seeker_a):
    client = offer.client
    start = dt.date.today() + dt.timedelta(days=7)  # the lead was shared today, before the first day at work

    page = page_as(browser, live, counsellor_a)
    page.goto(reverse("employers:pipeline"))
    expect(page.locator("section", has=page.get_by_role("heading", name=re.compile("^Offer")))) \
        .to_contain_text("Lina Farah")

    page.goto(reverse("clients:detail", args=[client.code]))
    page.get_by_role("link", name="Record the placement: Junior accountant at Harbour Ledger").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a placement")
    expect(page.get_by_label("Job title")).to_have_value("Junior accountant")
    expect(page.get_by_label("NOC 2021 unit group (5 digits)")).to_have_value("11100")
    expect(page.get_by_label("Hourly pay ($)")).to_have_value("26.50")
    assert_accessible(page)
    page.get_by_label("Start date").fill(start.isoformat())
    page.get_by_label("How it was verified").select_option("employer_confirmation")
    page.get_by_role("button", name="Record the placement").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Junior accountant · Harbour Ledger")
    attribution = page.locator("#attribution")
    expect(attribution.locator(".tag").first).to_have_text("Direct")
    expect(page.locator("#evidence")).to_contain_text("Job lead at this employer shared with the client")
    expect(page.locator("#evidence")).to_contain_text(date_format(offer.shared_at.astimezone(TZ).date(), "DATE_FORMAT"))
    assert_accessible(page)
    placement = Placement.objects.get()
    assert (placement.match, placement.attribution, placement.start_date) == (offer, "direct", start)
    check = placement.checks.get(milestone_months=1)

    a_month_later = dt.datetime.combine(start + dt.timedelta(days=31), dt.time(9), tzinfo=TZ)
    with time_machine.travel(a_month_later, tick=True):
        assert retention_checks_run()["due"] == 1  # what the daily Celery job does
        notification = Notification.objects.get(recipient=seeker_a, dedupe_key__startswith="retention:")
        assert notifications.deliver(notification.pk)  # what the worker does with the outbox row
        assert Task.objects.filter(kind="retention_check", assignee=counsellor_a).count() == 1

        staff = page_as(browser, live, counsellor_a)  # a fresh session: a month of idleness signed the old out
        staff.goto(reverse("outcomes:checks_due"))
        row = staff.get_by_role("row", name=re.compile("Lina Farah"))
        expect(row).to_contain_text("Junior accountant · Harbour Ledger")
        expect(row).to_contain_text("Due")
        assert_accessible(staff)

        phone = page_as(browser, live, seeker_a, viewport={"width": 360, "height": 740})
        phone.goto(reverse("espportal:notifications"))
        phone.locator(f"#n-{notification.code}").get_by_role("link", name="Open").click()
        expect(phone.get_by_role("heading", level=1)).to_have_text("My check-ins")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        assert_accessible(phone)
        card = phone.locator(f"#check-{check.code}-h").locator("xpath=..")
        card.get_by_role("group", name="Are you still working?").get_by_label("Yes").check()
        card.get_by_role("group", name="Is it the same employer?").get_by_label("Yes").check()
        card.get_by_label("How many hours a week do you work?").fill("37")
        card.get_by_role("group", name="Is anything going wrong at work?").get_by_label("No").check()
        card.get_by_role("button", name="Send my answer").click()
        expect(phone.get_by_text("Thank you. Your answer is recorded.")).to_be_visible()
        expect(phone.get_by_text("No check-in is waiting for you. Thank you!")).to_be_visible()
        assert_accessible(phone)

        staff.goto(reverse("outcomes:placement", args=[placement.code]))
        confirmed = staff.locator(f"#check-{check.code}")
        expect(confirmed).to_contain_text("Employed, same employer")
        expect(confirmed).to_contain_text("confirmed")
        expect(confirmed).to_contain_text("Client's own answer")
        # The live server runs in a thread of this process: it answered at the travelled date, not today.
        expect(confirmed).to_contain_text(date_format(a_month_later.date(), "DATE_FORMAT"))
        assert_accessible(staff)

    check.refresh_from_db()
    assert (check.status, check.evidence_kind, check.answered_by, check.confirmed) == (
        RetentionCheck.Status.EMPLOYED_SAME, "client_answer", seeker_a, True)
