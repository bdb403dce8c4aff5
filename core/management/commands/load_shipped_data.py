from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

# Loaders of the versioned data shipped in the repository, in dependency order.
SHIPPED_LOADERS = ("load_frameworks", "load_rules")


class Command(BaseCommand):
    help = "Load every shipped data file (frameworks, rule sets) idempotently."

    def handle(self, *args, **options):
        available = get_commands()
        for name in SHIPPED_LOADERS:
            if name in available:
                call_command(name, verbosity=options["verbosity"])
