"""From a meeting's registrations and division settings to a solver `Problem`, and back.

The people and the rules come from the data where they exist (a party with its companions and
helper sits together, wheelchair users at accessible tables, locked places) and from what the
staff add (what must mix, a numeric answer to balance, people kept apart, fixed tables).
Everything here only reads; the services in `services.py` make the changes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from meedoen.grouping.models import GroupDivision, TableAssignment
from meedoen.grouping.solver import CategoricalAttribute, InfeasibleProblem, Problem, check_problem
from meedoen.grouping.solver import objective as solver_objective
from meedoen.grouping.solver.facts import PersonFacts, person_facts
from meedoen.grouping.solver.problem import build_units
from meedoen.meetings.models import Meeting
from meedoen.registrations.models import Registration, RegistrationSettings, WalkIn
from meedoen.teams.models import User

# Answers of every registration form that can be mixed, in the order the settings page shows
# them; the meeting's own questions follow as "q:<label>".
MIX_KEYS = ("comes_as", "street", "age_band", "heard_via", "languages")
QUESTION = "q:"
# Age groups as an ordinal scale, so their table averages can be balanced.
AGE_ORDER = {"u18": 0.0, "18-34": 1.0, "35-54": 2.0, "55-74": 3.0, "75+": 4.0}
MAX_ROUNDS = 3
RANDOM_SEEDS = range(10)


@dataclass(frozen=True)
class Person:
    """One seat: a registered person, a companion or helper, a walk-in or a facilitator."""

    key: str  # the TableAssignment key of the party this seat belongs to
    label: str
    kind: str  # "main", "companion", "helper", "walk_in", "facilitator"
    values: tuple[str | None, ...]
    language: str | None = None
    wheelchair: bool = False
    number: float = math.nan  # the answer to balance, NaN when unknown


@dataclass(frozen=True)
class Built:
    """A round of a division as a solver problem, with the people behind its indices."""

    people: tuple[Person, ...]
    problem: Problem
    seats: dict[str, list[int]] = field(default_factory=dict)

    @property
    def m(self) -> int:
        return self.problem.m


def fixed_labels() -> dict[str, str]:
    return {
        "comes_as": _("I come as"),
        "street": _("street or neighbourhood"),
        "age_band": _("age group"),
        "heard_via": _("how they heard"),
        "languages": _("language"),
    }


def _questions(meeting: Meeting) -> list[dict[str, Any]]:
    s = RegistrationSettings.objects.filter(meeting=meeting).first()
    return [
        q
        for q in (s.custom_questions if s is not None else [])
        if isinstance(q, dict) and str(q.get("label", "")).strip()
    ]


def mix_options(meeting: Meeting) -> list[tuple[str, str]]:
    """(key, label) of every answer that can be mixed: the form's own and the team's
    questions with a choice or a text answer."""
    options = list(fixed_labels().items())
    for q in _questions(meeting):
        if q.get("kind") != "number":
            label = str(q["label"])[:200]
            options.append((QUESTION + label, label))
    return options


def balance_options(meeting: Meeting) -> list[tuple[str, str]]:
    """(key, label) of the answers with a number: the age group and the number questions."""
    options = [("age_band", _("age group (from young to old)"))]
    for q in _questions(meeting):
        if q.get("kind") == "number":
            label = str(q["label"])[:200]
            options.append((QUESTION + label, label))
    return options


def _value(registration: Registration, key: str) -> str | None:
    if key.startswith(QUESTION):
        answer = (registration.answers or {}).get(key[len(QUESTION) :])
        if isinstance(answer, list):
            answer = answer[0] if answer else None
        # Typed answers: "Oude Haven" and "oude haven " are the same answer.
        text = " ".join(str(answer).split()).casefold() if answer is not None else ""
        return text or None
    if key == "languages":
        langs = registration.languages or []
        return str(langs[0]).strip().casefold() if langs else None
    return str(getattr(registration, key, "") or "") or None


def _number(registration: Registration, key: str) -> float:
    if key == "age_band":
        return AGE_ORDER.get(registration.age_band, math.nan)
    if key.startswith(QUESTION):
        answer = (registration.answers or {}).get(key[len(QUESTION) :])
        try:
            return float(str(answer).strip().replace(",", "."))
        except ValueError:
            return math.nan
    return math.nan


def facilitator_users(division: GroupDivision) -> list[User]:
    return list(division.facilitators.order_by("pk")) if division.pk else []


def rows_of(division: GroupDivision) -> list[TableAssignment]:
    return list(TableAssignment.objects.filter(division=division)) if division.pk else []


def rounds_of(division: GroupDivision) -> list[int]:
    return sorted({row.round for row in rows_of(division)})


def confirmed(meeting: Meeting) -> list[Registration]:
    return list(
        Registration.objects.filter(meeting=meeting, status=Registration.Status.CONFIRMED).order_by(
            "created_at", "pk"
        )
    )


def walk_in_person(division: GroupDivision, walk_in: WalkIn) -> Person:
    values = tuple((walk_in.comes_as or None) if k == "comes_as" else None for k in division.mix)
    return Person(f"w{walk_in.pk}", walk_in.first_name, "walk_in", values)


def people_of(division: GroupDivision) -> list[Person]:
    """Everyone to seat: facilitators, confirmed parties, and walk-ins who have a table."""
    keys = list(division.mix)
    rule = {str(lang).casefold() for lang in division.minority_languages}
    people: list[Person] = [
        Person(f"f{user.pk}", user.full_name or user.email, "facilitator", (None,) * len(keys))
        for user in facilitator_users(division)
    ]
    for reg in confirmed(division.meeting):
        key = f"r{reg.pk}"
        language = next((str(x) for x in reg.languages or [] if str(x).casefold() in rule), None)
        people.append(
            Person(
                key,
                reg.name,
                "main",
                tuple(_value(reg, k) for k in keys),
                language=language.casefold() if language else None,
                wheelchair="wheelchair" in (reg.needs or []),
                number=_number(reg, division.balance) if division.balance else math.nan,
            )
        )
        for companion in reg.companions or []:
            name = companion.get("name", "") if isinstance(companion, dict) else str(companion)
            label = _("%(name)s (with %(main)s)") % {"name": name or "?", "main": reg.name}
            people.append(Person(key, label, "companion", (None,) * len(keys)))
        if reg.brings_helper:
            label = _("helper of %(name)s") % {"name": reg.name}
            people.append(Person(key, label, "helper", (None,) * len(keys)))
    walk_in_ids = {row.walk_in_id for row in rows_of(division) if row.walk_in_id}
    walk_ins = WalkIn.objects.filter(pk__in=walk_in_ids).order_by("pk")
    people.extend(walk_in_person(division, walk_in) for walk_in in walk_ins)
    return people


def table_count(division: GroupDivision, participants: int) -> int:
    """The number of tables: one per place count given, as set, one per facilitator, or
    enough tables of the chosen size."""
    if division.table_sizes:
        return len(division.table_sizes)
    if division.table_count:
        return int(division.table_count)
    facilitators = len(facilitator_users(division))
    if facilitators:
        return facilitators
    return max(1, math.ceil(participants / max(1, division.table_size)))


def table_bounds(
    division: GroupDivision, participants: int, with_facilitators: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Least and most people per table. Without places per table the sizes differ by at most
    one; with them each table holds at most its places and at least its fair share."""
    extra = 1 if with_facilitators else 0
    if division.table_sizes:
        hi = np.array([int(s) for s in division.table_sizes], dtype=np.int64)
        total = int(hi.sum())
        lo = np.floor(hi * participants / total).astype(np.int64) if total else hi * 0
        return np.minimum(lo, hi) + extra, hi + extra
    m = table_count(division, participants)
    lo = np.full(m, participants // m + extra, dtype=np.int64)
    hi = np.full(m, math.ceil(participants / m) + extra, dtype=np.int64)
    return lo, hi


def division_build(*, division: GroupDivision, round_: int, extra: Sequence[Person] = ()) -> Built:
    """The solver problem of one round: table sizes, parties together, wheelchair users at
    accessible tables, facilitators one per table, locks and fixed tables, people kept apart,
    earlier rounds as encounters to avoid, what must mix and the answer to balance."""
    people = [*people_of(division), *extra]
    n = len(people)
    facilitators = tuple(i for i, p in enumerate(people) if p.kind == "facilitator")
    lo, hi = table_bounds(division, n - len(facilitators), bool(facilitators))
    seats: dict[str, list[int]] = {}
    for i, p in enumerate(people):
        seats.setdefault(p.key, []).append(i)
    distance = np.zeros((n, n))
    attributes: list[CategoricalAttribute] = []
    for k, (name, weight) in enumerate(division.mix.items()):
        values = tuple(p.values[k] for p in people)
        attributes.append(CategoricalAttribute(name, values, float(weight)))
        known = np.array([v is not None for v in values], dtype=bool)
        codes, _count = solver_objective.value_codes(values)
        differ = (codes[:, None] != codes[None, :]) & known[:, None] & known[None, :]
        distance += float(weight) * differ
    rows = rows_of(division)
    fixed = {
        i: row.table - 1
        for row in rows
        if row.round == round_ and row.locked
        for i in seats.get(row.key, [])
    }
    # A staff rule outranks a lock made by hand.
    for key, table in division.fixed_tables.items():
        for i in seats.get(key, []):
            fixed[i] = int(table) - 1
    apart = []
    for group in division.keep_apart:
        present = [seats[key][0] for key in group if key in seats]
        if len(present) >= 2:
            apart.append(tuple(present))
    previous = []
    for earlier in range(1, round_):
        rnd = np.full(n, -1, dtype=np.int64)
        for row in rows:
            if row.round == earlier:
                rnd[seats.get(row.key, [])] = row.table - 1
        previous.append(rnd)
    balance = None
    if division.balance:
        balance = np.array([p.number for p in people], dtype=np.float64)
    problem = Problem(
        distance=distance,
        min_sizes=lo,
        max_sizes=hi,
        together=tuple(tuple(v) for v in seats.values() if len(v) > 1),
        apart=tuple(apart),
        needs_accessible=tuple(i for i, p in enumerate(people) if p.wheelchair),
        accessible_groups=tuple(t - 1 for t in division.accessible_tables if t > 0),
        fixed_group=fixed,
        facilitators=facilitators,
        balance=balance,
        language=tuple(p.language for p in people) if division.minority_languages else None,
        previous_rounds=tuple(previous),
        attributes=tuple(attributes),
    )
    return Built(people=tuple(people), problem=problem, seats=seats)


# ---------------------------------------------------------------------------------------------
# Check first, in plain words


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
            "No table can take the party of %(who)s: its fixed or locked table, its need for "
            "a wheelchair-accessible table or its size rules out every table."
        ),
        "fixed_group_conflict": _("The party of %(who)s is fixed or locked at different tables."),
        "unknown_group": _(
            "A table that does not exist is marked as accessible, fixed or locked. There are "
            "%(tables)s tables."
        ),
        "table_larger_than_tables": _(
            "An earlier round had a table with more people than there are tables now."
        ),
        "facilitator_places": _(
            "More facilitators need an accessible table than there are accessible tables."
        ),
        "together_and_apart": _(
            "%(who)s come as one party, so they sit together, but a rule keeps them apart. "
            "Remove that rule."
        ),
        "apart_set_too_large": _(
            "%(count)s people must all sit at different tables, but there are only "
            "%(groups)s tables."
        ),
        "facilitators_together": _("Two facilitators are in one party: %(who)s."),
    }
    text = texts.get(code)
    if text is None:
        return _("The division cannot be made (%(code)s).") % {"code": code}
    return text % {**details, "who": who, "tables": built.m, "count": len(indices)}


def reasons_of(problems: Sequence[Any], built: Built) -> list[str]:
    return [_reason(p.code, dict(p.details), built) for p in problems]


def division_check(*, division: GroupDivision, round_: int = 1) -> list[str]:
    """Check first: every reason why no division can be made, in plain words."""
    built = division_build(division=division, round_=round_)
    if not any(p.kind != "facilitator" for p in built.people):
        return [_("Nobody to divide yet: there are no confirmed registrations.")]
    return reasons_of(check_problem(built.problem), built)


# ---------------------------------------------------------------------------------------------
# Quality of a stored round


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
    balance_spread: float = 0.0


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
        return None  # people came or went, or the tables changed, since solving
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
        balance_spread=solver_objective.balance_spread(problem, assignment),
    )


def hard_broken(problem: Problem, assignment: np.ndarray) -> set[str]:
    """Broken hard rules a hand move may not add (table sizes and locks may change by hand;
    a fixed table set as a rule is checked by the move itself)."""
    return {
        v
        for v in solver_objective.violations(problem, assignment)
        if not v.startswith(("size:", "fixed:", "repeat:"))
    }
