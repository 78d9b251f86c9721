"""Delivery of the outbox: claim what is due, send it over one SMTP connection per batch,
and write down what happened to each message right after it happened.

The claim. In one short transaction a worker picks due rows (scheduled and due, or "sending"
with a claim that expired because its worker died) and marks them "sending" with a lease
(``claimed_until``). On PostgreSQL the pick is ``SELECT … FOR UPDATE SKIP LOCKED``, so two
workers never pick the same row and never wait for each other; on SQLite the write transaction
is exclusive from its first statement (``transaction_mode`` IMMEDIATE in the settings).

The lease is also the claim's fencing token: every later write of the worker (renewing the
lease, marking sent, scheduling a retry) only applies while ``claimed_until`` still holds the
value this worker wrote. A worker that stalled past its lease and was overtaken finds its
writes refused, and leaves the message to the worker that holds it now.

At most once per accepted send: each message is marked sent in its own short transaction
immediately after the mail server accepted it. A worker killed between the server's "250
accepted" and that write leaves one message whose claim expires and which is sent again; that
copy carries the same Message-ID (derived from the row's idempotency key), so the receiving
side can recognise it. Nothing else can be sent twice, and nothing is dropped.
"""

from __future__ import annotations

import logging
import os
import smtplib
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from meedoen.messaging.composing import SubjectGone, TextCache, message_render
from meedoen.messaging.mail import message_email
from meedoen.messaging.models import OPTIONAL_KINDS, Message, MessagingSettings
from meedoen.messaging.services.outbox import recipient_is_unsubscribed

logger = logging.getLogger(__name__)

# The claim's row lock is what keeps two workers from sending the same message. The control
# test switches it off once (with a pause between selecting and marking) to show the double
# sending it prevents; nothing else may touch these two.
CLAIM_LOCK = True
_after_select: Callable[[], None] = lambda: None  # noqa: E731

MAX_ATTEMPTS = 10  # with the back-off below: about eight hours of trying
BACKOFF_FIRST = timedelta(minutes=1)
BACKOFF_CAP = timedelta(hours=4)
BATCH_SIZE = 200
# A periodic tick hands back control after this long, even while more is due; the next
# tick (a minute later) goes on.
RUN_BUDGET_SECONDS = 240


class SmtpUnavailable(Exception):
    """The mail server cannot be reached or closed the connection: not the message's fault."""


@dataclass
class DeliveryReport:
    claimed: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    cancelled: int = 0
    # Claimed, then handed back untried because the mail server went away.
    released: int = 0
    # Claims this worker lost to another one after its lease ran out.
    overtaken: int = 0
    smtp_down: str = ""

    def add(self, other: DeliveryReport) -> None:
        for name in ("claimed", "sent", "retrying", "failed", "cancelled", "released"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.overtaken += other.overtaken
        self.smtp_down = other.smtp_down or self.smtp_down

    def as_dict(self) -> dict[str, int | str]:
        return asdict(self)


def lease() -> timedelta:
    return timedelta(seconds=settings.MEEDOEN_OUTBOX_LEASE_SECONDS)


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 … minutes after the 1st, 2nd, 3rd … failed attempt, at most BACKOFF_CAP."""
    return min(BACKOFF_FIRST * (1 << min(max(attempts - 1, 0), 20)), BACKOFF_CAP)


def _clock(start: datetime) -> datetime:
    """The given moment, or the real time once it has passed it: an explicit ``now`` (tests,
    the demo) is honoured exactly, while leases of a long run follow the real clock."""
    return max(start, timezone.now())


def worker_name() -> str:
    """Who claims, for the log: host, process, thread and a random part."""
    return (
        f"{socket.gethostname()[:20]}:{os.getpid()}:{threading.get_ident() % 100000}:"
        f"{get_random_string(6)}"
    )


def outbox_claim(*, limit: int, now: datetime, worker: str) -> list[int]:
    """Claim up to ``limit`` due email messages for this worker; returns their ids.

    Due: scheduled with ``due_at <= now``, or "sending" with a lease that ran out
    (``claimed_until < now``: its worker was killed or stalled)."""
    due = Q(status=Message.Status.SCHEDULED, due_at__lte=now) | Q(
        status=Message.Status.SENDING, claimed_until__lt=now
    )
    with transaction.atomic():
        rows = Message.objects.filter(due, channel=Message.Channel.EMAIL).order_by("due_at", "id")
        if CLAIM_LOCK:
            rows = rows.select_for_update(skip_locked=True)
        ids = list(rows.values_list("pk", flat=True)[:limit])
        _after_select()
        if ids:
            Message.objects.filter(pk__in=ids).update(
                status=Message.Status.SENDING,
                claimed_until=now + lease(),
                attempts=F("attempts") + 1,
            )
    if ids:
        logger.debug("worker %s claimed %d messages", worker, len(ids))
    return ids


class _Batch:
    """The claimed messages of one worker and the writes it may still make to them."""

    def __init__(
        self, *, ids: Iterable[int], now: datetime, worker: str, claimed_until: datetime | None
    ) -> None:
        self.worker = worker
        self.start = now
        self.report = DeliveryReport()
        rows = Message.objects.filter(pk__in=list(ids), status=Message.Status.SENDING)
        if claimed_until is not None:
            rows = rows.filter(claimed_until=claimed_until)
        # The team's sending settings come along (composing and mail.py both read them).
        rows = rows.select_related("team", "team__messaging_settings")
        self.messages = list(rows.order_by("due_at", "id"))
        # Our fencing token per message: the lease we wrote when claiming.
        self.leases = {m.pk: m.claimed_until for m in self.messages}
        self.renewed = time.monotonic()
        self.texts = TextCache()

    def now(self) -> datetime:
        return _clock(self.start)

    def _ours(self, message: Message) -> Q:
        lease_value = self.leases[message.pk]
        return Q(pk=message.pk, status=Message.Status.SENDING, claimed_until=lease_value)

    def _write(self, message: Message, **fields: object) -> bool:
        """Change one of our messages; False when another worker holds it now."""
        changed = Message.objects.filter(self._ours(message)).update(**fields)
        if not changed:
            self.report.overtaken += 1
            logger.warning(
                "worker %s lost its claim on message %s to another worker", self.worker, message.pk
            )
        return bool(changed)

    def renew_if_needed(self, pending: list[Message]) -> list[Message]:
        """Extend the lease of what is still to be sent once half of it has passed; drop
        messages another worker took over in the meantime."""
        if time.monotonic() - self.renewed < lease().total_seconds() / 2:
            return pending
        new_lease = self.now() + lease()
        kept = []
        for message in pending:
            if Message.objects.filter(self._ours(message)).update(claimed_until=new_lease):
                self.leases[message.pk] = new_lease
                kept.append(message)
            else:
                self.report.overtaken += 1
        self.renewed = time.monotonic()
        return kept

    @staticmethod
    def settings_for(message: Message) -> MessagingSettings | None:
        return getattr(message.team, "messaging_settings", None)

    def sent(self, message: Message) -> None:
        if self._write(message, status=Message.Status.SENT, sent_at=self.now(), claimed_until=None):
            self.report.sent += 1

    def cancel(self, message: Message, reason: str) -> None:
        if self._write(
            message, status=Message.Status.CANCELLED, claimed_until=None, last_error=reason[:500]
        ):
            self.report.cancelled += 1

    def retry(self, message: Message, reason: str, *, permanent: bool = False) -> None:
        """Try again later with back-off, or give up after MAX_ATTEMPTS (or at once when the
        mail server said the failure is permanent)."""
        if permanent or message.attempts >= MAX_ATTEMPTS:
            if self._write(
                message,
                status=Message.Status.FAILED,
                claimed_until=None,
                last_error=reason[:500],
            ):
                self.report.failed += 1
            return
        if self._write(
            message,
            status=Message.Status.SCHEDULED,
            due_at=self.now() + backoff(message.attempts),
            claimed_until=None,
            last_error=reason[:500],
        ):
            self.report.retrying += 1

    def release(self, messages: list[Message], reason: str) -> None:
        """Hand back untried messages: due again at once, and this claim does not count as
        an attempt. The caller stops for now, so they wait for the next tick."""
        for message in messages:
            if self._write(
                message,
                status=Message.Status.SCHEDULED,
                claimed_until=None,
                attempts=F("attempts") - 1,
                last_error=reason[:500],
            ):
                self.report.released += 1


def _answer(code: int, text: bytes | str) -> str:
    """The mail server's answer as it said it: "451 4.2.0 Mailbox busy"."""
    words = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
    return f"{code} {' '.join(words.split())}"


def _smtp_error(error: Exception) -> tuple[str, bool, bool]:
    """(reason in words, connection-level?, permanent?) for an error while sending."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in error.recipients.values()]
        answer = "; ".join(_answer(code, text) for code, text in error.recipients.values())
        reason = _("The mail server refused the address: %(answer)s") % {"answer": answer}
        return reason, False, all(500 <= code < 600 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        answer = _answer(error.smtp_code, error.smtp_error)
        if error.smtp_code == 421:
            reason = _("The mail server is not available: %(answer)s") % {"answer": answer}
            return reason, True, False
        reason = _("The mail server refused the message: %(answer)s") % {"answer": answer}
        return reason, False, 500 <= error.smtp_code < 600
    if isinstance(error, smtplib.SMTPServerDisconnected | OSError):
        reason = _("The mail server could not be reached: %(error)s") % {
            "error": str(error) or type(error).__name__
        }
        return reason, True, False
    reason = _("Sending failed: %(error)s") % {"error": f"{type(error).__name__}: {error}"}
    return reason, False, False


def _send(connection: BaseEmailBackend, message: Message, batch: _Batch) -> None:
    """Render, build and send one message, and write down the outcome."""
    if message.kind in OPTIONAL_KINDS and recipient_is_unsubscribed(
        team=message.team, email=message.recipient_email
    ):
        batch.cancel(message, "unsubscribed")
        return
    try:
        rendered = message_render(message, cache=batch.texts)
    except SubjectGone:
        batch.cancel(message, _("What this message was about no longer exists."))
        return
    except Exception as error:
        logger.exception("rendering message %s failed", message.pk)
        batch.retry(
            message,
            _("The message could not be made: %(error)s")
            % {"error": f"{type(error).__name__}: {error}"},
        )
        return
    email = message_email(message=message, rendered=rendered, sending=batch.settings_for(message))
    try:
        accepted = connection.send_messages([email])
    except Exception as error:
        reason, connection_level, permanent = _smtp_error(error)
        batch.retry(message, reason, permanent=permanent)
        if connection_level:
            raise SmtpUnavailable(reason) from error
        logger.warning("message %s not sent: %s", message.pk, reason)
        return
    if accepted:
        batch.sent(message)
    else:
        batch.retry(message, _("The mail server did not accept the message."))


def outbox_deliver(
    *,
    message_ids: Iterable[int],
    now: datetime,
    worker: str = "",
    claimed_until: datetime | None = None,
) -> DeliveryReport:
    """Send claimed messages over one SMTP connection. Call outside a transaction (each
    outcome is committed on its own, so a crash loses at most the message in flight).

    ``claimed_until`` is the lease the claim wrote (``now + lease()`` of ``outbox_claim``):
    given, only messages still under exactly that claim are sent."""
    batch = _Batch(
        ids=message_ids, now=now, worker=worker or worker_name(), claimed_until=claimed_until
    )
    batch.report.claimed = len(batch.messages)
    pending = list(batch.messages)
    connection = get_connection(fail_silently=False)
    try:
        if pending:
            try:
                connection.open()
            except Exception as error:
                reason, _level, _permanent = _smtp_error(error)
                batch.release(pending, reason)
                batch.report.smtp_down = reason
                return batch.report
        while pending:
            pending = batch.renew_if_needed(pending)
            if not pending:
                break
            message = pending.pop(0)
            try:
                _send(connection, message, batch)
            except SmtpUnavailable as down:
                batch.release(pending, str(down))
                batch.report.smtp_down = str(down)
                break
    finally:
        connection.close()
    return batch.report


def outbox_deliver_due(
    *, now: datetime | None = None, limit: int = BATCH_SIZE, worker: str = ""
) -> DeliveryReport:
    """Claim and send what is due, batch after batch, until nothing is due, the mail server
    is down, or RUN_BUDGET_SECONDS have passed. Used by the periodic tick and by the flush
    task that runs right after a message that is due now was enqueued."""
    start = now or timezone.now()
    started = time.monotonic()
    worker = worker or worker_name()
    total = DeliveryReport()
    while time.monotonic() - started < RUN_BUDGET_SECONDS:
        moment = _clock(start)
        ids = outbox_claim(limit=limit, now=moment, worker=worker)
        if not ids:
            break
        report = outbox_deliver(
            message_ids=ids, now=moment, worker=worker, claimed_until=moment + lease()
        )
        total.add(report)
        if report.smtp_down:
            logger.warning("mail server unavailable, stopping for now: %s", report.smtp_down)
            break
    return total
