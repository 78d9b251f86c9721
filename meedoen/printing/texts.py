"""Texts on paper that residents read, in the team's form of address ("u" or "je")."""

from django.utils.translation import pgettext_lazy

from meedoen.teams.addressing import AddressedText

WELCOME = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "You are very welcome!"),
    informal=pgettext_lazy("address: informal (je)", "You are very welcome!"),
)
REGISTER = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "Sign up, it is free:"),
    informal=pgettext_lazy("address: informal (je)", "Sign up, it is free:"),
)
SCAN = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)", "Scan the code with the camera of your phone, or type the address."
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "Scan the code with the camera of your phone, or type the address.",
    ),
)
TIP_PROMPT = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "Your tip or idea for the neighbourhood:"),
    informal=pgettext_lazy("address: informal (je)", "Your tip or idea for the neighbourhood:"),
)
LETTER_GREETING = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "Dear resident,"),
    informal=pgettext_lazy("address: informal (je)", "Dear resident,"),
)
LETTER_GREETING_NAMED = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "Dear %(name)s,"),
    informal=pgettext_lazy("address: informal (je)", "Dear %(name)s,"),
)
LETTER_INVITE = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "We would like to invite you to a meeting about your neighbourhood: “%(title)s”. "
        "Your experience and ideas count.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "We would like to invite you to a meeting about your neighbourhood: “%(title)s”. "
        "Your experience and ideas count.",
    ),
)
LETTER_REGISTER = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "Please let us know if you are coming. Sign up on the website below. Or scan the "
        "code with the camera of your phone.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "Please let us know if you are coming. Sign up on the website below. Or scan the "
        "code with the camera of your phone.",
    ),
)
LETTER_PHONE = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "You can also call us: %(phone)s."),
    informal=pgettext_lazy("address: informal (je)", "You can also call us: %(phone)s."),
)
LETTER_NEWCOMERS = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "Never been to a meeting like this? You are just as welcome. Feel free to bring a "
        "neighbour.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "Never been to a meeting like this? You are just as welcome. Feel free to bring a "
        "neighbour.",
    ),
)
WALL_HEADING = AddressedText(
    formal=pgettext_lazy("address: formal (u)", "Where do you sit?"),
    informal=pgettext_lazy("address: informal (je)", "Where do you sit?"),
)
