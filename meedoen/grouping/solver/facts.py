"""Per person, the facts that explain a placement (the app turns them into a sentence)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .objective import minority_languages, value_codes
from .problem import IntArray, Problem, Units


@dataclass(frozen=True)
class PersonFacts:
    """Why a person sits where they sit: constraints that applied and how mixed the table is.

    `same_value_at_group` gives, per mixed attribute, how many others at the group share this
    person's value (None when the value is unknown).
    """

    person: int
    group: int
    facilitator: bool
    fixed_group: bool
    party: tuple[int, ...]
    kept_apart_from: tuple[int, ...]
    needs_accessible: bool
    group_accessible: bool
    language: str | None
    language_company: int  # other participants at the group who speak the same language
    facilitator_speaks_language: bool
    met_before_at_group: tuple[int, ...]
    same_value_at_group: tuple[tuple[str, int | None], ...]


def person_facts(
    problem: Problem,
    units: Units,
    assignment: IntArray,
    repeat_pairs: list[tuple[int, int]],
) -> tuple[PersonFacts, ...]:
    n = problem.n
    fac = set(problem.facilitators)
    needs = set(problem.needs_accessible)
    access = set(problem.accessible_groups)
    apart: dict[int, set[int]] = {}
    for s in problem.apart:
        for i in s:
            apart.setdefault(i, set()).update(j for j in s if j != i)
    met: dict[int, list[int]] = {}
    for a, b in repeat_pairs:
        met.setdefault(a, []).append(b)
        met.setdefault(b, []).append(a)
    codes = [value_codes(attr.values)[0] for attr in problem.attributes]
    langs = set(minority_languages(problem))
    fac_of_group = {g: f for f, g in units.facilitator_group.items()}
    out: list[PersonFacts] = []
    for i in range(n):
        g = int(assignment[i])
        here = assignment == g
        same_values: list[tuple[str, int | None]] = []
        for attr, c in zip(problem.attributes, codes, strict=True):
            same_values.append(
                (attr.name, None if c[i] < 0 else int(np.sum(here & (c == c[i]))) - 1)
            )
        lang = problem.language[i] if problem.language is not None else None
        lang = lang if lang in langs else None
        company = 0
        fac_speaks = False
        if lang is not None and problem.language is not None:
            company = sum(
                1
                for j in np.flatnonzero(here).tolist()
                if j != i and j not in fac and problem.language[j] == lang
            )
            f = fac_of_group.get(g)
            if f is not None and f != i:
                spoken = set(problem.facilitator_languages.get(f, frozenset()))
                spoken.add(str(problem.language[f]))
                fac_speaks = lang in spoken
        out.append(
            PersonFacts(
                person=i,
                group=g,
                facilitator=i in fac,
                fixed_group=i in problem.fixed_group,
                party=tuple(j for j in units.members[int(units.of_person[i])] if j != i),
                kept_apart_from=tuple(sorted(apart.get(i, ()))),
                needs_accessible=i in needs,
                group_accessible=g in access,
                language=lang,
                language_company=company,
                facilitator_speaks_language=fac_speaks,
                met_before_at_group=tuple(sorted(met.get(i, ()))),
                same_value_at_group=tuple(same_values),
            )
        )
    return tuple(out)
