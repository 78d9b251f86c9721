"""`meedoen worker`: the background-task worker and the periodic tick in one process."""

import logging
import threading
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from meedoen.teams.periodic import periodic_tick
from meedoen.teams.services import worker_heartbeat_record

logger = logging.getLogger("meedoen.worker")

HEARTBEAT_SECONDS = 15


class Command(BaseCommand):
    help = (
        "Run background tasks (django-tasks-db) and, every minute, the periodic tick "
        "(due messages, retention, ...). Stop with Ctrl-C; a running task finishes first."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--periodic-interval",
            type=float,
            default=settings.MEEDOEN_PERIODIC_INTERVAL,
            help="Seconds between periodic ticks (default: %(default)s).",
        )
        parser.add_argument(
            "--task-interval",
            type=float,
            default=1.0,
            help="Seconds to wait for new tasks when the queue is empty (default: %(default)s).",
        )

    def handle(
        self, *args: Any, periodic_interval: float, task_interval: float, **options: Any
    ) -> None:
        worker_id = f"meedoen-{get_random_string(12)}"
        stop = threading.Event()
        periodic = threading.Thread(
            target=self._periodic_loop,
            args=(stop, periodic_interval, worker_id),
            name="meedoen-periodic",
            daemon=True,
        )
        periodic.start()
        self.stdout.write(
            f"Worker {worker_id} started: tasks every {task_interval:g}s when idle, "
            f"periodic tick every {periodic_interval:g}s."
        )
        worker = Worker(
            queue_names=["*"],
            interval=task_interval,
            batch=False,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        worker.configure_signals()
        try:
            worker.run()
        finally:
            stop.set()
            periodic.join(timeout=10)
            self.stdout.write("Worker stopped.")

    def _periodic_loop(self, stop: threading.Event, interval: float, worker_id: str) -> None:
        next_tick = time.monotonic()
        while not stop.is_set():
            try:
                if time.monotonic() >= next_tick:
                    report = periodic_tick(heartbeat=worker_id)
                    next_tick = time.monotonic() + interval
                    if report.failed:
                        logger.warning("periodic jobs failed: %s", report.failed)
                else:
                    worker_heartbeat_record(name=worker_id)
            except Exception:
                logger.exception("periodic tick failed; trying again next time")
            finally:
                close_old_connections()
            stop.wait(min(HEARTBEAT_SECONDS, max(0.5, next_tick - time.monotonic())))
