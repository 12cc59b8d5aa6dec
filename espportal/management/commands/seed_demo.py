from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from espportal import demo
from espportal.models import Provider


class Command(BaseCommand):
    help = "Create synthetic demo providers, staff, job seekers and records. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when providers already exist.")
        parser.add_argument("--scale", choices=["small", "province"],
                            help="Instead of the demo: a synthetic network for benchmarks (outcomes/scale.py); "
                                 "province is 50 providers, 500,000 clients, 5,000,000 notes; small is 1/100 of it.")
        parser.add_argument("--fraction", type=float, default=1.0,
                            help="With --scale: multiply the row counts (e.g. 0.1 for a tenth of a province).")

    def handle(self, *args, if_empty=False, scale=None, fraction=1.0, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_demo refuses to run with DJANGO_ENV=production.")
        if scale:
            # The generator writes every app's rows, so it lives in the top app; imported by name (no upward import).
            try:
                import_module("outcomes.scale").generate(scale=scale, fraction=fraction, stdout=self.stdout)
            except ValueError as error:
                raise CommandError(str(error)) from error
            return
        if if_empty and Provider.objects.exists():
            self.stdout.write("Database already has data; demo seed skipped.")
            demo.print_logins(self.stdout, settings.ESP_REQUIRE_MFA)
            return
        context: dict = {}
        # Each app seeds its own rows, lowest first, through a `demo` module with seed(stdout, context).
        with transaction.atomic():
            for config in apps.get_app_configs():
                if config.name == "espportal":
                    context.update(demo.seed(self.stdout))
                elif config.name in ("clients", "caseload", "employers", "outcomes", "outcomes.funding",
                                     "outcomes.quality", "outcomes.kpis") and module_has_submodule(
                    config.module, "demo"
                ):
                    module = import_module(f"{config.name}.demo")
                    context.update(module.seed(self.stdout, context) or {})
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        demo.print_logins(self.stdout, settings.ESP_REQUIRE_MFA)
