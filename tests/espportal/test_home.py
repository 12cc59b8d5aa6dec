"""/ sends each person to their own home, by role."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from espportal import services
from espportal.models import Membership


@pytest.mark.parametrize(
    ("persona", "home"),
    [("counsellor_a", "/caseload/"), ("manager_a", "/caseload/"), ("intake_a", "/caseload/"),
     ("seeker_a", "/me/"), ("ministry", "/ministry/")],
)
def test_it_sends_each_person_home(request, web, persona, home):
    web.force_login(request.getfixturevalue(persona))
    response = web.get(reverse("home"), follow=True)
    assert response.redirect_chain == [(home, 302)]
    assert response.status_code == 200


def test_it_refuses_staff_without_an_active_membership(web, counsellor_a):
    membership = Membership.objects.get(user=counsellor_a)
    Membership.objects.filter(pk=membership.pk).update(active_from=timezone.localdate() - dt.timedelta(days=10))
    membership.refresh_from_db()
    services.membership_end(membership=membership, on=timezone.localdate() - dt.timedelta(days=1))
    web.force_login(counsellor_a)

    response = web.get(reverse("home"))

    assert response.status_code == 403
    assert "Your role does not allow this page." in response.content.decode()


def test_it_sends_anonymous_visitors_to_sign_in(db, web):
    response = web.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=/"
