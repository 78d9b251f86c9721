"""From a print form's choices to a PDF: collect the data through the selectors, put the
texts in the chosen language and form of address, and call the document. The view and the
worker both go through `document_prepare`, so a run made later is the same document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _

from meedoen.meetings.messages import meeting_public_url, meeting_times
from meedoen.meetings.models import Meeting, SocialMoment, Venue
from meedoen.printing import selectors, texts
from meedoen.printing.documents.badges import Badge, badges_pdf
from meedoen.printing.documents.draw import Progress
from meedoen.printing.documents.letters import LetterText, Recipient, letters_pdf
from meedoen.printing.documents.lists import signin_pdf, table_lists_pdf, wall_list_pdf
from meedoen.printing.documents.poster import PosterText, poster_pdf
from meedoen.printing.documents.tipcards import TipCardText, tip_card_codes, tip_cards_pdf
from meedoen.printing.errors import NothingToPrint
from meedoen.printing.layouts import label_stock
from meedoen.printing.models import DocumentKind
from meedoen.teams.models import Membership

# Kinds that hold personal data: printing them is recorded (audit log, checklist), and their
# large runs go to the worker (the others are small by nature).
PERSONAL_KINDS = frozenset({DocumentKind.BADGES, DocumentKind.LETTERS})
PERSONAL_OPTIONS = frozenset({"recipients"})


@dataclass(frozen=True)
class Prepared:
    """A document ready to render: how many items (badges, letters, …) and how."""

    kind: str
    items: int
    filename: str
    render: Callable[[Progress | None], bytes]


def _when(meeting: Meeting) -> str:
    times = meeting_times(meeting)
    return f"{capfirst(times['date'])}, {times['time']} – {times['end_time']}"


def _place(meeting: Meeting) -> list[str]:
    venue = meeting.venue
    if venue is None:
        return []
    return [
        line
        for line in (venue.name, venue.address, f"{venue.postcode} {venue.city}".strip())
        if line
    ]


SOCIAL = {
    SocialMoment.COFFEE: lambda: _("There is coffee and tea."),
    SocialMoment.LUNCH: lambda: _("We have lunch together."),
    SocialMoment.DRINKS: lambda: _("Afterwards we have a drink together."),
    SocialMoment.DINNER: lambda: _("We eat together."),
}


def _accessibility(venue: Venue | None) -> str:
    if venue is None:
        return ""
    present = [
        str(Venue._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
        for name in Venue.ACCESSIBILITY_FIELDS
        if getattr(venue, name) is True
    ]
    if not present:
        return ""
    return _("Accessibility: %(list)s.") % {"list": ", ".join(present)}


def _extras(meeting: Meeting) -> list[str]:
    social = SOCIAL.get(meeting.social_moment)  # type: ignore[call-overload]
    return [line for line in (social() if social else "", _accessibility(meeting.venue)) if line]


def _filename(kind: str, meeting: Meeting) -> str:
    label = slugify(str(DocumentKind(kind).label)) or kind
    return f"{label}-{meeting.code}.pdf"


def _badges(actor: Membership, meeting: Meeting, options: dict[str, Any]) -> list[Badge]:
    who = options.get("who", "registered")
    surname = bool(options.get("surname"))
    with_tables = bool(options.get("tables"))
    if who == "team":
        badges = selectors.badges_for_team(
            actor=actor, meeting=meeting, surname=surname, with_tables=with_tables
        )
    elif who in ("registered", "present"):
        badges = selectors.badges_for_attendees(
            actor=actor,
            meeting=meeting,
            present_only=who == "present",
            second_line=options.get("second_line", ""),
            surname=surname,
            with_tables=with_tables,
        )
    else:
        badges = []
    return badges + [Badge() for _blank in range(int(options.get("blanks", 0)))]


def document_prepare(
    *,
    actor: Membership,
    meeting: Meeting,
    kind: str,
    options: dict[str, Any],
    logo: bytes | None = None,
    first_page_only: bool = False,
) -> Prepared:
    """Collect what the document needs; raises NothingToPrint when it would be empty.
    `first_page_only` keeps just enough items for page 1, for a quick preview."""
    language = options.get("language") or translation.get_language()
    if first_page_only:
        options = {
            **options,
            "count": min(int(options.get("count", 1)), 8),
            "recipients": options.get("recipients", [])[:1],
        }
    with translation.override(language):
        return _prepare(actor, meeting, kind, options, logo, language, first_page_only)


def _prepare(
    actor: Membership,
    meeting: Meeting,
    kind: str,
    options: dict[str, Any],
    logo: bytes | None,
    language: str,
    first_page_only: bool,
) -> Prepared:
    title = f"{DocumentKind(kind).label} · {meeting.title}"
    filename = _filename(kind, meeting)
    meeting_line = f"{meeting.title} · {_when(meeting)}"
    address = meeting.team.form_of_address

    def later(render: Callable[[Progress | None], bytes]) -> Callable[[Progress | None], bytes]:
        def run(progress: Progress | None) -> bytes:
            with translation.override(language):
                return render(progress)

        return run

    if kind == DocumentKind.BADGES:
        badges = _badges(actor, meeting, options)
        if first_page_only:
            badges = badges[:10]
        if not badges:
            raise NothingToPrint(_("There is no one to make a badge for with these choices."))
        stock = label_stock(options.get("layout", ""))
        return Prepared(
            kind,
            len(badges),
            filename,
            later(
                lambda progress: badges_pdf(
                    badges,
                    stock,
                    title=title,
                    header=f"{meeting.title} · {date_format(meeting.date, 'j F')}",
                    progress=progress,
                )
            ),
        )
    if kind == DocumentKind.TABLE_LISTS:
        tables = selectors.table_lists(actor=actor, meeting=meeting)
        if not tables:
            raise NothingToPrint(_("The tables are not divided yet."))
        return Prepared(
            kind,
            len(tables),
            filename,
            later(lambda _p: table_lists_pdf(tables, title=title, meeting_line=meeting_line)),
        )
    if kind == DocumentKind.WALL_LIST:
        rounds, rows = selectors.wall_rows(actor=actor, meeting=meeting)
        if not rounds:
            raise NothingToPrint(_("The tables are not divided yet."))
        if not rows:
            raise NothingToPrint(_("No one has registered yet."))
        heading = texts.WALL_HEADING.for_form(address)
        return Prepared(
            kind,
            len(rows),
            filename,
            later(
                lambda _p: wall_list_pdf(
                    rows, rounds=rounds, title=heading, meeting_line=meeting_line
                )
            ),
        )
    if kind == DocumentKind.SIGN_IN:
        signin = selectors.signin_rows(actor=actor, meeting=meeting)
        blank = int(options.get("blank_rows", 0))
        if not signin and not blank:
            raise NothingToPrint(_("No one has registered yet; add empty rows for walk-ins."))
        heading = _("Sign-in sheet")
        return Prepared(
            kind,
            len(signin) + blank,
            filename,
            later(
                lambda _p: signin_pdf(
                    signin, blank_rows=blank, title=heading, meeting_line=meeting_line
                )
            ),
        )
    url = meeting_public_url(meeting)
    if kind == DocumentKind.POSTER:
        poster = PosterText(
            welcome=texts.WELCOME.for_form(address),
            title=meeting.title,
            when=_when(meeting),
            place=_place(meeting),
            why=meeting.purpose,
            register=texts.REGISTER.for_form(address),
            url=url,
            short_url=selectors.url_short(url),
            scan=texts.SCAN.for_form(address),
            team=meeting.team.name,
            extras=_extras(meeting),
        )
        paper = options.get("paper", "A4")
        return Prepared(
            kind, 1, filename, later(lambda _p: poster_pdf(poster, paper=paper, logo=logo))
        )
    if kind == DocumentKind.TIP_CARDS:
        codes = tip_card_codes(meeting.code, int(options.get("count", 1)))
        card = TipCardText(
            header=meeting.title,
            prompt=options.get("prompt") or texts.TIP_PROMPT.for_form(address),
            code_label=_("Card"),
        )
        size = options.get("size", "A6")
        return Prepared(
            kind,
            len(codes),
            filename,
            later(lambda _p: tip_cards_pdf(codes, card, size=size, title=title)),
        )
    if kind == DocumentKind.LETTERS:
        recipients = [Recipient(*row) for row in options.get("recipients", [])]
        if not recipients:
            raise NothingToPrint(_("Give at least one address."))
        letter = _letter_text(meeting, options, url)
        return Prepared(
            kind,
            len(recipients),
            filename,
            later(lambda progress: letters_pdf(recipients, letter, title=title, progress=progress)),
        )
    raise NothingToPrint(_("Choose what to print."))


def _letter_text(meeting: Meeting, options: dict[str, Any], url: str) -> LetterText:
    address = meeting.team.form_of_address
    register = texts.LETTER_REGISTER.for_form(address)
    phone = str(options.get("phone", "")).strip()
    if phone:
        register += " " + texts.LETTER_PHONE.for_form(address) % {"phone": phone}
    facts = [(_("When"), _when(meeting))]
    place = _place(meeting)
    if place:
        facts.append((_("Where"), ", ".join(place)))
    extras = _extras(meeting)
    return LetterText(
        sender=[meeting.team.name, meeting.team.municipality],
        date=date_format(timezone.localdate(), "j F Y"),
        residents_of=_("To the residents of"),
        subject=_("Invitation: %(title)s") % {"title": meeting.title},
        greeting=texts.LETTER_GREETING.for_form(address),
        greeting_named=texts.LETTER_GREETING_NAMED.for_form(address),
        paragraphs=[
            texts.LETTER_INVITE.for_form(address) % {"title": meeting.title},
            meeting.purpose,
            *extras,
            texts.LETTER_NEWCOMERS.for_form(address),
        ],
        facts=facts,
        register=register,
        url=url,
        short_url=selectors.url_short(url),
        closing=_("Kind regards,"),
        signature=meeting.team.name,
    )
