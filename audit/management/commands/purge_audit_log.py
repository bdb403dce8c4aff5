from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from audit.services import audit_purge


class Command(BaseCommand):
    help = "Remove audit records older than N days (N ≥ the retention, at least 180); keeps the chain verifiable."

    def add_arguments(self, parser):
        parser.add_argument("--older-than-days", type=int, required=True, dest="days")

    def handle(self, *args, days: int, **options):
        try:
            outcome = audit_purge(older_than_days=days)
        except ValidationError as exc:
            raise CommandError(" ".join(m for ms in exc.message_dict.values() for m in ms)) from None
        self.stdout.write(
            f"Removed {outcome.removed} audit records older than {outcome.cutoff.isoformat()}; "
            f"the chain is now anchored at seq {outcome.anchor_seq}."
        )
