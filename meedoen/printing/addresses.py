"""Addresses for invitation letters, from what staff type or upload: one address per line
(with a name before a tab or comma where known), a CSV file, or streets with house-number
ranges ("Lindelaan 1-35 oneven") expanded to every address. Nothing here is stored."""

from __future__ import annotations

import csv
import io
import re

from django.utils.translation import gettext as _

from meedoen.printing.documents.letters import Recipient
from meedoen.teams.errors import DomainError

MAX_ADDRESSES = 5000
POSTCODE = re.compile(r"^\s*(\d{4})\s?([A-Za-z]{2})\b\s*(.*)$")
STREET_NUMBER = re.compile(r"^\s*(\D*\S)\s+(\d+\s?[A-Za-z]?(?:[-/ ]\s?\w{1,4})?)\s*$")
RANGE = re.compile(
    r"^\s*(?P<street>\D*\S)\s+(?P<start>\d+)\s*(?:-|–|t/m|tot en met)\s*(?P<end>\d+)"
    r"\s*(?P<which>even|oneven|odd|all|alle)?\s*$",
    re.IGNORECASE,
)


class AddressError(DomainError):
    """A line that could not be read; `message` says which and why."""


def _postcode_city(part: str) -> tuple[str, str]:
    match = POSTCODE.match(part)
    if match:
        return f"{match.group(1)} {match.group(2).upper()}", match.group(3).strip()
    return "", part.strip()


def address_lines_parse(text: str, *, city: str = "") -> list[Recipient]:
    """`[name, ]Street 12[, 1234 AB City]` per line; a tab may stand for any comma."""
    out: list[Recipient] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        parts = [p.strip() for p in re.split(r"[\t,;]", line) if p.strip()]
        street_at = next((i for i, p in enumerate(parts) if STREET_NUMBER.match(p)), None)
        if street_at is None:
            raise AddressError(
                _("Line %(number)s has no street with a house number: “%(line)s”.")
                % {"number": number, "line": line[:80]}
            )
        name = " ".join(parts[:street_at])
        postcode, place = _postcode_city(" ".join(parts[street_at + 1 :]))
        out.append(
            Recipient(street=parts[street_at], postcode=postcode, city=place or city, name=name)
        )
    return out


def street_ranges_parse(text: str, *, city: str = "") -> list[Recipient]:
    """`Lindelaan 1-35 oneven` or `Eikstraat 2-20` (every number) per line, to each house."""
    out: list[Recipient] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = RANGE.match(line)
        if match:
            start, end = int(match.group("start")), int(match.group("end"))
            if end < start:
                start, end = end, start
            if end - start > MAX_ADDRESSES:
                raise AddressError(
                    _("Line %(number)s asks for too many house numbers.") % {"number": number}
                )
            which = (match.group("which") or "").lower()
            numbers = range(start, end + 1)
            if which == "even":
                numbers = range(start + start % 2, end + 1, 2)
            elif which in ("oneven", "odd"):
                numbers = range(start + (1 - start % 2), end + 1, 2)
            street = match.group("street").strip()
            out.extend(Recipient(street=f"{street} {n}", city=city) for n in numbers)
        elif STREET_NUMBER.match(line):
            out.append(Recipient(street=line, city=city))
        else:
            raise AddressError(
                _(
                    "Line %(number)s is not a street with house numbers, such as "
                    "“Lindelaan 1-35 oneven”: “%(line)s”."
                )
                % {"number": number, "line": line[:80]}
            )
        if len(out) > MAX_ADDRESSES:
            break
    return out


HEADER_WORDS = {"naam", "name", "straat", "street", "huisnummer", "postcode", "plaats", "city"}


def address_csv_parse(content: bytes, *, city: str = "") -> list[Recipient]:
    """Columns name; street; house number; postcode; place — `;` or `,`, with or without a
    header row; UTF-8 or the Windows encoding Dutch Excel writes."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as error:
        raise AddressError(_("The file could not be read as CSV.")) from error
    out: list[Recipient] = []
    for number, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row] + [""] * 5
        if not any(cells):
            continue
        if number == 1 and {c.lower() for c in cells if c} & HEADER_WORDS:
            continue
        name, street, house, postcode, place = cells[:5]
        if not street or not house:
            raise AddressError(
                _("Row %(number)s of the file has no street or house number.") % {"number": number}
            )
        postcode, _rest = _postcode_city(postcode) if postcode else ("", "")
        out.append(
            Recipient(
                street=f"{street} {house}",
                postcode=postcode or "",
                city=place or city,
                name=name,
            )
        )
        if len(out) > MAX_ADDRESSES:
            break
    return out
