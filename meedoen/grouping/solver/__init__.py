"""Group division: the Maximally Diverse Grouping Problem with the hard rules of a meeting.

Plain Python and numpy, no Django, so it can be benchmarked and reused. The public API is
`Problem`, `solve()` and `Solution`; `check_problem()` lists what cannot work before searching.
`solve()` takes two optional plain callables, `progress(fraction)` and `should_stop()`, so a
caller (the app's background task) can show a progress bar and stop the search early.
"""

from .facts import PersonFacts
from .mdgplib import MdgpFormatError, MdgpInstance, parse_mdgplib, read_mdgplib
from .problem import (
    CategoricalAttribute,
    Infeasibility,
    InfeasibleProblem,
    Problem,
    check_problem,
)
from .solve import Solution, solve

__all__ = [
    "CategoricalAttribute",
    "Infeasibility",
    "InfeasibleProblem",
    "MdgpFormatError",
    "MdgpInstance",
    "PersonFacts",
    "Problem",
    "Solution",
    "check_problem",
    "parse_mdgplib",
    "read_mdgplib",
    "solve",
]
