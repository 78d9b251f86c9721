"""Every read of messages, texts, settings and contacts, scoped to the actor's team (404 for
another team's object), and the moments messages are due.

Messages of one meeting are found by the ``meeting_id`` their sender put into the context, so
messaging needs no knowledge of registrations or meetings to list them."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Expression, QuerySet
from django.utils import timezone

from meedoen.messaging import subjects
from meedoen.messaging.models import (
    Contact,
    Message,
    MessageKind,
    MessageTemplate,
    MessagingSettings,
    PracticalNote,
    Unsubscribe,
)
from meedoen.messaging.tokens import email_hash
from meedoen.teams.models import Membership, Team
from meedoen.teams.selectors import one_or_404

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CALL_LIST_DAYS = 7  # calls show on the call list from this many days before they are due


# ---------------------------------------------------------------------------------------------
# Settings and due moments


def messaging_settings_of(*, team: Team) -> MessagingSettings:
    """The team's settings; the defaults (not saved) when it never changed them."""
    found = MessagingSettings.objects.filter(team=team).first()
    return found if found is not None else MessagingSettings(team=team)


def _at(day: dt.date, time: dt.time) -> datetime:
    return datetime.combine(day, time, tzinfo=AMSTERDAM)


def reminder_due_at(
    *, team: Team, starts_at: datetime, settings: MessagingSettings | None = None
) -> datetime | None:
    """The reminder's moment: N days before the meeting's day at the team's time (Amsterdam).
    None when that moment is not before the start. Pass ``settings`` (from
    ``messaging_settings_of``) when asking for many meetings of one team."""
    settings = settings or messaging_settings_of(team=team)
    day = timezone.localtime(starts_at, AMSTERDAM).date() - timedelta(
        days=settings.reminder_days_before
    )
    due = _at(day, settings.reminder_time)
    return due if due < starts_at else None


def thanks_due_at(
    *, team: Team, ends_at: datetime, settings: MessagingSettings | None = None
) -> datetime:
    settings = settings or messaging_settings_of(team=team)
    day = timezone.localtime(ends_at, AMSTERDAM).date() + timedelta(days=settings.thanks_days_after)
    return max(_at(day, settings.thanks_time), ends_at)


# ---------------------------------------------------------------------------------------------
# Messages of a meeting


def messages_of_meeting(*, team: Team | int, meeting_id: int) -> QuerySet[Message]:
    return Message.objects.filter(team=team, context__meeting_id=meeting_id)


@dataclass(frozen=True)
class MessageCounts:
    scheduled: int
    sent: int
    failed: int
    cancelled: int
    calls_open: int

    @property
    def total(self) -> int:
        return self.scheduled + self.sent + self.failed + self.cancelled


def message_counts(
    *, actor: Membership, meeting_id: int, meeting_ends_at: datetime, now: datetime
) -> MessageCounts:
    """Email messages per status, and the calls that are on the call list now."""
    rows = messages_of_meeting(team=actor.team_id, meeting_id=meeting_id)
    emails = Counter(
        rows.filter(channel=Message.Channel.EMAIL).values_list("status", flat=True).iterator()
    )
    return MessageCounts(
        scheduled=emails[Message.Status.SCHEDULED] + emails[Message.Status.SENDING],
        sent=emails[Message.Status.SENT],
        failed=emails[Message.Status.FAILED],
        cancelled=emails[Message.Status.CANCELLED],
        calls_open=calls_to_make(
            actor=actor, meeting_id=meeting_id, meeting_ends_at=meeting_ends_at, now=now
        ).count(),
    )


def messages_for_meeting(
    *, actor: Membership, meeting_id: int, status: str = ""
) -> QuerySet[Message]:
    rows = messages_of_meeting(team=actor.team_id, meeting_id=meeting_id).select_related(
        "call_noted_by"
    )
    if status == Message.Status.SCHEDULED:
        rows = rows.filter(status__in=[Message.Status.SCHEDULED, Message.Status.SENDING])
    elif status:
        rows = rows.filter(status=status)
    return rows.order_by("-due_at", "-id")


def message_for_actor(*, actor: Membership, message_id: int) -> Message:
    return one_or_404(Message.objects.filter(team=actor.team_id, pk=message_id))


def _open_calls(*, actor: Membership, meeting_id: int) -> QuerySet[Message]:
    return messages_of_meeting(team=actor.team_id, meeting_id=meeting_id).filter(
        channel=Message.Channel.CALL,
        status=Message.Status.SCHEDULED,
        call_outcome__in=["", Message.CallOutcome.NO_ANSWER],
    )


def calls_to_make(
    *, actor: Membership, meeting_id: int, meeting_ends_at: datetime, now: datetime
) -> QuerySet[Message]:
    """Calls due within the coming week (or already due) that are not done: never tried, or
    tried without an answer (they stay until someone is reached). None once the meeting is
    over."""
    if meeting_ends_at <= now:
        return Message.objects.none()
    return _open_calls(actor=actor, meeting_id=meeting_id).filter(
        due_at__lte=now + timedelta(days=CALL_LIST_DAYS)
    )


def calls_later(
    *, actor: Membership, meeting_id: int, meeting_ends_at: datetime, now: datetime
) -> QuerySet[Message]:
    """Calls that come on the list later (more than a week ahead)."""
    if meeting_ends_at <= now:
        return Message.objects.none()
    return _open_calls(actor=actor, meeting_id=meeting_id).filter(
        due_at__gt=now + timedelta(days=CALL_LIST_DAYS)
    )


def calls_noted(*, actor: Membership, meeting_id: int) -> QuerySet[Message]:
    """Calls that were made (reached the person, or they cancelled)."""
    return (
        messages_of_meeting(team=actor.team_id, meeting_id=meeting_id)
        .filter(channel=Message.Channel.CALL, status=Message.Status.SENT)
        .select_related("call_noted_by")
        .order_by("-call_noted_at")
    )


def meeting_kind_done(*, team: Team | int, meeting_id: int, kind: str, now: datetime) -> bool:
    """At least one email of this kind went out for the meeting and none that is due waits
    (used to tick the meeting's checklist)."""
    rows = messages_of_meeting(team=team, meeting_id=meeting_id).filter(
        kind=kind, channel=Message.Channel.EMAIL
    )
    if not rows.filter(status=Message.Status.SENT).exists():
        return False
    return not rows.filter(
        status__in=[Message.Status.SCHEDULED, Message.Status.SENDING], due_at__lte=now
    ).exists()


def messages_count(*, team: Team | int, subject_key: str, kind: str) -> int:
    """How many messages of a kind a subject has (also cancelled and failed ones)."""
    return Message.objects.filter(team=team, subject_key=subject_key, kind=kind).count()


def emails_unsubscribed(*, team: Team | int, emails: Iterable[str]) -> set[str]:
    """Which of these addresses unsubscribed from the team's optional mail."""
    by_hash = {email_hash(email): email for email in emails}
    gone = Unsubscribe.objects.filter(team=team, email_hash__in=list(by_hash)).values_list(
        "email_hash", flat=True
    )
    return {by_hash[hashed] for hashed in gone}


def subject_keys_with(*, team: Team | int, keys: Iterable[str], kinds: Iterable[str]) -> set[str]:
    """Which of these subjects already have a message of one of these kinds."""
    return set(
        Message.objects.filter(
            team=team, subject_key__in=list(keys), kind__in=list(kinds)
        ).values_list("subject_key", flat=True)
    )


def messages_about(*, subject_key: str | Expression, kinds: Iterable[str]) -> QuerySet[Message]:
    """Messages of these kinds about a subject; the key may be an expression, so that a room
    can ask "has this row had one?" inside its own query (``Exists``)."""
    return Message.objects.filter(subject_key=subject_key, kind__in=list(kinds))


def first_languages(*, team: Team | int, keys: Iterable[str]) -> dict[str, str]:
    """The language of the first message of each of these subjects (one query), so that
    later messages to the same person match it. Subjects without messages are left out."""
    rows = (
        Message.objects.filter(team=team, subject_key__in=list(keys))
        .order_by("subject_key", "id")
        .values_list("subject_key", "language")
    )
    languages: dict[str, str] = {}
    for key, language in rows.iterator():
        languages.setdefault(key, language)
    return languages


# ---------------------------------------------------------------------------------------------
# Texts, notes, contacts


def message_templates_of(*, actor: Membership) -> dict[tuple[str, str], MessageTemplate]:
    return {
        (t.kind, t.language): t
        for t in MessageTemplate.objects.filter(team=actor.team_id).select_related("updated_by")
    }


def message_template_of(*, actor: Membership, kind: str, language: str) -> MessageTemplate | None:
    return MessageTemplate.objects.filter(team=actor.team_id, kind=kind, language=language).first()


def practical_note_of(*, actor: Membership, meeting_id: int) -> PracticalNote | None:
    return PracticalNote.objects.filter(
        team=actor.team_id, subject_key=subjects.subject_key(subjects.MEETING_PREFIX, meeting_id)
    ).first()


def contacts_for_actor(*, actor: Membership) -> QuerySet[Contact]:
    return Contact.objects.filter(team=actor.team_id).select_related("created_by")


def contact_for_actor(*, actor: Membership, contact_id: int) -> Contact:
    return one_or_404(Contact.objects.filter(team=actor.team_id, pk=contact_id))


def message_kind_label(kind: str) -> str:
    return str(dict(MessageKind.choices).get(kind, kind))
