"""Reads of the grouping room, scoped to the actor's team."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from meedoen.grouping import explain
from meedoen.grouping.build import (
    balance_options,
    division_build,
    fixed_labels,
    mix_options,
    people_of,
    quality_of,
    rounds_of,
)
from meedoen.grouping.models import GroupDivision, SolveRun, TableAssignment
from meedoen.grouping.services import WORKER_WAIT
from meedoen.meetings.models import Meeting
from meedoen.registrations.models import WalkIn, comes_as_choices
from meedoen.registrations.selectors import registration_settings_of
from meedoen.teams.models import Membership, User


def mix_labels(meeting: Meeting | None = None) -> dict[str, str]:
    """Answer key -> label of what can be mixed (with the meeting's own questions)."""
    return dict(mix_options(meeting)) if meeting is not None else fixed_labels()


def balance_labels(meeting: Meeting) -> dict[str, str]:
    return dict(balance_options(meeting))


def division_of(*, actor: Membership, meeting: Meeting) -> GroupDivision:
    if meeting.team_id != actor.team_id:
        raise Http404
    existing = GroupDivision.objects.filter(meeting=meeting).first()
    # Unsaved until someone saves the settings, so a GET never writes.
    return existing if existing is not None else GroupDivision(meeting=meeting)


def assignment_for_actor(
    *, actor: Membership, meeting: Meeting, assignment_id: int
) -> TableAssignment:
    row = (
        TableAssignment.objects.filter(
            pk=assignment_id, division__meeting=meeting, division__meeting__team=actor.team_id
        )
        .select_related("division__meeting__team")
        .first()
    )
    if row is None:
        raise Http404
    return row


def walk_in_for_actor(*, actor: Membership, meeting: Meeting, walk_in_id: int) -> WalkIn:
    walk_in = WalkIn.objects.filter(
        pk=walk_in_id, meeting=meeting, meeting__team=actor.team_id
    ).first()
    if walk_in is None:
        raise Http404
    return walk_in


def team_users(*, actor: Membership) -> list[User]:
    return list(User.objects.filter(memberships__team=actor.team_id).order_by("full_name", "email"))


@dataclass(frozen=True)
class Seat:
    assignment: TableAssignment
    names: list[str]
    why: str
    fixed_table: int | None = None  # a staff rule: this party sits at this table


@dataclass(frozen=True)
class Table:
    number: int
    accessible: bool
    mix: str
    seats: list[Seat]


@dataclass(frozen=True)
class Round:
    number: int
    tables: list[Table]
    quality: str
    broken: tuple[str, ...]
    stale: bool
    unplaced_walk_ins: list[WalkIn]


def division_rounds(*, actor: Membership, division: GroupDivision) -> list[Round]:
    """Every stored round with its tables, the mix per table and a 'why' per person."""
    if division.meeting.team_id != actor.team_id:
        raise Http404
    if division.pk is None:
        return []
    labels = dict(comes_as_choices(registration_settings_of(meeting=division.meeting)))
    labels = {str(k): str(v) for k, v in labels.items()}
    names = mix_labels(division.meeting)
    balance_label = balance_labels(division.meeting).get(division.balance, "")
    keys = list(division.mix)
    out: list[Round] = []
    rows = list(TableAssignment.objects.filter(division=division).select_related("walk_in"))
    placed_walk_ins = {(r.round, r.walk_in_id) for r in rows if r.walk_in_id}
    walk_ins = list(WalkIn.objects.filter(meeting=division.meeting))
    for number in rounds_of(division):
        built = division_build(division=division, round_=number)
        quality = quality_of(division=division, round_=number)
        facts = {f.person: f for f in quality.facts} if quality else {}
        tables: dict[int, list[Seat]] = {}
        people_at: dict[int, list[int]] = {}
        for row in (r for r in rows if r.round == number):
            idx = built.seats.get(row.key, [])
            why = ""
            fixed = division.fixed_tables.get(row.key)
            if idx and idx[0] in facts:
                why = explain.person_why(
                    facts[idx[0]], built.people, names, fixed_by_rule=fixed is not None
                )
            seat_names = [built.people[i].label for i in idx] or [_("(no longer coming)")]
            tables.setdefault(row.table, []).append(
                Seat(row, seat_names, why, int(fixed) if fixed is not None else None)
            )
            people_at.setdefault(row.table, []).extend(idx)
        m = built.m
        out.append(
            Round(
                number=number,
                tables=[
                    Table(
                        number=t,
                        accessible=t in division.accessible_tables,
                        mix=explain.table_mix(
                            [
                                built.people[i]
                                for i in people_at.get(t, [])
                                if built.people[i].kind != "facilitator"
                            ],
                            keys,
                            labels,
                            names,
                        ),
                        seats=tables.get(t, []),
                    )
                    for t in range(1, max(m, max(tables, default=0)) + 1)
                ],
                quality=explain.quality_line(quality, balance_label) if quality else "",
                broken=tuple(v for v in quality.broken if not v.startswith("size:"))
                if quality
                else (),
                stale=quality is None,
                unplaced_walk_ins=[w for w in walk_ins if (number, w.pk) not in placed_walk_ins],
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# Rules and background runs


@dataclass(frozen=True)
class ApartRule:
    keys: list[str]
    names: list[str]


@dataclass(frozen=True)
class FixedRule:
    key: str
    name: str
    table: int


@dataclass(frozen=True)
class Rules:
    people: list[tuple[str, str]]  # (person key, name) that a rule may name
    apart: list[ApartRule]
    fixed: list[FixedRule]


def division_rules(*, actor: Membership, division: GroupDivision) -> Rules:
    """The staff rules with names, and the people a new rule may name."""
    if division.meeting.team_id != actor.team_id:
        raise Http404
    people = {p.key: p.label for p in people_of(division) if p.kind in ("main", "walk_in")}
    for walk_in in WalkIn.objects.filter(meeting=division.meeting).order_by("first_name", "pk"):
        people.setdefault(f"w{walk_in.pk}", _("%(name)s (walk-in)") % {"name": walk_in.first_name})
    # Two people with one name are told apart by a number, in the order they registered.
    counts = Counter(people.values())
    seen: Counter[str] = Counter()
    for key, label in list(people.items()):
        if counts[label] > 1:
            seen[label] += 1
            people[key] = f"{label} ({seen[label]})"
    gone = _("(no longer coming)")
    return Rules(
        people=sorted(people.items(), key=lambda item: item[1].casefold()),
        apart=[
            ApartRule(sorted(group), [people.get(key, gone) for key in group])
            for group in division.keep_apart
        ],
        fixed=[
            FixedRule(key, people.get(key, gone), int(table))
            for key, table in sorted(division.fixed_tables.items(), key=lambda kv: kv[1])
        ],
    )


def solve_run_latest(*, actor: Membership, division: GroupDivision) -> SolveRun | None:
    if division.meeting.team_id != actor.team_id:
        raise Http404
    if division.pk is None:
        return None
    return SolveRun.objects.filter(division=division).order_by("-queued_at", "-pk").first()


def solve_run_for_actor(*, actor: Membership, meeting: Meeting, solve_run_id: int) -> SolveRun:
    run = (
        SolveRun.objects.filter(
            pk=solve_run_id, division__meeting=meeting, division__meeting__team=actor.team_id
        )
        .select_related("division__meeting__team")
        .first()
    )
    if run is None:
        raise Http404
    return run


def solve_run_waiting_long(run: SolveRun) -> bool:
    """Queued for longer than a running worker would take to pick it up."""
    return run.status == SolveRun.Status.QUEUED and timezone.now() - run.queued_at > WORKER_WAIT


# ---------------------------------------------------------------------------------------------
# Who sits where, for other rooms (printing): stored rows only, no quality or solver problem


@dataclass(frozen=True)
class Places:
    """The stored tables of a division: per round, each person key's table, the facilitators
    (user ids) per table, and the table numbers."""

    rounds: list[int]
    tables: dict[str, dict[int, int]]  # person key -> round -> table
    facilitators: dict[tuple[int, int], list[int]]  # (round, table) -> user ids
    table_numbers: dict[int, list[int]]  # round -> 1..number of tables
    accessible: set[int]


def division_places(*, actor: Membership, division: GroupDivision) -> Places:
    """Reads the table rows once (two or three queries), whatever the size of the meeting."""
    if division.meeting.team_id != actor.team_id:
        raise Http404
    if division.pk is None:
        return Places([], {}, {}, {}, set())
    rows = TableAssignment.objects.filter(division=division).only(
        "round", "table", "registration_id", "walk_in_id", "facilitator_id"
    )
    tables: dict[str, dict[int, int]] = {}
    facilitators: dict[tuple[int, int], list[int]] = {}
    highest: dict[int, int] = {}
    for row in rows:
        tables.setdefault(row.key, {})[row.round] = row.table
        highest[row.round] = max(highest.get(row.round, 0), row.table)
        if row.facilitator_id:
            facilitators.setdefault((row.round, row.table), []).append(row.facilitator_id)
    configured = len(division.table_sizes) or division.table_count
    if not configured and highest:
        configured = division.facilitators.count()
    return Places(
        rounds=sorted(highest),
        tables=tables,
        facilitators=facilitators,
        table_numbers={r: list(range(1, max(t, configured) + 1)) for r, t in highest.items()},
        accessible={int(t) for t in division.accessible_tables or []},
    )
