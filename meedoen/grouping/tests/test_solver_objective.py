"""The objective, the closed-form bound, distances from attributes, and the MDGPLIB reader."""

from __future__ import annotations

from itertools import product

import numpy as np
import pytest

from meedoen.grouping.solver import CategoricalAttribute, MdgpFormatError, parse_mdgplib
from meedoen.grouping.solver.objective import bound_gap, diversity, spread_bound
from meedoen.grouping.solver.people import (
    mismatch_distance,
    numeric,
    parse_people_csv,
    truthy,
)


def test_diversity_counts_each_within_group_pair_once() -> None:
    d = np.array([[0, 1, 2, 3], [1, 0, 4, 5], [2, 4, 0, 6], [3, 5, 6, 0]], dtype=float)
    assert diversity(d, np.array([0, 0, 1, 1])) == 1 + 6
    assert diversity(d, np.array([0, 1, 0, 1])) == 2 + 5


def test_spread_bound_is_the_least_sum_of_squares() -> None:
    for total, m in product(range(0, 9), range(1, 4)):
        least = min(
            sum(c * c for c in counts)
            for counts in product(range(total + 1), repeat=m)
            if sum(counts) == total
        )
        assert spread_bound(np.array([total]), m) == least


def test_bound_gap_counts_avoidable_same_value_pairs() -> None:
    attr = CategoricalAttribute("wijk", ("a", "a", "b", "b", None, "c"))
    assert bound_gap([attr], np.array([0, 1, 0, 1, 0, 1]), 2) == 0
    # both a's together and both b's together: two pairs that could have been avoided
    assert bound_gap([attr], np.array([0, 0, 1, 1, 0, 1]), 2) == 2
    weighted = CategoricalAttribute("wijk", attr.values, weight=2.5)
    assert bound_gap([weighted], np.array([0, 0, 1, 1, 0, 1]), 2) == 5.0


def test_mismatch_distance_makes_diversity_the_count_of_differing_pairs() -> None:
    attrs = [
        CategoricalAttribute("a", ("x", "x", "y", None)),
        CategoricalAttribute("b", ("p", "q", "p", "p"), weight=2.0),
    ]
    d = mismatch_distance(attrs, 4)
    assert d[0, 1] == 2.0  # same a, different b
    assert d[0, 2] == 1.0  # different a, same b
    assert d[0, 3] == 0.0  # unknown a counts as no difference
    assert np.array_equal(d, d.T)


def test_people_csv_reads_dutch_excel_semicolons() -> None:
    table = parse_people_csv("id;wijk;score;rolstoel\np1;Noord;3,5;ja\np2;Zuid;;\n")
    assert table.ids == ("p1", "p2")
    assert table.column("wijk") == ("Noord", "Zuid")
    assert np.isnan(numeric(table.column("score"))[1])
    assert numeric(table.column("score"))[0] == 3.5
    assert truthy(table.column("rolstoel")) == (0,)


def test_mdgplib_reader_builds_a_symmetric_matrix_and_bounds() -> None:
    inst = parse_mdgplib("3 2 ds 1 2 1 2 \n0 1 1.5\n0 2 2.0\n1 2 3.25\n", name="tiny")
    assert inst.kind == "ds"
    assert inst.distance[2, 1] == 3.25
    assert inst.distance[1, 2] == 3.25
    assert inst.min_sizes.tolist() == [1, 1]
    assert inst.max_sizes.tolist() == [2, 2]


def test_mdgplib_reader_rejects_a_truncated_file() -> None:
    with pytest.raises(MdgpFormatError):
        parse_mdgplib("3 2 ss 2 2 1 1 \n0 1 1.0\n", name="broken")
