from django.core.management.base import BaseCommand, CommandError

from audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = "Walk the audit log's hash chain; report the first broken record and exit non-zero."

    def handle(self, *args, **options):
        report = audit_chain_verify()
        if not report.ok:
            raise CommandError(
                f"Audit log BROKEN at record seq {report.broken_seq}: {report.reason} "
                f"({report.checked} records verified before it)."
            )
        self.stdout.write(
            f"Audit log OK: {report.checked} records verified from anchor seq {report.anchor_seq}."
        )
