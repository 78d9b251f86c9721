"""The objective, its closed-form bound, and independent checks of a finished division.

Everything here works on a plain person -> group array, not on the search's internal state, so
it doubles as an independent check of what the search reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .problem import BoolArray, CategoricalAttribute, FloatArray, IntArray, Problem, Units


def diversity(distance: FloatArray, assignment: IntArray) -> float:
    """MDGP objective: the sum of d_ij over unordered pairs {i, j} in the same group."""
    total = 0.0
    for g in np.unique(assignment):
        idx = np.flatnonzero(assignment == g)
        total += float(distance[np.ix_(idx, idx)].sum()) / 2.0
    return total


def value_codes(values: Sequence[str | None]) -> tuple[IntArray, int]:
    """Integer codes per person (-1 for unknown) and the number of distinct values."""
    labels = sorted({v for v in values if v is not None})
    index = {v: k for k, v in enumerate(labels)}
    codes = np.array([index[v] if v is not None else -1 for v in values], dtype=np.int64)
    return codes, len(labels)


def value_counts(attribute: CategoricalAttribute, assignment: IntArray, m: int) -> IntArray:
    """counts[g, v]: how many people at group g have value v (unknowns are not counted)."""
    codes, k = value_codes(attribute.values)
    counts = np.zeros((m, max(k, 1)), dtype=np.int64)
    known = codes >= 0
    np.add.at(counts, (assignment[known], codes[known]), 1)
    return counts


def spread_bound(totals: IntArray, m: int) -> int:
    """Least possible sum over groups of squared counts: each value spread floor/ceil(n_v/m)."""
    q, r = np.divmod(totals, m)
    return int(np.sum((m - r) * q * q + r * (q + 1) * (q + 1)))


def bound_gap(attributes: Sequence[CategoricalAttribute], assignment: IntArray, m: int) -> float:
    """Weighted number of same-value pairs beyond the closed-form least (0 = as mixed as possible).

    With mismatch distances and fixed group sizes, maximising diversity equals minimising
    sum_g sum_v c_gv^2, and spreading each value as evenly as possible is a lower bound on it.
    Half the excess over that bound is the number of avoidable same-value pairs.
    """
    gap = 0.0
    for attr in attributes:
        counts = value_counts(attr, assignment, m)
        excess = int(np.sum(counts * counts)) - spread_bound(counts.sum(axis=0), m)
        gap += attr.weight * excess / 2.0
    return gap


def minority_languages(problem: Problem) -> tuple[str, ...]:
    if problem.language is None:
        return ()
    fac = set(problem.facilitators)
    return tuple(
        sorted({v for i, v in enumerate(problem.language) if v is not None and i not in fac})
    )


def facilitator_speaks(problem: Problem, units: Units, languages: Sequence[str]) -> BoolArray:
    """speaks[g, l]: whether the facilitator pinned to group g speaks minority language l."""
    speaks = np.zeros((problem.m, len(languages)), dtype=bool)
    for person, g in units.facilitator_group.items():
        spoken = set(problem.facilitator_languages.get(person, frozenset()))
        if problem.language is not None and problem.language[person] is not None:
            spoken.add(str(problem.language[person]))
        for k, lang in enumerate(languages):
            speaks[g, k] = lang in spoken
    return speaks


def isolated_people(problem: Problem, units: Units, assignment: IntArray) -> list[int]:
    """Participants who are the only speaker of their minority language at their group and
    whose facilitator does not speak it either."""
    languages = minority_languages(problem)
    if not languages or problem.language is None:
        return []
    speaks = facilitator_speaks(problem, units, languages)
    fac = set(problem.facilitators)
    out: list[int] = []
    for k, lang in enumerate(languages):
        people = [i for i, v in enumerate(problem.language) if v == lang and i not in fac]
        groups = assignment[people]
        for i, g in zip(people, groups.tolist(), strict=True):
            if int(np.sum(groups == g)) == 1 and not speaks[g, k]:
                out.append(i)
    return sorted(out)


def met_before(problem: Problem, units: Units) -> FloatArray:
    """met[i, j]: in how many earlier rounds i and j shared a group (0 within a party)."""
    n = problem.n
    met = np.zeros((n, n), dtype=np.float64)
    for rnd in problem.previous_rounds:
        present = rnd >= 0
        same = (rnd[:, None] == rnd[None, :]) & present[:, None] & present[None, :]
        met += same
    np.fill_diagonal(met, 0.0)
    same_unit = units.of_person[:, None] == units.of_person[None, :]
    met[same_unit] = 0.0
    return met


def repeat_pairs(problem: Problem, units: Units, assignment: IntArray) -> list[tuple[int, int]]:
    """Pairs that share a group again after an earlier round (pairs that must sit together
    excluded)."""
    if not problem.previous_rounds:
        return []
    met = met_before(problem, units)
    same = assignment[:, None] == assignment[None, :]
    ii, jj = np.nonzero(np.triu(same & (met > 0), k=1))
    return [(int(a), int(b)) for a, b in zip(ii, jj, strict=True)]


def balance_spread(problem: Problem, assignment: IntArray) -> float:
    """Largest distance of a group mean of the balance answer from the overall mean, in
    standard deviations (0 when there is no balance answer)."""
    if problem.balance is None:
        return 0.0
    x = problem.balance
    known = np.isfinite(x)
    if known.sum() < 2:
        return 0.0
    mu, sd = float(x[known].mean()), float(x[known].std())
    if sd == 0.0:
        return 0.0
    worst = 0.0
    for g in range(problem.m):
        sel = known & (assignment == g)
        if sel.any():
            worst = max(worst, abs(float(x[sel].mean()) - mu) / sd)
    return worst


def violations(problem: Problem, assignment: IntArray) -> list[str]:
    """Every hard constraint that the division breaks, checked from scratch (empty = valid)."""
    out: list[str] = []
    n, m = problem.n, problem.m
    if assignment.shape != (n,) or np.any(assignment < 0) or np.any(assignment >= m):
        return ["assignment: every person needs exactly one existing group"]
    sizes = np.bincount(assignment, minlength=m)
    out.extend(
        f"size: group {g + 1} has {sizes[g]} people, outside "
        f"{problem.min_sizes[g]}..{problem.max_sizes[g]}"
        for g in range(m)
        if not problem.min_sizes[g] <= sizes[g] <= problem.max_sizes[g]
    )
    out.extend(
        f"together: party {list(party)} is split"
        for party in problem.together
        if len({int(assignment[i]) for i in party}) > 1
    )
    for group in problem.apart:
        seen: dict[int, int] = {}
        for i in group:
            g = int(assignment[i])
            if g in seen and seen[g] != i:
                out.append(f"apart: persons {seen[g]} and {i} share group {g + 1}")
            seen.setdefault(g, i)
    access = set(problem.accessible_groups)
    out.extend(
        f"accessible: person {i} is at group {int(assignment[i]) + 1}, which is not accessible"
        for i in problem.needs_accessible
        if int(assignment[i]) not in access
    )
    out.extend(
        f"fixed: person {i} should be at group {g + 1}"
        for i, g in problem.fixed_group.items()
        if int(assignment[i]) != g
    )
    if problem.facilitators:
        per_group = np.bincount(assignment[list(problem.facilitators)], minlength=m)
        out.extend(
            f"facilitators: group {g + 1} has {int(per_group[g])} facilitators"
            for g in range(m)
            if per_group[g] != 1
        )
    if problem.repeats == "forbid" and problem.previous_rounds:
        together = {frozenset((a, b)) for t in problem.together for a in t for b in t if a != b}
        for rnd in problem.previous_rounds:
            same_before = (rnd[:, None] == rnd[None, :]) & (rnd[:, None] >= 0)
            same_now = assignment[:, None] == assignment[None, :]
            ii, jj = np.nonzero(np.triu(same_before & same_now, k=1))
            out.extend(
                f"repeat: persons {a} and {b} meet again"
                for a, b in zip(ii.tolist(), jj.tolist(), strict=True)
                if frozenset((a, b)) not in together
            )
    return out


@dataclass(frozen=True)
class Weights:
    """The pair weights the search maximises, and the scale of each penalty level.

    Soft goals are ranked: no isolated speaker first, then no repeat encounter, then mixing,
    with numeric balance as a gentler term. The repeat and isolation weights are chosen larger
    than any change in the lower levels one move or swap can make, so the ranking is strict
    per step.
    """

    pair: FloatArray  # person x person
    repeat_weight: float
    isolation_weight: float


def pair_weights(problem: Problem, units: Units) -> Weights:
    d = problem.distance
    n = problem.n
    w = d.copy()
    off = ~np.eye(n, dtype=bool)
    mean_d = float(np.abs(d[off]).mean()) if n > 1 else 0.0
    if problem.balance is not None and problem.balance_weight > 0:
        x = problem.balance
        known = np.isfinite(x)
        if known.sum() >= 2 and float(x[known].std()) > 0:
            y = np.where(known, (x - x[known].mean()) / x[known].std(), 0.0)
            # sum_g (sum_{i in g} y_i)^2 = const + 2 * sum_{pairs in g} y_i y_j. Scaled to the
            # distances; with no distances at all, balance is the whole objective.
            scale = mean_d if mean_d > 0 else 1.0
            w -= problem.balance_weight * 0.5 * scale * np.outer(y, y)
    np.fill_diagonal(w, 0.0)
    max_size = int(problem.max_sizes.max()) if problem.m else 1
    step = 4.0 * max_size * (float(np.abs(w).max()) if n > 1 else 0.0) + 1.0
    repeat_weight = 0.0
    if problem.previous_rounds and problem.repeats == "avoid":
        met = met_before(problem, units)
        if met.any():
            repeat_weight = step
            w -= repeat_weight * met
            step = 4.0 * max_size * float(np.abs(w).max()) + 1.0
    isolation_weight = step if minority_languages(problem) else 0.0
    return Weights(pair=w, repeat_weight=repeat_weight, isolation_weight=isolation_weight)
