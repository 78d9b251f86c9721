"""Changes to a meeting's division: settings and rules, solving a round, moving and locking
people, and placing walk-ins. The people come from the confirmed registrations; `build.py`
turns them into a solver problem."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

import numpy as np
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meedoen.grouping.build import (
    MAX_ROUNDS,
    Built,
    balance_options,
    current_assignment,
    division_build,
    hard_broken,
    mix_options,
    people_of,
    random_objective,
    reasons_of,
    rounds_of,
    walk_in_person,
)
from meedoen.grouping.models import GroupDivision, SolveRun, TableAssignment
from meedoen.grouping.solver import InfeasibleProblem, Solution, solve
from meedoen.grouping.solver import objective as solver_objective
from meedoen.meetings.models import Meeting
from meedoen.meetings.services import checklist_tick
from meedoen.registrations.models import WalkIn
from meedoen.teams.errors import DomainError
from meedoen.teams.models import Membership, User
from meedoen.teams.permissions import require_own_team
from meedoen.teams.services import audit_log_record_action


class DivisionError(DomainError):
    """A change to the division that cannot be made; `message` is for the person."""


# A run that is searching this long past its budget lost its worker.
RUN_GRACE = timedelta(seconds=60)


def solve_run_lost(run: SolveRun, now: datetime) -> bool:
    """A running search this far past its budget: its worker stopped."""
    started = run.started_at or run.queued_at
    return (
        run.status == SolveRun.Status.RUNNING
        and now > started + timedelta(seconds=run.budget) + RUN_GRACE
    )


def solve_run_fail_lost(run: SolveRun, now: datetime) -> None:
    """Mark a run whose worker stopped as failed (its tables are never written: the worker's
    write checks that its run is still running)."""
    run.status = SolveRun.Status.FAILED
    run.message = _("The worker stopped while searching. Nothing was changed.")
    run.finished_at = now
    run.save(update_fields=["status", "message", "finished_at"])


def division_lock_idle(
    division: GroupDivision, *, run_id: int | None = None, now: datetime | None = None
) -> None:
    """Inside a transaction: lock the division row and refuse while a search for it is
    waiting or running (its write would undo the change). A run whose worker stopped is
    marked failed instead. `run_id` is the worker's own run."""
    if division.pk is None:
        return
    GroupDivision.objects.select_for_update().filter(pk=division.pk).first()
    now = now or timezone.now()
    active = SolveRun.objects.filter(division=division, status__in=SolveRun.ACTIVE)
    if run_id is not None:
        active = active.exclude(pk=run_id)
    for run in active.select_for_update():
        if solve_run_lost(run, now):
            solve_run_fail_lost(run, now)
        else:
            raise DivisionError(
                _(
                    "The tables are being searched right now. Wait until the search is done "
                    "or stop it, then try again."
                )
            )


def _division_fresh(division: GroupDivision) -> GroupDivision:
    """The division as stored now (inside the lock), so rules are changed on current data."""
    if division.pk is None:
        return division
    division.keep_apart, division.fixed_tables = GroupDivision.objects.values_list(
        "keep_apart", "fixed_tables"
    ).get(pk=division.pk)
    return division


def division_for(*, meeting: Meeting) -> GroupDivision:
    """The meeting's division, unsaved (default settings) until its settings are saved."""
    existing = GroupDivision.objects.filter(meeting=meeting).first()
    return existing if existing is not None else GroupDivision(meeting=meeting)


def division_settings_save(
    *,
    actor: Membership,
    division: GroupDivision,
    mix: dict[str, float],
    balance: str = "",
    table_count: int = 0,
    table_size: int = 6,
    table_sizes: Iterable[int] = (),
    accessible_tables: Iterable[int] = (),
    facilitators: Iterable[User] = (),
    minority_languages: Iterable[str] = (),
    time_budget: int = 2,
    now: datetime | None = None,
) -> GroupDivision:
    """Save what must mix (answer key -> weight), the answer to balance, and the tables."""
    require_own_team(actor, division.meeting.team_id)
    chosen = list(facilitators)
    members = set(Membership.objects.filter(team=actor.team_id).values_list("user_id", flat=True))
    if any(user.pk not in members for user in chosen):
        raise DivisionError(_("Facilitators must be members of the team."))
    meeting = division.meeting
    mixable = {key for key, _label in mix_options(meeting)}
    if balance and balance not in {key for key, _label in balance_options(meeting)}:
        raise DivisionError(_("This answer cannot be balanced: it has no numbers."))
    sizes = [int(size) for size in table_sizes]
    if any(size < 1 for size in sizes):
        raise DivisionError(_("Every table needs at least one place."))
    with transaction.atomic():
        division_lock_idle(division)
        division.mix = {k: float(w) for k, w in mix.items() if k in mixable and w > 0}
        division.balance = balance
        division.table_count = len(sizes) or table_count
        division.table_size = table_size
        division.table_sizes = sizes
        division.accessible_tables = sorted({int(t) for t in accessible_tables if int(t) > 0})
        division.minority_languages = sorted({s.strip().casefold() for s in minority_languages})
        division.time_budget = time_budget
        division.full_clean()
        division.save()
        division.facilitators.set(chosen)
        audit_log_record_action(
            actor=actor, action="grouping.settings", obj=meeting, label=meeting.title, now=now
        )
    return division


def _known_keys(division: GroupDivision) -> set[str]:
    """Person keys a rule may name: confirmed registrations and walk-ins of the meeting."""
    walk_ins = WalkIn.objects.filter(meeting=division.meeting).values_list("pk", flat=True)
    people = people_of(division)
    return {p.key for p in people if p.kind != "facilitator"} | {f"w{pk}" for pk in walk_ins}


def _rules_saved(actor: Membership, division: GroupDivision, now: datetime | None) -> None:
    if division.pk is None:
        division.full_clean()
        division.save()
    else:
        division.save(update_fields=["keep_apart", "fixed_tables"])
    audit_log_record_action(
        actor=actor,
        action="grouping.rules",
        obj=division.meeting,
        label=division.meeting.title,
        now=now,
    )


def division_apart_add(
    *, actor: Membership, division: GroupDivision, keys: Iterable[str], now: datetime | None = None
) -> GroupDivision:
    """Two or more people who must not share a table, in every round."""
    require_own_team(actor, division.meeting.team_id)
    chosen = sorted(set(keys))
    if len(chosen) < 2:
        raise DivisionError(_("Choose at least two people to keep apart."))
    if not set(chosen) <= _known_keys(division):
        raise DivisionError(_("Choose people who come to this meeting."))
    with transaction.atomic():
        division_lock_idle(division)
        _division_fresh(division)
        if chosen in [sorted(group) for group in division.keep_apart]:
            raise DivisionError(_("These people are already kept apart."))
        division.keep_apart = [*division.keep_apart, chosen]
        _rules_saved(actor, division, now)
    return division


def division_apart_remove(
    *, actor: Membership, division: GroupDivision, keys: Iterable[str], now: datetime | None = None
) -> GroupDivision:
    """Remove the rule that keeps exactly these people apart (named by its people, so a page
    shown before another change never removes another rule)."""
    require_own_team(actor, division.meeting.team_id)
    chosen = sorted(set(keys))
    with transaction.atomic():
        division_lock_idle(division)
        _division_fresh(division)
        kept = [group for group in division.keep_apart if sorted(group) != chosen]
        if len(kept) == len(division.keep_apart):
            raise DivisionError(_("This rule no longer exists."))
        division.keep_apart = kept
        _rules_saved(actor, division, now)
    return division


def division_fixed_set(
    *,
    actor: Membership,
    division: GroupDivision,
    key: str,
    table: int | None,
    now: datetime | None = None,
) -> GroupDivision:
    """Fix a person (with their party) at a table in every round; `table=None` frees them.
    Whether the table fits their other rules is said by the check first."""
    require_own_team(actor, division.meeting.team_id)
    if table is not None and key not in _known_keys(division):
        raise DivisionError(_("Choose people who come to this meeting."))
    if table is not None and table < 1:
        raise DivisionError(_("Table %(table)s does not exist.") % {"table": table})
    with transaction.atomic():
        division_lock_idle(division)
        _division_fresh(division)
        if table is None and key not in division.fixed_tables:
            raise DivisionError(_("This rule no longer exists."))
        fixed = {k: v for k, v in division.fixed_tables.items() if k != key}
        if table is not None:
            fixed[key] = int(table)
        division.fixed_tables = fixed
        _rules_saved(actor, division, now)
    return division


# ---------------------------------------------------------------------------------------------
# Solving


def require_round_allowed(division: GroupDivision, round_: int) -> None:
    """Rounds are made in order: round k needs round k - 1, and there are at most three."""
    existing = rounds_of(division)
    if round_ < 1 or round_ > min(MAX_ROUNDS, (max(existing) if existing else 0) + 1):
        raise DivisionError(_("Make the earlier rounds first."))


def division_solve(
    *,
    actor: Membership,
    division: GroupDivision,
    round_: int = 1,
    now: datetime | None = None,
    max_iterations: int | None = None,
    progress: Callable[[float], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    run_id: int | None = None,
    finish: Callable[[Solution], bool] | None = None,
) -> Solution:
    """Solve one round around its locked people and fixed tables and store every party's
    table. `progress` and `should_stop` go to the solver; a stopped search still stores the
    best (valid) division it found. The worker passes its `run_id` and `finish`, which ends
    its run inside the write and says whether the run may still write (not marked failed)."""
    require_own_team(actor, division.meeting.team_id)
    require_round_allowed(division, round_)
    built = division_build(division=division, round_=round_)
    try:
        solution = solve(
            built.problem,
            seed=round_,
            time_limit=None if max_iterations else float(division.time_budget),
            max_iterations=max_iterations,
            progress=progress,
            should_stop=should_stop,
        )
    except InfeasibleProblem as exc:
        raise DivisionError(" ".join(reasons_of(exc.problems, built))) from exc
    now = now or timezone.now()
    with transaction.atomic():
        if division.pk is None:
            division.full_clean()
            division.save()
        division_lock_idle(division, run_id=run_id, now=now)
        if finish is not None and not finish(solution):
            return solution  # the run was marked failed meanwhile: its tables are not written
        old = {
            row.key: row
            for row in TableAssignment.objects.select_for_update().filter(
                division=division, round=round_
            )
        }
        # A walk-in placed at the door while the search ran keeps their table: the search did
        # not know them, and sending them away again would be unkind.
        kept = [row.pk for key, row in old.items() if row.walk_in_id and key not in built.seats]
        TableAssignment.objects.filter(division=division, round=round_).exclude(
            pk__in=kept
        ).delete()
        rows = []
        for key, seats in built.seats.items():
            row = TableAssignment(
                division=division,
                round=round_,
                table=int(solution.assignment[seats[0]]) + 1,
                locked=bool(old.get(key) and old[key].locked),
            )
            _set_person(row, key)
            rows.append(row)
        TableAssignment.objects.bulk_create(rows)
        _store_quality(division, built, solution.assignment)
        division.status = GroupDivision.Status.DIVIDED
        division.solved_at = now
        division.save(update_fields=["status", "solved_at"])
        meeting = division.meeting
        audit_log_record_action(
            actor=actor,
            action="grouping.solved",
            obj=meeting,
            label=meeting.title,
            now=now,
            round=round_,
        )
        checklist_tick(
            meeting=meeting,
            key="groups_made",
            evidence_url=reverse(
                "grouping:division",
                kwargs={"team_slug": meeting.team.slug, "meeting_id": meeting.pk},
            ),
            by=actor.user,
            now=now,
        )
    return solution


def _set_person(row: TableAssignment, key: str) -> None:
    kind, pk = key[0], int(key[1:])
    if kind == "r":
        row.registration_id = pk
    elif kind == "w":
        row.walk_in_id = pk
    else:
        row.facilitator_id = pk


def _store_quality(division: GroupDivision, built: Built, assignment: np.ndarray) -> None:
    problem = built.problem
    division.objective = solver_objective.diversity(problem.distance, assignment)
    division.bound_gap = (
        solver_objective.bound_gap(problem.attributes, assignment, problem.m)
        if problem.attributes
        else None
    )
    division.random_objective = random_objective(built)
    division.save(update_fields=["objective", "bound_gap", "random_objective"])


# ---------------------------------------------------------------------------------------------
# By hand


def division_move(
    *,
    actor: Membership,
    assignment: TableAssignment,
    table: int,
    now: datetime | None = None,
) -> TableAssignment:
    """Move a party by hand; refused when it breaks a hard rule (a fixed table, people kept
    apart, accessibility, one facilitator per table). Table sizes may change by hand; the
    page warns. The quality is recomputed."""
    division = assignment.division
    require_own_team(actor, division.meeting.team_id)
    built = division_build(division=division, round_=assignment.round)
    if not 1 <= table <= built.m:
        raise DivisionError(_("Table %(table)s does not exist.") % {"table": table})
    fixed = division.fixed_tables.get(assignment.key)
    if fixed is not None and int(fixed) != table:
        raise DivisionError(
            _(
                "This person must sit at table %(fixed)s (a rule of the division). Remove the "
                "rule first to move them."
            )
            % {"fixed": fixed}
        )
    with transaction.atomic():
        division_lock_idle(division)
        row = TableAssignment.objects.select_for_update().get(pk=assignment.pk)
        current = current_assignment(division, built, row.round)
        moved = current.copy()
        moved[built.seats.get(row.key, [])] = table - 1
        if np.all(current >= 0) and hard_broken(built.problem, moved) - hard_broken(
            built.problem, current
        ):
            raise DivisionError(
                _(
                    "Table %(table)s cannot take this person: it breaks a fixed rule "
                    "(accessible table, people kept apart, or one facilitator per table)."
                )
                % {"table": table}
            )
        row.table = table
        row.save(update_fields=["table"])
        if np.all(moved >= 0):
            _store_quality(division, built, moved)
        audit_log_record_action(
            actor=actor,
            action="grouping.moved",
            obj=division.meeting,
            label=division.meeting.title,
            now=now,
            person=row.key,
            table=table,
        )
    return row


def division_lock(
    *,
    actor: Membership,
    assignment: TableAssignment,
    locked: bool,
    now: datetime | None = None,
) -> TableAssignment:
    require_own_team(actor, assignment.division.meeting.team_id)
    with transaction.atomic():
        division_lock_idle(assignment.division)
        assignment.locked = locked
        assignment.save(update_fields=["locked"])
        audit_log_record_action(
            actor=actor,
            action="grouping.locked" if locked else "grouping.unlocked",
            obj=assignment.division.meeting,
            label=assignment.division.meeting.title,
            now=now,
            person=assignment.key,
        )
    return assignment


def walk_in_place(
    *,
    actor: Membership,
    walk_in: WalkIn,
    round_: int = 1,
    now: datetime | None = None,
) -> TableAssignment:
    """Place a walk-in at the table where they add the most mix, keeping every hard rule
    (their fixed table, people kept apart, accessibility, table sizes).

    Allowed while a search runs, so nobody waits at the door: the search's write keeps the
    walk-in's table. The division lock orders this after (or before) that write."""
    division = division_for(meeting=walk_in.meeting)
    require_own_team(actor, division.meeting.team_id)
    with transaction.atomic():
        if division.pk is not None:
            GroupDivision.objects.select_for_update().filter(pk=division.pk).first()
        return _walk_in_place_locked(actor, division, walk_in, round_, now)


def _walk_in_place_locked(
    actor: Membership,
    division: GroupDivision,
    walk_in: WalkIn,
    round_: int,
    now: datetime | None,
) -> TableAssignment:
    if round_ not in rounds_of(division):
        raise DivisionError(_("Make the division first."))
    if TableAssignment.objects.filter(division=division, round=round_, walk_in=walk_in).exists():
        raise DivisionError(_("%(name)s already has a table.") % {"name": walk_in.first_name})
    built = division_build(
        division=division, round_=round_, extra=[walk_in_person(division, walk_in)]
    )
    current = current_assignment(division, built, round_)
    me = len(built.people) - 1
    others = np.arange(len(built.people)) != me
    if np.any(current[others] < 0):
        raise DivisionError(_("People came or went since the division was made: solve again."))
    sizes = np.bincount(current[others], minlength=built.m)
    hi = int(built.problem.max_sizes.max())
    # What is broken already without the walk-in (indices of the others are the same).
    without = division_build(division=division, round_=round_)
    baseline = hard_broken(without.problem, current[others])
    fixed = built.problem.fixed_group.get(me)
    best: tuple[float, int, int] | None = None
    for g in range(built.m):
        trial = current.copy()
        trial[me] = g
        if fixed is not None and g != fixed:
            continue
        # A fixed table outranks the table size; otherwise a full table is skipped.
        if fixed is None and sizes[g] + 1 > hi:
            continue
        if hard_broken(built.problem, trial) - baseline:
            continue
        gain = float(built.problem.distance[me][current == g].sum())
        score = (gain, -int(sizes[g]), -g)
        if best is None or score > best:
            best = score
    if best is None:
        raise DivisionError(
            _("No table has room left that keeps every rule. Add a table and solve again.")
        )
    table = -best[2] + 1
    with transaction.atomic():
        row = TableAssignment(division=division, round=round_, walk_in=walk_in, table=table)
        row.full_clean()
        row.save()
        audit_log_record_action(
            actor=actor,
            action="grouping.walk_in",
            obj=division.meeting,
            label=walk_in.first_name,
            now=now,
            table=table,
        )
    return row
