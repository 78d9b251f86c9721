"""Reader for the MDGPLIB instance format (Gallego, Laguna, Martí & Duarte; Optsicom).

Line 1: ``n m TYPE a_1 b_1 ... a_m b_m``; then one line ``i j d_ij`` per unordered pair, with
0-based elements. The format and the instances are those used by Lai & Hao (2016) and
Yang et al. (2022).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .problem import FloatArray, IntArray, Problem


@dataclass(frozen=True)
class MdgpInstance:
    name: str
    kind: str  # "ss" (same size) or "ds" (different sizes)
    distance: FloatArray
    min_sizes: IntArray
    max_sizes: IntArray

    def problem(self) -> Problem:
        return Problem(distance=self.distance, min_sizes=self.min_sizes, max_sizes=self.max_sizes)


class MdgpFormatError(ValueError):
    """The file is not in MDGPLIB format."""


def parse_mdgplib(text: str, name: str = "instance") -> MdgpInstance:
    lines = text.splitlines()
    if not lines:
        raise MdgpFormatError(f"{name}: empty file")
    head = lines[0].split()
    try:
        n, m = int(head[0]), int(head[1])
        kind = head[2]
        bounds = [int(x) for x in head[3 : 3 + 2 * m]]
    except (IndexError, ValueError) as exc:
        raise MdgpFormatError(f"{name}: header must be 'n m TYPE a_1 b_1 ...'") from exc
    if len(bounds) != 2 * m:
        raise MdgpFormatError(f"{name}: header has {len(bounds) // 2} size bounds for {m} groups")
    body = " ".join(lines[1:]).split()
    if len(body) != 3 * (n * (n - 1) // 2):
        raise MdgpFormatError(f"{name}: expected {n * (n - 1) // 2} pair lines")
    data = np.array(body, dtype=np.float64).reshape(-1, 3)
    i = data[:, 0].astype(np.int64)
    j = data[:, 1].astype(np.int64)
    if i.min(initial=0) < 0 or j.max(initial=0) >= n:
        raise MdgpFormatError(f"{name}: element index out of range")
    dist = np.zeros((n, n), dtype=np.float64)
    dist[i, j] = data[:, 2]
    dist[j, i] = data[:, 2]
    b = np.array(bounds, dtype=np.int64).reshape(m, 2)
    return MdgpInstance(
        name=name,
        kind=kind,
        distance=dist,
        min_sizes=np.ascontiguousarray(b[:, 0]),
        max_sizes=np.ascontiguousarray(b[:, 1]),
    )


def read_mdgplib(path: str | Path) -> MdgpInstance:
    p = Path(path)
    return parse_mdgplib(p.read_text(encoding="ascii"), name=p.stem)
