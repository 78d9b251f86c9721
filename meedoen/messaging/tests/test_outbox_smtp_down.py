"""Acceptance 2: the mail server goes down in the middle of a batch and comes back later:
every message is delivered, none twice (counted by Message-ID at a real SMTP server)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from meedoen.messaging.delivery import outbox_deliver_due
from meedoen.messaging.models import Message
from meedoen.messaging.tests.outbox_support import (
    SinkServer,
    SwitchableSink,
    due_messages,
    expected_message_ids,
)

pytestmark = pytest.mark.django_db

NOW = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
COUNT = 60
DOWN_AFTER = 20


def _statuses() -> dict[str, int]:
    counts: dict[str, int] = {}
    for status in Message.objects.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def test_smtp_down_during_a_batch_then_back_delivers_everything_once(world, settings):
    messages = due_messages(world.team, COUNT, due_at=NOW)
    sink = SwitchableSink(down_after=DOWN_AFTER)
    server = SinkServer(sink).start()
    server.point_django_here(settings)
    try:
        # 1. The server accepts 20 messages, then answers "421 not available" and hangs up.
        first = outbox_deliver_due(now=NOW, limit=COUNT)
        assert first.sent == DOWN_AFTER
        assert first.retrying == 1  # the one that met the 421 waits for its back-off
        assert first.released == COUNT - DOWN_AFTER - 1  # the rest were not even tried
        assert "421" in first.smtp_down
        assert _statuses() == {"sent": DOWN_AFTER, "scheduled": COUNT - DOWN_AFTER}
        untried = Message.objects.filter(status="scheduled", attempts=0)
        assert untried.count() == COUNT - DOWN_AFTER - 1  # handing back costs no attempt
        assert all("421" in m.last_error for m in Message.objects.filter(status="scheduled"))

        # 2. Now it is down altogether: connection refused. Nothing is lost or used up.
        server.stop()
        later = NOW + timedelta(minutes=2)
        second = outbox_deliver_due(now=later)
        assert second.sent == 0
        assert second.smtp_down
        assert _statuses() == {"sent": DOWN_AFTER, "scheduled": COUNT - DOWN_AFTER}
        assert set(
            Message.objects.filter(status="scheduled").values_list("attempts", flat=True)
        ) <= {0, 1}

        # 3. Back (same address), accepting again: the next tick delivers the rest.
        sink.down_after = None
        server = SinkServer(sink, port=server.port).start()
        third = outbox_deliver_due(now=later + timedelta(minutes=1))
        assert third.sent == COUNT - DOWN_AFTER
    finally:
        server.stop()
    assert _statuses() == {"sent": COUNT}
    counts = sink.message_ids()
    assert set(counts) == expected_message_ids(messages)  # every message arrived …
    assert max(counts.values()) == 1  # … and none twice
    assert len(sink.received) == COUNT
