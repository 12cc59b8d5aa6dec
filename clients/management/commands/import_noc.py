"""Load or refresh NOC 2021 from Statistics Canada's classification structure CSV, English or French.

The English file (noc_2021_version_1.0_-_classification_structure.csv) has the columns Level, Hierarchical
structure, Code - NOC 2021 V1.0, Class title, Class definition: it creates or updates the rows, keeping the French
titles already stored. The French one (cnp_2021_version_1.0_-_structure_de_la_classification.csv: Niveau, Structure
hiérarchique, Code dela CNP 2021 v1.0, Titres de classes, Définitions de la classe) sets the official French title
of the rows already loaded, at every level. Running either twice changes nothing the second time.
"""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clients.models import Occupation

COLUMNS = {"level": "Level", "code": "Code - NOC 2021 V1.0", "title": "Class title",
           "definition": "Class definition"}
COLUMNS_FR = {"level": "Niveau", "code": "Code dela CNP 2021 v1.0", "title": "Titres de classes",
              "definition": "Définitions de la classe"}  # "dela" is Statistics Canada's spelling


def read_rows(path: Path) -> tuple[str, list[dict]]:
    """("en" or "fr", rows of {level, code, title, definition}) from either structure file; CommandError when the
    file is neither, or a row's level or code is not NOC 2021's."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")  # the file as some spreadsheet programs save it
    reader = csv.DictReader(text.splitlines())
    language, columns = ("fr", COLUMNS_FR) if COLUMNS_FR["code"] in (reader.fieldnames or []) else ("en", COLUMNS)
    missing = [name for name in columns.values() if name not in (reader.fieldnames or [])]
    if missing:
        raise CommandError(f"{path}: missing column(s) {', '.join(missing)}")
    rows = []
    for line, row in enumerate(reader, start=2):
        try:
            level = int(row[columns["level"]].strip())
        except ValueError as error:
            raise CommandError(f"{path}:{line}: level {row[columns['level']]!r} is not a number") from error
        code = row[columns["code"]].strip()
        if level not in range(1, 6) or not code.isdigit():
            raise CommandError(f"{path}:{line}: bad level or code ({level}, {code!r})")
        rows.append({"level": level, "code": code.zfill(level), "title": row[columns["title"]].strip(),
                     "definition": (row.get(columns["definition"]) or "").strip()})
    return language, rows


def french_titles_load(rows: list[dict]) -> tuple[int, int, int]:
    """Set title_fr from the French file's rows: (updated, unchanged, not in the database)."""
    known = {o.code: o for o in Occupation.objects.filter(code__in=[row["code"] for row in rows])}
    updated = unchanged = 0
    for row in rows:
        occupation = known.get(row["code"])
        if occupation is None:
            continue
        if occupation.title_fr == row["title"]:
            unchanged += 1
            continue
        occupation.title_fr = row["title"]
        occupation.save(update_fields=["title_fr"])
        updated += 1
    return updated, unchanged, len(rows) - updated - unchanged


class Command(BaseCommand):
    help = "Import the NOC 2021 structure CSV from Statistics Canada (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("csv_path", type=Path)

    def handle(self, *args, csv_path: Path, **options):
        if not csv_path.exists():
            raise CommandError(f"{csv_path} does not exist")
        language, rows = read_rows(csv_path)
        if language == "fr":
            with transaction.atomic():
                updated, unchanged, absent = french_titles_load(rows)
            self.stdout.write(f"CNP 2021 French titles: {updated} updated, {unchanged} unchanged, "
                              f"{absent} not in the database.")
            return
        rows = sorted(rows, key=lambda row: (row["level"], row["code"]))
        created = updated = unchanged = 0
        with transaction.atomic():
            known = {o.code: o for o in Occupation.objects.all()}
            for row in rows:
                parent = None
                if row["level"] > 1:
                    parent = known.get(row["code"][:-1])
                    if parent is None:
                        raise CommandError(f"NOC {row['code']} has no parent {row['code'][:-1]} in the file or "
                                           f"the database")
                values = {"level": row["level"], "title": row["title"], "definition": row["definition"],
                          "parent": parent, "teer": Occupation.teer_of(row["code"]) if row["level"] > 1 else None}
                existing = known.get(row["code"])
                if existing is not None and all(getattr(existing, k) == v for k, v in values.items()):
                    unchanged += 1
                    continue
                occupation, was_created = Occupation.objects.update_or_create(code=row["code"], defaults=values)
                known[row["code"]] = occupation
                created += was_created
                updated += not was_created
        self.stdout.write(f"NOC 2021: {created} created, {updated} updated, {unchanged} unchanged.")
