"""The notifications list's FilterSet on the API and the page, and the shared filter plumbing."""

from django.urls import reverse
from django.utils import timezone

from espportal.models import Notification


def _notification(user, **fields):
    return Notification.objects.create(recipient=user, channel=Notification.Channel.IN_APP, subject="Hello",
                                       body="", sent_at=timezone.now(), **fields)


def test_unread_narrows_the_notifications(counsellor_a, login):
    unread = _notification(counsellor_a)
    _notification(counsellor_a, read_at=timezone.now())
    web = login(counsellor_a)
    response = web.get(reverse("api:notification-list"), {"unread": "true"})
    assert response.status_code == 200
    assert [row["code"] for row in response.json()["results"]] == [str(unread.code)]
    assert len(web.get(reverse("api:notification-list")).json()["results"]) == 2
    page = web.get(reverse("espportal:notifications"), {"unread": "on"})
    assert page.status_code == 200
    assert [n.code for n in page.context["notifications"]] == [unread.code]
