"""NOC 2021 and skills reference data: the data migration and the import_noc command."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from clients.models import Occupation, ServiceCatalogueEntry, Skill

pytestmark = pytest.mark.django_db

REQUIRED_UNITS = ["11100", "21231", "21232", "21234", "31301", "33102", "63200", "64100", "65100", "73300",
                  "72310", "72200", "13110", "14101", "75101", "42202", "12200", "64409"]


def test_the_migration_loads_categories_major_groups_and_the_unit_groups_in_use():
    assert Occupation.objects.filter(level=1).count() == 10
    assert Occupation.objects.filter(level=2).count() >= 40
    units = Occupation.objects.filter(level=5)
    assert set(REQUIRED_UNITS) <= set(units.values_list("code", flat=True))
    assert units.count() >= 60
    developer = Occupation.objects.get(code="21232")
    chain = [developer.parent.code, developer.parent.parent.code, developer.parent.parent.parent.code,
             developer.parent.parent.parent.parent.code]
    assert chain == ["2123", "212", "21", "2"]
    assert (developer.title, developer.teer) == ("Software developers and programmers", 1)
    assert Occupation.objects.get(code="33102").teer == 3
    assert Occupation.objects.get(code="2").teer is None


def test_the_migration_loads_skills_and_a_catalogue_with_real_lengths():
    assert Skill.objects.count() >= 40
    resume = ServiceCatalogueEntry.objects.get(code="resume-workshop")
    assert (resume.kind, resume.format, resume.duration_hours) == ("resume", "workshop", 3)
    kinds = set(ServiceCatalogueEntry.objects.values_list("kind", flat=True))
    assert {"resume", "interview_practice", "training", "mentoring", "internship", "volunteer",
            "social_media", "ats_keywords", "credential_recognition", "apprenticeship",
            "self_employment", "information_interview", "coaching"} <= kinds


CSV = """Level,Hierarchical structure,Code - NOC 2021 V1.0,Class title,Class definition
1,Broad occupational category,9,Occupations in manufacturing and utilities,Manufacturing.
2,Major group,94,"Machine operators, assemblers and inspectors in processing, manufacturing and printing",Operators.
3,Sub-major group,941,Machine operators and related workers in natural resources processing,Processing.
4,Minor group,9410,Machine operators in mineral and metal processing,Metal.
5,Unit group,94100,"Machine operators, mineral and metal processing",Operate machines that process ore.
5,Unit group,21232,Software developers and programmers,Write code.
"""


def test_import_noc_reads_the_statcan_csv_and_is_idempotent(tmp_path):
    path = tmp_path / "noc.csv"
    path.write_text(CSV, encoding="utf-8-sig")
    out = StringIO()
    call_command("import_noc", str(path), stdout=out)
    assert "3 created, 3 updated" in out.getvalue()  # 9, 94 and 21232 came from the migration, no definition
    operator = Occupation.objects.get(code="94100")
    assert (operator.level, operator.teer, operator.parent.code) == (5, 4, "9410")
    assert operator.definition == "Operate machines that process ore."
    assert Occupation.objects.get(code="21232").title_fr.startswith("Développeurs")  # French titles are kept

    again = StringIO()
    call_command("import_noc", str(path), stdout=again)
    assert "0 created, 0 updated, 6 unchanged" in again.getvalue()


def test_import_noc_refuses_a_file_without_the_structure_columns(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("Code,Title\n21232,Developers\n")
    with pytest.raises(CommandError, match="missing column"):
        call_command("import_noc", str(path))


# The header of Statistics Canada's French structure file (cnp_2021_version_1.0_-_structure_de_la_classification.csv),
# with rows whose titles are the ones clients/migrations/0003 loaded from Statistics Canada for the unit groups.
CSV_FR = """Niveau,Structure hiérarchique,Code dela CNP 2021 v1.0,Titres de classes,Définitions de la classe
2,Grand groupe,21,Titre officiel du grand groupe 21,
5,Groupe de base,21231,Ingénieurs/ingénieures et concepteurs/conceptrices en logiciel,
5,Groupe de base,99999,Groupe absent de la base,
"""


def test_import_noc_loads_the_french_titles_from_the_french_structure_file(tmp_path):
    path = tmp_path / "cnp.csv"
    path.write_text(CSV_FR, encoding="utf-8-sig")
    out = StringIO()
    call_command("import_noc", str(path), stdout=out)

    assert "CNP 2021 French titles: 1 updated, 1 unchanged, 1 not in the database." in out.getvalue()
    major = Occupation.objects.get(code="21")
    assert (major.title_fr, major.title) == ("Titre officiel du grand groupe 21",
                                             "Professional occupations in natural and applied sciences")
    assert not Occupation.objects.filter(code="99999").exists()  # French titles name rows; they create none
