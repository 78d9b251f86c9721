"""`meedoen dev`: the development web server and the worker together; Ctrl-C stops both."""

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Start the web server and the task worker together (development)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args: Any, port: str, host: str, **options: Any) -> None:
        command = [sys.executable, "-m", "meedoen"]
        children = [
            subprocess.Popen([*command, "runserver", f"{host}:{port}"]),  # noqa: S603
            subprocess.Popen([*command, "worker"]),  # noqa: S603
        ]

        def stop(signum: int = signal.SIGTERM, frame: object = None) -> None:
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGINT)
            deadline = time.monotonic() + 10
            for child in children:
                try:
                    child.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    child.kill()

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        self.stdout.write(f"Meedoen runs on http://{host}:{port}/ — press Ctrl-C to stop.")
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        stop()
        sys.exit(max((child.returncode or 0) for child in children) if children else 0)
