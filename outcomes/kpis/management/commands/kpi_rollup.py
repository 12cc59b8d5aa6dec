import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from outcomes.kpis import rollup


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value!r}") from None


class Command(BaseCommand):
    help = ("Recompute the ministry KPI rollups for every month, fiscal quarter and fiscal year overlapping "
            "--from..--to (dates, YYYY-MM-DD). Safe to run again: each period's rows are replaced.")

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", required=True, type=_date)
        parser.add_argument("--to", dest="last", required=True, type=_date)
        parser.add_argument("--kind", action="append", choices=rollup.KINDS,
                            help="only these period kinds (repeatable); all three by default")

    def handle(self, *args, first, last, kind=None, **options):
        if first > last:
            raise CommandError("--from must not be after --to.")
        rows = rollup.rollup_range(first, last, kinds=tuple(kind or rollup.KINDS))
        self.stdout.write(f"KPI rollup {first}..{last}: {rows} rows written.\n")
