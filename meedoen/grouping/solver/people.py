"""From a table of people (CSV-like columns) to distances and constraints.

Categorical answers are mixed with a weighted mismatch distance: d(i, j) = sum over attributes
of weight * [value_i != value_j], with unknown values counting as no difference. This makes
the MDGP objective equal to "as few same-value pairs per group as possible", which has the
closed-form bound in `objective.bound_gap`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .objective import value_codes
from .problem import CategoricalAttribute, FloatArray, Infeasibility, InfeasibleProblem

TRUE_WORDS = frozenset({"1", "x", "y", "yes", "true", "ja", "j", "waar", "wel"})


@dataclass(frozen=True)
class PeopleTable:
    """People as rows: the first column is the person id, the rest are named answers."""

    ids: tuple[str, ...]
    columns: Mapping[str, tuple[str, ...]]

    def column(self, name: str) -> tuple[str, ...]:
        if name not in self.columns:
            known = ", ".join(self.columns) or "none"
            raise InfeasibleProblem(
                [
                    Infeasibility(
                        "unknown_column",
                        f"Column '{name}' is not in the table (columns: {known}).",
                        {"column": name},
                    )
                ]
            )
        return self.columns[name]

    def index_of(self, person_id: str) -> int:
        try:
            return self.ids.index(person_id.strip())
        except ValueError:
            raise InfeasibleProblem(
                [
                    Infeasibility(
                        "unknown_person",
                        f"Person id '{person_id}' is not in the table.",
                        {"id": person_id},
                    )
                ]
            ) from None


def parse_people_csv(text: str) -> PeopleTable:
    """Read a CSV with a header row; ',' or ';' (Dutch Excel) as the delimiter."""
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    rows = [
        r for r in csv.reader(io.StringIO(text), delimiter=delimiter) if any(c.strip() for c in r)
    ]
    if not rows:
        raise InfeasibleProblem([Infeasibility("empty_table", "The table has no rows.")])
    header = [h.strip() for h in rows[0]]
    body = rows[1:]
    ids = tuple(r[0].strip() for r in body)
    if len(set(ids)) != len(ids):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        raise InfeasibleProblem(
            [Infeasibility("duplicate_id", f"Person id '{dup[0]}' appears twice.", {"ids": dup})]
        )
    columns = {
        name: tuple((r[k].strip() if k < len(r) else "") for r in body)
        for k, name in enumerate(header)
        if k > 0
    }
    return PeopleTable(ids=ids, columns=columns)


def categorical(name: str, raw: Sequence[str], weight: float = 1.0) -> CategoricalAttribute:
    """A categorical attribute; blank cells are unknown."""
    return CategoricalAttribute(
        name=name, values=tuple(v.strip() or None for v in raw), weight=weight
    )


def numeric(raw: Sequence[str]) -> FloatArray:
    """Numbers per person (a decimal comma is accepted); NaN where blank or not a number."""
    out = np.full(len(raw), np.nan)
    for k, v in enumerate(raw):
        try:
            out[k] = float(v.strip().replace(",", "."))
        except ValueError:
            continue
    return out


def truthy(raw: Sequence[str]) -> tuple[int, ...]:
    """Indices of cells that say yes (1, x, yes, true, ja, ...)."""
    return tuple(k for k, v in enumerate(raw) if v.strip().lower() in TRUE_WORDS)


def mismatch_distance(attributes: Iterable[CategoricalAttribute], n: int) -> FloatArray:
    """d(i, j) = sum of weights of the attributes on which i and j differ (unknown = equal)."""
    d = np.zeros((n, n))
    for attr in attributes:
        codes, _ = value_codes(attr.values)
        known = codes >= 0
        differ = (codes[:, None] != codes[None, :]) & known[:, None] & known[None, :]
        d += attr.weight * differ
    np.fill_diagonal(d, 0.0)
    return d
