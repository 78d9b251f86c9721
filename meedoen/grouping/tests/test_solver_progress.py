"""The solver reports progress and can be stopped early through plain callables; a stopped
search still returns a valid division (every division it visits is valid)."""

from __future__ import annotations

import numpy as np

from meedoen.grouping.solver import Problem, solve
from meedoen.grouping.solver.objective import violations
from meedoen.grouping.tests.test_solver_search import _constrained_problem


def _balance_only() -> Problem:
    years = np.array([1.0, 2.0, 3.0, 30.0, 40.0, 50.0])
    return Problem(
        distance=np.zeros((6, 6)),
        min_sizes=np.array([2, 2, 2], dtype=np.int64),
        max_sizes=np.array([2, 2, 2], dtype=np.int64),
        balance=years,
    )


def test_progress_rises_to_the_end_of_the_budget() -> None:
    seen: list[float] = []
    solution = solve(_constrained_problem(3), seed=1, max_iterations=400, progress=seen.append)
    assert seen[0] == 0.0
    assert seen[-1] == 1.0
    assert seen == sorted(seen)
    assert not solution.stopped
    assert solution.iterations == 400


def test_a_stop_request_ends_the_search_with_a_valid_division() -> None:
    problem = _constrained_problem(4)
    calls = 0

    def should_stop() -> bool:
        nonlocal calls
        calls += 1
        return calls > 1  # let the first check pass, stop at the next one

    solution = solve(problem, seed=2, time_limit=30.0, should_stop=should_stop)
    assert solution.stopped
    assert calls == 2
    assert violations(problem, solution.assignment) == []
    stopped_at_once = solve(problem, seed=2, time_limit=30.0, should_stop=lambda: True)
    assert stopped_at_once.stopped and stopped_at_once.iterations == 0
    assert violations(problem, stopped_at_once.assignment) == []


def test_balance_alone_is_optimised() -> None:
    """Without any distance, the numeric balance is the whole objective: each group gets a
    small and a large value (the least sum of squared group sums)."""
    problem = _balance_only()
    for seed in range(10):
        solution = solve(problem, seed=seed, max_iterations=200)
        for group in solution.groups_for(3):
            values = sorted(problem.balance[group])  # type: ignore[index]
            assert values[0] < 10 < values[1], (seed, solution.groups_for(3))
