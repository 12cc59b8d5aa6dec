from django.contrib import admin
from django.urls import reverse

from clients.models import Client
from espportal.models import AuditEvent
from tests.factories import UserFactory


def _operator():
    return UserFactory(is_staff=True, is_superuser=True, with_totp=True)


def test_an_operator_can_look_at_a_client_in_the_admin_and_the_look_is_audited(web, client_a):
    web.force_login(_operator())
    response = web.get(reverse("admin:clients_client_change", args=[client_a.pk]))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="admin.viewed", client_code=client_a.code).count() == 1


def test_the_admin_cannot_change_or_delete_a_persons_record(web, client_a):
    web.force_login(_operator())
    response = web.post(reverse("admin:clients_client_delete", args=[client_a.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Client.objects.filter(pk=client_a.pk).exists()
    assert web.get(reverse("admin:clients_client_add")).status_code == 403


def test_every_admin_list_of_ours_renders(db, web, client_a):
    web.force_login(_operator())
    assert web.get(reverse("admin:index")).status_code == 200
    ours = [model for model in admin.site._registry
            if model._meta.app_label in ("espportal", "clients", "caseload", "employers", "outcomes")]
    assert len(ours) > 20
    for model in ours:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert web.get(url).status_code == 200, url
