"""Texts for residents on the public pages, in the team's form of address ("u" or "je").

Each text is written twice with a literal context, so translators give the "u" and the "je"
form; `texts_for` picks the team's form once per request.
"""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from meedoen.teams.addressing import AddressedText

INTRO_REGISTER = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "Register below. It takes a few minutes. Fields marked “optional” you may leave empty.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "Register below. It takes a few minutes. Fields marked “optional” you may leave empty.",
    ),
)
HEADING_INPUT = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "What happens with your input"),
    informal=pgettext_lazy("address: informal (je)", "What happens with your input"),
)
WHY_CONTACT = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "Fill in your email address, your phone number, or both. We only use them for this "
        "meeting.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "Fill in your email address, your phone number, or both. We only use them for this "
        "meeting.",
    ),
)
CONTACT_REQUIRED = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "Fill in your email address or your phone number, so we can reach you.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "Fill in your email address or your phone number, so we can reach you.",
    ),
)
WHY_COMES_AS = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)", "So we can make good groups with different people."
    ),
    informal=pgettext_lazy(
        "address: informal (je)", "So we can make good groups with different people."
    ),
)
WHY_NEEDS = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "So we can prepare the room and help you well."),
    informal=pgettext_lazy(
        "address: informal (je)", "So we can prepare the room and help you well."
    ),
)
WHY_FOLLOW_UP = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "This is separate from registering. You can stop at any time.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "This is separate from registering. You can stop at any time.",
    ),
)
WHY_STREET = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)", "So we know which parts of the neighbourhood take part."
    ),
    informal=pgettext_lazy(
        "address: informal (je)", "So we know which parts of the neighbourhood take part."
    ),
)
WHY_AGE = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "So we can see if all ages take part."),
    informal=pgettext_lazy("address: informal (je)", "So we can see if all ages take part."),
)
WHY_LANGUAGES = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "So we can arrange help with translation. Separate languages with a comma.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "So we can arrange help with translation. Separate languages with a comma.",
    ),
)
WHY_ORGANISATION = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)", "If you come for your work: so others know who you are."
    ),
    informal=pgettext_lazy(
        "address: informal (je)", "If you come for your work: so others know who you are."
    ),
)
WHY_PHOTO = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "Someone takes photos at the meeting. We only use photos of you if you agree.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "Someone takes photos at the meeting. We only use photos of you if you agree.",
    ),
)
WHY_COMPANIONS = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "Their first names, one per line (at most %(max)d). They need a place too.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "Their first names, one per line (at most %(max)d). They need a place too.",
    ),
)
WHY_HELPER = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "Your helper or interpreter also gets a place."),
    informal=pgettext_lazy(
        "address: informal (je)", "Your helper or interpreter also gets a place."
    ),
)
WHY_PRIVACY = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "We keep your data only for this meeting and delete it afterwards.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "We keep your data only for this meeting and delete it afterwards.",
    ),
)
KEY_FIGURE_INVITES = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "%(name)s invites you to this meeting."),
    informal=pgettext_lazy("address: informal (je)", "%(name)s invites you to this meeting."),
)
CLOSED_PAST = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "This meeting has already started or taken place. You can no longer register.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "This meeting has already started or taken place. You can no longer register.",
    ),
)
CLOSED_CANCELLED = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)", "This meeting has been cancelled. You can no longer register."
    ),
    informal=pgettext_lazy(
        "address: informal (je)", "This meeting has been cancelled. You can no longer register."
    ),
)
CLOSED_NOT_YET = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "You can register from %(date)s. Come back then."),
    informal=pgettext_lazy(
        "address: informal (je)", "You can register from %(date)s. Come back then."
    ),
)
CLOSED_DEADLINE = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "Registration for this meeting has closed. You can no longer register.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "Registration for this meeting has closed. You can no longer register.",
    ),
)
RATE_LIMITED = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "You have sent this form many times in a short time. Please wait ten minutes and "
        "try again.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "You have sent this form many times in a short time. Please wait ten minutes and "
        "try again.",
    ),
)
ALREADY_REGISTERED = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "You are already registered for this meeting with this email address. We will send "
        "your personal link to that address again.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "You are already registered for this meeting with this email address. We will send "
        "your personal link to that address again.",
    ),
)
RECEIVED = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "Thank you. We have received your registration."),
    informal=pgettext_lazy(
        "address: informal (je)", "Thank you. We have received your registration."
    ),
)
CONFIRMED = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)", "You are registered. We look forward to seeing you!"
    ),
    informal=pgettext_lazy(
        "address: informal (je)", "You are registered. We look forward to seeing you!"
    ),
)
WAITING = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "The meeting is full. You are on the waiting list: number %(position)d. When a place "
        "becomes free, you get it automatically.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "The meeting is full. You are on the waiting list: number %(position)d. When a place "
        "becomes free, you get it automatically.",
    ),
)
KEEP_LINK = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "This is your personal page. Save the link to this page. Do not share it: with this "
        "link anyone can change your registration.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "This is your personal page. Save the link to this page. Do not share it: with this "
        "link anyone can change your registration.",
    ),
)
CHECKIN_EXPLAINED = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)", "Show or say this code at the door. Then we know you are there."
    ),
    informal=pgettext_lazy(
        "address: informal (je)", "Show or say this code at the door. Then we know you are there."
    ),
)
DATA_INTRO = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)", "This is all the data we keep about you for this meeting."
    ),
    informal=pgettext_lazy(
        "address: informal (je)", "This is all the data we keep about you for this meeting."
    ),
)
CHANGED = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "Your changes have been saved."),
    informal=pgettext_lazy("address: informal (je)", "Your changes have been saved."),
)
CANCEL_QUESTION = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "Do you really want to cancel? Your place goes to someone on the waiting list.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "Do you really want to cancel? Your place goes to someone on the waiting list.",
    ),
)
CANCELLED = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "Your registration has been cancelled. Thank you for letting us know.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "Your registration has been cancelled. Thank you for letting us know.",
    ),
)
WAS_CANCELLED = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "You have cancelled your registration. Want to come after all? Register again on "
        "the meeting page.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "You have cancelled your registration. Want to come after all? Register again on "
        "the meeting page.",
    ),
)
DELETE_QUESTION = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "Do you want us to delete all your data for this meeting? Your registration stops "
        "too. This cannot be undone.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "Do you want us to delete all your data for this meeting? Your registration stops "
        "too. This cannot be undone.",
    ),
)
DELETED = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "All your data for this meeting has been deleted. Your personal link no longer works.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "All your data for this meeting has been deleted. Your personal link no longer works.",
    ),
)
LABEL_NEEDS = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "What do you need to take part well?"),
    informal=pgettext_lazy("address: informal (je)", "What do you need to take part well?"),
)
LABEL_HEARD = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "How did you hear about this meeting?"),
    informal=pgettext_lazy("address: informal (je)", "How did you hear about this meeting?"),
)
LABEL_PHOTO = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "May we take photos of you?"),
    informal=pgettext_lazy("address: informal (je)", "May we take photos of you?"),
)
HEADING_MANAGE = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "Your registration"),
    informal=pgettext_lazy("address: informal (je)", "Your registration"),
)
HEADING_CHECKIN = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "Your check-in code"),
    informal=pgettext_lazy("address: informal (je)", "Your check-in code"),
)
CALENDAR_LINK = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "Put this meeting in your calendar (.ics)"),
    informal=pgettext_lazy("address: informal (je)", "Put this meeting in your calendar (.ics)"),
)
HEADING_DATA = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "What we know about you"),
    informal=pgettext_lazy("address: informal (je)", "What we know about you"),
)
HEADING_CHANGE = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "Change your registration"),
    informal=pgettext_lazy("address: informal (je)", "Change your registration"),
)
HEADING_CANCEL = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "Cancel your registration?"),
    informal=pgettext_lazy("address: informal (je)", "Cancel your registration?"),
)
HEADING_DELETE = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "Delete all your data?"),
    informal=pgettext_lazy("address: informal (je)", "Delete all your data?"),
)
HEADING_DELETED = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "Your data has been deleted"),
    informal=pgettext_lazy("address: informal (je)", "Your data has been deleted"),
)

TEXTS = {name: value for name, value in list(globals().items()) if isinstance(value, AddressedText)}


def texts_for(form_of_address: str) -> dict[str, str]:
    """Every resident text in the team's form, by name, for templates and views."""
    return {name: text.for_form(form_of_address) for name, text in TEXTS.items()}
