"""The metaheuristic: iterated tabu search over the move and swap neighbourhoods.

It follows the scheme of Lai & Hao (2016, EJOR 254(3), "iterated maxima search"): a strong
local search (here a tabu search, as in the tabu phase of Yang et al. 2022, EJOR 302(3), TPSDP)
alternates with perturbations of the best division found. Both papers evaluate moves with
incrementally updated gains: for every unit u and group h the search keeps

    S[h, u] = sum of weights between u and the units now in group h,

so the gain of moving u to h is S[h, u] - S[g(u), u] and the gain of swapping u and v is
S[g(v), u] - S[g(u), u] + S[g(u), v] - S[g(v), v] - 2 w(u, v). Here the whole neighbourhood is
evaluated at once as numpy arrays; after a step only two rows of S change.

Hard constraints are never in the gains. A move or swap that would break a size bound, a
keep-apart pair, a fixed place or an accessibility need is masked out before the best step is
chosen, and the start is built to respect them, so every visited division is valid.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from .problem import BoolArray, FloatArray, Infeasibility, InfeasibleProblem, IntArray

NEG = -np.inf


@dataclass(frozen=True)
class UnitProblem:
    """The search's view: units with pair weights, sizes, and the masks of hard constraints."""

    weight: FloatArray  # unit x unit, zero diagonal
    size: IntArray  # people per unit
    min_sizes: IntArray
    max_sizes: IntArray
    allowed: BoolArray  # unit x group
    apart: BoolArray  # unit x unit
    speakers: IntArray  # unit x language: minority-language participants in the unit
    facilitator_speaks: BoolArray  # group x language
    isolation_weight: float


@dataclass(frozen=True)
class SearchParams:
    """Tuning of the iterated tabu search (fractions of the number of units)."""

    tenure_min: float = 1 / 20
    tenure_max: float = 1 / 8
    depth: float = 2.0
    strength: float = 1 / 15
    from_best: float = 1.0  # chance to restart from the best division, else from the last one


@dataclass(frozen=True)
class SearchResult:
    assignment: IntArray  # group per unit
    value: float  # internal objective (pair weights minus isolation penalty), up to a constant
    iterations: int
    elapsed_s: float


class _Search:
    """Mutable state of one search run."""

    def __init__(self, up: UnitProblem, rng: np.random.Generator) -> None:
        self.up = up
        self.rng = rng
        self.U = int(up.weight.shape[0])
        self.m = int(up.min_sizes.shape[0])
        self.W = up.weight
        self.W2 = 2.0 * up.weight
        self.lo = up.min_sizes
        self.hi = up.max_sizes
        self.w = up.size
        self.var_sizes = bool(np.any(up.size != up.size[0])) if self.U else False
        self.restrict = not bool(np.all(up.allowed))
        self.allowed_t = np.ascontiguousarray(up.allowed.T)  # group x unit
        self.movable = up.allowed.sum(axis=1) > 1
        self.has_apart = bool(up.apart.any())
        self.apart_f = up.apart.astype(np.float64)
        self.n_lang = int(up.speakers.shape[1]) if up.isolation_weight > 0 else 0
        self.spk = up.speakers.astype(np.int64)
        self.fsp = up.facilitator_speaks
        self.lam = up.isolation_weight
        self.can_move = bool(np.any(self.lo != self.hi)) or self.var_sizes
        self.g = np.zeros(self.U, dtype=np.int64)
        self.ST = np.zeros((self.m, self.U))
        self.sizes = np.zeros(self.m, dtype=np.int64)
        self.AT = np.zeros((self.m, self.U))
        self.C = np.zeros((max(self.n_lang, 1), self.m), dtype=np.int64)
        self.fixed = np.flatnonzero(~self.movable)
        self.ar = np.arange(self.U)

    # ---- state -------------------------------------------------------------------------
    def load(self, g: IntArray) -> None:
        self.g = g.copy()
        m, U = self.m, self.U
        onehot = np.zeros((m, U))
        onehot[g, self.ar] = 1.0
        self.ST = onehot @ self.W
        self.sizes = np.bincount(g, weights=self.w, minlength=m).astype(np.int64)
        self.AT = onehot @ self.apart_f if self.has_apart else self.AT
        if self.n_lang:
            self.C = (onehot @ self.spk).T.astype(np.int64)  # language x group

    def value(self) -> float:
        pairs = float(self.ST[self.g, self.ar].sum()) / 2.0
        return pairs - self.lam * float(self.isolated_count())

    def isolated_count(self) -> int:
        if not self.n_lang:
            return 0
        return int(np.sum((self.C == 1) & ~self.fsp.T))

    def _pen(self, groups: IntArray, counts: IntArray, lang: int) -> FloatArray:
        return ((counts == 1) & ~self.fsp[groups, lang]).astype(np.float64)

    def _relocate(self, u: int, h: int) -> None:
        a = int(self.g[u])
        self.ST[a] -= self.W[u]
        self.ST[h] += self.W[u]
        self.sizes[a] -= self.w[u]
        self.sizes[h] += self.w[u]
        if self.has_apart:
            self.AT[a] -= self.apart_f[u]
            self.AT[h] += self.apart_f[u]
        if self.n_lang:
            self.C[:, a] -= self.spk[u]
            self.C[:, h] += self.spk[u]
        self.g[u] = h

    def apply_move(self, u: int, h: int) -> None:
        self._relocate(u, h)

    def apply_swap(self, u: int, v: int) -> None:
        gu, gv = int(self.g[u]), int(self.g[v])
        self._relocate(u, gv)
        self._relocate(v, gu)

    # ---- neighbourhoods ----------------------------------------------------------------
    def leave_gains(self) -> FloatArray:
        """DT[h, u]: gain of taking u out of its group and into h, pair weights only.

        A unit's own group and immovable units get -inf, which also rules out every swap
        within one group (the gather below carries it into both halves of the swap gain).
        """
        g = self.g
        DT = self.ST - self.ST[g, self.ar]
        DT[g, self.ar] = NEG
        if self.fixed.size:
            DT[:, self.fixed] = NEG
        return DT

    def swap_gains(self, DT: FloatArray) -> FloatArray:
        """G[v, u] = gain of swapping u and v; -inf where the swap is not allowed."""
        g = self.g
        H = DT[g]  # H[v, u] = DT[g(v), u]: u joins v's group
        H -= self.W
        if self.n_lang:
            for k in range(self.n_lang):
                s = self.spk[:, k]
                if not s.any():
                    continue
                cu = self.C[k, g]
                old = self._pen(g, cu, k)
                # unit u's group gains v's speakers and loses its own: cu - s_u + s_v.
                new = (cu - s)[None, :] + s[:, None]
                pen = (new == 1) & ~self.fsp[g, k][None, :]
                H -= self.lam * (pen - old[None, :])
        G = H + H.T
        if self.restrict or self.has_apart or self.var_sizes:
            ok = self._swap_ok()
            G[~ok] = NEG
        return G

    def _swap_ok(self) -> BoolArray:
        g = self.g
        K = np.ones((self.U, self.U), dtype=bool)
        if self.restrict:
            K &= self.allowed_t[g]  # K[v, u]: u may sit at g(v)
        if self.has_apart:
            K &= (self.AT[g] - self.apart_f) == 0
        if self.var_sizes:
            lo = self.lo[g] - self.sizes[g]
            hi = self.hi[g] - self.sizes[g]
            delta = self.w[:, None] - self.w[None, :]  # [v, u]: w_v - w_u joins u's group
            K &= (delta >= lo[None, :]) & (delta <= hi[None, :])
        return K & K.T

    def move_gains(self, DT: FloatArray) -> FloatArray:
        """M[h, u] = gain of moving unit u to group h; -inf where not allowed."""
        g = self.g
        give = self.sizes[g] - self.w >= self.lo[g]
        if self.var_sizes:
            ok = (self.sizes[:, None] + self.w[None, :] <= self.hi[:, None]) & give[None, :]
        else:
            ok = (self.sizes + int(self.w[0]) <= self.hi)[:, None] & give[None, :]
        if self.restrict:
            ok &= self.allowed_t
        if self.has_apart:
            ok &= self.AT == 0
        M = np.where(ok, DT, NEG)
        if self.n_lang:
            for k in range(self.n_lang):
                s = self.spk[:, k]
                if not s.any():
                    continue
                cu = self.C[k, g]
                leave = self._pen(g, cu - s, k) - self._pen(g, cu, k)
                ch = self.C[k][:, None]
                join = ((ch + s[None, :]) == 1) & ~self.fsp[:, k][:, None]
                stay = (ch == 1) & ~self.fsp[:, k][:, None]
                M -= self.lam * (leave[None, :] + join - stay)
        return M

    # ---- construction ------------------------------------------------------------------
    def construct(self, attempts: int = 60) -> IntArray:
        """A valid start by greedy insertion: the unit with the fewest open groups goes first
        (dynamic most-constrained-first), into the group where it mixes best."""
        mean_w = float(self.W.sum()) / max(self.U * (self.U - 1), 1)
        for _ in range(attempts):
            g = self._greedy(mean_w)
            if g is not None:
                return g
        if self.U <= 600:
            found = self._backtrack(budget=50_000)
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
        self, sizes: IntArray, AT: FloatArray, remaining: int, open_units: IntArray
    ) -> BoolArray:
        """ok[k, h]: unit open_units[k] may still go to group h."""
        w = self.w[open_units]
        deficit = np.maximum(self.lo - sizes, 0)
        reduce = np.minimum(deficit[None, :], w[:, None])
        ok = sizes[None, :] + w[:, None] <= self.hi[None, :]
        ok &= (remaining - w)[:, None] >= int(deficit.sum()) - reduce
        if self.restrict:
            ok &= self.up.allowed[open_units]
        if self.has_apart:
            ok &= AT[:, open_units].T == 0
        return ok

    def _backtrack(self, budget: int) -> IntArray | None:
        """Depth-first search with most-constrained-first, for tight instances the greedy
        misses; gives up after `budget` placements."""
        m = self.m
        g = np.full(self.U, -1, dtype=np.int64)
        sizes = np.zeros(m, dtype=np.int64)
        AT = np.zeros((m, self.U))
        nodes = 0

        def place(open_units: IntArray, remaining: int) -> bool:
            nonlocal nodes
            if open_units.size == 0:
                return bool(np.all(sizes >= self.lo))
            ok_all = self._options(sizes, AT, remaining, open_units)
            counts = ok_all.sum(axis=1)
            if counts.min() == 0:
                return False
            k = int(np.lexsort((-self.w[open_units], counts))[0])
            u = int(open_units[k])
            rest = np.delete(open_units, k)
            wu = int(self.w[u])
            for h in self.rng.permutation(np.flatnonzero(ok_all[k])).tolist():
                nodes += 1
                if nodes > budget:
                    return False
                g[u] = h
                sizes[h] += wu
                if self.has_apart:
                    AT[h] += self.apart_f[u]
                if place(rest, remaining - wu):
                    return True
                sizes[h] -= wu
                if self.has_apart:
                    AT[h] -= self.apart_f[u]
            g[u] = -1
            return False

        if place(self.rng.permutation(self.U), int(self.w.sum())):
            return g
        return None

    def _greedy(self, mean_w: float) -> IntArray | None:
        m = self.m
        g = np.full(self.U, -1, dtype=np.int64)
        ST = np.zeros((m, self.U))
        sizes = np.zeros(m, dtype=np.int64)
        AT = np.zeros((m, self.U))
        C = np.zeros((max(self.n_lang, 1), m), dtype=np.int64)
        remaining = int(self.w.sum())
        open_units = self.rng.permutation(self.U)
        constrained = self.restrict or self.has_apart or bool(np.any(self.lo == self.hi))
        while open_units.size:
            if constrained:
                ok_all = self._options(sizes, AT, remaining, open_units)
                counts = ok_all.sum(axis=1)
                if counts.min() == 0:
                    return None
                # fewest options first, then the largest party
                k = int(np.lexsort((-self.w[open_units], counts))[0])
                ok = ok_all[k]
            else:
                k = 0
                ok = self._options(sizes, AT, remaining, open_units[:1])[0]
                if not ok.any():
                    return None
            u = int(open_units[k])
            open_units = np.delete(open_units, k)
            wu = int(self.w[u])
            score = ST[:, u] - mean_w * sizes * wu
            if self.n_lang:
                for lang in range(self.n_lang):
                    spk = int(self.spk[u, lang])
                    if spk:
                        c = C[lang]
                        before = (c == 1) & ~self.fsp[:, lang]
                        after = (c + spk == 1) & ~self.fsp[:, lang]
                        score = score - self.lam * (after.astype(float) - before)
            score = score + 1e-9 * self.rng.random(m)
            score[~ok] = NEG
            h = int(np.argmax(score))
            g[u] = h
            ST[h] += self.W[u]
            sizes[h] += wu
            remaining -= wu
            if self.has_apart:
                AT[h] += self.apart_f[u]
            if self.n_lang:
                C[:, h] += self.spk[u]
        if np.any(sizes < self.lo):
            return None
        return g

    # ---- perturbation ------------------------------------------------------------------
    def relabel(self) -> None:
        """Give the groups' contents new labels where every size still fits its new bounds.

        Only the bounds tell groups apart in plain MDGP with different sizes, so this leaves the
        objective unchanged, but it changes which moves the bounds allow next; without it the
        search stays in one assignment of sizes to groups.
        """
        if self.restrict or not self.can_move:
            return
        m = self.m
        for _ in range(10):
            perm = np.full(m, -1, dtype=np.int64)  # perm[old] = new label
            free = np.ones(m, dtype=bool)
            for a in self.rng.permutation(m).tolist():
                fits = free & (self.lo <= self.sizes[a]) & (self.sizes[a] <= self.hi)
                options = np.flatnonzero(fits)
                if options.size == 0:
                    break
                h = int(self.rng.choice(options))
                perm[a] = h
                free[h] = False
            else:
                self.load(perm[self.g])
                return

    def perturb(self, strength: int) -> None:
        """Random valid swaps (and moves where sizes allow), as in IMS's strong perturbation."""
        done = 0
        tries = 0
        movable = np.flatnonzero(self.movable)
        if movable.size < 2:
            return
        while done < strength and tries < 20 * strength:
            tries += 1
            u, v = (int(x) for x in self.rng.choice(movable, size=2, replace=False))
            if self.can_move and self.rng.random() < 0.3:
                h = int(self.rng.integers(self.m))
                if self._move_valid(u, h):
                    self.apply_move(u, h)
                    done += 1
            elif self._swap_valid(u, v):
                self.apply_swap(u, v)
                done += 1

    def _move_valid(self, u: int, h: int) -> bool:
        a = int(self.g[u])
        return bool(
            a != h
            and self.up.allowed[u, h]
            and self.sizes[a] - self.w[u] >= self.lo[a]
            and self.sizes[h] + self.w[u] <= self.hi[h]
            and (not self.has_apart or self.AT[h, u] == 0)
        )

    def _swap_valid(self, u: int, v: int) -> bool:
        a, b = int(self.g[u]), int(self.g[v])
        if a == b or not (self.up.allowed[u, b] and self.up.allowed[v, a]):
            return False
        if self.has_apart and (
            self.AT[b, u] - self.apart_f[u, v] != 0 or self.AT[a, v] - self.apart_f[u, v] != 0
        ):
            return False
        d = int(self.w[v] - self.w[u])
        return bool(
            self.lo[a] <= self.sizes[a] + d <= self.hi[a]
            and self.lo[b] <= self.sizes[b] - d <= self.hi[b]
        )


def construct(up: UnitProblem, *, seed: int = 0) -> IntArray:
    """A valid start (group per unit); raises `InfeasibleProblem` if none is found."""
    return _Search(up, np.random.default_rng([seed, 1])).construct()


def search(
    up: UnitProblem,
    *,
    seed: int = 0,
    time_limit: float | None = None,
    max_iterations: int | None = None,
    start: IntArray | None = None,
    params: SearchParams | None = None,
) -> SearchResult:
    """Iterated tabu search; deterministic for a seed when only `max_iterations` stops it.

    Each round runs a tabu search (best non-tabu move or swap; a unit that moved stays put for
    a random tenure; a tabu step is taken anyway if it beats the best division found) until
    `depth` steps pass without improving the round's best, then restarts from the best
    division found so far after a random perturbation of a few units.
    """
    t0 = time.perf_counter()
    rng = np.random.default_rng(seed)
    s = _Search(up, rng)
    s.load(start if start is not None else s.construct())
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
    while True:
        phase_best = cur
        stall = 0
        while stall < depth:
            if max_iterations is not None and it >= max_iterations:
                break
            if deadline is not None and time.perf_counter() >= deadline:
                break
            it += 1
            step = _best_step(s, tabu, it, best - cur + eps)
            if step is None:
                break
            kind, u, x, gain = step
            if kind == 0:
                s.apply_swap(u, x)
                tabu[x] = it + int(tenures[it % tenures.size]) + 1
            else:
                s.apply_move(u, x)
            tabu[u] = it + int(tenures[it % tenures.size])
            cur += gain
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
        if U < 2:
            break
        if rng.random() < pr.from_best:
            s.load(best_g)
        s.relabel()
        s.perturb(strength)
        cur = s.value()
        tabu[:] = 0
    s.load(best_g)
    return SearchResult(
        assignment=best_g,
        value=s.value(),
        iterations=it,
        elapsed_s=time.perf_counter() - t0,
    )


def _best_step(
    s: _Search, tabu: IntArray, it: int, aspiration: float
) -> tuple[int, int, int, float] | None:
    """The best allowed step: (0, u, v, gain) for a swap or (1, u, h, gain) for a move.

    A step is tabu when a unit in it moved within its tenure; a tabu step is still taken when
    its gain beats `aspiration` (it would give a new best division).
    """
    tabu_idx = np.flatnonzero(tabu > it)
    U = s.U
    DT = s.leave_gains()
    G = s.swap_gains(DT)
    M = s.move_gains(DT) if s.can_move else None
    best: tuple[int, int, int, float] | None = None
    ks = int(np.argmax(G))
    val = float(G.flat[ks])
    if val > aspiration:
        best = (0, ks % U, ks // U, val)
    if M is not None:
        km = int(np.argmax(M))
        mval = float(M.flat[km])
        if mval > aspiration and (best is None or mval > best[3]):
            best = (1, km % U, km // U, mval)
    if best is not None:
        return best
    if tabu_idx.size:
        G[tabu_idx] = NEG
        G[:, tabu_idx] = NEG
        ks = int(np.argmax(G))
        val = float(G.flat[ks])
    if val > NEG:
        best = (0, ks % U, ks // U, val)
    if M is not None:
        if tabu_idx.size:
            M[:, tabu_idx] = NEG
            km = int(np.argmax(M))
        mval = float(M.flat[km])
        if mval > NEG and (best is None or mval > best[3]):
            best = (1, km % U, km // U, mval)
    return best
