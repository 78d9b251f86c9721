"""What staff do with messages: send save-the-dates and invitations to a chosen audience, send
a test to themselves, resend a failed message, note the outcome of a call, write the team's own
texts, and keep the settings, contacts and what-to-bring notes.

These are the staff side of messaging, reached from a meeting's page: they read and change
registrations and tick the meeting's checklist through those rooms' own services. Those rooms
also enqueue into messaging, so they are imported inside the functions (no import cycle); the
outbox itself (outbox.py) knows no room."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from meedoen.messaging.composing import placeholders_unknown
from meedoen.messaging.models import (
    Contact,
    Message,
    MessageKind,
    MessageTemplate,
    MessagingSettings,
    PracticalNote,
    Unsubscribe,
)
from meedoen.messaging.services.outbox import Recipient, message_enqueue
from meedoen.messaging.texts import REGISTRATION_KINDS
from meedoen.messaging.tokens import email_hash
from meedoen.teams.errors import DomainError
from meedoen.teams.models import Membership
from meedoen.teams.permissions import require_coordinator, require_editor, require_own_team
from meedoen.teams.services import audit_log_record_action

if TYPE_CHECKING:
    from meedoen.meetings.models import Meeting

AUDIENCE_KINDS = (MessageKind.SAVE_THE_DATE, MessageKind.INVITATION)
LANGUAGES = ("nl", "en")


class MessageNotResendable(DomainError):
    """Only a failed email can be sent again."""


class AudienceEmpty(DomainError):
    """Nobody in the chosen audience can get this message."""


def _flush_soon() -> None:
    from meedoen.messaging.tasks import outbox_flush

    outbox_flush.enqueue()


# ---------------------------------------------------------------------------------------------
# A meeting's messages


def message_resend(*, actor: Membership, message: Message, now: datetime | None = None) -> Message:
    """Try a failed message again: the same row (so it still goes out at most once) is due now."""
    require_own_team(actor, message.team_id)
    now = now or timezone.now()
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message.pk)
        if message.status != Message.Status.FAILED or message.channel != Message.Channel.EMAIL:
            raise MessageNotResendable(_("Only a message that failed can be sent again."))
        message.status = Message.Status.SCHEDULED
        message.due_at = now
        message.attempts = 0
        message.claimed_until = None
        message.save(update_fields=["status", "due_at", "attempts", "claimed_until"])
        audit_log_record_action(
            actor=actor,
            action="message.resent",
            obj=message,
            label=message.recipient_name or message.recipient_email,
            now=now,
        )
        transaction.on_commit(_flush_soon)
    return message


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
    if kind in REGISTRATION_KINDS:
        subject = (
            f"registration:{registration_id}"
            if registration_id
            else f"registration_sample:{meeting.pk}"
        )
    else:
        subject = f"meeting:{meeting.pk}"
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
    from meedoen.registrations import selectors as registration_selectors
    from meedoen.registrations.models import Registration, WalkIn

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
        for person in Contact.objects.filter(team=actor.team_id):
            add(person.name, person.email, person.language)
    gone = set(Unsubscribe.objects.filter(team=actor.team_id).values_list("email_hash", flat=True))
    return [r for address, r in found.items() if email_hash(address) not in gone]


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
    from django.urls import reverse

    from meedoen.meetings.services import checklist_tick

    require_own_team(actor, meeting.team_id)
    if kind not in AUDIENCE_KINDS:
        raise ValidationError({"kind": _("Choose a save-the-date or an invitation.")})
    if meeting.is_cancelled:
        raise DomainError(_("This meeting is cancelled."))
    now = now or timezone.now()
    recipients = audience_recipients(actor=actor, meeting=meeting, audience=audience)
    if not recipients:
        raise AudienceEmpty(_("Nobody in this group has an email address we may use."))
    with transaction.atomic():
        before = Message.objects.filter(
            team=meeting.team, subject_key=f"meeting:{meeting.pk}", kind=kind
        ).count()
        for recipient in recipients:
            message_enqueue(
                team=meeting.team,
                kind=kind,
                recipient=recipient,
                subject_key=f"meeting:{meeting.pk}",
                context={"meeting_id": meeting.pk},
                created_by=actor.user,
                now=now,
            )
        new = (
            Message.objects.filter(
                team=meeting.team, subject_key=f"meeting:{meeting.pk}", kind=kind
            ).count()
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
                evidence_url=reverse(
                    "messaging:message_list",
                    kwargs={"team_slug": meeting.team.slug, "meeting_id": meeting.pk},
                ),
                by=actor.user,
                now=now,
            )
    return new


def call_outcome_note(
    *, actor: Membership, message: Message, outcome: str, now: datetime | None = None
) -> Message:
    """Note how a call on the call list went. "No answer" keeps the call on the list to try
    again; "cancelled" also cancels the person's registration (and so their other messages)."""
    require_own_team(actor, message.team_id)
    if outcome not in Message.CallOutcome.values:
        raise ValidationError({"outcome": _("Unknown outcome.")})
    if message.channel != Message.Channel.CALL or message.status != Message.Status.SCHEDULED:
        raise DomainError(_("This call is no longer on the call list."))
    now = now or timezone.now()
    with transaction.atomic():
        if outcome == Message.CallOutcome.CANCELLED:
            _registration_cancel(actor=actor, subject_key=message.subject_key, now=now)
        message.call_outcome = outcome
        message.call_noted_at = now
        message.call_noted_by = actor.user
        fields = ["call_outcome", "call_noted_at", "call_noted_by"]
        if outcome != Message.CallOutcome.NO_ANSWER:
            message.status = Message.Status.SENT
            message.sent_at = now
            fields += ["status", "sent_at"]
        message.save(update_fields=fields)
        audit_log_record_action(
            actor=actor,
            action="message.call_noted",
            obj=message,
            label=message.recipient_name,
            now=now,
            outcome=outcome,
        )
    return message


def _registration_cancel(*, actor: Membership, subject_key: str, now: datetime) -> None:
    from meedoen.registrations import services as registration_services
    from meedoen.registrations.selectors import registration_for_actor

    prefix, _sep, raw_id = subject_key.partition(":")
    if prefix != "registration" or not raw_id.isdigit():
        return
    registration = registration_for_actor(actor=actor, registration_id=int(raw_id))
    registration_services.registration_cancel(registration=registration, actor=actor, now=now)


def practical_note_save(
    *, actor: Membership, meeting: Meeting, bring: str, now: datetime | None = None
) -> PracticalNote:
    """What people should bring to this meeting, shown in its messages."""
    require_own_team(actor, meeting.team_id)
    now = now or timezone.now()
    with transaction.atomic():
        note, _created = PracticalNote.objects.get_or_create(
            team=meeting.team, subject_key=f"meeting:{meeting.pk}", defaults={"updated_at": now}
        )
        note.bring = bring.strip()
        note.updated_at = now
        note.full_clean()
        note.save(update_fields=["bring", "updated_at"])
        audit_log_record_action(
            actor=actor, action="message.bring", obj=meeting, label=meeting.title, now=now
        )
    return note


def messages_forget(*, subject_key: str) -> int:
    """The person asked to delete everything we hold about them: their messages go too (also
    the sent ones, which hold their name and address). Returns how many rows were deleted."""
    deleted, _details = Message.objects.filter(subject_key=subject_key).delete()
    return deleted


# ---------------------------------------------------------------------------------------------
# The team's texts, settings and contacts


def _check_kind_language(kind: str, language: str) -> None:
    if kind not in MessageKind.values or language not in LANGUAGES:
        raise ValidationError(_("Unknown kind of message or language."))


def message_template_save(
    *,
    actor: Membership,
    kind: str,
    language: str,
    subject: str,
    body: str,
    now: datetime | None = None,
) -> MessageTemplate:
    """The team's own text for a kind and language. Placeholders the kind cannot fill are an
    error, so a resident never sees ``{something}``."""
    require_editor(actor)
    _check_kind_language(kind, language)
    errors: dict[str, str] = {}
    for field, text in (("subject", subject), ("body", body)):
        unknown = placeholders_unknown(text, kind=kind)
        if unknown:
            errors[field] = _("Unknown placeholder: %(list)s.") % {
                "list": ", ".join(f"{{{key}}}" for key in unknown)
            }
    if errors:
        raise ValidationError(errors)
    now = now or timezone.now()
    with transaction.atomic():
        template, _created = MessageTemplate.objects.get_or_create(
            team=actor.team, kind=kind, language=language, defaults={"updated_at": now}
        )
        template.subject = " ".join(subject.split())
        template.body = body.strip().replace("\r\n", "\n")
        template.updated_at = now
        template.updated_by = actor.user
        template.full_clean()
        template.save()
        audit_log_record_action(
            actor=actor,
            action="message_template.saved",
            obj=template,
            label=f"{MessageKind(kind).label} ({language})",
            now=now,
        )
    return template


def message_template_reset(
    *, actor: Membership, kind: str, language: str, now: datetime | None = None
) -> bool:
    """Go back to the built-in text. False when the team had no own text."""
    require_editor(actor)
    _check_kind_language(kind, language)
    with transaction.atomic():
        deleted, _details = MessageTemplate.objects.filter(
            team=actor.team, kind=kind, language=language
        ).delete()
        if deleted:
            audit_log_record_action(
                actor=actor,
                action="message_template.reset",
                obj=actor.team,
                label=f"{MessageKind(kind).label} ({language})",
                now=now,
            )
    return bool(deleted)


SETTINGS_FIELDS = (
    "sender_name",
    "reply_to",
    "reminder_days_before",
    "reminder_time",
    "thanks_days_after",
    "thanks_time",
)


def messaging_settings_save(
    *, actor: Membership, now: datetime | None = None, **fields: Any
) -> MessagingSettings:
    """How and when the team's messages go out (coordinators). Reminders scheduled already
    keep their moment; new ones follow the new setting."""
    require_coordinator(actor)
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"messaging_settings_save does not take {sorted(unknown)}")
    if not 0 <= int(fields.get("reminder_days_before", 7)) <= 60:
        raise ValidationError({"reminder_days_before": _("Choose between 0 and 60 days.")})
    if not 0 <= int(fields.get("thanks_days_after", 1)) <= 30:
        raise ValidationError({"thanks_days_after": _("Choose between 0 and 30 days.")})
    with transaction.atomic():
        settings, _created = MessagingSettings.objects.get_or_create(team=actor.team)
        for field, value in fields.items():
            if isinstance(value, str):
                value = value.strip()
            setattr(settings, field, value)
        for field in ("reminder_time", "thanks_time"):
            if not isinstance(getattr(settings, field), dt.time):
                raise ValidationError({field: _("Enter a time.")})
        settings.full_clean()
        settings.save()
        audit_log_record_action(
            actor=actor, action="messaging.settings", obj=settings, label=actor.team.name, now=now
        )
    return settings


def contact_create(
    *,
    actor: Membership,
    name: str,
    email: str,
    consent: str,
    language: str = "nl",
    now: datetime | None = None,
) -> Contact:
    """Someone who agreed to be invited; how and when they agreed is required."""
    require_editor(actor)
    if language not in LANGUAGES:
        raise ValidationError({"language": _("Unknown language.")})
    contact = Contact(
        team=actor.team,
        name=" ".join(name.split()),
        email=email.strip().lower(),
        consent=consent.strip(),
        language=language,
        created_by=actor.user,
        created_at=now or timezone.now(),
    )
    if Contact.objects.filter(team=actor.team, email=contact.email).exists():
        raise ValidationError({"email": _("This email address is already a contact.")})
    with transaction.atomic():
        contact.full_clean()
        contact.save()
        audit_log_record_action(
            actor=actor, action="contact.created", obj=contact, label=contact.name, now=now
        )
    return contact


def contact_delete(*, actor: Membership, contact: Contact, now: datetime | None = None) -> None:
    require_own_team(actor, contact.team_id)
    with transaction.atomic():
        audit_log_record_action(
            actor=actor, action="contact.deleted", obj=contact, label=contact.name, now=now
        )
        contact.delete()
