"""Reads of the grouping room, scoped to the actor's team."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _

from meedoen.grouping import explain
from meedoen.grouping.models import GroupDivision, TableAssignment
from meedoen.grouping.services import (
    division_build,
    quality_of,
    rounds_of,
)
from meedoen.meetings.models import Meeting
from meedoen.registrations.models import WalkIn, comes_as_choices
from meedoen.registrations.selectors import registration_settings_of
from meedoen.teams.models import Membership, User


def mix_labels() -> dict[str, str]:
    return {
        "comes_as": _("I come as"),
        "street": _("street or neighbourhood"),
        "age_band": _("age group"),
        "heard_via": _("how they heard"),
        "languages": _("language"),
    }


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
    names = mix_labels()
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
            if idx and idx[0] in facts:
                why = explain.person_why(facts[idx[0]], built.people, names)
            seat_names = [built.people[i].label for i in idx] or [_("(no longer coming)")]
            tables.setdefault(row.table, []).append(Seat(row, seat_names, why))
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
                        ),
                        seats=tables.get(t, []),
                    )
                    for t in range(1, max(m, max(tables, default=0)) + 1)
                ],
                quality=explain.quality_line(quality) if quality else "",
                broken=tuple(v for v in quality.broken if not v.startswith("size:"))
                if quality
                else (),
                stale=quality is None,
                unplaced_walk_ins=[w for w in walk_ins if (number, w.pk) not in placed_walk_ins],
            )
        )
    return out
