"""Every read the printing room needs, scoped to the actor's team (404 otherwise): who gets a
badge, who sits where per round, the sign-in rows, the public address for the QR code, and
print runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from meedoen.grouping import selectors as grouping_selectors
from meedoen.meetings.catalogue import role_info
from meedoen.meetings.models import Meeting, MeetingRole
from meedoen.plans.matching import name_normalize
from meedoen.printing.documents.badges import Badge
from meedoen.printing.documents.lists import SignInRow, TableList, WallRow
from meedoen.printing.models import PrintRun
from meedoen.registrations import selectors as registration_selectors
from meedoen.registrations.models import Registration, comes_as_choices
from meedoen.teams.models import Membership, User
from meedoen.teams.selectors import one_or_404


def _own(actor: Membership, meeting: Meeting) -> None:
    if meeting.team_id != actor.team_id:
        raise Http404


def url_short(url: str) -> str:
    """The address as people type it: no scheme, no www."""
    return url.split("://", 1)[-1].removeprefix("www.").rstrip("/")


def meeting_page_published(*, meeting: Meeting) -> bool:
    found = registration_selectors.registration_settings_of(meeting=meeting)
    return bool(found and found.published)


# ---------------------------------------------------------------------------------------------
# People and where they sit


@dataclass(frozen=True)
class Attendee:
    """One person who may get a badge: a registrant, a companion, a helper or a walk-in.
    `key` is their party's key in the table division (r<id>, w<id>)."""

    key: str
    name: str
    kind: str  # "main", "companion", "helper", "walk_in"
    organisation: str = ""
    comes_as: str = ""
    no_photo: bool = False
    with_name: str = ""

    @property
    def first_name(self) -> str:
        return self.name.split(" ")[0] if self.name else ""

    @property
    def surname(self) -> str:
        return self.name.partition(" ")[2]


# Letters that do not decompose into a base letter and an accent, sorted as a Dutch reader
# looks for them (Łukasz under L).
_BASE_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe"}
)


def _sort_key(name: str) -> tuple[str, str]:
    return (name_normalize(name.casefold().translate(_BASE_LETTERS)), name)


def _companion_name(companion: object) -> str:
    if isinstance(companion, dict):
        return str(companion.get("name", "") or "")
    return str(companion or "")


def attendees(*, actor: Membership, meeting: Meeting, present_only: bool = False) -> list[Attendee]:
    """Confirmed registrations with their companions and helper, by name; with
    `present_only`, only parties checked in at the door and the walk-ins."""
    _own(actor, meeting)
    registrations = registration_selectors.registrations_for_meeting(actor=actor, meeting=meeting)
    if present_only:
        present = registration_selectors.present_registration_ids(meeting=meeting)
        registrations = registrations.filter(pk__in=present).exclude(
            status=Registration.Status.CANCELLED
        )
    else:
        registrations = registrations.filter(status=Registration.Status.CONFIRMED)
    labels = {
        str(k): str(v)
        for k, v in comes_as_choices(
            registration_selectors.registration_settings_of(meeting=meeting)
        )
    }
    people: list[Attendee] = []
    for registration in sorted(registrations, key=lambda r: _sort_key(r.name)):
        key = f"r{registration.pk}"
        # The registration answers for the whole party, so a refusal marks every badge of it.
        no_photo = registration.photo_consent is False
        comes_as = labels.get(registration.comes_as, registration.comes_as)
        people.append(
            Attendee(
                key,
                registration.name,
                "main",
                organisation=registration.organisation,
                comes_as=comes_as,
                no_photo=no_photo,
            )
        )
        for companion in registration.companions or []:
            name = _companion_name(companion).strip()
            people.append(
                Attendee(
                    key, name, "companion", no_photo=no_photo, with_name=registration.first_name
                )
            )
        if registration.brings_helper:
            people.append(
                Attendee(key, "", "helper", no_photo=no_photo, with_name=registration.first_name)
            )
    if present_only:
        people.extend(
            Attendee(
                f"w{walk_in.pk}",
                walk_in.first_name,
                "walk_in",
                comes_as=labels.get(walk_in.comes_as, walk_in.comes_as),
            )
            for walk_in in registration_selectors.walk_ins_of(actor=actor, meeting=meeting)
        )
    return people


@dataclass
class Seating:
    """Who sits at which table in each round of the meeting's division (none: no rounds)."""

    rounds: int = 0
    tables: dict[str, list[int | None]] = field(default_factory=dict)
    facilitators: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    accessible: set[int] = field(default_factory=set)
    table_numbers: dict[int, list[int]] = field(default_factory=dict)

    def tables_of(self, key: str) -> list[int | None]:
        return self.tables.get(key, [None] * self.rounds)


def seating(*, actor: Membership, meeting: Meeting) -> Seating:
    """Read from the stored table rows only: a few queries, whatever the size."""
    _own(actor, meeting)
    division = grouping_selectors.division_of(actor=actor, meeting=meeting)
    places = grouping_selectors.division_places(actor=actor, division=division)
    out = Seating(
        rounds=len(places.rounds),
        accessible=places.accessible,
        table_numbers=places.table_numbers,
    )
    for key, by_round in places.tables.items():
        out.tables[key] = [by_round.get(number) for number in places.rounds]
    if places.facilitators:
        # Facilitators are chosen from the team; one who left it keeps their name.
        ids = {pk for user_ids in places.facilitators.values() for pk in user_ids}
        names = {u.pk: _user_name(u) for u in User.objects.filter(pk__in=ids)}
        for where, user_ids in places.facilitators.items():
            out.facilitators[where] = [names.get(pk, "") for pk in user_ids]
    return out


def tables_line(tables: list[int | None]) -> str:
    """ "Table 3 · 5": the table in each round, a dash for a round without one."""
    if not any(tables):
        return ""
    numbers = " · ".join(str(t) if t else "–" for t in tables)
    return _("Table %(tables)s") % {"tables": numbers}


def _user_name(user: User) -> str:
    return user.full_name or user.email.split("@")[0]


# ---------------------------------------------------------------------------------------------
# Badges


def badges_for_attendees(
    *,
    actor: Membership,
    meeting: Meeting,
    present_only: bool = False,
    second_line: str = "",
    surname: bool = False,
    with_tables: bool = True,
) -> list[Badge]:
    """A badge per person; `second_line` is "organisation" (else what they come as),
    "comes_as", or empty."""
    people = attendees(actor=actor, meeting=meeting, present_only=present_only)
    placed = seating(actor=actor, meeting=meeting) if with_tables else Seating()
    badges = []
    for person in people:
        line = ""
        if person.kind == "helper":
            line = _("with %(name)s") % {"name": person.with_name}
        elif second_line == "organisation":
            line = person.organisation or person.comes_as
        elif second_line == "comes_as":
            line = person.comes_as
        badges.append(
            Badge(
                name=person.first_name,
                surname=person.surname if surname else "",
                second_line=line,
                tables=tables_line(placed.tables_of(person.key)) if with_tables else "",
                no_photo=person.no_photo,
            )
        )
    return badges


def badges_for_team(
    *, actor: Membership, meeting: Meeting, surname: bool = False, with_tables: bool = True
) -> list[Badge]:
    """The team's badges: everyone with a role at this meeting, and the table facilitators,
    with their role(s) on the second line."""
    _own(actor, meeting)
    roles: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    keys: dict[str, str] = {}
    for assignment in MeetingRole.objects.filter(meeting=meeting).select_related("user"):
        try:
            role = str(role_info(assignment.role).name)
        except KeyError:
            role = assignment.role
        if assignment.user is not None:
            who = f"u{assignment.user_id}"
            names[who] = _user_name(assignment.user)
            keys[who] = f"f{assignment.user_id}"
        else:
            who = f"n{name_normalize(assignment.name)}"
            names[who] = assignment.name
        roles.setdefault(who, []).append(role)
    division = grouping_selectors.division_of(actor=actor, meeting=meeting)
    if division.pk is not None:
        for user in division.facilitators.all():
            who = f"u{user.pk}"
            names[who] = _user_name(user)
            keys[who] = f"f{user.pk}"
            roles.setdefault(who, []).append(_("Table facilitator"))
    placed = seating(actor=actor, meeting=meeting) if with_tables and keys else Seating()
    badges = []
    for who in sorted(names, key=lambda w: _sort_key(names[w])):
        name = names[who].strip()
        first, _space, rest = name.partition(" ")
        badges.append(
            Badge(
                name=first,
                surname=rest if surname else "",
                second_line=", ".join(dict.fromkeys(roles[who])),
                tables=tables_line(placed.tables_of(keys[who])) if who in keys else "",
            )
        )
    return badges


# ---------------------------------------------------------------------------------------------
# Lists


def _seated(actor: Membership, meeting: Meeting, placed: Seating) -> list[Attendee]:
    """The confirmed parties and the walk-ins who were given a table, by name."""
    people = attendees(actor=actor, meeting=meeting)
    walk_ins = [
        Attendee(f"w{walk_in.pk}", walk_in.first_name, "walk_in")
        for walk_in in registration_selectors.walk_ins_of(actor=actor, meeting=meeting)
        if f"w{walk_in.pk}" in placed.tables
    ]
    # Parties stay together (the list is by party); walk-ins go in by name.
    parties: dict[str, list[Attendee]] = {}
    for person in [*people, *walk_ins]:
        parties.setdefault(person.key, []).append(person)
    ordered = sorted(parties.values(), key=lambda party: _sort_key(party[0].name))
    return [person for party in ordered for person in party]


def table_lists(*, actor: Membership, meeting: Meeting) -> list[TableList]:
    """Per round and table: the facilitator and the people at it, by name."""
    placed = seating(actor=actor, meeting=meeting)
    people = _seated(actor, meeting, placed)
    out = []
    for round_number, numbers in sorted(placed.table_numbers.items()):
        index = round_number - 1
        for number in numbers:
            names = [
                _list_name(person)
                for person in people
                if placed.tables_of(person.key)[index : index + 1] == [number]
            ]
            out.append(
                TableList(
                    round=round_number,
                    table=number,
                    names=names,
                    facilitators=placed.facilitators.get((round_number, number), []),
                    accessible=number in placed.accessible,
                )
            )
    return out


def _list_name(person: Attendee) -> str:
    if person.kind == "helper":
        return _("helper, with %(name)s") % {"name": person.with_name}
    return person.name


def wall_rows(*, actor: Membership, meeting: Meeting) -> tuple[int, list[WallRow]]:
    """Everyone by name with their table in each round (helpers sit with their person)."""
    placed = seating(actor=actor, meeting=meeting)
    people = [p for p in _seated(actor, meeting, placed) if p.kind != "helper"]
    rows = [WallRow(p.name, placed.tables_of(p.key)) for p in people if p.name]
    return placed.rounds, sorted(rows, key=lambda r: _sort_key(r.name))


def signin_rows(*, actor: Membership, meeting: Meeting) -> list[SignInRow]:
    """A row per confirmed registration, with who comes along."""
    people = attendees(actor=actor, meeting=meeting)
    parties: dict[str, list[str]] = {}
    for person in people:
        if person.kind == "companion":
            parties.setdefault(person.key, []).append(person.name or "+1")
        elif person.kind == "helper":
            parties.setdefault(person.key, []).append(_("a helper"))
    return [
        SignInRow(
            name=person.name,
            party=", ".join(parties.get(person.key, [])),
            comes_as=person.comes_as,
        )
        for person in people
        if person.kind == "main"
    ]


# ---------------------------------------------------------------------------------------------
# Print runs


def print_runs_of(*, actor: Membership, meeting: Meeting) -> QuerySet[PrintRun]:
    _own(actor, meeting)
    return PrintRun.objects.filter(team=actor.team_id, meeting=meeting).defer("pdf", "options")


def print_run_for_actor(*, actor: Membership, meeting: Meeting, print_run_id: int) -> PrintRun:
    return one_or_404(PrintRun.objects.filter(team=actor.team_id, meeting=meeting, pk=print_run_id))


# A run being made whose progress has not moved for this long lost its worker (the worker
# reports every 5 %), like a table search past its time budget.
RUN_GRACE = timedelta(minutes=2)


def print_run_lost(run: PrintRun, now: datetime | None = None) -> bool:
    """The worker stopped while making this run: the page stops waiting and says so."""
    if run.status != PrintRun.Status.RUNNING:
        return False
    last = run.progress_at or run.created_at
    return (now or timezone.now()) - last > RUN_GRACE
