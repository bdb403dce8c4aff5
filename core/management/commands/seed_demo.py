from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.demo import demo_data_ensure


class Command(BaseCommand):
    help = "Create the demo body, cloud and one user per role (idempotent); print the logins."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("Demo data is only created with GOVCLOUD_DEMO=true (never in production).")
        logins = demo_data_ensure()
        self.stdout.write("Demo logins (also in var/demo-logins.json):")
        for login in logins:
            self.stdout.write(f"  {login.role:<14} {login.username:<16} {login.password}")
