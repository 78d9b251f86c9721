"""Recognising the same stakeholder written differently: case, accents, punctuation and small
typos ("GGD", "G.G.D.", "Buurthuis De Ster", "buurthuis de ster ", "Buurthuis de Stre")."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_NOT_WORD = re.compile(r"[^0-9a-z]+")
# Small words people leave out or add freely: "Ouderen in de Vogelbuurt" = "Ouderen Vogelbuurt".
_FILLERS = frozenset(
    ["de", "het", "een", "in", "van", "en", "voor", "op", "aan", "te", "bij"]
    + ["the", "of", "and", "for", "at"]
)


def name_normalize(name: str) -> str:
    """Lowercase, without accents and punctuation, single spaces: the key for equality."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = _NOT_WORD.split(plain.replace(".", ""))
    return " ".join(w for w in words if w)


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance with adjacent transpositions, giving up above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b and previous_previous:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[-1]


def names_similar(a: str, b: str) -> bool:
    """Equal after normalising, or a small typo apart (one edit for short names, two for long)."""
    left, right = _core(name_normalize(a)), _core(name_normalize(b))
    if not left or not right:
        return False
    if left == right or left.replace(" ", "") == right.replace(" ", ""):
        return True
    shortest = min(len(left), len(right))
    if shortest < 5:
        return False
    # "Groep 1" and "Groep 2", "School A" and "School B": a short word that differs is a
    # different name, not a typo.
    left_words, right_words = set(left.split()), set(right.split())
    differing = (left_words - right_words) | (right_words - left_words)
    if any(len(word) <= 3 for word in differing):
        return False
    limit = 1 if shortest < 12 else 2
    return _edit_distance(left, right, limit) <= limit


def _core(normalized: str) -> str:
    words = normalized.split()
    kept = [w for w in words if w not in _FILLERS]
    return " ".join(kept or words)


def names_group(names: Sequence[str]) -> list[list[int]]:
    """Group indexes of names that are similar (transitively), in order of first appearance."""
    parent = list(range(len(names)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            if names_similar(names[i], names[j]):
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(names)):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda members: members[0])
