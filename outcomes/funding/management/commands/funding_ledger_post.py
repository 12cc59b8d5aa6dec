from django.core.management.base import BaseCommand

from outcomes.funding import services


class Command(BaseCommand):
    help = "Post the payment ledger from verified milestones now (the nightly job does the same; safe to rerun)."

    def handle(self, *args, **options):
        result = services.ledger_post()
        self.stdout.write(f"{result['placements']} placements checked, {result['rows']} rows added, "
                          f"{result['skipped']} skipped (posted by another run).")
