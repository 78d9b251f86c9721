"""The group-division problem: its input, the "check first" feasibility errors, and its units.

The objective is the Maximally Diverse Grouping Problem (MDGP): maximise the summed distance of
all pairs that share a group, with a lower and an upper bound on each group's size (Lai & Hao
2016, EJOR 254(3); Yang et al. 2022, EJOR 302(3)). On top of it come the hard constraints of a
real meeting (parties that sit together, people kept apart, accessible tables, fixed places,
one facilitator per table) and soft goals (numeric balance, no isolated minority-language
speaker, no repeat encounters with earlier rounds).

Hard constraints are never penalties. A party that must sit together is one *unit* that moves as
a block; the search only ever visits divisions in which every hard constraint holds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

RepeatPolicy = Literal["avoid", "forbid"]


@dataclass(frozen=True)
class CategoricalAttribute:
    """One categorical answer per person (None = unknown), mixed with a mismatch distance."""

    name: str
    values: tuple[str | None, ...]
    weight: float = 1.0


@dataclass(frozen=True)
class Infeasibility:
    """One reason why no division can exist; `code` is stable so the app can translate it."""

    code: str
    message: str
    details: Mapping[str, Any] = field(default_factory=dict)


class InfeasibleProblem(ValueError):
    """Raised before any search when the input cannot have a valid division."""

    def __init__(self, problems: Sequence[Infeasibility]) -> None:
        self.problems: tuple[Infeasibility, ...] = tuple(problems)
        super().__init__("; ".join(f"[{p.code}] {p.message}" for p in self.problems))

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.problems)


@dataclass(frozen=True)
class Problem:
    """Everything the solver needs. Person and group indices are 0-based.

    `distance` is the diversity to maximise (symmetric, zero diagonal). `apart` holds sets of
    people that must all sit at different groups. `facilitators`, when given, has exactly one
    person per group; the solver pins them one per group, which also removes group symmetry.
    `language` holds each person's minority language (None for the majority language or
    unknown). `previous_rounds` holds earlier divisions as a group index per person (-1 if
    absent); with `repeats="forbid"` meeting someone again is a hard constraint.
    """

    distance: FloatArray
    min_sizes: IntArray
    max_sizes: IntArray
    together: tuple[tuple[int, ...], ...] = ()
    apart: tuple[tuple[int, ...], ...] = ()
    needs_accessible: tuple[int, ...] = ()
    accessible_groups: tuple[int, ...] = ()
    fixed_group: Mapping[int, int] = field(default_factory=dict)
    facilitators: tuple[int, ...] = ()
    balance: FloatArray | None = None
    balance_weight: float = 1.0
    language: tuple[str | None, ...] | None = None
    facilitator_languages: Mapping[int, frozenset[str]] = field(default_factory=dict)
    previous_rounds: tuple[IntArray, ...] = ()
    repeats: RepeatPolicy = "avoid"
    attributes: tuple[CategoricalAttribute, ...] = ()

    @property
    def n(self) -> int:
        return int(self.distance.shape[0])

    @property
    def m(self) -> int:
        return int(self.min_sizes.shape[0])

    @classmethod
    def plain(cls, distance: Any, min_sizes: Sequence[int], max_sizes: Sequence[int]) -> Problem:
        """A pure MDGP instance: a distance matrix and size bounds, nothing else."""
        return cls(
            distance=np.asarray(distance, dtype=np.float64),
            min_sizes=np.asarray(min_sizes, dtype=np.int64),
            max_sizes=np.asarray(max_sizes, dtype=np.int64),
        )


@dataclass(frozen=True)
class Units:
    """The problem folded onto units: a together-party (or a single person) moves as one block.

    `allowed[u, g]` says whether unit u may sit at group g (accessibility, fixed places,
    facilitators); `apart` is the unit adjacency of keep-apart pairs, repeats included when
    they are forbidden.
    """

    members: tuple[tuple[int, ...], ...]
    of_person: IntArray
    weight: IntArray
    allowed: BoolArray
    apart: BoolArray
    facilitator_units: tuple[int, ...]
    facilitator_group: Mapping[int, int]  # person -> group, once pinned


def pin_facilitators(units: Units, problem: Problem, unit_groups: IntArray) -> Units:
    """Fix every facilitator's unit to the group it has in a valid division.

    Facilitators are kept pairwise apart, so in a valid division with as many facilitators as
    groups each group has exactly one; pinning them there keeps that true during the search
    and removes the symmetry between groups.
    """
    allowed = units.allowed.copy()
    fac_group: dict[int, int] = {}
    for u in units.facilitator_units:
        g = int(unit_groups[u])
        allowed[u] = False
        allowed[u, g] = True
    for f in problem.facilitators:
        fac_group[f] = int(unit_groups[units.of_person[f]])
    return replace(units, allowed=allowed, facilitator_group=fac_group)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _check_shapes(problem: Problem) -> list[Infeasibility]:
    out: list[Infeasibility] = []
    d = problem.distance
    if d.ndim != 2 or d.shape[0] != d.shape[1]:
        return [Infeasibility("distance_matrix", "The distance matrix must be square.")]
    if not np.all(np.isfinite(d)):
        out.append(Infeasibility("distance_matrix", "The distance matrix has missing values."))
    elif not np.allclose(d, d.T):
        out.append(Infeasibility("distance_matrix", "The distance matrix must be symmetric."))
    lo, hi = problem.min_sizes, problem.max_sizes
    if lo.ndim != 1 or lo.shape != hi.shape or lo.shape[0] == 0:
        return [*out, Infeasibility("group_bounds", "Give a lower and upper size per group.")]
    bad = [g for g in range(problem.m) if not 0 <= lo[g] <= hi[g]]
    if bad:
        out.append(
            Infeasibility(
                "group_bounds",
                f"Group {bad[0] + 1} has a minimum size above its maximum or below zero.",
                {"groups": bad},
            )
        )
    return out


def _person_lists(problem: Problem) -> list[tuple[str, Sequence[int]]]:
    lists: list[tuple[str, Sequence[int]]] = [
        ("together", [i for t in problem.together for i in t]),
        ("apart", [i for t in problem.apart for i in t]),
        ("needs_accessible", problem.needs_accessible),
        ("fixed_group", list(problem.fixed_group)),
        ("facilitators", problem.facilitators),
    ]
    return lists


def check_problem(problem: Problem) -> list[Infeasibility]:
    """Everything that can be shown impossible before searching, as plain-English reasons."""
    out = _check_shapes(problem)
    if out:
        return out
    n, m = problem.n, problem.m
    lo, hi = problem.min_sizes, problem.max_sizes
    for name, people in _person_lists(problem):
        wrong = sorted({i for i in people if not 0 <= i < n})
        if wrong:
            out.append(
                Infeasibility(
                    "unknown_person",
                    f"The {name} list names person {wrong[0]}, who is not in the list of "
                    f"{n} people.",
                    {"constraint": name, "people": wrong},
                )
            )
    wrong_groups = sorted(
        {g for g in [*problem.fixed_group.values(), *problem.accessible_groups] if not 0 <= g < m}
    )
    if wrong_groups:
        out.append(
            Infeasibility(
                "unknown_group",
                f"Group {wrong_groups[0] + 1} does not exist; there are {m} groups.",
                {"groups": wrong_groups},
            )
        )
    if problem.balance is not None and problem.balance.shape != (n,):
        out.append(Infeasibility("balance", "Give one numeric balance value per person."))
    if problem.language is not None and len(problem.language) != n:
        out.append(Infeasibility("language", "Give one language value per person."))
    for k, rnd in enumerate(problem.previous_rounds):
        if rnd.shape != (n,):
            out.append(
                Infeasibility(
                    "previous_round",
                    f"Earlier round {k + 1} does not give a group for every person.",
                    {"round": k + 1},
                )
            )
    if out:
        return out
    if int(lo.sum()) > n or int(hi.sum()) < n:
        out.append(
            Infeasibility(
                "sizes_do_not_sum",
                f"The group sizes do not add up: {n} people, but the groups take at least "
                f"{int(lo.sum())} and at most {int(hi.sum())}.",
                {"people": n, "min_total": int(lo.sum()), "max_total": int(hi.sum())},
            )
        )
    out.extend(_check_facilitators(problem))
    out.extend(_check_units(problem))
    return out


def _check_facilitators(problem: Problem) -> list[Infeasibility]:
    fac, m = problem.facilitators, problem.m
    if not fac:
        return []
    if len(set(fac)) < len(fac):
        return [Infeasibility("facilitators", "A facilitator is listed twice.")]
    if len(fac) < m:
        return [
            Infeasibility(
                "too_few_facilitators",
                f"There are {m} groups but only {len(fac)} facilitators; every group needs one.",
                {"groups": m, "facilitators": len(fac)},
            )
        ]
    if len(fac) > m:
        return [
            Infeasibility(
                "too_many_facilitators",
                f"There are {len(fac)} facilitators for {m} groups; each group takes exactly "
                "one. Make the others participants or add groups.",
                {"groups": m, "facilitators": len(fac)},
            )
        ]
    return []


def _check_units(problem: Problem) -> list[Infeasibility]:
    try:
        build_units(problem)
    except InfeasibleProblem as exc:
        return list(exc.problems)
    return []


def _unit_members(problem: Problem) -> tuple[tuple[int, ...], ...]:
    uf = _UnionFind(problem.n)
    for party in problem.together:
        for a, b in zip(party, party[1:], strict=False):
            uf.union(a, b)
    groups: dict[int, list[int]] = {}
    for i in range(problem.n):
        groups.setdefault(uf.find(i), []).append(i)
    return tuple(tuple(v) for _, v in sorted(groups.items()))


def _apart_pairs(problem: Problem) -> tuple[list[tuple[int, int]], list[tuple[int, ...]]]:
    """Person pairs to keep apart, with the sets they came from (for the pigeonhole check)."""
    sets: list[tuple[int, ...]] = [tuple(sorted(set(s))) for s in problem.apart]
    if problem.repeats == "forbid":
        sets.extend(
            tuple(int(i) for i in np.flatnonzero(rnd == g))
            for rnd in problem.previous_rounds
            for g in sorted(set(rnd.tolist()) - {-1})
        )
    pairs = [(s[a], s[b]) for s in sets for a in range(len(s)) for b in range(a + 1, len(s))]
    return pairs, sets


def build_units(problem: Problem) -> Units:
    """Fold parties into units and derive which group each unit may use; raise if impossible."""
    n, m = problem.n, problem.m
    members = _unit_members(problem)
    of_person = np.empty(n, dtype=np.int64)
    for u, mem in enumerate(members):
        of_person[list(mem)] = u
    nu = len(members)
    weight = np.array([len(mem) for mem in members], dtype=np.int64)
    allowed = np.ones((nu, m), dtype=bool)
    errors: list[Infeasibility] = []
    wrong = [i for _, people in _person_lists(problem) for i in people if not 0 <= i < n]
    if wrong:
        raise InfeasibleProblem(
            [Infeasibility("unknown_person", f"Person {wrong[0]} is not in the list.")]
        )

    pairs, sets = _apart_pairs(problem)
    fac = set(problem.facilitators)
    fac_units = tuple(sorted({int(of_person[f]) for f in fac}))
    access = np.zeros(m, dtype=bool)
    access[list(problem.accessible_groups)] = True
    for u, mem in enumerate(members):
        facs = [i for i in mem if i in fac]
        if len(facs) > 1:
            errors.append(
                Infeasibility(
                    "facilitators_together",
                    f"Facilitators {facs[0]} and {facs[1]} are in one party, but each leads "
                    "their own group.",
                    {"people": facs},
                )
            )
        fixed = {problem.fixed_group[i] for i in mem if i in problem.fixed_group}
        if len(fixed) > 1:
            errors.append(
                Infeasibility(
                    "fixed_group_conflict",
                    f"Party of person {mem[0]} must sit together but has fixed places at "
                    f"different groups ({', '.join(str(g + 1) for g in sorted(fixed))}).",
                    {"people": list(mem), "groups": sorted(fixed)},
                )
            )
        for g in fixed:
            row = np.zeros(m, dtype=bool)
            row[g] = True
            allowed[u] &= row
        if any(i in set(problem.needs_accessible) for i in mem):
            allowed[u] &= access
        fits = problem.max_sizes >= weight[u]
        if not np.any(fits):
            errors.append(
                Infeasibility(
                    "party_too_large",
                    f"A party of {weight[u]} people (with person {mem[0]}) is larger than "
                    f"the largest group ({int(problem.max_sizes.max())}).",
                    {"people": list(mem), "size": int(weight[u])},
                )
            )
        elif not np.any(allowed[u] & fits) and not errors:
            errors.append(
                Infeasibility(
                    "no_group_for_party",
                    f"No group can take the party of person {mem[0]}: its fixed group, "
                    "accessibility need or size rules out every group.",
                    {"people": list(mem)},
                )
            )
        allowed[u] &= fits

    errors.extend(_check_accessible(problem, members, weight))
    apart = np.zeros((nu, nu), dtype=bool)
    for a, b in pairs:
        ua, ub = int(of_person[a]), int(of_person[b])
        if ua == ub:
            if problem.repeats == "forbid" and not _in_apart_list(problem, a, b):
                continue  # people who must sit together may meet again
            errors.append(
                Infeasibility(
                    "together_and_apart",
                    f"Persons {a} and {b} must both sit together and be kept apart.",
                    {"people": [a, b]},
                )
            )
            continue
        apart[ua, ub] = apart[ub, ua] = True
    # One facilitator per group: with as many facilitators as groups, all kept apart.
    for a in fac_units:
        for b in fac_units:
            if a != b:
                apart[a, b] = True
    errors.extend(_check_apart_sets(problem, sets, of_person))
    needing = [f for f in fac if f in set(problem.needs_accessible)]
    if len(needing) > len(set(problem.accessible_groups)):
        errors.append(
            Infeasibility(
                "facilitator_places",
                f"{len(needing)} facilitators need an accessible group, but only "
                f"{len(set(problem.accessible_groups))} groups are accessible.",
                {"facilitators": needing},
            )
        )
    if errors:
        raise InfeasibleProblem(errors)
    return Units(
        members=members,
        of_person=of_person,
        weight=weight,
        allowed=allowed,
        apart=apart,
        facilitator_units=fac_units,
        facilitator_group={},
    )


def _in_apart_list(problem: Problem, a: int, b: int) -> bool:
    return any(a in s and b in s for s in problem.apart)


def _check_accessible(
    problem: Problem, members: Sequence[tuple[int, ...]], weight: IntArray
) -> list[Infeasibility]:
    needs = set(problem.needs_accessible)
    if not needs:
        return []
    seats_needed = sum(int(weight[u]) for u, mem in enumerate(members) if needs & set(mem))
    places = int(sum(int(problem.max_sizes[g]) for g in set(problem.accessible_groups)))
    if seats_needed > places:
        return [
            Infeasibility(
                "accessible_places",
                f"{seats_needed} people (with their parties) need an accessible group, but the "
                f"accessible groups have only {places} places.",
                {"needed": seats_needed, "places": places},
            )
        ]
    return []


def _check_apart_sets(
    problem: Problem, sets: Sequence[tuple[int, ...]], of_person: IntArray
) -> list[Infeasibility]:
    m = problem.m
    out: list[Infeasibility] = []
    explicit = len(problem.apart)
    for k, s in enumerate(sets):
        units = {int(of_person[i]) for i in s}
        if len(units) <= m:
            continue
        if k < explicit:
            out.append(
                Infeasibility(
                    "apart_set_too_large",
                    f"{len(units)} people must all sit at different groups, but there are "
                    f"only {m} groups.",
                    {"people": list(s), "groups": m},
                )
            )
        else:
            out.append(
                Infeasibility(
                    "table_larger_than_tables",
                    f"A group of an earlier round had {len(units)} people (or parties), but "
                    f"there are only {m} groups, so a round without repeat encounters is "
                    "impossible.",
                    {"people": list(s), "groups": m},
                )
            )
            break
    return out


def validate(problem: Problem) -> Units:
    """Check first: raise `InfeasibleProblem` naming every reason found, else return the units."""
    problems = check_problem(problem)
    if problems:
        raise InfeasibleProblem(problems)
    return build_units(problem)
