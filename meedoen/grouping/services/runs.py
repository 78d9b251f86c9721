"""Solving a round in the background: a run is queued, the worker's task solves it with a
progress callback and a stop check, and it can be cancelled."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from meedoen.grouping.build import division_check
from meedoen.grouping.models import GroupDivision, SolveRun
from meedoen.grouping.services.division import (
    DivisionError,
    division_lock_idle,
    division_solve,
    require_round_allowed,
    solve_run_fail_lost,
    solve_run_lost,
)
from meedoen.grouping.solver import Solution
from meedoen.teams.models import Membership
from meedoen.teams.permissions import require_own_team

# A run still queued after this long is waiting for a worker that may not be running.
WORKER_WAIT = timedelta(seconds=5)


def solve_run_request(
    *, actor: Membership, division: GroupDivision, round_: int = 1, now: datetime | None = None
) -> SolveRun:
    """Check first, then queue the solving of a round for the worker (one at a time)."""
    from meedoen.grouping.tasks import solve_run_task

    require_own_team(actor, division.meeting.team_id)
    require_round_allowed(division, round_)
    problems = division_check(division=division, round_=round_)
    if problems:
        raise DivisionError(" ".join(problems))
    now = now or timezone.now()
    with transaction.atomic():
        if division.pk is None:
            division.full_clean()
            division.save()
        # Lock the division so that two requests cannot both find no active run; a run whose
        # worker stopped is marked failed here, so it never blocks new runs.
        try:
            division_lock_idle(division, now=now)
        except DivisionError as error:
            raise DivisionError(
                _("The division is already being made. Wait, or stop it first.")
            ) from error
        run = SolveRun(
            division=division,
            round=round_,
            budget=float(division.time_budget),
            requested_by=actor,
            queued_at=now,
        )
        run.full_clean()
        run.save()
        run_id = run.pk
        transaction.on_commit(lambda: solve_run_task.enqueue(run_id))
    return run


def solve_run_cancel(*, actor: Membership, run: SolveRun, now: datetime | None = None) -> SolveRun:
    """Stop a run: a waiting run is cancelled (nothing changes); a searching run stops at its
    next check and keeps the best division found so far; a run whose worker went away is
    marked failed."""
    require_own_team(actor, run.division.meeting.team_id)
    now = now or timezone.now()
    with transaction.atomic():
        run = SolveRun.objects.select_for_update().get(pk=run.pk)
        if run.status == SolveRun.Status.QUEUED:
            run.status = SolveRun.Status.CANCELLED
            run.finished_at = now
        elif run.status == SolveRun.Status.RUNNING:
            run.cancel_requested = True
            if solve_run_lost(run, now):
                solve_run_fail_lost(run, now)
        else:
            raise DivisionError(_("The search has already ended."))
        run.save(update_fields=["status", "finished_at", "cancel_requested", "message"])
    return run


def _run_finish(run: SolveRun, status: str, message: str, progress: float | None = None) -> bool:
    """End a running run; False (nothing written) when it was ended meanwhile, e.g. marked
    failed because it took too long and a new run started."""
    values: dict[str, object] = {
        "status": status,
        "message": message[:500],
        "finished_at": timezone.now(),
    }
    if progress is not None:
        values["progress"] = progress
    ended = bool(
        SolveRun.objects.filter(pk=run.pk, status=SolveRun.Status.RUNNING).update(**values)
    )
    run.refresh_from_db()
    return ended


def solve_run_execute(*, run_id: int) -> SolveRun | None:
    """The worker's part: solve the run's round with progress and the stop check. A run
    cancelled before it started does nothing; a failure is kept on the run with its reason."""
    with transaction.atomic():
        run = (
            SolveRun.objects.select_for_update(of=("self",))
            .select_related("division__meeting__team", "requested_by__team")
            .filter(pk=run_id)
            .first()
        )
        if run is None or run.status != SolveRun.Status.QUEUED:
            return run
        run.status = SolveRun.Status.RUNNING
        run.started_at = timezone.now()
        run.save(update_fields=["status", "started_at"])
    actor = run.requested_by
    if actor is None:
        _run_finish(
            run, SolveRun.Status.FAILED, _("The person who asked is no longer in the team.")
        )
        return run
    pending = SolveRun.objects.filter(pk=run.pk)

    def progress(fraction: float) -> None:
        pending.filter(status=SolveRun.Status.RUNNING).update(progress=fraction)

    def should_stop() -> bool:
        # Asked to stop, or no longer running (marked failed as lost): stop either way.
        return pending.filter(
            Q(cancel_requested=True) | ~Q(status=SolveRun.Status.RUNNING)
        ).exists()

    def finish(solution: Solution) -> bool:
        if solution.stopped:
            return _run_finish(run, SolveRun.Status.STOPPED, "")
        return _run_finish(run, SolveRun.Status.DONE, "", progress=1.0)

    try:
        division_solve(
            actor=actor,
            division=run.division,
            round_=run.round,
            progress=progress,
            should_stop=should_stop,
            run_id=run.pk,
            finish=finish,
        )
    except DivisionError as error:
        _run_finish(run, SolveRun.Status.FAILED, str(error.message))
        return run
    except Exception:
        _run_finish(run, SolveRun.Status.FAILED, _("Something went wrong while searching."))
        raise
    run.refresh_from_db()
    return run
