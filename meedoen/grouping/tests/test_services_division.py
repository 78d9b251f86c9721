"""The division glue: constraints come from the registrations, locks hold on a re-solve,
walk-ins keep every hard rule, and check-first speaks plain words."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from meedoen.grouping import selectors, services
from meedoen.grouping.models import GroupDivision, TableAssignment
from meedoen.meetings import services as meeting_services
from meedoen.meetings.models import ChecklistStatus
from meedoen.registrations import services as reg_services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

# name, comes as, street, companions, needs
PEOPLE = [
    ("Annie", "resident", "Dorpsstraat", [], []),
    ("Mohamed", "resident", "Kerkweg", ["Samira", "Yusuf"], []),
    ("Joke", "professional", "Dorpsstraat", [], ["wheelchair"]),
    ("Henk", "resident", "Molenlaan", [], []),
    ("Siham", "professional", "Kerkweg", [], []),
    ("Wim", "resident", "Dorpsstraat", [], ["wheelchair"]),
    ("Truus", "informal_carer", "Molenlaan", [], []),
    ("Karim", "resident", "Kerkweg", [], []),
    ("Els", "professional", "Molenlaan", [], []),
    ("Piet", "resident", "Dorpsstraat", [], []),
]


def make_meeting(world, people=PEOPLE):
    start = timezone.now() + timedelta(days=14)
    meeting = meeting_services.meeting_create(
        actor=world.member,
        title="Buurtgesprek",
        purpose="x",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        capacity=60,
    )
    reg_services.registration_settings_update(actor=world.member, meeting=meeting, published=True)
    regs = {}
    for name, comes_as, street, companions, needs in people:
        regs[name] = reg_services.registration_admit(
            meeting=meeting,
            channel="online",
            name=name,
            privacy_consent=True,
            comes_as=comes_as,
            street=street,
            companions=companions,
            needs=needs,
        ).registration
    return meeting, regs


def configure(world, meeting, **overrides):
    division = services.division_for(meeting=meeting)
    settings = {
        "mix": {"comes_as": 2, "street": 1},
        "table_count": 3,
        "accessible_tables": [1],
        "time_budget": 1,
    }
    settings.update(overrides)
    return services.division_settings_save(actor=world.member, division=division, **settings)


def tables(division, round_=1):
    return {
        row.key: row.table
        for row in TableAssignment.objects.filter(division=division, round=round_)
    }


def test_solve_keeps_parties_together_and_wheelchairs_at_accessible_tables(world):
    meeting, regs = make_meeting(world)
    division = configure(world, meeting)
    assert services.division_check(division=division) == []
    solution = services.division_solve(
        actor=world.member, division=division, round_=1, max_iterations=200
    )
    built = services.division_build(division=division, round_=1)
    # Mohamed comes with two companions: three seats, one block, one table.
    seats = built.seats[f"r{regs['Mohamed'].pk}"]
    assert len(seats) == 3
    assert len({int(solution.assignment[i]) for i in seats}) == 1
    placed = tables(division)
    assert placed[f"r{regs['Joke'].pk}"] == 1
    assert placed[f"r{regs['Wim'].pk}"] == 1
    assert solution.violations == ()
    division.refresh_from_db()
    assert division.status == GroupDivision.Status.DIVIDED
    assert division.objective == solution.objective
    assert division.random_objective is not None


def test_solving_ticks_groups_made(world):
    meeting, _regs = make_meeting(world)
    division = configure(world, meeting)
    services.division_solve(actor=world.member, division=division, max_iterations=50)
    item = meeting.checklist.filter(key="groups_made").first()
    if item is None:
        pytest.skip("the team's checklist template has no groups_made item")
    assert item.status == ChecklistStatus.DONE
    assert "indeling" in item.evidence_url


def test_locks_hold_when_solving_again(world):
    meeting, regs = make_meeting(world)
    division = configure(world, meeting)
    services.division_solve(actor=world.member, division=division, max_iterations=200)
    annie = TableAssignment.objects.get(division=division, registration=regs["Annie"])
    target = 3 if annie.table != 3 else 2
    services.division_move(actor=world.member, assignment=annie, table=target)
    annie.refresh_from_db()
    services.division_lock(actor=world.member, assignment=annie, locked=True)
    for seed_round in range(3):
        services.division_solve(
            actor=world.member, division=division, max_iterations=50 + seed_round
        )
        again = TableAssignment.objects.get(division=division, registration=regs["Annie"])
        assert again.table == target
        assert again.locked


def test_moving_a_wheelchair_user_to_an_inaccessible_table_is_refused(world):
    meeting, regs = make_meeting(world)
    division = configure(world, meeting)
    services.division_solve(actor=world.member, division=division, max_iterations=100)
    joke = TableAssignment.objects.get(division=division, registration=regs["Joke"])
    with pytest.raises(services.DivisionError):
        services.division_move(actor=world.member, assignment=joke, table=2)
    joke.refresh_from_db()
    assert joke.table == 1


def test_moving_recomputes_quality(world):
    meeting, regs = make_meeting(world)
    division = configure(world, meeting)
    services.division_solve(actor=world.member, division=division, max_iterations=200)
    division.refresh_from_db()
    before = division.objective
    row = TableAssignment.objects.get(division=division, registration=regs["Annie"])
    target = 3 if row.table != 3 else 2
    services.division_move(actor=world.member, assignment=row, table=target)
    division.refresh_from_db()
    quality = services.quality_of(division=division, round_=1)
    assert quality is not None
    assert division.objective == quality.objective
    assert division.objective != before or quality.broken


def test_walk_in_gets_a_table_that_keeps_every_hard_rule(world):
    meeting, _regs = make_meeting(world)
    division = configure(world, meeting)
    services.division_solve(actor=world.member, division=division, max_iterations=200)
    walk_in = reg_services.walk_in_add(
        actor=world.member, meeting=meeting, first_name="Ria", comes_as="professional"
    )
    row = services.walk_in_place(actor=world.member, walk_in=walk_in, round_=1)
    assert 1 <= row.table <= 3
    built = services.division_build(division=division, round_=1)
    assignment = services.current_assignment(division, built, 1)
    assert (assignment >= 0).all()
    from meedoen.grouping.solver import objective

    assert objective.violations(built.problem, assignment) == []
    with pytest.raises(services.DivisionError):
        services.walk_in_place(actor=world.member, walk_in=walk_in, round_=1)


def test_walk_in_before_any_division_is_refused(world):
    meeting, _regs = make_meeting(world)
    walk_in = reg_services.walk_in_add(actor=world.member, meeting=meeting, first_name="Ria")
    with pytest.raises(services.DivisionError):
        services.walk_in_place(actor=world.member, walk_in=walk_in, round_=1)


def test_check_first_explains_too_few_accessible_places(world):
    meeting, _regs = make_meeting(world)
    # Two wheelchair users, but no accessible table at all.
    division = configure(world, meeting, accessible_tables=[])
    problems = services.division_check(division=division)
    assert any("wheelchair-accessible" in p for p in problems), problems
    with pytest.raises(services.DivisionError):
        services.division_solve(actor=world.member, division=division, max_iterations=10)


def test_check_first_explains_missing_facilitators(world):
    meeting, _regs = make_meeting(world)
    division = configure(world, meeting, facilitators=[world.member.user])
    problems = services.division_check(division=division)
    assert any("facilitators" in p for p in problems), problems


def test_facilitators_one_per_table(world):
    meeting, _regs = make_meeting(world)
    users = [world.member.user, world.coordinator.user, world.viewer.user]
    division = configure(world, meeting, facilitators=users)
    assert services.division_check(division=division) == []
    services.division_solve(actor=world.member, division=division, max_iterations=100)
    rows = TableAssignment.objects.filter(division=division, facilitator__isnull=False)
    assert sorted(r.table for r in rows) == [1, 2, 3]


def test_nobody_to_divide(world):
    meeting, _regs = make_meeting(world, people=[])
    division = services.division_for(meeting=meeting)
    assert services.division_check(division=division) == [
        "Nobody to divide yet: there are no confirmed registrations."
    ]


def test_second_round_avoids_repeats_and_needs_the_first(world):
    meeting, _regs = make_meeting(world)
    division = configure(world, meeting)
    with pytest.raises(services.DivisionError):
        services.division_solve(actor=world.member, division=division, round_=2)
    services.division_solve(actor=world.member, division=division, max_iterations=100)
    services.division_solve(actor=world.member, division=division, round_=2, max_iterations=300)
    assert services.rounds_of(division) == [1, 2]
    rounds = selectors.division_rounds(actor=world.member, division=division)
    assert [r.number for r in rounds] == [1, 2]
    assert all(seat.why for r in rounds for t in r.tables for seat in t.seats)


def test_viewer_cannot_change(world):
    meeting, _regs = make_meeting(world)
    division = services.division_for(meeting=meeting)
    with pytest.raises(PermissionDenied):
        services.division_settings_save(actor=world.viewer, division=division, mix={})


def test_facilitator_must_be_a_team_member(world, other_world):
    meeting, _regs = make_meeting(world)
    division = services.division_for(meeting=meeting)
    with pytest.raises(services.DivisionError):
        services.division_settings_save(
            actor=world.member,
            division=division,
            mix={},
            facilitators=[other_world.member.user],
        )


def test_division_errors_are_domain_errors():
    """So the shared form flow (`teams.formflow`) puts them on the form like any other."""
    from django import forms

    from meedoen.teams.errors import DomainError
    from meedoen.teams.formflow import form_errors_apply

    error = services.DivisionError("Make the earlier rounds first.")
    assert isinstance(error, DomainError)
    form = forms.Form({})
    form.is_valid()
    form_errors_apply(form, error)
    assert form.non_field_errors() == ["Make the earlier rounds first."]
