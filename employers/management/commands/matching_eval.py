"""Print the matching engine's figures on the labelled evaluation set, next to the recorded ones.

    python manage.py matching_eval [--json]

How the set was made: employers/evaluation/README.md. The rows it needs live only inside a rolled-back transaction.
"""

import json

from django.core.management.base import BaseCommand

from employers.evaluation import metrics


class Command(BaseCommand):
    help = "Precision@5, nDCG@10 and relevance-gate breaks of the matching engine on the labelled evaluation set."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")

    def handle(self, *args, json: bool = False, **options):
        figures = metrics.evaluate()
        if json:
            self.stdout.write(_dumps(figures))
            return
        recorded = metrics.recorded() if metrics.FIGURES.exists() else {}
        self.stdout.write(f"Matching evaluation: {figures['pairs']} labelled pairs, {figures['relevant']} relevant, "
                          f"{figures['suggestions_shown']} suggestions shown")
        self.stdout.write(f"{'':40}{'now':>10}{'baseline':>10}{'after':>10}")
        for direction in ("leads_for_client", "clients_for_lead"):
            for name in ("precision_at_5", "ndcg_at_10", "coverage"):
                row = [figures[direction][name]] + [recorded.get(when, {}).get(direction, {}).get(name, "")
                                                    for when in ("baseline", "after")]
                label = f"{direction.replace('_', ' ')} {name.replace('_at_', '@')}"
                self.stdout.write(f"{label:<40}" + "".join(f"{v!s:>10}" for v in row))
        row = [figures["gate_breaks"]] + [recorded.get(when, {}).get("gate_breaks", "") for when in ("baseline", "after")]
        self.stdout.write(f"{'suggestions breaking the gate':<40}" + "".join(f"{v!s:>10}" for v in row))


def _dumps(value) -> str:
    return json.dumps(value, indent=1, sort_keys=True)
