"""The clients lists' FilterSets, on the API and the staff client list page: a filter narrows, a bad parameter is
a 400."""

from django.urls import reverse

from tests.caseload.factories import make_client


def _codes(response):
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["results"]]


def test_the_client_api_and_page_share_the_search(client_a, provider_a, counsellor_a, login):
    other = make_client(provider_a, registered_by=counsellor_a, first_name="Zora", last_name="Quist")
    web = login(counsellor_a)
    assert _codes(web.get(reverse("clients_api:client-list"), {"q": "quist"})) == [str(other.code)]
    response = web.get(reverse("clients:list"), {"q": "quist"})
    assert response.status_code == 200
    assert [c.code for c in response.context["page"].object_list] == [other.code]


def test_a_search_past_100_characters_is_a_400(counsellor_a, login):
    web = login(counsellor_a)
    response = web.get(reverse("clients_api:client-list"), {"q": "x" * 101})
    assert response.status_code == 400 and "q" in response.json()
    response = web.get(reverse("clients:list"), {"q": "x" * 101})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()


def test_assessments_and_plans_narrow_by_client(assessment_a, plan_a, client_a, provider_a, counsellor_a, login):
    other = make_client(provider_a, registered_by=counsellor_a)
    web = login(counsellor_a)
    for name in ("clients_api:assessment-list", "clients_api:plan-list"):
        assert len(_codes(web.get(reverse(name), {"client": str(client_a.code)}))) == 1
        assert _codes(web.get(reverse(name), {"client": str(other.code)})) == []
        response = web.get(reverse(name), {"client": "not-a-uuid"})
        assert response.status_code == 400 and "client" in response.json()
