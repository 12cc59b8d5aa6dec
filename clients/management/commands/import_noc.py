"""Load or refresh NOC 2021 from Statistics Canada's classification structure CSV.

The file has the columns: Level, Hierarchical structure, Code - NOC 2021 V1.0, Class title, Class definition.
Running it twice changes nothing the second time; French titles already stored are kept.
"""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clients.models import Occupation

COLUMNS = {"level": "Level", "code": "Code - NOC 2021 V1.0", "title": "Class title",
           "definition": "Class definition"}


def read_rows(path: Path) -> list[dict]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")  # the file as some spreadsheet programs save it
    reader = csv.DictReader(text.splitlines())
    missing = [name for name in COLUMNS.values() if name not in (reader.fieldnames or [])]
    if missing:
        raise CommandError(f"{path}: missing column(s) {', '.join(missing)}")
    rows = []
    for line, row in enumerate(reader, start=2):
        try:
            level = int(row[COLUMNS["level"]].strip())
        except ValueError as error:
            raise CommandError(f"{path}:{line}: level {row[COLUMNS['level']]!r} is not a number") from error
        code = row[COLUMNS["code"]].strip()
        if level not in range(1, 6) or not code.isdigit():
            raise CommandError(f"{path}:{line}: bad level or code ({level}, {code!r})")
        rows.append({"level": level, "code": code.zfill(level), "title": row[COLUMNS["title"]].strip(),
                     "definition": (row.get(COLUMNS["definition"]) or "").strip()})
    return rows


class Command(BaseCommand):
    help = "Import the NOC 2021 structure CSV from Statistics Canada (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("csv_path", type=Path)

    def handle(self, *args, csv_path: Path, **options):
        if not csv_path.exists():
            raise CommandError(f"{csv_path} does not exist")
        rows = sorted(read_rows(csv_path), key=lambda row: (row["level"], row["code"]))
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
