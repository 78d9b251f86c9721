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
from meedoen.grouping.tests.test_services_division import configure, make_meeting

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
    impossible = configure(world, meeting, accessible_tables=[])
    SolveRun.objects.update(status=SolveRun.Status.CANCELLED)
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
    configure(world, meeting, accessible_tables=[])  # changed while it waited
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
