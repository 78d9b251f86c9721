"""Every hard constraint and size bound holds on every answer; impossible input is named first.

Random instances are *planted*: a hidden valid division is drawn first and every constraint is
derived from it, so each instance is known to have a solution and the solver must find one.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from meedoen.grouping.solver import InfeasibleProblem, Problem, check_problem, solve


def independent_violations(problem: Problem, assignment: np.ndarray[Any, Any]) -> list[str]:
    """Check a division from scratch, without any solver code."""
    out: list[str] = []
    groups = [int(x) for x in assignment]
    if len(groups) != problem.n or any(not 0 <= g < problem.m for g in groups):
        return ["not a division"]
    out.extend(
        f"size {g}"
        for g in range(problem.m)
        if not problem.min_sizes[g] <= groups.count(g) <= problem.max_sizes[g]
    )
    out.extend(f"together {t}" for t in problem.together if len({groups[i] for i in t}) != 1)
    out.extend(f"apart {a}" for a in problem.apart if len({groups[i] for i in a}) != len(a))
    out.extend(
        f"accessible {i}"
        for i in problem.needs_accessible
        if groups[i] not in problem.accessible_groups
    )
    out.extend(f"fixed {i}" for i, g in problem.fixed_group.items() if groups[i] != g)
    if problem.facilitators and sorted(groups[f] for f in problem.facilitators) != list(
        range(problem.m)
    ):
        out.append("facilitators")
    if problem.repeats == "forbid":
        together = {(a, b) for t in problem.together for a in t for b in t}
        out.extend(
            f"repeat {a} {b}"
            for rnd in problem.previous_rounds
            for a in range(problem.n)
            for b in range(a + 1, problem.n)
            if rnd[a] >= 0
            and rnd[a] == rnd[b]
            and groups[a] == groups[b]
            and (a, b) not in together
        )
    return out


@st.composite
def planted_problems(draw: st.DrawFn) -> Problem:
    m = draw(st.integers(2, 5))
    sizes = [draw(st.integers(2, 6)) for _ in range(m)]
    n = sum(sizes)
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    hidden = rng.permutation(np.repeat(np.arange(m), sizes))
    members = [np.flatnonzero(hidden == g).tolist() for g in range(m)]
    lo = [max(0, s - draw(st.integers(0, 1))) for s in sizes]
    hi = [s + draw(st.integers(0, 2)) for s in sizes]
    d = rng.integers(0, 10, size=(n, n)).astype(float)
    d = np.triu(d, 1)
    d = d + d.T

    together: list[tuple[int, ...]] = []
    used: set[int] = set()
    for g in range(m):
        if draw(st.booleans()) and len(members[g]) >= 2:
            k = draw(st.integers(2, min(3, len(members[g]))))
            party = tuple(members[g][:k])
            together.append(party)
            used.update(party)

    apart: list[tuple[int, ...]] = []
    for _ in range(draw(st.integers(0, 3))):
        k = draw(st.integers(2, m))
        gs = rng.choice(m, size=k, replace=False)
        apart.append(tuple(int(rng.choice(members[int(g)])) for g in gs))

    accessible: tuple[int, ...] = ()
    needs: tuple[int, ...] = ()
    if draw(st.booleans()):
        accessible = tuple(
            sorted(int(g) for g in rng.choice(m, size=draw(st.integers(1, m)), replace=False))
        )
        pool = [i for g in accessible for i in members[g]]
        needs = tuple(sorted({int(i) for i in rng.choice(pool, size=min(3, len(pool)))}))

    fixed: dict[int, int] = {}
    for i in rng.choice(n, size=draw(st.integers(0, 3)), replace=False).tolist():
        fixed[int(i)] = int(hidden[i])

    facilitators: tuple[int, ...] = ()
    if draw(st.booleans()):
        facilitators = tuple(int(members[g][-1]) for g in range(m))
        if draw(st.booleans()):  # pinned to their planted group, or left to the solver
            fixed.update({f: int(hidden[f]) for f in facilitators})
        else:
            lo = [min(lo)] * m
            hi = [max(hi)] * m

    language = None
    if draw(st.booleans()):
        language = tuple([None, None, "ar", "tr", "pl"][int(x)] for x in rng.integers(0, 5, size=n))
    previous: tuple[np.ndarray[Any, Any], ...] = ()
    repeats = "avoid"
    if draw(st.booleans()):
        previous = (rng.integers(-1, m + 2, size=n).astype(np.int64),)
        if draw(st.booleans()):
            # Forbidding repeats is kept feasible by planting: the earlier round spreads
            # today's groups over different tables.
            rnd = np.full(n, -1, dtype=np.int64)
            for g in range(m):
                for k, i in enumerate(members[g]):
                    rnd[i] = k
            for party in together:
                rnd[list(party)] = rnd[party[0]]
            previous = (rnd,)
            repeats = "forbid"
    balance = rng.normal(size=n) if draw(st.booleans()) else None
    return Problem(
        distance=d,
        min_sizes=np.array(lo, dtype=np.int64),
        max_sizes=np.array(hi, dtype=np.int64),
        together=tuple(together),
        apart=tuple(apart),
        needs_accessible=needs,
        accessible_groups=accessible,
        fixed_group=fixed,
        facilitators=facilitators,
        balance=balance,
        language=language,
        previous_rounds=previous,
        repeats=repeats,  # type: ignore[arg-type]
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=planted_problems(), seed=st.integers(0, 1000))
def test_every_answer_meets_every_hard_constraint(problem: Problem, seed: int) -> None:
    assert check_problem(problem) == []
    sol = solve(problem, seed=seed, max_iterations=60)
    assert independent_violations(problem, sol.assignment) == []
    assert sol.violations == ()


BREAKERS = [
    "accessible_places",
    "too_few_facilitators",
    "too_many_facilitators",
    "party_too_large",
    "apart_set_too_large",
    "sizes_do_not_sum",
    "table_larger_than_tables",
    "together_and_apart",
    "fixed_group_conflict",
]


def _break(problem: Problem, code: str) -> Problem:
    n, m = problem.n, problem.m
    if code == "accessible_places":
        g = int(np.argmin(problem.max_sizes))
        assume(n > problem.max_sizes[g])
        return replace(problem, accessible_groups=(g,), needs_accessible=tuple(range(n)))
    if code == "too_few_facilitators":
        return replace(problem, facilitators=tuple(range(m - 1)), fixed_group={})
    if code == "too_many_facilitators":
        return replace(problem, facilitators=tuple(range(m + 1)), fixed_group={})
    if code == "party_too_large":
        k = int(problem.max_sizes.max()) + 1
        assume(k <= n)
        return replace(problem, together=(tuple(range(k)),), apart=(), fixed_group={})
    if code == "apart_set_too_large":
        return replace(problem, apart=(tuple(range(m + 1)),), together=())
    if code == "sizes_do_not_sum":
        return replace(
            problem,
            max_sizes=np.full(m, (n - 1) // m, dtype=np.int64),
            min_sizes=np.zeros(m, dtype=np.int64),
        )
    if code == "table_larger_than_tables":
        return replace(
            problem,
            previous_rounds=(np.zeros(n, dtype=np.int64),),
            repeats="forbid",
            together=(),
        )
    if code == "together_and_apart":
        return replace(problem, together=((0, 1),), apart=((0, 1),))
    if code == "fixed_group_conflict":
        return replace(problem, together=((0, 1),), fixed_group={0: 0, 1: 1}, facilitators=())
    raise AssertionError(code)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=planted_problems(), code=st.sampled_from(BREAKERS))
def test_impossible_input_is_named_before_searching(problem: Problem, code: str) -> None:
    broken = _break(problem, code)
    codes = [p.code for p in check_problem(broken)]
    assert code in codes
    with pytest.raises(InfeasibleProblem) as info:
        solve(broken, max_iterations=10)
    assert code in info.value.codes
    assert all(p.message for p in info.value.problems)


def test_messages_name_the_constraint_in_plain_words() -> None:
    problem = Problem.plain(np.zeros((10, 10)), [2] * 4, [3] * 4)
    broken = replace(problem, accessible_groups=(1,), needs_accessible=(0, 1, 2, 3, 4))
    with pytest.raises(InfeasibleProblem) as info:
        solve(broken)
    assert info.value.codes == ("accessible_places",)
    assert "5 people" in info.value.problems[0].message
    assert "only 3 places" in info.value.problems[0].message


def test_round_two_without_repeats_when_tables_allow() -> None:
    rng = np.random.default_rng(3)
    n, m = 36, 6
    d = rng.random((n, n))
    d = np.triu(d, 1) + np.triu(d, 1).T
    first = np.arange(n) % m
    problem = replace(Problem.plain(d, [6] * m, [6] * m), previous_rounds=(first.astype(np.int64),))
    sol = solve(problem, seed=1, max_iterations=300)
    assert sol.repeat_pairs == ()
    forbid = replace(problem, repeats="forbid")
    assert independent_violations(forbid, solve(forbid, seed=1, max_iterations=50).assignment) == []


def test_no_isolated_speaker_when_it_can_be_avoided() -> None:
    n, m = 24, 4
    language = tuple("ar" if i < 4 else ("tr" if i < 6 else None) for i in range(n))
    problem = replace(
        Problem.plain(np.ones((n, n)) - np.eye(n), [6] * m, [6] * m), language=language
    )
    sol = solve(problem, seed=2, max_iterations=200)
    assert sol.isolated == ()
    groups_of = {
        lang: sorted(int(sol.assignment[i]) for i in range(n) if language[i] == lang)
        for lang in ("ar", "tr")
    }
    for gs in groups_of.values():
        assert all(gs.count(g) >= 2 for g in gs)


def test_a_facilitator_who_speaks_the_language_is_company_enough() -> None:
    n, m = 12, 3
    language = ("ar", None, None, "ar", None, None, None, None, None, None, None, None)
    d = np.ones((n, n)) - np.eye(n)
    # One Arabic-speaking participant (0) and an Arabic-speaking facilitator (3).
    problem = replace(
        Problem.plain(d, [4] * m, [4] * m),
        language=language,
        facilitators=(3, 4, 5),
    )
    sol = solve(problem, seed=0, max_iterations=100)
    assert sol.isolated == ()
    assert int(sol.assignment[0]) == int(sol.assignment[3])
