"""Every form posted with errors answers 422 with one error summary at the top (issue 14 point 2, WCAG 3.3.1):
announced (role="alert"), focusable (static/js/focus.js focuses it on load and after a swap), each field error a
link to its field. The permission matrix's rows that expect 422 for an empty POST are the forms: a form added
later is checked too.
"""

import re

import pytest
from django.urls import reverse

from tests.test_permission_matrix import ROWS, _resolve


def _forms():
    """One (row, persona) per form: the first persona the matrix expects a 422 from."""
    out, seen = [], set()
    for row in ROWS:
        persona = next((p for p, status in row.expect.items() if status == 422), None)
        if row.method == "post" and persona and row.name not in seen:
            seen.add(row.name)
            out.append((row, persona))
    return out


FORMS = _forms()
# Forms whose fields the page does not show for the matrix's record, so the summary's links have nowhere to land.
FIELDS_NOT_SHOWN = {"caseload:appointment_record": "appointment_a is ahead: the page offers rescheduling, not attendance"}
SUMMARY = re.compile(r'<div class="error-summary[^"]*"[^>]*role="alert"[^>]*tabindex="-1"', re.S)


def test_it_finds_the_forms():
    assert len(FORMS) >= 30  # the matrix names about 40 forms that refuse an empty POST


@pytest.mark.parametrize(("row", "persona"), FORMS, ids=[row.name for row, _p in FORMS])
def test_it_summarises_the_errors_of_every_form(request, db, web, row, persona):
    kwargs = {key: _resolve(request, value) for key, value in row.kwargs.items()}
    if persona != "anonymous":
        web.force_login(request.getfixturevalue(persona))
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = web.post(reverse(row.name, kwargs=kwargs), row.data, **headers)
        assert response.status_code == 422
        html = response.content.decode()
        assert SUMMARY.search(html), f"{row.name} ({'HTMX' if headers else 'page'}): no error summary\n{html[html.find('<main'):][:3000]}"
        summary = html[html.index('class="error-summary'):]
        summary = summary[:summary.index("</div>")]
        if row.name in FIELDS_NOT_SHOWN:
            continue
        assert re.findall(r'<a href="#', summary) or "<li>" in summary, f"{row.name}: an empty summary"
        for target in re.findall(r'<a href="#([^"]+)"', summary):
            assert f'id="{target}"' in html, f"{row.name}: the summary links to #{target}, which is not on the page"


def test_it_announces_a_refused_sign_in(db, web, counsellor_a):
    response = web.post(reverse("account_login"), {"login": counsellor_a.email, "password": "not the password"})

    html = response.content.decode()
    assert SUMMARY.search(html), html[html.find("<main"):][:2000]
    assert "The email address and/or password you specified are not correct." in html


def test_the_french_summary_puts_a_non_breaking_space_before_the_colon(counsellor_a, client_a, login):
    web = login(counsellor_a)
    web.post(reverse("language_set"), {"language": "fr", "next": "/"})
    page = web.post(reverse("clients:consent_grant", args=[client_a.code]), {"scope": "share_provider"})
    assert page.status_code == 422
    html = page.content.decode()
    summary = html[SUMMARY.search(html).start():]
    summary = summary[:summary.index("</div>")]
    assert "Fournisseur avec qui communiquer le dossier\u00a0: " in summary, summary
