from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from procurement.services.rule_sets import rule_set_files_load, shipped_rule_files


class Command(BaseCommand):
    help = (
        "Validate and store procurement rule-set versions (default: every file in "
        "procurement/rules/). Idempotent; a batch is stored whole or not at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="rule files, or directories of rule files")

    def handle(self, *args, **options):
        given = [Path(p) for p in options["paths"]]
        paths = self._expand(given) if given else shipped_rule_files()
        if not paths:
            raise CommandError("No rule files (*.yaml) found.")
        outcomes = rule_set_files_load(paths=paths)
        failed = False
        for outcome in outcomes:
            label = f"{outcome.slug} v{outcome.version}" if outcome.slug else outcome.file
            for error in outcome.errors:
                failed = True
                self.stderr.write(str(error))
            if options["verbosity"] >= 1:
                self.stdout.write(f"{label}: {outcome.action}")
        if failed:
            raise CommandError("Rule files have errors; nothing was stored.")

    @staticmethod
    def _expand(paths: list[Path]) -> list[Path]:
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise CommandError(f"No such file: {', '.join(missing)}")
        out: list[Path] = []
        for path in paths:
            if path.is_dir():
                out += sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
            else:
                out.append(path)
        return out
