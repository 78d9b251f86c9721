"""The work behind `meedoen groups solve`: files in, a JSON-ready dict out (no Django here).

The management command only parses arguments and prints; the benchmark calls these functions
directly, so both produce the same JSON.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from . import people
from .facts import PersonFacts
from .mdgplib import read_mdgplib
from .problem import CategoricalAttribute, Infeasibility, InfeasibleProblem, Problem
from .solve import solve


def infeasible_json(exc: InfeasibleProblem) -> dict[str, Any]:
    return {
        "feasible": False,
        "problems": [
            {"code": p.code, "message": p.message, "details": dict(p.details)} for p in exc.problems
        ],
    }


def solve_mdgp_file(
    path: str | Path,
    *,
    time_limit: float | None,
    seed: int = 0,
    max_iterations: int | None = None,
) -> dict[str, Any]:
    """Solve an MDGPLIB instance; `groups` lists 0-based elements in the header's group order."""
    t0 = time.perf_counter()
    inst = read_mdgplib(path)
    sol = solve(inst.problem(), seed=seed, time_limit=time_limit, max_iterations=max_iterations)
    return {
        "instance": inst.name,
        "n": int(inst.distance.shape[0]),
        "m": int(inst.min_sizes.shape[0]),
        "feasible": not sol.violations,
        "objective": round(sol.objective, 6),
        "groups": sol.groups_for(int(inst.min_sizes.shape[0])),
        "violations": list(sol.violations),
        "iterations": sol.iterations,
        "seed": seed,
        "elapsed_s": round(time.perf_counter() - t0, 3),
    }


@dataclass
class PeopleRequest:
    """Arguments of the `--csv` form of `groups solve`."""

    csv_path: str | Path
    tables: int
    mix: Sequence[tuple[str, float]]
    balance: str | None = None
    no_isolated: str | None = None
    minority_except: Sequence[str] = ()
    together: Sequence[Sequence[str]] = ()
    apart: Sequence[Sequence[str]] = ()
    facilitator_col: str | None = None
    accessible_tables: Sequence[int] = ()  # 1-based
    needs_accessible: str | None = None
    fixed_col: str | None = None  # a column with a 1-based table number, blank = free
    previous: Sequence[str | Path] = ()
    no_repeats: bool = False
    time_limit: float | None = None
    seed: int = 0
    max_iterations: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def parse_mix(spec: str) -> list[tuple[str, float]]:
    """`col[:weight],…` -> [(col, weight)]."""
    out: list[tuple[str, float]] = []
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        name, _, w = part.partition(":")
        out.append((name.strip(), float(w) if w else 1.0))
    return out


def _read_previous(path: str | Path, table: people.PeopleTable) -> np.ndarray[Any, Any]:
    prev = people.parse_people_csv(Path(path).read_text(encoding="utf-8-sig"))
    column = next(iter(prev.columns.values()), None)
    if column is None:
        raise InfeasibleProblem(
            [Infeasibility("previous_round", f"{path}: needs a column with the group.")]
        )
    labels = sorted(set(column) - {""})
    group_of = {pid: labels.index(v) for pid, v in zip(prev.ids, column, strict=True) if v}
    return np.array([group_of.get(pid, -1) for pid in table.ids], dtype=np.int64)


def build_people_problem(req: PeopleRequest) -> tuple[people.PeopleTable, Problem]:
    table = people.parse_people_csv(Path(req.csv_path).read_text(encoding="utf-8-sig"))
    n, k = len(table.ids), req.tables
    if k < 1:
        raise InfeasibleProblem([Infeasibility("tables", "Ask for at least one table.")])
    attrs: tuple[CategoricalAttribute, ...] = tuple(
        people.categorical(name, table.column(name), weight) for name, weight in req.mix
    )
    lo = np.full(k, n // k, dtype=np.int64)
    hi = np.full(k, -(-n // k), dtype=np.int64)
    language: tuple[str | None, ...] | None = None
    if req.no_isolated:
        majority = {v.strip().lower() for v in req.minority_except}
        language = tuple(
            (v.strip() or None) if v.strip().lower() not in majority else None
            for v in table.column(req.no_isolated)
        )
    fixed: dict[int, int] = {}
    if req.fixed_col:
        for i, v in enumerate(table.column(req.fixed_col)):
            if v.strip():
                fixed[i] = int(v) - 1
    problem = Problem(
        distance=people.mismatch_distance(attrs, n),
        min_sizes=lo,
        max_sizes=hi,
        together=tuple(tuple(table.index_of(p) for p in grp) for grp in req.together),
        apart=tuple(tuple(table.index_of(p) for p in grp) for grp in req.apart),
        needs_accessible=people.truthy(table.column(req.needs_accessible))
        if req.needs_accessible
        else (),
        accessible_groups=tuple(t - 1 for t in req.accessible_tables),
        fixed_group=fixed,
        facilitators=people.truthy(table.column(req.facilitator_col))
        if req.facilitator_col
        else (),
        balance=people.numeric(table.column(req.balance)) if req.balance else None,
        language=language,
        previous_rounds=tuple(_read_previous(p, table) for p in req.previous),
        repeats="forbid" if req.no_repeats else "avoid",
        attributes=attrs,
    )
    return table, problem


def reason(f: PersonFacts, ids: Sequence[str]) -> str:
    """A short English explanation from the facts (the app builds its own Dutch sentence)."""
    parts: list[str] = []
    if f.facilitator:
        parts.append("facilitator of this table")
    if f.fixed_group:
        parts.append("fixed place")
    if f.party:
        parts.append("sits with " + ", ".join(ids[j] for j in f.party))
    if f.needs_accessible:
        parts.append("accessible table")
    if f.kept_apart_from:
        parts.append("kept apart from " + ", ".join(ids[j] for j in f.kept_apart_from))
    if f.language is not None and not f.facilitator:
        if f.language_company:
            parts.append(f"{f.language_company} other {f.language} speaker(s) at the table")
        elif f.facilitator_speaks_language:
            parts.append(f"the facilitator speaks {f.language}")
        else:
            parts.append(f"only {f.language} speaker at the table")
    if f.met_before_at_group:
        parts.append("meets again " + ", ".join(ids[j] for j in f.met_before_at_group))
    mixed = [name for name, same in f.same_value_at_group if same == 0]
    if mixed:
        parts.append("only one at the table with their " + ", ".join(mixed))
    return "; ".join(parts) or "placed for the best mix"


def solve_people(req: PeopleRequest) -> dict[str, Any]:
    """Solve the `--csv` form; raises `InfeasibleProblem` with reasons when it cannot work."""
    t0 = time.perf_counter()
    table, problem = build_people_problem(req)
    sol = solve(
        problem, seed=req.seed, time_limit=req.time_limit, max_iterations=req.max_iterations
    )
    ids = table.ids
    out: dict[str, Any] = {
        "feasible": not sol.violations,
        "groups": [[ids[i] for i in grp] for grp in sol.groups_for(problem.m)],
        "objective": round(sol.objective, 6),
        "bound_gap": sol.bound_gap,
        "violations": list(sol.violations),
        "isolated": [ids[i] for i in sol.isolated],
        "balance_spread": round(sol.balance_spread, 4),
        "reasons": {ids[f.person]: reason(f, ids) for f in sol.facts},
        "iterations": sol.iterations,
        "seed": req.seed,
        "elapsed_s": round(time.perf_counter() - t0, 3),
    }
    if req.previous:
        out["repeat_pairs"] = [[ids[a], ids[b]] for a, b in sol.repeat_pairs]
    return out
