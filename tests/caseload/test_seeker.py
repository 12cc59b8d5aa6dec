from django.urls import reverse

from caseload import services
from caseload.models import Transfer


def test_the_seeker_sees_only_notes_shared_with_them(case_a, counsellor_a, seeker_a, login):
    services.note_add(case=case_a, author=counsellor_a, kind="advice", body="Shared tip", visibility="client")
    services.note_add(case=case_a, author=counsellor_a, kind="advice", body="Team only", visibility="team")
    page = login(seeker_a).get(reverse("caseload:me_panel")).content.decode()
    assert "Shared tip" in page and "Team only" not in page
    assert counsellor_a.display_name in page


def test_the_seeker_asks_to_move_and_consents_in_one_step(case_a, seeker_a, provider_b, login):
    web = login(seeker_a)
    response = web.post(reverse("caseload:me_transfer"), {"to_provider": str(provider_b.code)})
    assert response.status_code == 422 and not Transfer.objects.exists()
    response = web.post(reverse("caseload:me_transfer"), {"to_provider": str(provider_b.code),
                                                           "record_consent": "on"})
    assert response.status_code == 302
    transfer = Transfer.objects.get()
    assert transfer.requested_by == seeker_a and transfer.to_provider == provider_b
    assert case_a.client.consents.get().granted_by == seeker_a
