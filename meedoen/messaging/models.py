"""The outbox and what shapes it: every message is a row (the row is the truth), the team's own
texts per kind and language, its sending settings, and who unsubscribed from optional mail.

Messaging is infrastructure: rooms enqueue into it with a recipient, a kind and an opaque
subject key such as ``registration:981``; the room that owns the subject registers a provider
that gives the text's values when the message is sent (see ``messaging.subjects``)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedoen.teams.models import Team

NAME_MAX = 120


class MessageKind(models.TextChoices):
    SAVE_THE_DATE = "save_the_date", _("save the date")
    INVITATION = "invitation", _("invitation")
    CONFIRMATION = "confirmation", _("registration confirmation")
    WAITING_LIST = "waiting_list", _("waiting list notice")
    PROMOTED = "promoted", _("place from the waiting list")
    REMINDER = "reminder", _("reminder")
    MOVED = "moved", _("meeting moved")
    CANCELLED = "cancelled", _("meeting cancelled")
    THANKS_ATTENDED = "thanks_attended", _("thank-you (was there)")
    THANKS_ABSENT = "thanks_absent", _("thank-you (could not come)")
    FOLLOW_UP_UPDATE = "follow_up_update", _("follow-up update")


# Mail a resident did not directly ask for: it carries an unsubscribe link and the
# List-Unsubscribe headers, and is never sent to someone who unsubscribed.
OPTIONAL_KINDS = frozenset(
    {
        MessageKind.SAVE_THE_DATE,
        MessageKind.INVITATION,
        MessageKind.THANKS_ATTENDED,
        MessageKind.THANKS_ABSENT,
        MessageKind.FOLLOW_UP_UPDATE,
    }
)


class Message(models.Model):
    """One message to one person. Email goes through the outbox; a "call" is the same message
    for someone without email, shown on the meeting's call list when it is due."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("email")
        CALL = "call", _("phone call")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("scheduled")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled")

    class CallOutcome(models.TextChoices):
        CALLED = "called", _("called")
        NO_ANSWER = "no_answer", _("no answer")
        CANCELLED = "cancelled", _("cancelled their registration")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("kind"), max_length=20, choices=MessageKind.choices)
    channel = models.CharField(max_length=5, choices=Channel.choices, default=Channel.EMAIL)
    recipient_name = models.CharField(_("name"), max_length=NAME_MAX, blank=True)
    recipient_email = models.EmailField(_("email address"), blank=True)
    recipient_phone = models.CharField(_("phone number"), max_length=30, blank=True)
    language = models.CharField(max_length=8, default="nl")
    # Opaque to messaging: "<prefix>:<id>", resolved by the provider the owning room registers.
    subject_key = models.CharField(max_length=64)
    # What makes a real second occasion differ (a schedule version, a nonce for a test).
    occurrence = models.CharField(max_length=64, blank=True)
    # sha256 of recipient, kind, subject and occurrence: the same message cannot exist twice.
    idempotency_key = models.CharField(max_length=64, unique=True)
    # Values the caller fixes at enqueue time; the provider's values are added at sending.
    context = models.JSONField(default=dict, blank=True)
    due_at = models.DateTimeField(_("due"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(_("reason"), max_length=500, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    call_outcome = models.CharField(
        _("call"), max_length=10, choices=CallOutcome.choices, blank=True
    )
    call_noted_at = models.DateTimeField(null=True, blank=True)
    call_noted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["team", "subject_key"]),
            # cancel, reschedule and "already sent?" look up a subject's pending messages
            models.Index(fields=["subject_key", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_name or self.recipient_email} ({self.status})"

    @property
    def is_optional(self) -> bool:
        return self.kind in OPTIONAL_KINDS


class MessageTemplate(models.Model):
    """A team's own text for one kind of message in one language. Without a row (or with an
    empty field) the built-in text in the team's form of address is used."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="message_templates")
    kind = models.CharField(_("kind"), max_length=20, choices=MessageKind.choices)
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("text"), max_length=5000, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["team", "kind", "language"], name="message_template_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.team} {self.kind} {self.language}"


class MessagingSettings(models.Model):
    """How and when a team's messages go out."""

    team = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="messaging_settings")
    sender_name = models.CharField(
        _("sender name"),
        max_length=NAME_MAX,
        blank=True,
        help_text=_("Shown as the sender. Empty: the team's name."),
    )
    reply_to = models.EmailField(
        _("replies go to"),
        blank=True,
        help_text=_("An address of the team that residents can answer."),
    )
    reminder_days_before = models.PositiveSmallIntegerField(_("reminder days before"), default=7)
    reminder_time = models.TimeField(_("reminder at"), default=dt.time(10, 0))
    thanks_days_after = models.PositiveSmallIntegerField(_("thank-you days after"), default=1)
    thanks_time = models.TimeField(_("thank-you at"), default=dt.time(10, 0))

    def __str__(self) -> str:
        return f"{self.team}"


class Unsubscribe(models.Model):
    """Someone who asked for no more optional mail from this team. Only a hash of the address
    is kept, so the list itself holds no addresses."""

    class Via(models.TextChoices):
        LINK = "link", _("the link in a message")
        ONE_CLICK = "one_click", _("their mail program (one click)")
        STAFF = "staff", _("a team member, on their request")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="unsubscribes")
    email_hash = models.CharField(max_length=64)
    via = models.CharField(max_length=10, choices=Via.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team", "email_hash"], name="unsubscribe_unique")
        ]

    def __str__(self) -> str:
        return f"{self.team} {self.email_hash[:8]}"


class Contact(models.Model):
    """Someone staff may invite to meetings, with the consent they gave recorded."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=NAME_MAX)
    email = models.EmailField(_("email address"))
    consent = models.CharField(
        _("consent"),
        max_length=300,
        help_text=_("When and how they agreed to be invited, e.g. “at the market, 3 June”."),
    )
    language = models.CharField(_("language"), max_length=8, default="nl")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["team", "email"], name="contact_unique")]

    def __str__(self) -> str:
        return self.name


class PracticalNote(models.Model):
    """What to bring to one meeting, written by staff for its messages. Keyed by the meeting's
    subject key (``meeting:<id>``), since messaging does not know meetings."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="practical_notes")
    subject_key = models.CharField(max_length=64)
    bring = models.TextField(
        _("what to bring"),
        max_length=500,
        blank=True,
        help_text=_("For example: “your glasses, if you need them for reading”."),
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team", "subject_key"], name="practical_note_unique")
        ]

    def __str__(self) -> str:
        return self.subject_key
