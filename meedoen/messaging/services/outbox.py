"""The outbox: a message is created at most once (a unique idempotency key), scheduled for a
due time, and only ever changed by these functions and by delivery."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from meedoen.messaging.models import OPTIONAL_KINDS, Message, Unsubscribe
from meedoen.messaging.tokens import email_hash
from meedoen.teams.models import Team, User


@dataclass(frozen=True)
class Recipient:
    """Who a message goes to. Without email but with a phone number it becomes a call."""

    name: str
    email: str = ""
    phone: str = ""
    language: str = "nl"


def recipient_identity(*, email: str, phone: str, name: str) -> str:
    """What makes the outbox see another recipient: the address, else phone and name."""
    return email.strip().lower() or f"tel:{phone.strip()}|{name}"


def idempotency_key(*, recipient: Recipient, kind: str, subject_key: str, occurrence: str) -> str:
    who = recipient_identity(email=recipient.email, phone=recipient.phone, name=recipient.name)
    raw = "\x1f".join([who, kind, subject_key, occurrence])
    return hashlib.sha256(raw.encode()).hexdigest()


def recipient_is_unsubscribed(*, team: Team, email: str) -> bool:
    hashed = email_hash(email)
    return bool(email) and Unsubscribe.objects.filter(team=team, email_hash=hashed).exists()


def message_enqueue(
    *,
    team: Team,
    kind: str,
    recipient: Recipient,
    subject_key: str,
    occurrence: str = "",
    due_at: datetime | None = None,
    context: dict[str, Any] | None = None,
    created_by: User | None = None,
    now: datetime | None = None,
) -> Message | None:
    """Schedule one message. The same recipient, kind, subject and occurrence give the same row
    back (never a second one). None when there is no way to reach the person, or when the kind
    is optional and they unsubscribed."""
    now = now or timezone.now()
    email = recipient.email.strip().lower()
    if not email and not recipient.phone.strip():
        return None
    if kind in OPTIONAL_KINDS and (not email or recipient_is_unsubscribed(team=team, email=email)):
        return None
    key = idempotency_key(
        recipient=recipient, kind=kind, subject_key=subject_key, occurrence=occurrence
    )
    message = Message(
        team=team,
        kind=kind,
        channel=Message.Channel.EMAIL if email else Message.Channel.CALL,
        recipient_name=recipient.name.strip()[:120],
        recipient_email=email,
        recipient_phone=recipient.phone.strip()[:30],
        language=recipient.language or "nl",
        subject_key=subject_key,
        occurrence=occurrence,
        idempotency_key=key,
        context=context or {},
        due_at=due_at or now,
        created_by=created_by,
        created_at=now,
    )
    # The team is a loaded instance and the database keeps the foreign key: checking it here
    # would cost a query per message (an audience of 500 is 500 queries).
    message.full_clean(exclude=["idempotency_key", "team"])
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        message = _reopen_if_cancelled(key=key, due_at=message.due_at, context=message.context)
    if (
        message.status == Message.Status.SCHEDULED
        and message.channel == Message.Channel.EMAIL
        and message.due_at <= now
    ):
        flush_on_commit()
    return message


def _reopen_if_cancelled(*, key: str, due_at: datetime, context: dict[str, Any]) -> Message:
    """The same message asked for again. A cancelled one comes back (a reminder cancelled when
    the meeting moved close, then due again when it moved away); any other is left as it is,
    so nothing goes out twice."""
    with transaction.atomic():
        existing = Message.objects.select_for_update().get(idempotency_key=key)
        if existing.status == Message.Status.CANCELLED:
            existing.status = Message.Status.SCHEDULED
            existing.due_at = due_at
            existing.context = context
            existing.last_error = ""
            existing.attempts = 0
            existing.claimed_until = None
            # A call that comes back is a new call to make: the old outcome no longer holds.
            existing.call_outcome = ""
            existing.call_noted_at = None
            existing.call_noted_by = None
            existing.save(
                update_fields=[
                    "status",
                    "due_at",
                    "context",
                    "last_error",
                    "attempts",
                    "claimed_until",
                    "call_outcome",
                    "call_noted_at",
                    "call_noted_by",
                ]
            )
    return existing


def _flush_soon() -> None:
    from meedoen.messaging.tasks import outbox_flush

    outbox_flush.enqueue()


def flush_on_commit() -> None:
    """Send what is due right after the commit, with one background task per transaction
    however many messages it enqueued (an audience of 500 is one flush, not 500): a flush
    sends everything due. ``run_on_commit`` holds (savepoint ids, func, robust); a callback
    of a rolled-back savepoint is gone from it, so a later message adds its own again."""
    pending = transaction.get_connection().run_on_commit
    if any(func is _flush_soon for _savepoints, func, _robust in pending):
        return
    transaction.on_commit(_flush_soon)


def messages_cancel(
    *, team: Team | int, subject_key: str, kinds: Iterable[str] | None = None, reason: str = ""
) -> int:
    """Cancel what has not gone out yet for a subject (e.g. a cancelled registration's
    reminder). Sent messages stay as they are: they are history."""
    pending = Message.objects.filter(
        team=team, subject_key=subject_key, status=Message.Status.SCHEDULED
    )
    if kinds is not None:
        pending = pending.filter(kind__in=list(kinds))
    return pending.update(status=Message.Status.CANCELLED, last_error=reason[:500])


def messages_reschedule(*, team: Team | int, subject_key: str, kind: str, due_at: datetime) -> int:
    """Move the due time of what has not gone out yet (a meeting moved, so its reminders)."""
    return Message.objects.filter(
        team=team, subject_key=subject_key, kind=kind, status=Message.Status.SCHEDULED
    ).update(due_at=due_at)


def unsubscribe_record(
    *, team: Team, email_hash_value: str, via: str, now: datetime | None = None
) -> bool:
    """Stop optional mail to this address from this team, and cancel what is scheduled.
    True when this is new; asking twice is harmless."""
    now = now or timezone.now()
    with transaction.atomic():
        _, created = Unsubscribe.objects.get_or_create(
            team=team, email_hash=email_hash_value, defaults={"via": via, "created_at": now}
        )
        pending = Message.objects.filter(
            team=team, status=Message.Status.SCHEDULED, kind__in=list(OPTIONAL_KINDS)
        ).only("id", "recipient_email")
        stale = [m.pk for m in pending if email_hash(m.recipient_email) == email_hash_value]
        Message.objects.filter(pk__in=stale).update(
            status=Message.Status.CANCELLED, last_error="unsubscribed"
        )
    return created
