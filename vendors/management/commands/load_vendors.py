from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext

from vendors.services import catalogue_load
from vendors.services.loader import SHIPPED_FILE


class Command(BaseCommand):
    help = "Load the shipped vendor catalogue (vendors/data/seed-vendors-v1.yaml) idempotently."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", default=str(SHIPPED_FILE),
            help="A catalogue file named <slug>-v<version>.yaml (default: the shipped one).",
        )

    def handle(self, *args, path, **options):
        try:
            report = catalogue_load(path=path)
        except ValidationError as exc:
            lines = [
                f"{where}: {message}" if where != "__all__" else message
                for where, messages in exc.message_dict.items()
                for message in messages
            ]
            raise CommandError(gettext("The catalogue was not loaded:") + "\n" + "\n".join(lines)) from None
        if report.status == "unchanged":
            self.stdout.write(f"{report.slug} v{report.version}: already loaded, nothing to do.")
            return
        created = ", ".join(f"{count} {what}" for what, count in report.created.items()) or "nothing new"
        self.stdout.write(self.style.SUCCESS(f"{report.slug} v{report.version} loaded: {created}."))
