"""Solving in the background: a run is queued, the worker's task solves it with progress, and
it can be cancelled before it starts (nothing changes) or stopped while it searches (the best
division found so far is kept)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from meedoen.grouping import selectors, services
from meedoen.grouping.models import GroupDivision, SolveRun, TableAssignment
from meedoen.grouping.solver import objective
from meedoen.grouping.tests.test_services_division import configure, make_meeting, tables

pytestmark = [pytest.mark.usefixtures("english")]


@pytest.mark.django_db
def test_a_requested_run_is_solved_by_the_task(world, django_capture_on_commit_callbacks):
    meeting, _regs = make_meeting(world)
    division = configure(world, meeting)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run = services.solve_run_request(actor=world.member, division=division)
        # Queued only once the request is committed.
        assert SolveRun.objects.get(pk=run.pk).status == SolveRun.Status.QUEUED
    assert len(callbacks) == 1
    run.refresh_from_db()
    assert run.status == SolveRun.Status.DONE
    assert run.progress == 1.0
    assert run.started_at is not None and run.finished_at is not None
    assert run.budget == 1.0  # the division's time budget
    division.refresh_from_db()
    assert division.status == GroupDivision.Status.DIVIDED
    assert TableAssignment.objects.filter(division=division, round=1).count() == 10
    assert selectors.solve_run_latest(actor=world.viewer, division=division) == run


@pytest.mark.django_db
def test_cancelled_before_it_starts_nothing_changes(world, django_capture_on_commit_callbacks):
    meeting, _regs = make_meeting(world)
    division = configure(world, meeting)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = services.solve_run_request(actor=world.member, division=division)
    services.solve_run_cancel(actor=world.member, run=run)
    run.refresh_from_db()
    assert run.status == SolveRun.Status.CANCELLED
    for callback in callbacks:  # the worker picks the task up after all
        callback()
    run.refresh_from_db()
    assert run.status == SolveRun.Status.CANCELLED
    assert not TableAssignment.objects.filter(division=division).exists()
    with pytest.raises(services.DivisionError):
        services.solve_run_cancel(actor=world.member, run=run)


@pytest.mark.django_db
def test_a_stop_requested_before_the_search_stops_it_at_the_first_check(world):
    meeting, _regs = make_meeting(world)
    division = configure(world, meeting, time_budget=30)
    seen = []
    solution = services.division_solve(
        actor=world.member,
        division=division,
        progress=seen.append,
        should_stop=lambda: True,
    )
    assert solution.stopped
    assert solution.iterations == 0
    assert solution.violations == ()  # the start is a valid division, and it is kept
    assert TableAssignment.objects.filter(division=division).count() == 10
    assert seen and seen[-1] < 1.0


@pytest.mark.django_db
def test_only_one_run_at_a_time_and_check_first(world, django_capture_on_commit_callbacks):
    meeting, _regs = make_meeting(world)
    division = configure(world, meeting)
    with django_capture_on_commit_callbacks(execute=False):
        services.solve_run_request(actor=world.member, division=division)
        with pytest.raises(services.DivisionError, match="already being made"):
            services.solve_run_request(actor=world.member, division=division)
    SolveRun.objects.update(status=SolveRun.Status.CANCELLED)
    impossible = configure(world, meeting, accessible_tables=[])
    with pytest.raises(services.DivisionError, match="wheelchair-accessible"):
        services.solve_run_request(actor=world.member, division=impossible)
    with pytest.raises(services.DivisionError, match="earlier rounds"):
        services.solve_run_request(actor=world.member, division=impossible, round_=2)


@pytest.mark.django_db
def test_a_run_that_became_impossible_fails_with_the_reason(
    world, django_capture_on_commit_callbacks
):
    meeting, _regs = make_meeting(world)
    division = configure(world, meeting)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = services.solve_run_request(actor=world.member, division=division)
    # Changed while it waited (settings are refused now, so straight in the database).
    GroupDivision.objects.filter(pk=division.pk).update(accessible_tables=[])
    for callback in callbacks:
        callback()
    run.refresh_from_db()
    assert run.status == SolveRun.Status.FAILED
    assert "wheelchair-accessible" in run.message
    assert not TableAssignment.objects.filter(division=division).exists()


@pytest.mark.django_db
def test_waiting_long_and_a_lost_worker(world, django_capture_on_commit_callbacks):
    meeting, _regs = make_meeting(world)
    division = configure(world, meeting)
    long_ago = timezone.now() - timedelta(minutes=10)
    with django_capture_on_commit_callbacks(execute=False):
        run = services.solve_run_request(actor=world.member, division=division, now=long_ago)
    assert selectors.solve_run_waiting_long(run)
    # The worker took it, then went away: stopping it marks it failed at once.
    SolveRun.objects.filter(pk=run.pk).update(status=SolveRun.Status.RUNNING, started_at=long_ago)
    run = services.solve_run_cancel(actor=world.member, run=run)
    assert run.status == SolveRun.Status.FAILED
    assert not selectors.solve_run_waiting_long(run)
    assert "worker stopped" in run.message


@pytest.mark.django_db(transaction=True)
def test_stopping_a_running_search_keeps_the_best_so_far(world):
    meeting, _regs = make_meeting(world)
    division = configure(world, meeting, time_budget=30)
    run = SolveRun.objects.create(division=division, budget=30, requested_by=world.member)

    def worker() -> None:
        try:
            services.solve_run_execute(run_id=run.pk)
        finally:
            connection.close()

    thread = threading.Thread(target=worker)
    thread.start()
    for _ in range(300):
        run.refresh_from_db()
        if run.status == SolveRun.Status.RUNNING and run.progress > 0:
            break
        thread.join(timeout=0.1)
    assert run.status == SolveRun.Status.RUNNING
    services.solve_run_cancel(actor=world.member, run=run)
    thread.join(timeout=60)
    assert not thread.is_alive()
    run.refresh_from_db()
    # Stopped by the request, not by the 30-second budget (that would be "done").
    assert run.status == SolveRun.Status.STOPPED
    assert 0 < run.progress < 1
    built = services.division_build(division=division, round_=1)
    assignment = services.current_assignment(division, built, 1)
    assert (assignment >= 0).all()
    assert objective.violations(built.problem, assignment) == []


@pytest.mark.django_db
def test_a_run_marked_failed_meanwhile_writes_no_tables(world, monkeypatch):
    """A slow worker whose run was marked failed (and replaced) must not write its tables
    nor turn the run into done."""
    from meedoen.grouping.services import division as division_module

    meeting, _regs = make_meeting(world)
    division = configure(world, meeting)
    run = SolveRun.objects.create(division=division, budget=1, requested_by=world.member)
    real_solve = division_module.solve

    def slow_solve(*args, **kwargs):
        solution = real_solve(*args, **kwargs)
        # Meanwhile a new request found the run lost and marked it failed.
        SolveRun.objects.filter(pk=run.pk).update(status=SolveRun.Status.FAILED, message="lost")
        return solution

    monkeypatch.setattr(division_module, "solve", slow_solve)
    services.solve_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == SolveRun.Status.FAILED
    assert run.message == "lost"
    assert not TableAssignment.objects.filter(division=division).exists()


@pytest.mark.django_db
def test_a_lost_run_does_not_block_a_new_one(world, django_capture_on_commit_callbacks):
    meeting, _regs = make_meeting(world)
    division = configure(world, meeting)
    now = timezone.now()
    busy = SolveRun.objects.create(
        division=division, budget=1, status=SolveRun.Status.RUNNING, started_at=now
    )
    with pytest.raises(services.DivisionError, match="already being made"):
        services.solve_run_request(actor=world.member, division=division, now=now)
    # Budget and grace are over: the worker stopped; a new run may start.
    later = now + timedelta(seconds=1) + services.RUN_GRACE + timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=False):
        new = services.solve_run_request(actor=world.member, division=division, now=later)
    busy.refresh_from_db()
    assert busy.status == SolveRun.Status.FAILED
    assert "worker stopped" in busy.message
    assert new.status == SolveRun.Status.QUEUED


@pytest.mark.django_db
def test_changes_are_refused_while_a_search_runs(world):
    from meedoen.grouping.tests.test_services_rules import key

    meeting, regs = make_meeting(world)
    division = configure(world, meeting)
    services.division_solve(actor=world.member, division=division, max_iterations=50)
    apart = [key(regs["Annie"]), key(regs["Henk"])]
    services.division_apart_add(actor=world.member, division=division, keys=apart)
    run = SolveRun.objects.create(
        division=division, status=SolveRun.Status.RUNNING, started_at=timezone.now()
    )
    row = TableAssignment.objects.get(division=division, registration=regs["Annie"])
    changes = [
        lambda: services.division_move(actor=world.member, assignment=row, table=row.table % 3 + 1),
        lambda: services.division_lock(actor=world.member, assignment=row, locked=True),
        lambda: configure(world, meeting, table_count=2),
        lambda: services.division_apart_add(
            actor=world.member, division=division, keys=[key(regs["Piet"]), key(regs["Wim"])]
        ),
        lambda: services.division_apart_remove(actor=world.member, division=division, keys=apart),
        lambda: services.division_fixed_set(
            actor=world.member, division=division, key=key(regs["Piet"]), table=2
        ),
    ]
    before = tables(division)
    for change in changes:
        with pytest.raises(services.DivisionError, match="Wait until the search is done"):
            change()
    division.refresh_from_db()
    assert division.table_count == 3 and division.keep_apart == [sorted(apart)]
    assert division.fixed_tables == {} and tables(division) == before
    assert not TableAssignment.objects.filter(locked=True).exists()
    # Once it ended, they are allowed again.
    SolveRun.objects.filter(pk=run.pk).update(status=SolveRun.Status.DONE)
    services.division_lock(actor=world.member, assignment=row, locked=True)


@pytest.mark.django_db
def test_a_walk_in_placed_during_the_search_keeps_the_table(world):
    """The door does not wait for the search; the search's write keeps the walk-in."""
    from meedoen.registrations import services as reg_services

    meeting, _regs = make_meeting(world)
    division = configure(world, meeting)
    services.division_solve(actor=world.member, division=division, max_iterations=50)
    walk_in = reg_services.walk_in_add(actor=world.member, meeting=meeting, first_name="Ria")
    placed = []

    def progress(fraction: float) -> None:
        if not placed:  # the walk-in arrives while the search runs
            placed.append(services.walk_in_place(actor=world.member, walk_in=walk_in, round_=1))

    services.division_solve(
        actor=world.member, division=division, max_iterations=50, progress=progress
    )
    assert placed
    row = TableAssignment.objects.get(division=division, walk_in=walk_in)
    assert row.table == placed[0].table
    assert TableAssignment.objects.filter(division=division, round=1).count() == 11
