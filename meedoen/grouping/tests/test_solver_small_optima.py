"""The solver reaches the enumerated exact optimum of every n=10 and n=12 MDGPLIB instance."""

from __future__ import annotations

import csv
from itertools import combinations
from pathlib import Path

import pytest

from meedoen.grouping.solver import read_mdgplib, solve

MDGP = Path(__file__).resolve().parents[3].parent / "shared" / "benchmarks" / "mdgp"


def _optima() -> list[tuple[str, float]]:
    path = MDGP / "small_optima_enumerated.csv"
    if not path.exists():
        return []
    with path.open(newline="") as f:
        return [(r["instance"], float(r["optimum"])) for r in csv.DictReader(f)]


OPTIMA = _optima()


def _independent_objective(path: Path, groups: list[list[int]]) -> tuple[float, list[int]]:
    """Sum of within-group pair distances, read straight from the file (not the solver's reader)."""
    lines = path.read_text().splitlines()
    head = lines[0].split()
    m = int(head[1])
    bounds = [(int(head[3 + 2 * g]), int(head[4 + 2 * g])) for g in range(m)]
    dist: dict[tuple[int, int], float] = {}
    for line in lines[1:]:
        if line.strip():
            i, j, d = line.split()
            dist[(int(i), int(j))] = float(d)
    total = 0.0
    for grp in groups:
        for i, j in combinations(sorted(grp), 2):
            total += dist[(i, j)]
    bad = [g for g, grp in enumerate(groups) if not bounds[g][0] <= len(grp) <= bounds[g][1]]
    return total, bad


@pytest.mark.skipif(not OPTIMA, reason=f"MDGP benchmark data not found at {MDGP}")
@pytest.mark.parametrize(("name", "optimum"), OPTIMA, ids=[name for name, _ in OPTIMA])
def test_exact_optimum_on_small_instances(name: str, optimum: float) -> None:
    path = MDGP / "mdgplib" / name.split("_")[0] / f"{name}.txt"
    inst = read_mdgplib(path)
    sol = solve(inst.problem(), seed=7, max_iterations=1000)
    groups = sol.groups_for(int(inst.min_sizes.shape[0]))
    assert sorted(i for grp in groups for i in grp) == list(range(inst.distance.shape[0]))
    value, bad_sizes = _independent_objective(path, groups)
    assert bad_sizes == []
    assert value == pytest.approx(optimum, abs=2e-3)
    assert sol.objective == pytest.approx(value, abs=1e-6)
