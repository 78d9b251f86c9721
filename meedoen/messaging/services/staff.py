"""What staff do with messages that needs no room above messaging: resend a failed message,
record how a call went, keep a what-to-bring note, write the team's own texts, and keep the
settings and contacts.

The meeting-scoped work (a test to myself, sending to an audience, a call that cancels a
registration) is in the registrations room (`services_messages.py`), which calls these."""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meedoen.messaging.composing import placeholders_unknown
from meedoen.messaging.models import (
    Contact,
    Message,
    MessageKind,
    MessageTemplate,
    MessagingSettings,
    PracticalNote,
)
from meedoen.messaging.services.outbox import flush_on_commit
from meedoen.teams.errors import DomainError
from meedoen.teams.models import Membership, Team
from meedoen.teams.permissions import require_coordinator, require_editor, require_own_team
from meedoen.teams.services import audit_log_record_action

LANGUAGES = ("nl", "en")


class MessageNotResendable(DomainError):
    """Only a failed email can be sent again."""


# ---------------------------------------------------------------------------------------------
# Messages, calls and notes


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
        flush_on_commit()
    return message


def call_outcome_record(
    *, actor: Membership, message: Message, outcome: str, now: datetime | None = None
) -> Message:
    """Note how a call on the call list went. "No answer" keeps the call on the list to try
    again; any other outcome takes it off. What the outcome means for the subject (a cancelled
    registration) is up to the room that owns it, which calls this in its own transaction."""
    require_own_team(actor, message.team_id)
    if outcome not in Message.CallOutcome.values:
        raise ValidationError({"outcome": _("Unknown outcome.")})
    if message.channel != Message.Channel.CALL or message.status != Message.Status.SCHEDULED:
        raise DomainError(_("This call is no longer on the call list."))
    now = now or timezone.now()
    with transaction.atomic():
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


def practical_note_set(
    *, actor: Membership, subject_key: str, bring: str, now: datetime | None = None
) -> PracticalNote:
    """What people should bring, shown in the practical information of the messages about
    this subject (``meeting:<id>``). The caller checks the subject is the actor's team's and
    writes the audit row in its own words."""
    require_editor(actor)
    now = now or timezone.now()
    with transaction.atomic():
        note, _created = PracticalNote.objects.get_or_create(
            team=actor.team, subject_key=subject_key, defaults={"updated_at": now}
        )
        note.bring = bring.strip()
        note.updated_at = now
        note.full_clean()
        note.save(update_fields=["bring", "updated_at"])
    return note


def messages_forget(*, team: Team | int, subject_key: str) -> int:
    """The person asked to delete everything we hold about them: their messages go too (also
    the sent ones, which hold their name and address). Returns how many rows were deleted."""
    deleted, _details = Message.objects.filter(team=team, subject_key=subject_key).delete()
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
