"""The search state: incrementally updated gains and the masks of the hard rules.

For every unit u and group h the state keeps S[h, u], the summed weight between u and the units
now in group h (Lai & Hao 2016, EJOR 254(3); Yang et al. 2022, EJOR 302(3) use the same
bookkeeping). The gain of moving u to h is S[h, u] - S[g(u), u]; the gain of swapping u and v is
S[g(v), u] - S[g(u), u] + S[g(u), v] - S[g(v), v] - 2 w(u, v). The whole neighbourhood is
evaluated at once as numpy arrays; a step changes two rows of S.

Hard constraints are never in the gains: a move or swap that would break a size bound, a
keep-apart pair, a fixed place or an accessibility need gets -inf.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .problem import BoolArray, FloatArray, IntArray

NEG = -np.inf
Gains = NDArray[np.float32]


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
    place_first: BoolArray  # units the start places before all others (facilitators)


def most_pairs_sizes(lo: IntArray, hi: IntArray, n: int) -> IntArray | None:
    """Group sizes within the bounds, summing to n, with the most within-group pairs.

    Sum of C(s, 2) is convex, so an optimum has every group at a bound except at most one; a
    small dynamic programme over the groups finds it. In MDGP with different sizes the best
    divisions use such a size profile (it is the profile of TPSDP's best solutions), and
    single moves cannot reach it from a balanced start, so the search fixes it up front.
    """
    m = int(lo.shape[0])
    spare = n - int(lo.sum())
    if spare < 0 or int(hi.sum()) < n:
        return None
    # state: (extra people used, one group already partial) -> (pairs, sizes so far)
    states: dict[tuple[int, bool], tuple[int, list[int]]] = {(0, False): (0, [])}
    for g in range(m):
        room = int(hi[g] - lo[g])
        nxt: dict[tuple[int, bool], tuple[int, list[int]]] = {}
        for (used, partial), (pairs, sizes) in states.items():
            options = [(0, False), (room, False)]
            if not partial:
                options += [(e, True) for e in range(1, room)]
            for extra, is_partial in options:
                if used + extra > spare:
                    continue
                size = int(lo[g]) + extra
                key = (used + extra, partial or is_partial)
                value = pairs + size * (size - 1) // 2
                if key not in nxt or nxt[key][0] < value:
                    nxt[key] = (value, [*sizes, size])
        states = nxt
    finals = [v for (used, _), v in states.items() if used == spare]
    if not finals:
        return None
    return np.array(max(finals)[1], dtype=np.int64)


class SearchState:
    """Mutable state of one search run."""

    def __init__(self, up: UnitProblem, rng: np.random.Generator) -> None:
        self.up = up
        self.rng = rng
        self.U = int(up.weight.shape[0])
        self.m = int(up.min_sizes.shape[0])
        self.W = up.weight
        # Neighbourhood gains are evaluated in float32 (half the memory traffic); the value of
        # the current division is always recomputed exactly in float64.
        self.W32 = up.weight.astype(np.float32)
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
        if (
            self.can_move
            and not self.restrict
            and not self.has_apart
            and not self.var_sizes
            and self.U
            and int(up.size[0]) == 1
        ):
            target = most_pairs_sizes(self.lo, self.hi, self.U)
            if target is not None:
                self.lo = self.hi = target
                self.can_move = False
        self.g = np.zeros(self.U, dtype=np.int64)
        self.ST = np.zeros((self.m, self.U))
        self.sizes = np.zeros(self.m, dtype=np.int64)
        self.AT = np.zeros((self.m, self.U))
        self.C = np.zeros((max(self.n_lang, 1), self.m), dtype=np.int64)
        self.fixed = np.flatnonzero(~self.movable)
        self.ar = np.arange(self.U)
        # Only a few units carry a given constraint; swap masks are computed for them alone.
        movable = self.movable
        self.restricted = np.flatnonzero(movable & ~up.allowed.all(axis=1))
        self.with_partners = np.flatnonzero(movable & up.apart.any(axis=1))
        if self.var_sizes:
            common = np.bincount(up.size).argmax()
            self.odd_size = np.flatnonzero(movable & (up.size != common))
        else:
            self.odd_size = np.zeros(0, dtype=np.int64)
        self.speaking = np.flatnonzero(movable & up.speakers.any(axis=1))
        self.speakers_of: list[tuple[IntArray, IntArray]] = []
        for k in range(self.n_lang):
            S = np.flatnonzero(movable & (up.speakers[:, k] > 0))
            self.speakers_of.append((S, np.flatnonzero(~np.isin(self.ar, S))))

    # ---- state -------------------------------------------------------------------------
    def load(self, g: IntArray) -> None:
        self.g = g.copy()
        m = self.m
        self.ST = self._group_sums(self.W)
        self.sizes = np.bincount(g, weights=self.w, minlength=m).astype(np.int64)
        if self.has_apart:
            self.AT = self._group_sums(self.apart_f)
        if self.n_lang:
            self.C = self._group_sums(self.spk.T.astype(np.float64).T).T.astype(np.int64)

    def _group_sums(self, rows: FloatArray) -> FloatArray:
        """out[h] = sum of rows[u] over the units u in group h (a sort and one reduceat)."""
        order = np.argsort(self.g, kind="stable")
        counts = np.bincount(self.g, minlength=self.m)
        out = np.zeros((self.m, rows.shape[1]))
        present = np.flatnonzero(counts)
        starts = np.concatenate(([0], np.cumsum(counts)[:-1]))[present]
        out[present] = np.add.reduceat(rows[order], starts, axis=0)
        return out

    def value(self) -> float:
        pairs = float(self.ST[self.g, self.ar].sum()) / 2.0
        return pairs - self.lam * float(self.isolated_count())

    def isolated_count(self) -> int:
        if not self.n_lang:
            return 0
        return int(np.sum((self.C == 1) & ~self.fsp.T))

    def _pen(self, groups: IntArray, counts: IntArray, lang: int) -> FloatArray:
        pen: FloatArray = ((counts == 1) & ~self.fsp[groups, lang]).astype(np.float64)
        return pen

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
    def leave_gains(self) -> Gains:
        """DT[h, u]: gain of taking u out of its group and into h, pair weights only.

        A unit's own group and immovable units get -inf, which also rules out every swap
        within one group (the gather below carries it into both halves of the swap gain).
        """
        g = self.g
        DT = (self.ST - self.ST[g, self.ar]).astype(np.float32)
        DT[g, self.ar] = NEG
        if self.fixed.size:
            DT[:, self.fixed] = NEG
        return DT

    def swap_gains(self, DT: Gains) -> Gains:
        """G[v, u] = gain of swapping u and v; -inf where the swap is not allowed."""
        g = self.g
        H = DT[g]  # H[v, u] = DT[g(v), u]: u joins v's group
        H -= self.W32
        if self.n_lang and self.speaking.size:
            self._isolation_terms(H)
        G = H + H.T
        for cols, bad in self._swap_blocks():
            sub = G[:, cols]
            sub[bad] = NEG
            G[:, cols] = sub
            sub = G[cols]
            sub[bad.T] = NEG
            G[cols] = sub
        return G

    def _isolation_terms(self, H: Gains) -> None:
        """Subtract the isolation penalty change of u's group from H[v, u].

        For language k it is zero unless u or v speaks k, so only the columns and rows of the
        (few) speakers of k are computed.
        """
        g = self.g
        for k, (S, rest) in enumerate(self.speakers_of):
            if S.size == 0:
                continue
            s = self.spk[:, k]
            cu = self.C[k, g]
            free = ~self.fsp[g, k]
            old = ((cu == 1) & free).astype(np.float64)
            # columns u in S: u's group gets cu - s_u + s_v
            new = (cu[S] - s[S])[None, :] + s[:, None]
            H[:, S] -= self.lam * (((new == 1) & free[S][None, :]) - old[S][None, :])
            # rows v in S, columns u not in S (s_u = 0): u's group gets cu + s_v
            new_r = cu[rest][None, :] + s[S][:, None]
            block = self.lam * (((new_r == 1) & free[rest][None, :]) - old[rest][None, :])
            H[np.ix_(S, rest)] -= block

    def _swap_blocks(self) -> list[tuple[IntArray, BoolArray]]:
        """(cols, bad): bad[v, j] means swapping v with unit cols[j] breaks a hard rule."""
        g = self.g
        out: list[tuple[IntArray, BoolArray]] = []
        if self.restricted.size:
            cols = self.restricted
            out.append((cols, ~self.allowed_t[np.ix_(g, cols)]))
        if self.has_apart and self.with_partners.size:
            cols = self.with_partners
            clash = self.AT[np.ix_(g, cols)] - self.apart_f[:, cols]
            out.append((cols, clash != 0))
        if self.odd_size.size:
            cols = self.odd_size
            gc = g[cols]
            delta = self.w[:, None] - self.w[cols][None, :]  # v joins, unit j leaves: j's group
            ok = (delta >= (self.lo[gc] - self.sizes[gc])[None, :]) & (
                delta <= (self.hi[gc] - self.sizes[gc])[None, :]
            )
            lo_v = (self.lo[g] - self.sizes[g])[:, None]
            hi_v = (self.hi[g] - self.sizes[g])[:, None]
            ok &= (-delta >= lo_v) & (-delta <= hi_v)
            out.append((cols, ~ok))
        return out

    def move_gains(self, DT: Gains) -> Gains:
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
        for k, (S, _) in enumerate(self.speakers_of):
            if S.size == 0:
                continue
            s = self.spk[S, k]
            cu = self.C[k, g[S]]
            free_u = ~self.fsp[g[S], k]
            leave = ((cu - s == 1) & free_u).astype(np.float64) - ((cu == 1) & free_u)
            ch = self.C[k][:, None]
            free_h = ~self.fsp[:, k][:, None]
            join = ((ch + s[None, :]) == 1) & free_h
            stay = (ch == 1) & free_h
            M[:, S] -= self.lam * (leave[None, :] + join - stay)
        return M

    # ---- construction ------------------------------------------------------------------

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
