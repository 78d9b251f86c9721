"""A valid start: greedy insertion, most constrained unit first, with a backtracking fallback."""

from __future__ import annotations

import numpy as np

from .problem import BoolArray, FloatArray, Infeasibility, InfeasibleProblem, IntArray
from .state import NEG, SearchState, UnitProblem


def construct(up: UnitProblem, *, seed: int = 0) -> IntArray:
    """A valid start (group per unit); raises `InfeasibleProblem` if none is found."""
    return build_start(SearchState(up, np.random.default_rng([seed, 1])))


def build_start(s: SearchState, attempts: int = 60) -> IntArray:
    """A valid start by greedy insertion: the unit with the fewest open groups goes first
    (dynamic most-constrained-first), into the group where it mixes best."""
    mean_w = float(s.W.sum()) / max(s.U * (s.U - 1), 1)
    for _ in range(attempts):
        g = _greedy(s, mean_w)
        if g is not None:
            return g
    if s.U <= 600:
        found = _backtrack(s, budget=50_000)
        if found is not None:
            return found
    raise InfeasibleProblem(
        [
            Infeasibility(
                "no_division_found",
                "No division was found that meets all hard constraints together (sizes, "
                "parties, keep-apart, accessibility, fixed places). Relax one of them.",
            )
        ]
    )


def _options(
    s: SearchState, sizes: IntArray, AT: FloatArray, remaining: int, open_units: IntArray
) -> BoolArray:
    """ok[k, h]: unit open_units[k] may still go to group h."""
    w = s.w[open_units]
    deficit = np.maximum(s.lo - sizes, 0)
    reduce = np.minimum(deficit[None, :], w[:, None])
    ok = sizes[None, :] + w[:, None] <= s.hi[None, :]
    ok &= (remaining - w)[:, None] >= int(deficit.sum()) - reduce
    if s.restrict:
        ok &= s.up.allowed[open_units]
    if s.has_apart:
        ok &= AT[:, open_units].T == 0
    return ok


def _backtrack(s: SearchState, budget: int) -> IntArray | None:
    """Depth-first search with most-constrained-first, for tight instances the greedy
    misses; gives up after `budget` placements."""
    m = s.m
    g = np.full(s.U, -1, dtype=np.int64)
    sizes = np.zeros(m, dtype=np.int64)
    AT = np.zeros((m, s.U))
    nodes = 0

    def place(open_units: IntArray, remaining: int) -> bool:
        nonlocal nodes
        if open_units.size == 0:
            return bool(np.all(sizes >= s.lo))
        ok_all = _options(s, sizes, AT, remaining, open_units)
        counts = ok_all.sum(axis=1)
        if counts.min() == 0:
            return False
        first = s.up.place_first[open_units]
        k = int(np.lexsort((-s.w[open_units], counts, ~first))[0])
        u = int(open_units[k])
        rest = np.delete(open_units, k)
        wu = int(s.w[u])
        for h in s.rng.permutation(np.flatnonzero(ok_all[k])).tolist():
            nodes += 1
            if nodes > budget:
                return False
            g[u] = h
            sizes[h] += wu
            if s.has_apart:
                AT[h] += s.apart_f[u]
            if place(rest, remaining - wu):
                return True
            sizes[h] -= wu
            if s.has_apart:
                AT[h] -= s.apart_f[u]
        g[u] = -1
        return False

    if place(s.rng.permutation(s.U), int(s.w.sum())):
        return g
    return None


def _greedy(s: SearchState, mean_w: float) -> IntArray | None:
    m = s.m
    g = np.full(s.U, -1, dtype=np.int64)
    ST = np.zeros((m, s.U))
    sizes = np.zeros(m, dtype=np.int64)
    AT = np.zeros((m, s.U))
    C = np.zeros((max(s.n_lang, 1), m), dtype=np.int64)
    remaining = int(s.w.sum())
    order = s.rng.permutation(s.U)
    hard = s.up.place_first | ~s.movable
    for idx in (s.restricted, s.with_partners, s.odd_size):
        hard[idx] = True
    # Units with a hard rule go first, most constrained first; the rest, which all have
    # the same options, follow in random order.
    open_units = np.concatenate([order[hard[order]], order[~hard[order]]])
    n_hard = int(hard.sum())
    while open_units.size:
        if n_hard > 0:
            ok_all = _options(s, sizes, AT, remaining, open_units[:n_hard])
            counts = ok_all.sum(axis=1)
            if counts.min() == 0:
                return None
            # facilitators first, then fewest options, then the largest party
            first = s.up.place_first[open_units[:n_hard]]
            k = int(np.lexsort((-s.w[open_units[:n_hard]], counts, ~first))[0])
            ok = ok_all[k]
            n_hard -= 1
        else:
            k = 0
            ok = _options(s, sizes, AT, remaining, open_units[:1])[0]
            if not ok.any():
                return None
        u = int(open_units[k])
        open_units = np.delete(open_units, k)
        wu = int(s.w[u])
        score = ST[:, u] - mean_w * sizes * wu
        if s.n_lang:
            for lang in range(s.n_lang):
                spk = int(s.spk[u, lang])
                if spk:
                    c = C[lang]
                    before = (c == 1) & ~s.fsp[:, lang]
                    after = (c + spk == 1) & ~s.fsp[:, lang]
                    score = score - s.lam * (after.astype(float) - before)
        score = score + 1e-9 * s.rng.random(m)
        score[~ok] = NEG
        h = int(np.argmax(score))
        g[u] = h
        ST[h] += s.W[u]
        sizes[h] += wu
        remaining -= wu
        if s.has_apart:
            AT[h] += s.apart_f[u]
        if s.n_lang:
            C[:, h] += s.spk[u]
    if np.any(sizes < s.lo):
        return None
    return g


# ---- perturbation ------------------------------------------------------------------
