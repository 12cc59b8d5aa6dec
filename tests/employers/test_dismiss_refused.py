"""A refused dismissal on the lead page's ranked candidates (issue 12, fresh tester §5): with JavaScript, a note of
only spaces replaced the whole card area with the message (share and dismiss forms gone, chosen reason and need
lost). The candidate's forms come back in place, the message linked to the note, what was chosen kept; without
JavaScript the 422 page keeps the chosen reason too."""

import pytest
from django.urls import reverse

from employers.models import Match

pytestmark = pytest.mark.django_db
SPACES = {"note": "   ", "reason": "accessibility", "accommodation": "step_free"}


def test_with_javascript_the_forms_come_back_in_place_with_the_message_and_the_choices(login, counsellor_a,
                                                                                       candidate_a, lead_a):
    url = reverse("employers:match_dismiss", args=[lead_a.code, candidate_a.code])
    response = login(counsellor_a).post(url, SPACES, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    body = response.content.decode()
    code = candidate_a.code
    assert f'id="pair-error-{code}"' in body and "Say why the match is dismissed." in body
    assert f'aria-describedby="pair-error-{code}"' in body.split(f'id="dismiss-note-{code}"')[1].split(">")[0]
    assert reverse("employers:match_share", args=[lead_a.code, code]) in body  # the share form is still there
    assert '<option value="accessibility" selected>' in body
    assert '<option value="step_free" selected>' in body
    assert not Match.objects.exists()


def test_without_javascript_the_page_keeps_the_chosen_reason(login, counsellor_a, candidate_a, lead_a):
    url = reverse("employers:match_dismiss", args=[lead_a.code, candidate_a.code])
    response = login(counsellor_a).post(url, SPACES)
    assert response.status_code == 422
    body = response.content.decode()
    assert f'id="dismiss-note-{candidate_a.code}"' in body  # the candidate's card is on the page
    assert '<option value="accessibility" selected>' in body
    assert '<option value="step_free" selected>' in body
