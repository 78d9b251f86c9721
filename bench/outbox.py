"""Benchmark of outbox delivery (issue 7, acceptance 6). Not part of CI.

Makes a team and 10,000 due reminders in a throwaway database, starts a local SMTP sink
(aiosmtpd, in a process of its own), runs the delivery the periodic tick runs, and counts what
arrived by Message-ID. Each reminder is rendered in full (team text, practical information,
check-in QR image, .ics attachment) and sent over real SMTP on localhost.

    python bench/outbox.py                        # SQLite in a temporary folder
    python bench/outbox.py --messages 2000
    python bench/outbox.py --workers 2 --database-url postgres://postgres@127.0.0.1/bench_outbox

With --database-url the database is created for the run and dropped afterwards (PostgreSQL:
give a database name that does not exist yet). The last line of the output is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1, help="threads delivering at once")
    parser.add_argument("--batch", type=int, default=200, help="messages per claim")
    parser.add_argument("--database-url", default="", help="default: SQLite in a temp folder")
    return parser.parse_args()


SINK = """
import asyncio, json, sys
from collections import Counter
from aiosmtpd.controller import Controller

class CountingSink:
    def __init__(self):
        self.ids = Counter()

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content
        start = data.find(b"Message-ID:")
        end = data.find(b">", start)
        self.ids[data[start:end].split(b"<")[-1].decode()] += 1
        return "250 Message accepted for delivery"

sink = CountingSink()
controller = Controller(sink, hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print("ready", flush=True)
sys.stdin.read()  # until the benchmark closes our stdin
controller.stop()
print(json.dumps(sink.ids), flush=True)
"""


def start_sink(port: int) -> subprocess.Popen[str]:
    """The SMTP sink (aiosmtpd) in a process of its own, like a real mail server: it counts
    Message-IDs and reports them when its stdin closes."""
    sink = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", SINK, str(port)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    if sink.stdout is None or sink.stdout.readline().strip() != "ready":
        sink.kill()
        sink.wait(timeout=10)
        raise RuntimeError("the SMTP sink did not start")
    return sink


def main() -> None:
    args = _arguments()
    folder = tempfile.mkdtemp(prefix="meedoen-bench-outbox-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "meedoen.settings.test"
    os.environ["MEEDOEN_VAR_DIR"] = folder
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{folder}/bench.sqlite3"

    import django

    django.setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import close_old_connections, connection
    from django.utils import timezone

    from meedoen.messaging.delivery import outbox_deliver_due
    from meedoen.messaging.models import Message, MessageKind
    from meedoen.messaging.tests.outbox_support import due_messages, free_port
    from meedoen.teams.models import Team

    vendor = connection.vendor
    if vendor == "postgresql":
        # A database of its own, made for this run.
        name = settings.DATABASES["default"]["NAME"]
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
    sink: subprocess.Popen[str] | None = None
    # Whatever fails from here on, the database is dropped and the sink is stopped.
    try:
        call_command("migrate", verbosity=0)

        port = free_port()
        sink = start_sink(port)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""

        team = Team.objects.create(name="Wijkteam Bench", slug="bench", municipality="Rivierstad")
        made = time.perf_counter()
        messages = due_messages(
            team, args.messages, kind=MessageKind.REMINDER, due_at=timezone.now()
        )
        made = time.perf_counter() - made
        expected = {m.idempotency_key[:32] for m in messages}

        def worker(number: int) -> None:
            try:
                outbox_deliver_due(limit=args.batch, worker=f"bench-{number}")
            finally:
                close_old_connections()

        start = time.perf_counter()
        if args.workers == 1:
            worker(0)  # in this thread, so a profiler sees it
        else:
            threads = [threading.Thread(target=worker, args=(n,)) for n in range(args.workers)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        seconds = time.perf_counter() - start
        output, _ = sink.communicate("", timeout=60)
        arrived: dict[str, int] = json.loads(output.strip().splitlines()[-1])

        received = {key.split("@")[0] for key in arrived}
        duplicates = sum(count - 1 for count in arrived.values())
        missing = len(expected - received)
        sent_rows = Message.objects.filter(status="sent").count()
    finally:
        if sink is not None and sink.poll() is None:
            sink.kill()
            sink.wait(timeout=10)
        connection.close()
        if vendor == "postgresql":
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{settings.DATABASES["default"]["NAME"]}"')
        shutil.rmtree(folder, ignore_errors=True)
    result = {
        "messages": args.messages,
        "workers": args.workers,
        "batch": args.batch,
        "database": vendor,
        "seconds": round(seconds, 2),
        "per_second": round(args.messages / seconds, 1),
        "received": sum(arrived.values()),
        "duplicates": duplicates,
        "missing": missing,
        "rows_marked_sent": sent_rows,
        "seconds_to_create_rows": round(made, 2),
    }
    print(
        f"{args.messages} reminders, {args.workers} worker(s), {vendor}: "
        f"{result['per_second']} messages/s, {duplicates} duplicates, {missing} missing"
    )
    print(json.dumps(result))
    assert duplicates == 0 and missing == 0 and sent_rows == args.messages, result


if __name__ == "__main__":
    main()
