"""Solve a `Problem`: check first, fold parties into units, search, and explain the answer."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

import numpy as np

from . import objective
from .construct import construct
from .facts import PersonFacts, person_facts
from .problem import IntArray, Problem, Units, pin_facilitators, validate
from .search import Progress, ShouldStop, search
from .state import UnitProblem


@dataclass(frozen=True)
class Solution:
    """A valid division and how good it is.

    `objective` is the MDGP value of `problem.distance` (sum of within-group pair distances).
    `bound_gap` is the weighted number of avoidable same-value pairs of the categorical
    attributes (0 = as mixed as the closed-form bound allows), or None without attributes.
    """

    assignment: IntArray  # group per person
    objective: float
    bound_gap: float | None
    violations: tuple[str, ...]
    isolated: tuple[int, ...]
    repeat_pairs: tuple[tuple[int, int], ...]
    balance_spread: float
    iterations: int
    elapsed_s: float
    facts: tuple[PersonFacts, ...]
    stopped: bool = False  # the caller stopped the search early; still a valid division

    def groups_for(self, m: int) -> list[list[int]]:
        """Members of each of the m groups, in group order (0-based person indices)."""
        return [np.flatnonzero(self.assignment == g).tolist() for g in range(m)]


def unit_problem(problem: Problem, units: Units) -> UnitProblem:
    """The search's view of a checked problem: unit pair weights and constraint masks."""
    weights = objective.pair_weights(problem, units)
    nu = len(units.members)
    member = np.zeros((problem.n, nu))
    member[np.arange(problem.n), units.of_person] = 1.0
    w = member.T @ weights.pair @ member
    np.fill_diagonal(w, 0.0)
    languages = objective.minority_languages(problem)
    speakers = np.zeros((nu, len(languages)), dtype=np.int64)
    if languages and problem.language is not None:
        fac = set(problem.facilitators)
        index = {lang: k for k, lang in enumerate(languages)}
        for i, v in enumerate(problem.language):
            if v is not None and i not in fac:
                speakers[units.of_person[i], index[v]] += 1
    return UnitProblem(
        weight=w,
        size=units.weight,
        min_sizes=problem.min_sizes,
        max_sizes=problem.max_sizes,
        allowed=units.allowed,
        apart=units.apart,
        speakers=speakers,
        facilitator_speaks=objective.facilitator_speaks(problem, units, languages),
        isolation_weight=weights.isolation_weight,
        place_first=np.isin(np.arange(nu), units.facilitator_units),
    )


def solve(
    problem: Problem,
    *,
    seed: int = 0,
    time_limit: float | None = None,
    max_iterations: int | None = None,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
) -> Solution:
    """Check first (raises `InfeasibleProblem`), then search and return a valid division.

    Deterministic for a given seed when `max_iterations` (not `time_limit`) ends the search.
    `time_limit` counts from the call, so checking and building the start are included.
    `progress(fraction)` and `should_stop()` are plain callables the search calls now and
    then (see `search.search`); stopping early still returns a valid division.
    """
    t0 = time.perf_counter()
    units = validate(problem)
    up = unit_problem(problem, units)
    start = construct(up, seed=seed)
    if units.facilitator_units:
        units = pin_facilitators(units, problem, start)
        languages = objective.minority_languages(problem)
        up = replace(
            up,
            allowed=units.allowed,
            facilitator_speaks=objective.facilitator_speaks(problem, units, languages),
        )
    result = search(
        up,
        seed=seed,
        time_limit=None
        if time_limit is None
        else max(0.0, time_limit - (time.perf_counter() - t0)),
        max_iterations=max_iterations,
        start=start,
        progress=progress,
        should_stop=should_stop,
    )
    assignment = result.assignment[units.of_person]
    repeats = objective.repeat_pairs(problem, units, assignment)
    return Solution(
        assignment=assignment,
        objective=objective.diversity(problem.distance, assignment),
        bound_gap=(
            objective.bound_gap(problem.attributes, assignment, problem.m)
            if problem.attributes
            else None
        ),
        violations=tuple(objective.violations(problem, assignment)),
        isolated=tuple(objective.isolated_people(problem, units, assignment)),
        repeat_pairs=tuple(repeats),
        balance_spread=objective.balance_spread(problem, assignment),
        iterations=result.iterations,
        elapsed_s=time.perf_counter() - t0,
        facts=person_facts(problem, units, assignment, repeats),
        stopped=result.stopped,
    )
