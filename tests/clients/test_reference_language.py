"""Reference data has both names and shows the reader's (issue 14 §4): skills, NOC titles (unit groups and the
major groups the labour-market view counts), the service catalogue; drop-downs and pages render the active language."""

import pytest
from django.urls import reverse
from django.utils import translation

from clients.models import Occupation, ServiceCatalogueEntry, Skill


@pytest.mark.django_db
def test_every_reference_row_a_person_reads_has_a_french_name():
    assert not Skill.objects.filter(name_fr="").exists()
    assert not ServiceCatalogueEntry.objects.filter(name_fr="").exists()
    for level in (Occupation.Level.BROAD, Occupation.Level.MAJOR, Occupation.Level.UNIT):
        assert not Occupation.objects.filter(level=level, title_fr="").exists(), level


@pytest.mark.django_db
def test_reference_rows_read_in_the_active_language():
    teamwork, cashiers = Skill.objects.get(code="teamwork"), Occupation.objects.get(code="65100")
    volunteer = ServiceCatalogueEntry.objects.get(code="volunteer-placement")
    with translation.override("en"):
        assert (str(teamwork), str(cashiers), str(volunteer)) == (
            "Teamwork", "Cashiers (NOC 65100)", "Volunteer placement")
    with translation.override("fr"):
        assert (str(teamwork), str(cashiers), str(volunteer)) == (
            "Travail d'équipe", "Caissiers/caissières (CNP 65100)", "Placement bénévole")
        assert Occupation.objects.get(code="65").display_title == "Personnel de soutien des ventes et des services"


def test_the_labour_market_names_major_groups_in_the_readers_language(login, manager_a, provider_a):
    from tests.employers.factories import LeadFactory, noc

    LeadFactory(provider=provider_a, occupation=noc("65100"))
    manager_a.preferred_language = "fr"
    manager_a.save(update_fields=["preferred_language"])
    page = login(manager_a).get(reverse("employers:labour_market")).content.decode()
    assert "65 Personnel de soutien des ventes et des services" in page
    assert "Sales and service support occupations" not in page


def test_the_lead_forms_skills_read_in_french(login, developer_a, provider_a):
    from tests.employers.factories import EmployerFactory

    developer_a.preferred_language = "fr"
    developer_a.save(update_fields=["preferred_language"])
    employer = EmployerFactory()
    page = login(developer_a).get(reverse("employers:lead_create", args=[employer.code])).content.decode()
    assert "Travail d&#x27;équipe" in page and ">Teamwork<" not in page
