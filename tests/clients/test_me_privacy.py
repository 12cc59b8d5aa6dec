"""My privacy: my consents, who opened my file (newest first, paginated, plain words) and links to my data."""

from django.urls import reverse

from espportal import audit
from tests.factories import UserFactory


def test_it_lists_who_opened_my_file_in_plain_words(login, seeker_a, counsellor_a, client_a, ministry):
    login(counsellor_a).get(reverse("clients:detail", args=[client_a.code]))
    audit.record_open(client=client_a, actor=ministry, route="page", reason="qa")
    audit.record_open(client=client_a, route="system", reason="system")
    response = login(seeker_a).get(reverse("clients:me_privacy"))
    assert response.status_code == 200
    rows = response.context["opens"]
    assert [(r["name"], r["role"], r["provider"], r["why"]) for r in rows] == [
        ("The portal", "Automatic job", "", "An automatic job of the portal"),
        (ministry.display_name, "Ministry analyst", "The ministry", "Ministry quality review"),
        (counsellor_a.display_name, "Counsellor", "Provider A", "Your provider, serving you"),
    ]
    page = response.content.decode()
    assert counsellor_a.display_name in page and "Provider A" in page


def test_my_own_visits_are_not_in_the_list(login, seeker_a, client_a):
    web = login(seeker_a)
    web.get(reverse("clients:me"))
    response = web.get(reverse("clients:me_privacy"))
    assert response.status_code == 200 and response.context["opens"] == []
    assert response.context["client"] == client_a  # the page is about my record, which I did open


def test_it_pages_newest_first_with_pinned_queries(login, seeker_a, client_a, provider_a,
                                                   django_assert_max_num_queries):
    staff = [UserFactory(first_name=f"Viewer{n:02d}") for n in range(25)]
    for person in staff:
        audit.record(action="client.opened", actor=person, client=client_a, provider=provider_a,
                     detail={"route": "page", "reason": "care", "role": "counsellor"})
    web = login(seeker_a)
    with django_assert_max_num_queries(14):
        first = web.get(reverse("clients:me_privacy"))
    names = [r["name"] for r in first.context["opens"]]
    assert len(names) == 20 and names[0] == staff[-1].display_name
    second = web.get(reverse("clients:me_privacy"), {"page": 2})
    assert [r["name"] for r in second.context["opens"]] == [p.display_name for p in reversed(staff[:5])]


def test_it_speaks_french(login, seeker_b, counsellor_b, client_b):
    login(counsellor_b).get(reverse("clients:detail", args=[client_b.code]))
    page = login(seeker_b).get(reverse("clients:me_privacy")).content.decode()
    assert '<html lang="fr">' in page
    assert "Qui a consulté mon dossier" in page
    assert "Votre fournisseur, qui vous sert" in page


def test_consents_are_granted_and_withdrawn_from_the_privacy_page(login, seeker_a, consent_a):
    web = login(seeker_a)
    page = web.get(reverse("clients:me_privacy")).content.decode()
    assert reverse("caseload:me_consent_withdraw", args=[consent_a.code]) in page
    response = web.post(reverse("caseload:me_consent_withdraw", args=[consent_a.code]))
    assert response.url == reverse("clients:me_privacy")
    consent_a.refresh_from_db()
    assert consent_a.withdrawn_at is not None


def test_an_api_read_is_named_as_such(login, seeker_a, counsellor_a, client_a):
    audit.record_open(client=client_a, actor=counsellor_a, route="api", reason="care")
    rows = login(seeker_a).get(reverse("clients:me_privacy")).context["opens"]
    assert [(r["name"], r["how"]) for r in rows] == [(counsellor_a.display_name, "Read by a connected system")]
