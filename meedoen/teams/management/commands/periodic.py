"""`meedoen periodic`: one periodic tick, for cron when no `meedoen worker` runs."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from meedoen.teams.periodic import periodic_tick


class Command(BaseCommand):
    help = "Run every periodic job once (due messages, retention, clean-up) and print a report."

    def handle(self, *args: Any, **options: Any) -> None:
        report = periodic_tick(heartbeat="periodic")
        self.stdout.write(json.dumps({"ran": report.ran, "failed": report.failed}, default=str))
        if report.failed:
            raise CommandError(f"{len(report.failed)} periodic job(s) failed")
