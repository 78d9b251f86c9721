"""Acceptance 3: two workers, each with its own database connection, race over 1,000 due
messages into one real SMTP server: each message arrives exactly once. The control switches
the claim's row lock off and shows the double sending it prevents (PostgreSQL)."""

from __future__ import annotations

import email
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone

from meedoen.messaging import delivery
from meedoen.messaging.models import Message
from meedoen.messaging.tests.outbox_support import due_messages, expected_message_ids

pytestmark = pytest.mark.django_db(transaction=True)

MESSAGES = 1000
WORKERS = 2
BATCH = 50  # small batches: many claim rounds, so the workers meet often


def _race() -> list[delivery.DeliveryReport]:
    barrier = threading.Barrier(WORKERS)

    def worker(number: int) -> delivery.DeliveryReport:
        try:
            barrier.wait(timeout=30)
            return delivery.outbox_deliver_due(limit=BATCH, worker=f"racer-{number}")
        finally:
            close_old_connections()
            connection.close()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(worker, range(WORKERS)))


def _received_ids(smtp_server) -> list[str]:
    return [
        str(email.message_from_bytes(m.data)["Message-ID"]).strip() for m in smtp_server.messages
    ]


@pytest.fixture
def due(world):
    return due_messages(world.team, MESSAGES, due_at=timezone.now() - timedelta(minutes=1))


def test_two_workers_send_each_of_1000_messages_exactly_once(due, smtp_server):
    reports = _race()
    assert sum(r.sent for r in reports) == MESSAGES
    assert all(r.sent > 0 for r in reports), "both workers took part"
    assert sum(r.overtaken for r in reports) == 0
    received = _received_ids(smtp_server)
    assert len(received) == MESSAGES
    assert set(received) == expected_message_ids(due)
    assert Message.objects.filter(status="sent").count() == MESSAGES
    assert set(Message.objects.values_list("attempts", flat=True)) == {1}


def test_control_without_the_claim_lock_messages_go_out_twice(due, smtp_server, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip(
            "control race needs PostgreSQL: SQLite lets only one writer in at a time, so even "
            "without the row lock two claims cannot overlap (the PostgreSQL run in CI shows it)"
        )
    monkeypatch.setattr(delivery, "CLAIM_LOCK", False)
    monkeypatch.setattr(delivery, "_after_select", lambda: time.sleep(0.05))
    _race()
    received = _received_ids(smtp_server)
    assert len(received) > MESSAGES
    assert len(received) - len(set(received)) > 0  # the same Message-ID arrived twice
    assert set(received) == expected_message_ids(due)
