"""Short, readable meeting codes for posters and the public address /b/<code>/, such as
"noord-12mrt": the team's place name and the date, unique with a number when needed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.utils.text import slugify

MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
_GENERIC = {"wijkteam", "team", "buurtteam", "sociaal", "gebiedsteam", "de", "het"}


def meeting_code_for(team_slug: str, day: date, taken: Callable[[str], bool]) -> str:
    words = [w for w in slugify(team_slug).split("-") if w and w not in _GENERIC]
    place = (words[-1] if words else "wijk")[:20]
    base = f"{place}-{day.day}{MONTHS[day.month - 1]}"
    code, number = base, 2
    while taken(code):
        code = f"{base}-{number}"
        number += 1
    return code
