"""The built-in texts of every kind of message, in our own words, in the team's form of address
("u" or "je"), and the placeholders staff may use in their own texts.

Placeholders are written as ``{name}``: plain to read in an editor, and filled by a simple
replacement (never by a template engine, so a team's text can never run code)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from meedoen.messaging.models import MessageKind
from meedoen.teams.addressing import AddressedText


@dataclass(frozen=True)
class Placeholder:
    key: str
    meaning: str | Promise


PLACEHOLDERS: tuple[Placeholder, ...] = (
    Placeholder("name", _("the name of the person who gets the message")),
    Placeholder("meeting", _("the title of the meeting")),
    Placeholder("date", _("the date of the meeting, e.g. “Thursday 17 December 2026”")),
    Placeholder("time", _("the start time")),
    Placeholder("end_time", _("the end time")),
    Placeholder("place", _("the name of the venue")),
    Placeholder("address", _("the address of the venue")),
    Placeholder("accessibility", _("what the venue offers: step-free entrance, lift, …")),
    Placeholder("parking", _("parking at the venue")),
    Placeholder("route", _("how to get there by public transport")),
    Placeholder("social", _("the social moment, e.g. “coffee and tea”")),
    Placeholder("bring", _("what to bring, as written on the meeting's messages page")),
    Placeholder("meeting_link", _("the public page of the meeting, to sign up")),
    Placeholder("manage_link", _("the person's own page, to change or cancel")),
    Placeholder("position", _("the place on the waiting list")),
    Placeholder("checkin_code", _("the check-in code for the door")),
    Placeholder("update", _("the update itself (written when it is sent)")),
    Placeholder("team", _("the name of the team (the sender)")),
)
PLACEHOLDER_KEYS = frozenset(p.key for p in PLACEHOLDERS)

# Messages about one registration (subject "registration:<id>"), and messages about a meeting to
# people who have not signed up (subject "meeting:<id>"), which have no personal link.
REGISTRATION_KINDS = frozenset(
    {
        MessageKind.CONFIRMATION,
        MessageKind.WAITING_LIST,
        MessageKind.PROMOTED,
        MessageKind.REMINDER,
        MessageKind.MOVED,
        MessageKind.CANCELLED,
        MessageKind.THANKS_ATTENDED,
        MessageKind.THANKS_ABSENT,
    }
)
MEETING_KINDS = frozenset(
    {MessageKind.SAVE_THE_DATE, MessageKind.INVITATION, MessageKind.FOLLOW_UP_UPDATE}
)
# What a message of each kind carries beyond its text.
PRACTICAL_KINDS = frozenset(
    {MessageKind.CONFIRMATION, MessageKind.PROMOTED, MessageKind.REMINDER, MessageKind.MOVED}
)
QR_KINDS = frozenset({MessageKind.CONFIRMATION, MessageKind.PROMOTED, MessageKind.REMINDER})
CALENDAR_KINDS = PRACTICAL_KINDS
# For someone without email a message becomes a phone call on the call list. Only these are
# worth a call: staff who entered a phone registration already told the person the rest.
CALL_KINDS = frozenset({MessageKind.REMINDER, MessageKind.MOVED, MessageKind.CANCELLED})
QR_CONTENT_ID = "checkin-qr"

_PERSONAL = frozenset({"manage_link", "position", "checkin_code"})


def placeholders_for(kind: str) -> tuple[Placeholder, ...]:
    """The placeholders a text of this kind may use."""
    allowed = [p for p in PLACEHOLDERS if p.key != "update" or kind == MessageKind.FOLLOW_UP_UPDATE]
    if kind in MEETING_KINDS:
        allowed = [p for p in allowed if p.key not in _PERSONAL]
    return tuple(allowed)


@dataclass(frozen=True)
class DefaultText:
    subject: AddressedText
    body: AddressedText


SAVE_THE_DATE = DefaultText(
    subject=AddressedText(
        formal=pgettext_lazy(
            "address: formal (u)",
            "Save the date: {meeting} on {date}",
        ),
        informal=pgettext_lazy(
            "address: informal (je)",
            "Save the date: {meeting} on {date}",
        ),
    ),
    body=AddressedText(
        formal=pgettext_lazy(
            "address: formal (u)",
            "Dear {name},\n"
            "\n"
            "On {date} we hold a meeting in the neighbourhood: {meeting}. We would "
            "like to hear what you think, so please keep this date free.\n"
            "\n"
            "The invitation with all the details follows soon.\n"
            "\n"
            "Kind regards,\n"
            "{team}",
        ),
        informal=pgettext_lazy(
            "address: informal (je)",
            "Dear {name},\n"
            "\n"
            "On {date} we hold a meeting in the neighbourhood: {meeting}. We would "
            "like to hear what you think, so please keep this date free.\n"
            "\n"
            "The invitation with all the details follows soon.\n"
            "\n"
            "Kind regards,\n"
            "{team}",
        ),
    ),
)
INVITATION = DefaultText(
    subject=AddressedText(
        formal=pgettext_lazy(
            "address: formal (u)",
            "You are invited: {meeting}",
        ),
        informal=pgettext_lazy(
            "address: informal (je)",
            "You are invited: {meeting}",
        ),
    ),
    body=AddressedText(
        formal=pgettext_lazy(
            "address: formal (u)",
            "Dear {name},\n"
            "\n"
            "You are warmly invited to {meeting} on {date}, from {time} to "
            "{end_time}, at {place}.\n"
            "\n"
            "We want to hear your ideas and experiences. Everyone is welcome, and "
            "you do not need to prepare anything.\n"
            "\n"
            "Sign up here: {meeting_link}\n"
            "\n"
            "Kind regards,\n"
            "{team}",
        ),
        informal=pgettext_lazy(
            "address: informal (je)",
            "Dear {name},\n"
            "\n"
            "You are warmly invited to {meeting} on {date}, from {time} to "
            "{end_time}, at {place}.\n"
            "\n"
            "We want to hear your ideas and experiences. Everyone is welcome, and "
            "you do not need to prepare anything.\n"
            "\n"
            "Sign up here: {meeting_link}\n"
            "\n"
            "Kind regards,\n"
            "{team}",
        ),
    ),
)
CONFIRMATION = DefaultText(
    subject=AddressedText(
        formal=pgettext_lazy(
            "address: formal (u)",
            "You are registered: {meeting}",
        ),
        informal=pgettext_lazy(
            "address: informal (je)",
            "You are registered: {meeting}",
        ),
    ),
    body=AddressedText(
        formal=pgettext_lazy(
            "address: formal (u)",
            "Dear {name},\n"
            "\n"
            "Thank you for signing up. You are welcome at {meeting} on {date} at "
            "{time}.\n"
            "\n"
            "Below you find the practical information and your check-in code. Show "
            "the code at the door, on your phone or on paper.\n"
            "\n"
            "Can you not come after all? Let us know on your personal page: "
            "{manage_link}\n"
            "\n"
            "See you there!\n"
            "{team}",
        ),
        informal=pgettext_lazy(
            "address: informal (je)",
            "Dear {name},\n"
            "\n"
            "Thank you for signing up. You are welcome at {meeting} on {date} at "
            "{time}.\n"
            "\n"
            "Below you find the practical information and your check-in code. Show "
            "the code at the door, on your phone or on paper.\n"
            "\n"
            "Can you not come after all? Let us know on your personal page: "
            "{manage_link}\n"
            "\n"
            "See you there!\n"
            "{team}",
        ),
    ),
)
WAITING_LIST = DefaultText(
    subject=AddressedText(
        formal=pgettext_lazy(
            "address: formal (u)",
            "You are on the waiting list: {meeting}",
        ),
        informal=pgettext_lazy(
            "address: informal (je)",
            "You are on the waiting list: {meeting}",
        ),
    ),
    body=AddressedText(
        formal=pgettext_lazy(
            "address: formal (u)",
            "Dear {name},\n"
            "\n"
            "Thank you for signing up for {meeting} on {date}. The meeting is full "
            "at the moment, so you are on the waiting list. Your place on the "
            "list: {position}.\n"
            "\n"
            "When a place becomes free, it is yours automatically and we send you "
            "a message.\n"
            "\n"
            "Your personal page: {manage_link}\n"
            "\n"
            "Kind regards,\n"
            "{team}",
        ),
        informal=pgettext_lazy(
            "address: informal (je)",
            "Dear {name},\n"
            "\n"
            "Thank you for signing up for {meeting} on {date}. The meeting is full "
            "at the moment, so you are on the waiting list. Your place on the "
            "list: {position}.\n"
            "\n"
            "When a place becomes free, it is yours automatically and we send you "
            "a message.\n"
            "\n"
            "Your personal page: {manage_link}\n"
            "\n"
            "Kind regards,\n"
            "{team}",
        ),
    ),
)
PROMOTED = DefaultText(
    subject=AddressedText(
        formal=pgettext_lazy(
            "address: formal (u)",
            "Good news: there is a place for you at {meeting}",
        ),
        informal=pgettext_lazy(
            "address: informal (je)",
            "Good news: there is a place for you at {meeting}",
        ),
    ),
    body=AddressedText(
        formal=pgettext_lazy(
            "address: formal (u)",
            "Dear {name},\n"
            "\n"
            "A place has become free, so you can come to {meeting} on {date} at "
            "{time}. You do not need to do anything.\n"
            "\n"
            "Below you find the practical information and your check-in code.\n"
            "\n"
            "Can you not come? Please let us know, so someone else can have your "
            "place: {manage_link}\n"
            "\n"
            "See you there!\n"
            "{team}",
        ),
        informal=pgettext_lazy(
            "address: informal (je)",
            "Dear {name},\n"
            "\n"
            "A place has become free, so you can come to {meeting} on {date} at "
            "{time}. You do not need to do anything.\n"
            "\n"
            "Below you find the practical information and your check-in code.\n"
            "\n"
            "Can you not come? Please let us know, so someone else can have your "
            "place: {manage_link}\n"
            "\n"
            "See you there!\n"
            "{team}",
        ),
    ),
)
REMINDER = DefaultText(
    subject=AddressedText(
        formal=pgettext_lazy(
            "address: formal (u)",
            "See you on {date}: {meeting}",
        ),
        informal=pgettext_lazy(
            "address: informal (je)",
            "See you on {date}: {meeting}",
        ),
    ),
    body=AddressedText(
        formal=pgettext_lazy(
            "address: formal (u)",
            "Dear {name},\n"
            "\n"
            "A short reminder: {meeting} is on {date}, from {time} to {end_time}, "
            "at {place}. We look forward to seeing you.\n"
            "\n"
            "Below you find the practical information and your check-in code.\n"
            "\n"
            "Can you not come after all? Please cancel on your personal page, so "
            "someone else can have your place: {manage_link}\n"
            "\n"
            "Kind regards,\n"
            "{team}",
        ),
        informal=pgettext_lazy(
            "address: informal (je)",
            "Dear {name},\n"
            "\n"
            "A short reminder: {meeting} is on {date}, from {time} to {end_time}, "
            "at {place}. We look forward to seeing you.\n"
            "\n"
            "Below you find the practical information and your check-in code.\n"
            "\n"
            "Can you not come after all? Please cancel on your personal page, so "
            "someone else can have your place: {manage_link}\n"
            "\n"
            "Kind regards,\n"
            "{team}",
        ),
    ),
)
MOVED = DefaultText(
    subject=AddressedText(
        formal=pgettext_lazy(
            "address: formal (u)",
            "New date or time: {meeting}",
        ),
        informal=pgettext_lazy(
            "address: informal (je)",
            "New date or time: {meeting}",
        ),
    ),
    body=AddressedText(
        formal=pgettext_lazy(
            "address: formal (u)",
            "Dear {name},\n"
            "\n"
            "{meeting} has moved. It now takes place on {date}, from {time} to "
            "{end_time}, at {place}.\n"
            "\n"
            "We are sorry for the change. Can you not come at the new time? Please "
            "let us know on your personal page: {manage_link}\n"
            "\n"
            "Kind regards,\n"
            "{team}",
        ),
        informal=pgettext_lazy(
            "address: informal (je)",
            "Dear {name},\n"
            "\n"
            "{meeting} has moved. It now takes place on {date}, from {time} to "
            "{end_time}, at {place}.\n"
            "\n"
            "We are sorry for the change. Can you not come at the new time? Please "
            "let us know on your personal page: {manage_link}\n"
            "\n"
            "Kind regards,\n"
            "{team}",
        ),
    ),
)
CANCELLED = DefaultText(
    subject=AddressedText(
        formal=pgettext_lazy(
            "address: formal (u)",
            "Cancelled: {meeting}",
        ),
        informal=pgettext_lazy(
            "address: informal (je)",
            "Cancelled: {meeting}",
        ),
    ),
    body=AddressedText(
        formal=pgettext_lazy(
            "address: formal (u)",
            "Dear {name},\n"
            "\n"
            "We are sorry: {meeting} on {date} does not take place. You do not "
            "need to do anything.\n"
            "\n"
            "Thank you for your interest.\n"
            "\n"
            "Kind regards,\n"
            "{team}",
        ),
        informal=pgettext_lazy(
            "address: informal (je)",
            "Dear {name},\n"
            "\n"
            "We are sorry: {meeting} on {date} does not take place. You do not "
            "need to do anything.\n"
            "\n"
            "Thank you for your interest.\n"
            "\n"
            "Kind regards,\n"
            "{team}",
        ),
    ),
)
THANKS_ATTENDED = DefaultText(
    subject=AddressedText(
        formal=pgettext_lazy(
            "address: formal (u)",
            "Thank you for coming to {meeting}",
        ),
        informal=pgettext_lazy(
            "address: informal (je)",
            "Thank you for coming to {meeting}",
        ),
    ),
    body=AddressedText(
        formal=pgettext_lazy(
            "address: formal (u)",
            "Dear {name},\n"
            "\n"
            "Thank you for coming to {meeting}. Your ideas and experiences help us "
            "a lot.\n"
            "\n"
            "What did you think of the meeting? Just reply to this email. We read "
            "every answer.\n"
            "\n"
            "Kind regards,\n"
            "{team}",
        ),
        informal=pgettext_lazy(
            "address: informal (je)",
            "Dear {name},\n"
            "\n"
            "Thank you for coming to {meeting}. Your ideas and experiences help us "
            "a lot.\n"
            "\n"
            "What did you think of the meeting? Just reply to this email. We read "
            "every answer.\n"
            "\n"
            "Kind regards,\n"
            "{team}",
        ),
    ),
)
THANKS_ABSENT = DefaultText(
    subject=AddressedText(
        formal=pgettext_lazy(
            "address: formal (u)",
            "We missed you at {meeting}",
        ),
        informal=pgettext_lazy(
            "address: informal (je)",
            "We missed you at {meeting}",
        ),
    ),
    body=AddressedText(
        formal=pgettext_lazy(
            "address: formal (u)",
            "Dear {name},\n"
            "\n"
            "You had signed up for {meeting}, but we did not see you. What a pity. "
            "We hope all is well.\n"
            "\n"
            "Do you still want to share your ideas? Just reply to this email. We "
            "are glad to hear from you.\n"
            "\n"
            "Kind regards,\n"
            "{team}",
        ),
        informal=pgettext_lazy(
            "address: informal (je)",
            "Dear {name},\n"
            "\n"
            "You had signed up for {meeting}, but we did not see you. What a pity. "
            "We hope all is well.\n"
            "\n"
            "Do you still want to share your ideas? Just reply to this email. We "
            "are glad to hear from you.\n"
            "\n"
            "Kind regards,\n"
            "{team}",
        ),
    ),
)
FOLLOW_UP_UPDATE = DefaultText(
    subject=AddressedText(
        formal=pgettext_lazy(
            "address: formal (u)",
            "News about {meeting}",
        ),
        informal=pgettext_lazy(
            "address: informal (je)",
            "News about {meeting}",
        ),
    ),
    body=AddressedText(
        formal=pgettext_lazy(
            "address: formal (u)",
            "Dear {name},\n"
            "\n"
            "You took part in {meeting}. We promised to keep you informed, so here "
            "is what happened since then:\n"
            "\n"
            "{update}\n"
            "\n"
            "Kind regards,\n"
            "{team}",
        ),
        informal=pgettext_lazy(
            "address: informal (je)",
            "Dear {name},\n"
            "\n"
            "You took part in {meeting}. We promised to keep you informed, so here "
            "is what happened since then:\n"
            "\n"
            "{update}\n"
            "\n"
            "Kind regards,\n"
            "{team}",
        ),
    ),
)


DEFAULT_TEXTS: dict[str, DefaultText] = {
    MessageKind.SAVE_THE_DATE: SAVE_THE_DATE,
    MessageKind.INVITATION: INVITATION,
    MessageKind.CONFIRMATION: CONFIRMATION,
    MessageKind.WAITING_LIST: WAITING_LIST,
    MessageKind.PROMOTED: PROMOTED,
    MessageKind.REMINDER: REMINDER,
    MessageKind.MOVED: MOVED,
    MessageKind.CANCELLED: CANCELLED,
    MessageKind.THANKS_ATTENDED: THANKS_ATTENDED,
    MessageKind.THANKS_ABSENT: THANKS_ABSENT,
    MessageKind.FOLLOW_UP_UPDATE: FOLLOW_UP_UPDATE,
}


def default_text(kind: str, *, form_of_address: str) -> tuple[str, str]:
    """The built-in (subject, body) of a kind, in the active language and the given form."""
    text = DEFAULT_TEXTS[kind]
    return text.subject.for_form(form_of_address), text.body.for_form(form_of_address)
