"""Background work of the grouping room: solving a round in the worker, with progress."""

from __future__ import annotations

from django_tasks import task

from meedoen.grouping import services


@task()
def solve_run_task(run_id: int) -> str:
    """Solve the round of one `SolveRun`; returns the run's final status."""
    run = services.solve_run_execute(run_id=run_id)
    return run.status if run is not None else "missing"
