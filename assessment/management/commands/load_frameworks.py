from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessment.services.frameworks import framework_files_load, shipped_framework_files


class Command(BaseCommand):
    help = "Validate and store indicator framework versions (default: every shipped file)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="framework YAML files")

    def handle(self, *args, **options):
        paths = [Path(p) for p in options["paths"]] or shipped_framework_files()
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise CommandError(f"No such file: {', '.join(missing)}")
        outcomes = framework_files_load(paths=paths)
        failed = False
        for outcome in outcomes:
            label = f"{outcome.slug} v{outcome.version}" if outcome.slug else outcome.file
            if outcome.errors:
                failed = True
                for error in outcome.errors:
                    self.stderr.write(str(error))
            if options["verbosity"] >= 1:
                self.stdout.write(f"{label}: {outcome.action}")
        if failed:
            raise CommandError("Framework files have errors; nothing was stored.")
