"""Every page form that writes carries the submission token (README: idempotent writes), so the same form sent
twice, as a person's double click sends it, is one write. The /me/ forms are replayed from the page as rendered:
the hidden fields come from the HTML, not from the test."""

import html
import pathlib
import re

from django.conf import settings
from django.urls import reverse

from caseload.models import Task
from outcomes.models import SupportRequest
from outcomes.quality.models import Complaint
from tests.clients.factories import make_plan_item

FORM = re.compile(r"<form\b[^>]*>.*?</form>|\{% element form\b.*?\{% endelement %\}", re.S | re.I)
POST = re.compile(r"""method=["']?post""", re.I)
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def _posting_forms(text: str) -> list[str]:
    return [form for form in FORM.findall(text) if POST.search(form.split(">", 1)[0])]


def test_every_posting_form_in_the_templates_carries_the_token():
    missing = []
    for path in sorted(pathlib.Path(settings.BASE_DIR).glob("**/templates/**/*.html")):
        if ".venv" in path.parts or "node_modules" in path.parts:
            continue
        for form in _posting_forms(path.read_text()):
            if "{% submission_token %}" not in form:
                missing.append(f"{path.relative_to(settings.BASE_DIR)}: {form[:80]}")
    assert missing == []


def _form_on(page: str, page_url: str, action: str) -> dict[str, str]:
    """The hidden fields of the form on `page` (at `page_url`) that posts to `action`, as a browser sends them."""
    for form in FORM.findall(page):
        tag = form.split(">", 1)[0]
        if f'action="{action}"' in tag or (action == page_url and not re.search(r'action="[^"]', tag)):
            return {name: html.unescape(value) for name, value in HIDDEN.findall(form)}
    raise AssertionError(f"no form posting to {action}")


def _sent_twice(web, page_url: str, action: str, typed: dict[str, str]):
    data = {**_form_on(web.get(page_url).content.decode(), page_url, action), **typed}
    assert "submission_token" in data
    first = web.post(action, data)
    second = web.post(action, data)
    assert first.status_code == 302 and second.status_code == 302 and second.url == first.url
    return first


def test_a_plan_question_sent_twice_is_one_task(login, seeker_a, case_a, counsellor_a):
    item = make_plan_item(case_a.client, by=counsellor_a)
    url = reverse("caseload:me_plan_question", args=[item.code])
    _sent_twice(login(seeker_a), url, url, {"question": "Which documents should I bring?"})
    assert Task.objects.filter(kind="client_question").count() == 1


def test_a_support_request_sent_twice_is_one(login, seeker_a, placement_a):
    url = reverse("outcomes:me_support")
    _sent_twice(login(seeker_a), url, url, {"category": "communication", "body": "My shifts keep moving."})
    assert SupportRequest.objects.count() == 1


def test_a_reschedule_request_sent_twice_is_one_task(login, seeker_a, appointment_a):
    url = reverse("caseload:me_appointment_reschedule", args=[appointment_a.code])
    _sent_twice(login(seeker_a), url, url, {"reason": "I start a shift that morning."})
    assert Task.objects.filter(kind="appointment_change").count() == 1


def test_the_confirm_form_carries_the_token(login, seeker_a, appointment_a):
    web = login(seeker_a)
    action = reverse("caseload:me_appointment_confirm", args=[appointment_a.code])
    _sent_twice(web, reverse("caseload:me_appointments"), action, {})
    assert appointment_a.__class__.objects.get(pk=appointment_a.pk).confirmed_at is not None


def test_a_complaint_sent_twice_is_one(login, seeker_a, case_a):
    url = reverse("quality:me_complaint_create")
    _sent_twice(login(seeker_a), url, url, {"provider": str(case_a.provider.code), "kind": "service",
                                            "body": "No answer to my calls."})
    assert Complaint.objects.count() == 1
