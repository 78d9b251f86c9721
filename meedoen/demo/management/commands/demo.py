from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from meedoen.demo.loaders import DEMO_LOGINS, demo_load


class Command(BaseCommand):
    help = "Load the demo data (once; running it again changes nothing) and print the logins."

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "MEEDOEN_DEMO_ENABLED", False):
            raise CommandError(
                "Demo data exists only in development settings (meedoen.settings.dev)."
            )
        created = demo_load()
        self.stdout.write("Demo data loaded." if created else "Demo data was already loaded.")
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password: {settings.MEEDOEN_DEMO_PASSWORD}):")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.email:<26} {login.description}")
