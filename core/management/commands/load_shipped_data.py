from django.core.management import call_command
from django.core.management.base import BaseCommand

# Loaders of the versioned data shipped in the repository, in dependency order.
SHIPPED_LOADERS = ("load_frameworks", "load_rules", "load_vendors")


class Command(BaseCommand):
    help = "Load every shipped data file (frameworks, rule sets, vendor catalogue) idempotently."

    def handle(self, *args, **options):
        for name in SHIPPED_LOADERS:
            call_command(name, verbosity=options["verbosity"])
