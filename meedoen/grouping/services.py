"""Changes to a meeting's group division: settings, solving a round, moving and locking people,
and placing walk-ins. The people and rules come from the confirmed registrations."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meedoen.grouping.models import GroupDivision, TableAssignment
from meedoen.grouping.solver import (
    CategoricalAttribute,
    InfeasibleProblem,
    Problem,
    Solution,
    check_problem,
    solve,
)
from meedoen.grouping.solver import objective as solver_objective
from meedoen.grouping.solver.facts import PersonFacts, person_facts
from meedoen.grouping.solver.problem import build_units
from meedoen.meetings.models import Meeting
from meedoen.meetings.services import checklist_tick
from meedoen.registrations.models import Registration, WalkIn
from meedoen.teams.models import Membership, User
from meedoen.teams.permissions import require_own_team
from meedoen.teams.services import audit_log_record_action

# Answers of a registration that can be mixed, in the order the settings page shows them.
MIX_KEYS = ("comes_as", "street", "age_band", "heard_via", "languages")
MAX_ROUNDS = 3
RANDOM_SEEDS = range(10)


class DivisionError(Exception):
    """A change to the division that cannot be made; `message` is for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Person:
    """One seat: a registered person, a companion or helper, a walk-in or a facilitator."""

    key: str  # the TableAssignment key of the party this seat belongs to
    label: str
    kind: str  # "main", "companion", "helper", "walk_in", "facilitator"
    values: tuple[str | None, ...]
    language: str | None = None
    wheelchair: bool = False


@dataclass(frozen=True)
class Built:
    """A round of a division as a solver problem, with the people behind its indices."""

    people: tuple[Person, ...]
    problem: Problem
    seats: dict[str, list[int]] = field(default_factory=dict)

    @property
    def m(self) -> int:
        return self.problem.m


def division_for(*, meeting: Meeting) -> GroupDivision:
    """The meeting's division, unsaved (default settings) until its settings are saved."""
    existing = GroupDivision.objects.filter(meeting=meeting).first()
    return existing if existing is not None else GroupDivision(meeting=meeting)


def _facilitator_users(division: GroupDivision) -> list[User]:
    return list(division.facilitators.order_by("pk")) if division.pk else []


def _rows(division: GroupDivision) -> list[TableAssignment]:
    return list(TableAssignment.objects.filter(division=division)) if division.pk else []


def _confirmed(meeting: Meeting) -> list[Registration]:
    return list(
        Registration.objects.filter(meeting=meeting, status=Registration.Status.CONFIRMED).order_by(
            "created_at", "pk"
        )
    )


def _value(registration: Registration, key: str) -> str | None:
    if key == "languages":
        langs = registration.languages or []
        return str(langs[0]) if langs else None
    return str(getattr(registration, key, "") or "") or None


def _people(division: GroupDivision, round_: int) -> list[Person]:
    keys = list(division.mix)
    rule = {str(lang).lower() for lang in division.minority_languages}
    people: list[Person] = [
        Person(f"f{user.pk}", user.full_name or user.email, "facilitator", (None,) * len(keys))
        for user in _facilitator_users(division)
    ]
    for reg in _confirmed(division.meeting):
        key = f"r{reg.pk}"
        language = next((str(x) for x in reg.languages or [] if str(x).lower() in rule), None)
        people.append(
            Person(
                key,
                reg.name,
                "main",
                tuple(_value(reg, k) for k in keys),
                language=language,
                wheelchair="wheelchair" in (reg.needs or []),
            )
        )
        for companion in reg.companions or []:
            name = companion.get("name", "") if isinstance(companion, dict) else str(companion)
            label = _("%(name)s (with %(main)s)") % {"name": name or "?", "main": reg.name}
            people.append(Person(key, label, "companion", (None,) * len(keys)))
        if reg.brings_helper:
            label = _("helper of %(name)s") % {"name": reg.name}
            people.append(Person(key, label, "helper", (None,) * len(keys)))
    walk_in_ids = {row.walk_in_id for row in _rows(division) if row.walk_in_id}
    for walk_in in WalkIn.objects.filter(pk__in=walk_in_ids).order_by("pk"):
        values = tuple((walk_in.comes_as or None) if k == "comes_as" else None for k in keys)
        people.append(Person(f"w{walk_in.pk}", walk_in.first_name, "walk_in", values))
    return people


def table_count(division: GroupDivision, participants: int) -> int:
    """The number of tables: as set, or enough tables of the chosen size."""
    if division.table_count:
        return int(division.table_count)
    facilitators = len(_facilitator_users(division))
    if facilitators:
        return facilitators
    return max(1, math.ceil(participants / max(1, division.table_size)))


def division_build(*, division: GroupDivision, round_: int, extra: Sequence[Person] = ()) -> Built:
    """The solver problem of one round: sizes differ by at most one, parties stay together,
    wheelchair users at accessible tables, facilitators one per table, locks as fixed tables,
    earlier rounds as encounters to avoid."""
    people = [*_people(division, round_), *extra]
    n = len(people)
    facilitators = tuple(i for i, p in enumerate(people) if p.kind == "facilitator")
    participants = n - len(facilitators)
    m = table_count(division, participants)
    per_table = 1 if facilitators else 0
    lo = participants // m + per_table
    hi = math.ceil(participants / m) + per_table
    seats: dict[str, list[int]] = {}
    for i, p in enumerate(people):
        seats.setdefault(p.key, []).append(i)
    weights = [float(w) for w in division.mix.values()]
    distance = np.zeros((n, n))
    attributes: list[CategoricalAttribute] = []
    for k, (name, weight) in enumerate(zip(division.mix, weights, strict=True)):
        values = tuple(p.values[k] for p in people)
        attributes.append(CategoricalAttribute(name, values, weight))
        known = np.array([v is not None for v in values])
        codes, _count = solver_objective.value_codes(values)
        differ = (codes[:, None] != codes[None, :]) & known[:, None] & known[None, :]
        distance += weight * differ
    rows = _rows(division)
    fixed = {
        i: row.table - 1
        for row in rows
        if row.round == round_ and row.locked
        for i in seats.get(row.key, [])
    }
    previous = []
    for earlier in range(1, round_):
        rnd = np.full(n, -1, dtype=np.int64)
        for row in rows:
            if row.round == earlier:
                rnd[seats.get(row.key, [])] = row.table - 1
        previous.append(rnd)
    language = tuple(p.language for p in people) if division.minority_languages else None
    problem = Problem(
        distance=distance,
        min_sizes=np.full(m, lo, dtype=np.int64),
        max_sizes=np.full(m, hi, dtype=np.int64),
        together=tuple(tuple(v) for v in seats.values() if len(v) > 1),
        needs_accessible=tuple(i for i, p in enumerate(people) if p.wheelchair),
        accessible_groups=tuple(t - 1 for t in division.accessible_tables if t > 0),
        fixed_group=fixed,
        facilitators=facilitators,
        language=language,
        previous_rounds=tuple(previous),
        attributes=tuple(attributes),
    )
    return Built(people=tuple(people), problem=problem, seats=seats)


# Plain words per solver code; the solver's details fill the placeholders.
def _reason(code: str, details: dict[str, Any], built: Built) -> str:
    people = details.get("people")
    indices = people if isinstance(people, list) else []
    who = ", ".join(built.people[i].label for i in indices[:3] if i < len(built.people))
    texts = {
        "sizes_do_not_sum": _(
            "The tables do not add up: %(people)s people, but the tables take at least "
            "%(min_total)s and at most %(max_total)s."
        ),
        "too_few_facilitators": _(
            "There are %(groups)s tables but only %(facilitators)s facilitators. Every table "
            "needs one: choose more facilitators or fewer tables."
        ),
        "too_many_facilitators": _(
            "There are %(facilitators)s facilitators for %(groups)s tables. Each table takes "
            "exactly one: choose fewer facilitators or more tables."
        ),
        "accessible_places": _(
            "%(needed)s people (with their parties) need a wheelchair-accessible table, but the "
            "accessible tables have only %(places)s places. Mark more tables as accessible."
        ),
        "party_too_large": _(
            "The party of %(who)s has %(size)s people, more than fit at one table. Make the "
            "tables larger."
        ),
        "no_group_for_party": _(
            "No table can take the party of %(who)s: its locked table, accessibility need or "
            "size rules out every table."
        ),
        "fixed_group_conflict": _("The party of %(who)s is locked at different tables."),
        "unknown_group": _("A table that does not exist is marked as accessible or locked."),
        "table_larger_than_tables": _(
            "An earlier round had a table with more people than there are tables now."
        ),
        "facilitator_places": _(
            "More facilitators need an accessible table than there are accessible tables."
        ),
    }
    text = texts.get(code)
    if text is None:
        return _("The division cannot be made (%(code)s).") % {"code": code}
    return text % {**details, "who": who}


def division_check(*, division: GroupDivision, round_: int = 1) -> list[str]:
    """Check first: every reason why no division can be made, in plain words."""
    built = division_build(division=division, round_=round_)
    if not any(p.kind != "facilitator" for p in built.people):
        return [_("Nobody to divide yet: there are no confirmed registrations.")]
    return [_reason(p.code, dict(p.details), built) for p in check_problem(built.problem)]


def division_settings_save(
    *,
    actor: Membership,
    division: GroupDivision,
    mix: dict[str, float],
    table_count: int = 0,
    table_size: int = 6,
    accessible_tables: Iterable[int] = (),
    facilitators: Iterable[User] = (),
    minority_languages: Iterable[str] = (),
    time_budget: int = 2,
    now: datetime | None = None,
) -> GroupDivision:
    require_own_team(actor, division.meeting.team_id)
    chosen = list(facilitators)
    members = set(Membership.objects.filter(team=actor.team_id).values_list("user_id", flat=True))
    if any(user.pk not in members for user in chosen):
        raise DivisionError(_("Facilitators must be members of the team."))
    with transaction.atomic():
        division.mix = {k: float(w) for k, w in mix.items() if k in MIX_KEYS and w > 0}
        division.table_count = table_count
        division.table_size = table_size
        division.accessible_tables = sorted({int(t) for t in accessible_tables if int(t) > 0})
        division.minority_languages = sorted({s.strip().lower() for s in minority_languages})
        division.time_budget = time_budget
        division.full_clean()
        division.save()
        division.facilitators.set(chosen)
        audit_log_record_action(
            actor=actor,
            action="grouping.settings",
            obj=division.meeting,
            label=division.meeting.title,
            now=now,
        )
    return division


def rounds_of(division: GroupDivision) -> list[int]:
    return sorted({row.round for row in _rows(division)})


def division_solve(
    *,
    actor: Membership,
    division: GroupDivision,
    round_: int = 1,
    now: datetime | None = None,
    max_iterations: int | None = None,
) -> Solution:
    """Solve one round around its locked people and store every party's table."""
    require_own_team(actor, division.meeting.team_id)
    existing = rounds_of(division)
    if round_ < 1 or round_ > min(MAX_ROUNDS, (max(existing) if existing else 0) + 1):
        raise DivisionError(_("Make the earlier rounds first."))
    now = now or timezone.now()
    built = division_build(division=division, round_=round_)
    try:
        solution = solve(
            built.problem,
            seed=round_,
            time_limit=None if max_iterations else float(division.time_budget),
            max_iterations=max_iterations,
        )
    except InfeasibleProblem as exc:
        raise DivisionError(
            " ".join(_reason(p.code, dict(p.details), built) for p in exc.problems)
        ) from exc
    with transaction.atomic():
        if division.pk is None:
            division.full_clean()
            division.save()
        old = {
            row.key: row
            for row in TableAssignment.objects.select_for_update().filter(
                division=division, round=round_
            )
        }
        TableAssignment.objects.filter(division=division, round=round_).delete()
        rows = []
        for key, seats in built.seats.items():
            row = TableAssignment(
                division=division,
                round=round_,
                table=int(solution.assignment[seats[0]]) + 1,
                locked=bool(old.get(key) and old[key].locked),
            )
            _set_person(row, key)
            rows.append(row)
        TableAssignment.objects.bulk_create(rows)
        _store_quality(division, built, solution.assignment)
        division.status = GroupDivision.Status.DIVIDED
        division.solved_at = now
        division.save(update_fields=["status", "solved_at"])
        audit_log_record_action(
            actor=actor,
            action="grouping.solved",
            obj=division.meeting,
            label=division.meeting.title,
            now=now,
            round=round_,
        )
        meeting = division.meeting
        checklist_tick(
            meeting=meeting,
            key="groups_made",
            evidence_url=reverse(
                "grouping:division",
                kwargs={"team_slug": meeting.team.slug, "meeting_id": meeting.pk},
            ),
            by=actor.user,
            now=now,
        )
    return solution


def _set_person(row: TableAssignment, key: str) -> None:
    kind, pk = key[0], int(key[1:])
    if kind == "r":
        row.registration_id = pk
    elif kind == "w":
        row.walk_in_id = pk
    else:
        row.facilitator_id = pk


def current_assignment(division: GroupDivision, built: Built, round_: int) -> np.ndarray:
    """The stored table (0-based) per person of the round; -1 for people not placed."""
    assignment = np.full(len(built.people), -1, dtype=np.int64)
    for row in TableAssignment.objects.filter(division=division, round=round_):
        assignment[built.seats.get(row.key, [])] = row.table - 1
    return assignment


@dataclass(frozen=True)
class Quality:
    objective: float
    bound_gap: float | None
    random_objective: float
    facts: tuple[PersonFacts, ...]
    broken: tuple[str, ...]


def random_objective(built: Built) -> float:
    """The mean objective of random divisions with the same table sizes (fixed seeds)."""
    n, m = len(built.people), built.m
    if not n:
        return 0.0
    base = np.arange(n) % m
    totals = []
    for seed in RANDOM_SEEDS:
        rng = np.random.default_rng(seed)
        totals.append(solver_objective.diversity(built.problem.distance, rng.permutation(base)))
    return float(np.mean(totals))


def quality_of(*, division: GroupDivision, round_: int) -> Quality | None:
    """How mixed the stored round is, why each person sits where they sit, what rule breaks."""
    built = division_build(division=division, round_=round_)
    assignment = current_assignment(division, built, round_)
    if np.any(assignment < 0) or np.any(assignment >= built.m):
        return None  # people came or went since solving: solve again
    problem = built.problem
    try:
        units = build_units(problem)
    except InfeasibleProblem:
        return None
    repeats = solver_objective.repeat_pairs(problem, units, assignment)
    return Quality(
        objective=solver_objective.diversity(problem.distance, assignment),
        bound_gap=(
            solver_objective.bound_gap(problem.attributes, assignment, problem.m)
            if problem.attributes
            else None
        ),
        random_objective=random_objective(built),
        facts=person_facts(problem, units, assignment, repeats),
        broken=tuple(solver_objective.violations(problem, assignment)),
    )


def _store_quality(division: GroupDivision, built: Built, assignment: np.ndarray) -> None:
    problem = built.problem
    division.objective = solver_objective.diversity(problem.distance, assignment)
    division.bound_gap = (
        solver_objective.bound_gap(problem.attributes, assignment, problem.m)
        if problem.attributes
        else None
    )
    division.random_objective = random_objective(built)
    division.save(update_fields=["objective", "bound_gap", "random_objective"])


def _hard_broken(problem: Problem, assignment: np.ndarray) -> set[str]:
    """Broken hard rules a hand move may not add (table sizes may drift by hand)."""
    return {
        v
        for v in solver_objective.violations(problem, assignment)
        if not v.startswith(("size:", "fixed:", "repeat:"))
    }


def division_move(
    *,
    actor: Membership,
    assignment: TableAssignment,
    table: int,
    now: datetime | None = None,
) -> TableAssignment:
    """Move a party by hand; refused when it breaks a hard rule (accessibility, one
    facilitator per table). The quality is recomputed."""
    division = assignment.division
    require_own_team(actor, division.meeting.team_id)
    built = division_build(division=division, round_=assignment.round)
    if not 1 <= table <= built.m:
        raise DivisionError(_("Table %(table)s does not exist.") % {"table": table})
    with transaction.atomic():
        row = TableAssignment.objects.select_for_update().get(pk=assignment.pk)
        current = current_assignment(division, built, row.round)
        moved = current.copy()
        moved[built.seats.get(row.key, [])] = table - 1
        if np.all(current >= 0) and _hard_broken(built.problem, moved) - _hard_broken(
            built.problem, current
        ):
            raise DivisionError(
                _(
                    "Table %(table)s cannot take this person: it breaks a fixed rule "
                    "(accessible table or one facilitator per table)."
                )
                % {"table": table}
            )
        row.table = table
        row.save(update_fields=["table"])
        if np.all(moved >= 0):
            _store_quality(division, built, moved)
        audit_log_record_action(
            actor=actor,
            action="grouping.moved",
            obj=division.meeting,
            label=division.meeting.title,
            now=now,
            person=row.key,
            table=table,
        )
    return row


def division_lock(
    *,
    actor: Membership,
    assignment: TableAssignment,
    locked: bool,
    now: datetime | None = None,
) -> TableAssignment:
    require_own_team(actor, assignment.division.meeting.team_id)
    with transaction.atomic():
        assignment.locked = locked
        assignment.save(update_fields=["locked"])
        audit_log_record_action(
            actor=actor,
            action="grouping.locked" if locked else "grouping.unlocked",
            obj=assignment.division.meeting,
            label=assignment.division.meeting.title,
            now=now,
            person=assignment.key,
        )
    return assignment


def walk_in_place(
    *,
    actor: Membership,
    walk_in: WalkIn,
    round_: int = 1,
    now: datetime | None = None,
) -> TableAssignment:
    """Place a walk-in at the table where they add the most mix, keeping every hard rule."""
    division = division_for(meeting=walk_in.meeting)
    require_own_team(actor, division.meeting.team_id)
    if round_ not in rounds_of(division):
        raise DivisionError(_("Make the division first."))
    if TableAssignment.objects.filter(division=division, round=round_, walk_in=walk_in).exists():
        raise DivisionError(_("%(name)s already has a table.") % {"name": walk_in.first_name})
    keys = list(division.mix)
    guest = Person(
        f"w{walk_in.pk}",
        walk_in.first_name,
        "walk_in",
        tuple((walk_in.comes_as or None) if k == "comes_as" else None for k in keys),
    )
    built = division_build(division=division, round_=round_, extra=[guest])
    current = current_assignment(division, built, round_)
    me = len(built.people) - 1
    others = np.arange(len(built.people)) != me
    if np.any(current[others] < 0):
        raise DivisionError(_("People came or went since the division was made: solve again."))
    sizes = np.bincount(current[others], minlength=built.m)
    hi = int(built.problem.max_sizes.max())
    baseline = _hard_broken(built.problem, np.where(others, current, 0))
    best: tuple[float, int, int] | None = None
    for g in range(built.m):
        trial = current.copy()
        trial[me] = g
        if sizes[g] + 1 > hi or _hard_broken(built.problem, trial) - baseline:
            continue
        gain = float(built.problem.distance[me][current == g].sum())
        score = (gain, -int(sizes[g]), -g)
        if best is None or score > best:
            best = score
    if best is None:
        raise DivisionError(_("No table has room left. Add a table and solve again."))
    table = -best[2] + 1
    with transaction.atomic():
        row = TableAssignment(division=division, round=round_, walk_in=walk_in, table=table)
        row.full_clean()
        row.save()
        audit_log_record_action(
            actor=actor,
            action="grouping.walk_in",
            obj=division.meeting,
            label=walk_in.first_name,
            now=now,
            table=table,
        )
    return row
