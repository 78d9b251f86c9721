"""The search's vectorised gains and masks agree with brute force, step by step."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

import numpy as np
import pytest

from meedoen.grouping.solver import Problem, solve
from meedoen.grouping.solver.construct import construct
from meedoen.grouping.solver.problem import pin_facilitators, validate
from meedoen.grouping.solver.solve import unit_problem
from meedoen.grouping.solver.state import NEG, SearchState, UnitProblem, most_pairs_sizes


def _constrained_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    n = 18
    d = rng.integers(0, 9, size=(n, n)).astype(float)
    d = np.triu(d, 1) + np.triu(d, 1).T
    return Problem(
        distance=d,
        min_sizes=np.array([5, 5, 5], dtype=np.int64),
        max_sizes=np.array([7, 7, 7], dtype=np.int64),
        together=((0, 1), (2, 3, 4)),
        apart=((5, 6), (7, 8, 9)),
        needs_accessible=(10,),
        accessible_groups=(0, 2),
        fixed_group={11: 1},
        facilitators=(12, 13, 14),
        language=tuple(["ar", "ar", None, "tr", None, "ar", "tr", None, "pl"] + [None] * 9),
        facilitator_languages={12: frozenset({"pl"})},
        previous_rounds=(rng.integers(0, 3, size=n).astype(np.int64),),
        balance=rng.normal(size=n),
    )


def _state(seed: int) -> tuple[Problem, UnitProblem, SearchState]:
    problem = _constrained_problem(seed)
    units = validate(problem)
    start = construct(unit_problem(problem, units), seed=seed)
    units = pin_facilitators(units, problem, start)
    up = unit_problem(problem, units)
    s = SearchState(up, np.random.default_rng(seed))
    s.load(start)
    return problem, up, s


def _valid(up: UnitProblem, g: np.ndarray) -> bool:  # type: ignore[type-arg]
    sizes = np.bincount(g, weights=up.size, minlength=up.min_sizes.shape[0])
    if np.any(sizes < up.min_sizes) or np.any(sizes > up.max_sizes):
        return False
    if not all(up.allowed[u, g[u]] for u in range(g.shape[0])):
        return False
    return not any(up.apart[a, b] and g[a] == g[b] for a, b in combinations(range(g.shape[0]), 2))


def _value(s: SearchState, g: np.ndarray) -> float:  # type: ignore[type-arg]
    t = SearchState(s.up, np.random.default_rng(0))
    t.load(g)
    return t.value()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_swap_and_move_gains_match_brute_force(seed: int) -> None:
    _, up, s = _state(seed)
    checked = {"valid": 0, "masked": 0}
    for _ in range(6):
        base = s.value()
        DT = s.leave_gains()
        G = s.swap_gains(DT)
        M = s.move_gains(DT)
        for u, v in combinations(range(s.U), 2):
            g2 = s.g.copy()
            g2[u], g2[v] = s.g[v], s.g[u]
            if s.g[u] == s.g[v] or not s.movable[u] or not s.movable[v] or not _valid(up, g2):
                assert G[v, u] == NEG
                assert G[u, v] == NEG
                checked["masked"] += 1
            else:
                assert G[v, u] == pytest.approx(_value(s, g2) - base, rel=1e-5, abs=1e-3)
                checked["valid"] += 1
                assert G[u, v] == pytest.approx(G[v, u], rel=1e-6)
        for u in range(s.U):
            for h in range(s.m):
                g2 = s.g.copy()
                g2[u] = h
                if h == s.g[u] or not s.movable[u] or not _valid(up, g2):
                    assert M[h, u] == NEG
                else:
                    assert M[h, u] == pytest.approx(_value(s, g2) - base, rel=1e-5, abs=1e-3)
        # take the best step and check the incremental state against a fresh load
        k = int(np.argmax(G))
        s.apply_swap(k % s.U, k // s.U)
        fresh = SearchState(up, np.random.default_rng(0))
        fresh.load(s.g)
        assert np.allclose(s.ST, fresh.ST)
        assert np.array_equal(s.sizes, fresh.sizes)
        assert np.array_equal(s.C, fresh.C)
    assert checked["valid"] > 0
    assert checked["masked"] > 0


def test_same_seed_and_iterations_give_the_same_division() -> None:
    problem = _constrained_problem(5)
    a = solve(problem, seed=9, max_iterations=150)
    b = solve(problem, seed=9, max_iterations=150)
    assert np.array_equal(a.assignment, b.assignment)
    assert a.objective == b.objective


def test_most_pairs_sizes_puts_groups_at_their_bounds() -> None:
    lo = np.array([9, 10, 11, 8, 10, 8, 12, 8, 10, 12], dtype=np.int64)
    hi = np.array([14, 15, 16, 16, 12, 14, 13, 13, 12, 16], dtype=np.int64)
    sizes = most_pairs_sizes(lo, hi, 120)
    assert sizes is not None
    assert int(sizes.sum()) == 120
    assert np.all((lo <= sizes) & (sizes <= hi))
    pairs = int(np.sum(sizes * (sizes - 1) // 2))
    assert pairs == 713  # the size profile of TPSDP's best RanReal_n120_ds_01 division


def test_unit_weights_fold_parties() -> None:
    problem = replace(_constrained_problem(4), previous_rounds=(), balance=None)
    units = validate(problem)
    up = unit_problem(problem, units)
    party = units.of_person[2]
    other = units.of_person[5]
    expected = sum(problem.distance[i, 5] for i in (2, 3, 4))
    assert up.weight[party, other] == pytest.approx(expected)
    assert up.size[party] == 3
