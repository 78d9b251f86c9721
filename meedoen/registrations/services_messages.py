"""What staff do with a meeting's messages: send a test to themselves with the meeting's real
data, send a save-the-date or invitation to a chosen audience, note a call that may cancel a
registration, and say what to bring.

This is the glue between meetings, registrations and the messaging room: it knows who is
registered and ticks the meeting's checklist, and enqueues through messaging's services, so
messaging itself imports no room above it."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from meedoen.meetings.models import Meeting
from meedoen.meetings.services import checklist_tick
from meedoen.messaging import selectors as messaging_selectors
from meedoen.messaging.models import Message, MessageKind, PracticalNote
from meedoen.messaging.services import (
    LANGUAGES,
    Recipient,
    call_outcome_record,
    message_enqueue,
    practical_note_set,
)
from meedoen.registrations import selectors as registration_selectors
from meedoen.registrations import services as registration_services
from meedoen.registrations.messages import PREFIX as REGISTRATION_PREFIX
from meedoen.registrations.messages import meeting_subject_key, message_subject_key
from meedoen.registrations.models import Registration, WalkIn
from meedoen.teams.errors import DomainError
from meedoen.teams.models import Membership
from meedoen.teams.permissions import require_own_team
from meedoen.teams.services import audit_log_record_action

AUDIENCE_KINDS = (MessageKind.SAVE_THE_DATE, MessageKind.INVITATION)


class AudienceEmpty(DomainError):
    """Nobody in the chosen audience can get this message."""


def message_list_url(meeting: Meeting) -> str:
    return reverse(
        "registration_messages:message_list",
        kwargs={"team_slug": meeting.team.slug, "meeting_id": meeting.pk},
    )


def message_test_send(
    *,
    actor: Membership,
    meeting: Meeting,
    kind: str,
    registration_id: int | None = None,
    now: datetime | None = None,
) -> Message:
    """Send one message of any kind to myself, filled with the meeting's real data: a real
    registration's (never changed by it) or, without one, a sample person."""
    require_own_team(actor, meeting.team_id)
    if kind not in MessageKind.values:
        raise ValidationError({"kind": _("Unknown kind of message.")})
    if not actor.user.email:
        raise DomainError(_("Your account has no email address."))
    now = now or timezone.now()
    subject = message_subject_key(meeting=meeting, kind=kind, registration_id=registration_id)
    language = (get_language() or "nl")[:2]
    with transaction.atomic():
        message = message_enqueue(
            team=meeting.team,
            kind=kind,
            recipient=Recipient(
                name=actor.user.get_full_name() or actor.user.email,
                email=actor.user.email,
                language=language if language in LANGUAGES else "nl",
            ),
            subject_key=subject,
            occurrence=f"test-{secrets.token_hex(8)}",
            context={"meeting_id": meeting.pk, "test": True},
            created_by=actor.user,
            now=now,
        )
        if message is None:
            raise DomainError(_("You unsubscribed from this team's optional mail."))
        audit_log_record_action(
            actor=actor, action="message.test", obj=meeting, label=meeting.title, now=now
        )
    return message


@dataclass(frozen=True)
class Audience:
    """Who gets a save-the-date or an invitation."""

    statuses: tuple[str, ...] = ()
    attended: bool = False
    absent: bool = False
    follow_up: bool = False
    contacts: bool = False


def audience_recipients(
    *, actor: Membership, meeting: Meeting, audience: Audience
) -> list[Recipient]:
    """Everyone in the audience with an email address, once per address, without those who
    unsubscribed from the team's optional mail."""
    require_own_team(actor, meeting.team_id)
    found: dict[str, Recipient] = {}

    def add(name: str, email: str, language: str = "nl") -> None:
        address = email.strip().lower()
        if address and "@" in address and address not in found:
            found[address] = Recipient(name=name, email=address, language=language)

    registrations = Registration.objects.filter(meeting=meeting).exclude(email="")
    if audience.statuses:
        for r in registrations.filter(status__in=audience.statuses):
            add(r.name, r.email)
    if audience.attended or audience.absent:
        present = registration_selectors.present_registration_ids(meeting=meeting)
        for r in registrations.filter(status=Registration.Status.CONFIRMED):
            if (r.pk in present and audience.attended) or (r.pk not in present and audience.absent):
                add(r.name, r.email)
    if audience.follow_up:
        for name, email in Registration.objects.filter(
            meeting__team=actor.team_id, follow_up=True
        ).values_list("name", "email"):
            add(name, email)
        for first_name, reach in WalkIn.objects.filter(
            meeting__team=actor.team_id, follow_up=True
        ).values_list("first_name", "contact"):
            add(first_name, reach)
    if audience.contacts:
        for person in messaging_selectors.contacts_for_actor(actor=actor):
            add(person.name, person.email, person.language)
    gone = messaging_selectors.emails_unsubscribed(team=actor.team_id, emails=found)
    return [r for address, r in found.items() if address not in gone]


def meeting_messages_send(
    *,
    actor: Membership,
    meeting: Meeting,
    kind: str,
    audience: Audience,
    now: datetime | None = None,
) -> int:
    """Send a save-the-date or invitation to the audience, at most once per person and kind for
    this meeting (sending again only reaches people who were not reached yet). An invitation
    ticks the meeting's "invitations sent"."""
    require_own_team(actor, meeting.team_id)
    if kind not in AUDIENCE_KINDS:
        raise ValidationError({"kind": _("Choose a save-the-date or an invitation.")})
    if meeting.is_cancelled:
        raise DomainError(_("This meeting is cancelled."))
    now = now or timezone.now()
    recipients = audience_recipients(actor=actor, meeting=meeting, audience=audience)
    if not recipients:
        raise AudienceEmpty(_("Nobody in this group has an email address we may use."))
    subject = meeting_subject_key(meeting)
    with transaction.atomic():
        before = messaging_selectors.messages_count(
            team=meeting.team, subject_key=subject, kind=kind
        )
        for recipient in recipients:
            message_enqueue(
                team=meeting.team,
                kind=kind,
                recipient=recipient,
                subject_key=subject,
                context={"meeting_id": meeting.pk},
                created_by=actor.user,
                now=now,
            )
        new = (
            messaging_selectors.messages_count(team=meeting.team, subject_key=subject, kind=kind)
            - before
        )
        audit_log_record_action(
            actor=actor,
            action="message.sent_to_audience",
            obj=meeting,
            label=meeting.title,
            now=now,
            kind=kind,
            count=new,
        )
        if kind == MessageKind.INVITATION and new:
            checklist_tick(
                meeting=meeting,
                key="invitations_sent",
                evidence_url=message_list_url(meeting),
                by=actor.user,
                now=now,
            )
    return new


def call_outcome_note(
    *, actor: Membership, message: Message, outcome: str, now: datetime | None = None
) -> Message:
    """Note how a call on the call list went. "No answer" keeps the call on the list to try
    again; "cancelled" also cancels the person's registration (and so their other messages)."""
    now = now or timezone.now()
    with transaction.atomic():
        # Noted first: it checks the outcome and that the call is still open before anything
        # changes; cancelling then stops the person's other messages, not this noted call.
        message = call_outcome_record(actor=actor, message=message, outcome=outcome, now=now)
        if outcome == Message.CallOutcome.CANCELLED:
            _registration_cancel(actor=actor, subject_key=message.subject_key, now=now)
    return message


def _registration_cancel(*, actor: Membership, subject_key: str, now: datetime) -> None:
    prefix, _sep, raw_id = subject_key.partition(":")
    if prefix != REGISTRATION_PREFIX or not raw_id.isdigit():
        return
    registration = registration_selectors.registration_for_actor(
        actor=actor, registration_id=int(raw_id)
    )
    registration_services.registration_cancel(registration=registration, actor=actor, now=now)


def practical_note_save(
    *, actor: Membership, meeting: Meeting, bring: str, now: datetime | None = None
) -> PracticalNote:
    """What people should bring to this meeting, shown in its messages."""
    require_own_team(actor, meeting.team_id)
    now = now or timezone.now()
    with transaction.atomic():
        note = practical_note_set(
            actor=actor, subject_key=meeting_subject_key(meeting), bring=bring, now=now
        )
        audit_log_record_action(
            actor=actor, action="message.bring", obj=meeting, label=meeting.title, now=now
        )
    return note
