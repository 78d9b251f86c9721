"""Acceptance 4: a worker process killed with SIGKILL in the middle of a batch; after its lease
runs out a new worker process sends the rest. Nothing is lost.

What "none twice" can mean is decided by one message: the one in flight when the worker died.
The mail server holds that message's DATA; the test kills the worker while it waits for the
server's answer. Two cases, both run:

- the server had not stored the message (the connection broke before the end of the data):
  every message arrives exactly once;
- the server had stored it and its "250 accepted" never reached the dead worker: the new
  worker cannot know and sends it again. That message then arrives twice, with one and the
  same Message-ID (derived from the outbox row), so the receiving side can recognise the copy.
  This is the window of one message per killed worker that no sender over SMTP can close
  (RFC 1047); every other message arrives exactly once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from meedoen.messaging.models import Message
from meedoen.messaging.tests.outbox_support import (
    SinkServer,
    SwitchableSink,
    due_messages,
    expected_message_ids,
    wait_for,
)

pytestmark = pytest.mark.django_db(transaction=True)

COUNT = 30
HOLD_AT = 10  # the sink holds the 10th message: 9 are through when the worker dies
LEASE_SECONDS = 2

WORKER = """
import django
django.setup()
import meedoen.messaging.tests.outbox_support  # the test subject provider, as in the test
from meedoen.messaging.delivery import outbox_deliver_due
print(outbox_deliver_due().as_dict(), flush=True)
"""


def _database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    return (
        f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


def _worker(port: int) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "meedoen.settings.dev",
        "DATABASE_URL": _database_url(),
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "MEEDOEN_OUTBOX_LEASE_SECONDS": str(LEASE_SECONDS),
    }
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", WORKER],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.mark.parametrize(
    "stored_in_flight",
    [False, True],
    ids=["in-flight-message-not-stored", "in-flight-message-stored-answer-lost"],
)
def test_worker_killed_mid_batch_then_restarted_loses_nothing(world, settings, stored_in_flight):
    messages = due_messages(world.team, COUNT, due_at=timezone.now() - timedelta(minutes=1))
    sink = SwitchableSink(hold_at=HOLD_AT, commit_before_hold=stored_in_flight)
    server = SinkServer(sink).start()
    try:
        first = _worker(server.port)
        try:
            assert wait_for(sink.holding.is_set), "the worker never reached the held message"
            first.send_signal(signal.SIGKILL)
        finally:
            if first.poll() is None:
                first.kill()
            first.communicate(timeout=30)
        assert first.returncode == -signal.SIGKILL
        sink.release.set()

        # Each message before the held one was written down as sent right after the server
        # accepted it; the rest are still claimed by the dead worker.
        assert Message.objects.filter(status="sent").count() == HOLD_AT - 1
        assert Message.objects.filter(status="sending").count() == COUNT - HOLD_AT + 1
        claimed_until = Message.objects.filter(status="sending").values_list(
            "claimed_until", flat=True
        )
        lease_end = max(claimed_until)
        # The restarted worker may only take over once the dead worker's lease ran out.
        time.sleep(max(0.0, (lease_end - timezone.now()).total_seconds()) + 0.2)

        second = _worker(server.port)
        output, _ = second.communicate(timeout=120)
        assert second.returncode == 0, output
    finally:
        server.stop()

    assert Message.objects.filter(status="sent").count() == COUNT  # none lost
    counts = sink.message_ids()
    assert set(counts) == expected_message_ids(messages)
    held = messages[HOLD_AT - 1]
    held_id = expected_message_ids([held]).pop()
    twice = {message_id for message_id, n in counts.items() if n > 1}
    if stored_in_flight:
        assert twice == {held_id}  # only the message in flight, under one Message-ID
        assert len(sink.received) == COUNT + 1
    else:
        assert twice == set()
        assert len(sink.received) == COUNT
    assert Message.objects.get(pk=held.pk).attempts == 2
