"""Every change of the grouping room: the division (settings, rules, solving, moving, walk-ins)
and solving in the background with progress. Other rooms import from here."""

from meedoen.grouping.build import (
    MAX_ROUNDS,
    balance_options,
    current_assignment,
    division_build,
    division_check,
    mix_options,
    quality_of,
    rounds_of,
)
from meedoen.grouping.services.division import (
    RUN_GRACE,
    DivisionError,
    division_apart_add,
    division_apart_remove,
    division_fixed_set,
    division_for,
    division_lock,
    division_move,
    division_settings_save,
    division_solve,
    walk_in_place,
)
from meedoen.grouping.services.runs import (
    WORKER_WAIT,
    solve_run_cancel,
    solve_run_execute,
    solve_run_request,
)

__all__ = [
    "MAX_ROUNDS",
    "RUN_GRACE",
    "WORKER_WAIT",
    "DivisionError",
    "balance_options",
    "current_assignment",
    "division_apart_add",
    "division_apart_remove",
    "division_build",
    "division_check",
    "division_fixed_set",
    "division_for",
    "division_lock",
    "division_move",
    "division_settings_save",
    "division_solve",
    "mix_options",
    "quality_of",
    "rounds_of",
    "solve_run_cancel",
    "solve_run_execute",
    "solve_run_request",
    "walk_in_place",
]
