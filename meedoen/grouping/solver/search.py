"""The metaheuristic: iterated tabu search over the move and swap neighbourhoods.

It follows the scheme of Lai & Hao (2016, EJOR 254(3), "iterated maxima search"): a strong
local search (here a tabu search, as in the tabu phase of Yang et al. 2022, EJOR 302(3), TPSDP)
alternates with weak and strong perturbations. Gains come from `state.SearchState`, which keeps
them incrementally up to date and masks every step that would break a hard rule, and the start
comes from `construct`, so every division the search visits is valid.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .construct import build_start
from .problem import IntArray
from .state import NEG, Gains, SearchState, UnitProblem


@dataclass(frozen=True)
class SearchParams:
    """Tuning of the iterated tabu search (fractions of the number of units)."""

    tenure_min: float = 0.03
    tenure_max: float = 0.08
    depth: float = 4.0  # steps without improvement before a perturbation, times the units
    strength: float = 0.1  # random swaps per perturbation, times the units
    from_best: float = 0.2  # chance to perturb the best division found, else the last one


# How often, at most, the search reports progress and asks whether it should stop.
CHECK_EVERY_S = 0.1

Progress = Callable[[float], None]
ShouldStop = Callable[[], bool]


@dataclass(frozen=True)
class SearchResult:
    assignment: IntArray  # group per unit
    value: float  # internal objective (pair weights minus isolation penalty), up to a constant
    iterations: int
    elapsed_s: float
    stopped: bool = False  # ended early because `should_stop` said so


def search(
    up: UnitProblem,
    *,
    seed: int = 0,
    time_limit: float | None = None,
    max_iterations: int | None = None,
    start: IntArray | None = None,
    params: SearchParams | None = None,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
) -> SearchResult:
    """Iterated tabu search; deterministic for a seed when only `max_iterations` stops it.

    `progress` gets the fraction of the budget used (time or iterations) and `should_stop` is
    asked whether to end now; both at most every `CHECK_EVERY_S` seconds, and once before the
    first step. Stopping early returns the best division found so far, which is valid.

    Each round runs a tabu search (best non-tabu move or swap; a unit that moved stays put for
    a random tenure; a tabu step is taken anyway if it beats the best division found) until
    `depth` steps pass without improving the round's best. Then a random perturbation of a few
    units restarts it, from the round's end or, now and then, from the best division found (the
    weak and strong perturbations of iterated maxima search).
    """
    t0 = time.perf_counter()
    rng = np.random.default_rng(seed)
    s = SearchState(up, rng)
    s.load(start if start is not None else build_start(s))
    if max_iterations is None and time_limit is None:
        max_iterations = 50 * max(s.U, 10)
    deadline = None if time_limit is None else t0 + time_limit
    U = s.U
    cur = s.value()
    best = cur
    best_g = s.g.copy()
    it = 0
    pr = params or SearchParams()
    tenure_lo = max(2, int(U * pr.tenure_min))
    tenure_hi = max(tenure_lo + 1, int(U * pr.tenure_max))
    depth = max(50, int(pr.depth * U))
    strength = max(2, int(U * pr.strength))
    tabu = np.zeros(U, dtype=np.int64)
    tenures = rng.integers(tenure_lo, tenure_hi + 1, size=4099)
    eps = 1e-7
    stuck = int(np.count_nonzero(s.movable)) < 2 and not s.can_move
    stopped = False
    next_check = 0.0

    def must_stop() -> bool:
        """Report progress and ask the caller, at most every CHECK_EVERY_S seconds."""
        nonlocal next_check, stopped
        if progress is None and should_stop is None:
            return False
        now = time.perf_counter()
        if now < next_check:
            return False
        next_check = now + CHECK_EVERY_S
        if progress is not None:
            if deadline is not None and time_limit:
                progress(min(1.0, (now - t0) / time_limit))
            elif max_iterations:
                progress(min(1.0, it / max_iterations))
        stopped = should_stop is not None and should_stop()
        return stopped

    stuck = stuck or must_stop()
    while not stuck:
        phase_best = cur
        stall = 0
        while stall < depth:
            if max_iterations is not None and it >= max_iterations:
                break
            if deadline is not None and time.perf_counter() >= deadline:
                break
            if must_stop():
                break
            it += 1
            steps = _best_steps(s, tabu, it, best - cur + eps)
            if not steps:
                break
            for kind, u, x, _gain in steps:
                if kind == 0:
                    s.apply_swap(u, x)
                    tabu[x] = it + int(tenures[(it + x) % tenures.size]) + 1
                else:
                    s.apply_move(u, x)
                tabu[u] = it + int(tenures[(it + u) % tenures.size])
            cur = s.value()
            if cur > best + eps:
                best = cur
                best_g = s.g.copy()
            if cur > phase_best + eps:
                phase_best = cur
                stall = 0
            else:
                stall += 1
        if max_iterations is not None and it >= max_iterations:
            break
        if deadline is not None and time.perf_counter() >= deadline:
            break
        if stopped or U < 2:
            break
        if rng.random() < pr.from_best:
            s.load(best_g)
        s.relabel()
        s.perturb(strength)
        cur = s.value()
        tabu[:] = 0
    s.load(best_g)
    if progress is not None and not stopped:
        progress(1.0)
    return SearchResult(
        assignment=best_g,
        value=s.value(),
        iterations=it,
        elapsed_s=time.perf_counter() - t0,
        stopped=stopped,
    )


def _best_steps(
    s: SearchState, tabu: IntArray, it: int, aspiration: float
) -> list[tuple[int, int, int, float]]:
    """The best allowed step, as [(0, u, v, gain)] for a swap or [(1, u, h, gain)] for a move.

    A step is tabu when a unit in it moved within its tenure; a tabu step is still taken when
    its gain beats `aspiration` (it would give a new best division). While the best swap
    improves, more improving swaps between other pairs of groups are taken in the same
    iteration: their gains do not interact, so this only speeds up the descent.
    """
    U = s.U
    DT = s.leave_gains()
    G = s.swap_gains(DT)
    M = s.move_gains(DT) if s.can_move else None
    ks = int(np.argmax(G))
    best = (0, ks % U, ks // U, float(G.flat[ks]))
    if M is not None:
        km = int(np.argmax(M))
        move = (1, km % U, km // U, float(M.flat[km]))
        if move[3] > best[3]:
            best = move
    if best[3] == NEG:
        return []
    free = tabu[best[1]] <= it and (best[0] == 1 or tabu[best[2]] <= it)
    if not free and best[3] <= aspiration:
        tabu_idx = np.flatnonzero(tabu > it)
        G[tabu_idx] = NEG
        G[:, tabu_idx] = NEG
        ks = int(np.argmax(G))
        best = (0, ks % U, ks // U, float(G.flat[ks]))
        if M is not None:
            M[:, tabu_idx] = NEG
            km = int(np.argmax(M))
            move = (1, km % U, km // U, float(M.flat[km]))
            if move[3] > best[3]:
                best = move
        if best[3] == NEG:
            return []
    if best[0] == 1 or best[3] <= 1e-6 or s.m < 4:
        return [best]
    return _disjoint_swaps(s, G, tabu, it, best)


def _disjoint_swaps(
    s: SearchState,
    G: Gains,
    tabu: IntArray,
    it: int,
    best: tuple[int, int, int, float],
) -> list[tuple[int, int, int, float]]:
    """The best swap plus the best improving non-tabu swaps that touch other groups."""
    U, g = s.U, s.g
    k = min(G.size, 4 * s.m)
    flat = G.ravel()
    top = np.argpartition(flat, -k)[-k:]
    top = top[np.argsort(flat[top])[::-1]]
    used = {int(g[best[1]]), int(g[best[2]])}
    steps = [best]
    for idx in top.tolist():
        gain = float(flat[idx])
        if gain <= 1e-6:
            break
        u, v = idx % U, idx // U
        a, b = int(g[u]), int(g[v])
        if a in used or b in used or tabu[u] > it or tabu[v] > it:
            continue
        used.update((a, b))
        steps.append((0, u, v, gain))
    return steps
