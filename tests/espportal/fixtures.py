"""Objects the permission matrix and the building's tests share."""

import pytest

from espportal.models import Notification


@pytest.fixture
def notification_of_manager_b(manager_b):
    return Notification.objects.create(recipient=manager_b, subject="Private to manager B")
