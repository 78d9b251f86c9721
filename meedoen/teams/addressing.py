"""Resident-facing texts in the team's form of address ("u" or "je").

Each text is written once per form with `pgettext_lazy` and the literal context
"address: formal (u)" or "address: informal (je)", so translators see both: the English is the
same, the Dutch differs. Rooms define their resident texts as `AddressedText` and
templates pick the team's form with the `addressed` filter.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class AddressedText:
    formal: str | Promise
    informal: str | Promise

    def for_form(self, form_of_address: str) -> str:
        return str(self.informal if form_of_address == "je" else self.formal)


# The context must be a literal in each call, or xgettext cannot extract it.
EXAMPLE_WELCOME = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)", "You are welcome. Sign up below; it takes a minute."
    ),
    informal=pgettext_lazy(
        "address: informal (je)", "You are welcome. Sign up below; it takes a minute."
    ),
)
