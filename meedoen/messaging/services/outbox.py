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


def idempotency_key(*, recipient: Recipient, kind: str, subject_key: str, occurrence: str) -> str:
    who = recipient.email.strip().lower() or f"tel:{recipient.phone.strip()}|{recipient.name}"
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
    message.full_clean(exclude=["idempotency_key"])
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        return Message.objects.get(idempotency_key=key)
    if message.channel == Message.Channel.EMAIL and message.due_at <= now:
        transaction.on_commit(_flush_soon)
    return message


def _flush_soon() -> None:
    from meedoen.messaging.tasks import outbox_flush

    outbox_flush.enqueue()


def messages_cancel(
    *, subject_key: str, kinds: Iterable[str] | None = None, reason: str = ""
) -> int:
    """Cancel what has not gone out yet for a subject (e.g. a cancelled registration's
    reminder). Sent messages stay as they are: they are history."""
    pending = Message.objects.filter(subject_key=subject_key, status=Message.Status.SCHEDULED)
    if kinds is not None:
        pending = pending.filter(kind__in=list(kinds))
    return pending.update(status=Message.Status.CANCELLED, last_error=reason[:500])


def messages_reschedule(*, subject_key: str, kind: str, due_at: datetime) -> int:
    """Move the due time of what has not gone out yet (a meeting moved, so its reminders)."""
    return Message.objects.filter(
        subject_key=subject_key, kind=kind, status=Message.Status.SCHEDULED
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
