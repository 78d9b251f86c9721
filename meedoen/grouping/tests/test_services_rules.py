"""Staff rules on top of the data (keep apart, fixed table), the meeting's own questions as
things to mix, a numeric answer to balance, and places per table."""

import numpy as np
import pytest

from meedoen.grouping import selectors, services
from meedoen.grouping.models import TableAssignment
from meedoen.grouping.solver import objective
from meedoen.grouping.tests.test_services_division import configure, make_meeting, tables
from meedoen.registrations import services as reg_services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def key(registration):
    return f"r{registration.pk}"


def test_keep_apart_holds_in_every_solve_and_round(world):
    meeting, regs = make_meeting(world)
    division = configure(world, meeting)
    # Annie, Henk and Piet would mix well together; the rule says they may not.
    apart = [key(regs["Annie"]), key(regs["Henk"]), key(regs["Piet"])]
    services.division_apart_add(actor=world.member, division=division, keys=apart)
    for round_ in (1, 2):
        services.division_solve(
            actor=world.member, division=division, round_=round_, max_iterations=200
        )
        placed = tables(division, round_)
        assert len({placed[k] for k in apart}) == 3
    why = {
        seat.assignment.key: seat.why
        for table in selectors.division_rounds(actor=world.member, division=division)[0].tables
        for seat in table.seats
    }
    assert why[key(regs["Annie"])].startswith("Kept apart from Henk, Piet")


def test_fixed_table_holds_on_solve_and_a_move_away_is_refused(world):
    meeting, regs = make_meeting(world)
    division = configure(world, meeting)
    services.division_fixed_set(
        actor=world.member, division=division, key=key(regs["Truus"]), table=3
    )
    services.division_solve(actor=world.member, division=division, max_iterations=200)
    assert tables(division)[key(regs["Truus"])] == 3
    (round_1,) = selectors.division_rounds(actor=world.member, division=division)
    (seat,) = [s for s in round_1.tables[2].seats if s.assignment.key == key(regs["Truus"])]
    assert seat.fixed_table == 3
    assert seat.why.startswith("Must sit at this table (a rule of the division)")
    row = TableAssignment.objects.get(division=division, registration=regs["Truus"])
    with pytest.raises(services.DivisionError, match="must sit at table 3"):
        services.division_move(actor=world.member, assignment=row, table=2)
    row.refresh_from_db()
    assert row.table == 3
    # Without the rule, the move is allowed.
    services.division_fixed_set(
        actor=world.member, division=division, key=key(regs["Truus"]), table=None
    )
    division.refresh_from_db()
    services.division_move(actor=world.member, assignment=row, table=2)
    row.refresh_from_db()
    assert row.table == 2


def test_a_move_that_puts_people_kept_apart_together_is_refused(world):
    meeting, regs = make_meeting(world)
    division = configure(world, meeting)
    services.division_apart_add(
        actor=world.member, division=division, keys=[key(regs["Annie"]), key(regs["Henk"])]
    )
    services.division_solve(actor=world.member, division=division, max_iterations=200)
    henk = TableAssignment.objects.get(division=division, registration=regs["Henk"])
    annie_table = tables(division)[key(regs["Annie"])]
    with pytest.raises(services.DivisionError, match="people kept apart"):
        services.division_move(actor=world.member, assignment=henk, table=annie_table)


def test_check_first_names_rules_that_cannot_hold(world):
    meeting, regs = make_meeting(world)
    division = configure(world, meeting)
    # Joke uses a wheelchair; table 1 is the only accessible table.
    services.division_fixed_set(
        actor=world.member, division=division, key=key(regs["Joke"]), table=2
    )
    problems = services.division_check(division=division)
    assert any("No table can take the party of Joke" in p for p in problems), problems
    services.division_fixed_set(
        actor=world.member, division=division, key=key(regs["Joke"]), table=None
    )
    # Four people apart at three tables.
    four = [key(regs[name]) for name in ("Annie", "Henk", "Karim", "Piet")]
    services.division_apart_add(actor=world.member, division=division, keys=four)
    problems = services.division_check(division=division)
    assert problems == ["4 people must all sit at different tables, but there are only 3 tables."]
    with pytest.raises(services.DivisionError, match="only 3 tables"):
        services.solve_run_request(actor=world.member, division=division)
    services.division_apart_remove(actor=world.member, division=division, keys=four)
    # A fixed table that does not exist.
    services.division_fixed_set(
        actor=world.member, division=division, key=key(regs["Henk"]), table=7
    )
    assert any("does not exist" in p for p in services.division_check(division=division))


def test_rules_name_people_of_this_meeting_only(world, other_world):
    meeting, regs = make_meeting(world)
    _theirs, their_regs = make_meeting(other_world)
    division = configure(world, meeting)
    with pytest.raises(services.DivisionError):
        services.division_apart_add(
            actor=world.member,
            division=division,
            keys=[key(regs["Annie"]), key(their_regs["Annie"])],
        )
    with pytest.raises(services.DivisionError):
        services.division_apart_add(actor=world.member, division=division, keys=["r1"])
    with pytest.raises(services.DivisionError):
        services.division_fixed_set(
            actor=world.member, division=division, key=key(their_regs["Henk"]), table=1
        )
    with pytest.raises(services.DivisionError):
        services.division_apart_remove(
            actor=world.member, division=division, keys=[key(regs["Annie"]), key(regs["Henk"])]
        )
    division.refresh_from_db()
    assert division.keep_apart == [] and division.fixed_tables == {}


def test_walk_in_placement_keeps_keep_apart_and_fixed_tables(world):
    meeting, regs = make_meeting(world)
    division = configure(world, meeting)
    services.division_solve(actor=world.member, division=division, max_iterations=200)
    placed = tables(division)
    # Ria must not sit with Annie, nor with Henk; Sem must sit at table 2.
    ria = reg_services.walk_in_add(actor=world.member, meeting=meeting, first_name="Ria")
    sem = reg_services.walk_in_add(actor=world.member, meeting=meeting, first_name="Sem")
    annie, henk = key(regs["Annie"]), key(regs["Henk"])
    services.division_apart_add(actor=world.member, division=division, keys=[f"w{ria.pk}", annie])
    services.division_apart_add(actor=world.member, division=division, keys=[f"w{ria.pk}", henk])
    services.division_fixed_set(actor=world.member, division=division, key=f"w{sem.pk}", table=2)
    ria_row = services.walk_in_place(actor=world.member, walk_in=ria, round_=1)
    sem_row = services.walk_in_place(actor=world.member, walk_in=sem, round_=1)
    assert ria_row.table not in {placed[annie], placed[henk]}
    assert sem_row.table == 2
    built = services.division_build(division=division, round_=1)
    assignment = services.current_assignment(division, built, 1)
    assert (assignment >= 0).all()
    broken = [v for v in objective.violations(built.problem, assignment) if "size" not in v]
    assert broken == []


def test_walk_in_with_no_allowed_table_is_refused(world):
    meeting, regs = make_meeting(world)
    division = configure(world, meeting)
    services.division_solve(actor=world.member, division=division, max_iterations=200)
    placed = tables(division)
    ria = reg_services.walk_in_add(actor=world.member, meeting=meeting, first_name="Ria")
    # One person from each table: no table is left for Ria.
    by_table = {}
    for person, table in placed.items():
        if person.startswith("r"):
            by_table.setdefault(table, person)
    for person in by_table.values():
        services.division_apart_add(
            actor=world.member, division=division, keys=[f"w{ria.pk}", person]
        )
    with pytest.raises(services.DivisionError, match="keeps every rule"):
        services.walk_in_place(actor=world.member, walk_in=ria, round_=1)
    assert not TableAssignment.objects.filter(walk_in=ria).exists()


QUESTIONS = [
    {"label": "Which club?", "kind": "choice", "choices": ["Chess", "Football"]},
    {"label": "Years in the neighbourhood", "kind": "number", "choices": []},
]
# name, club, years
CLUB_PEOPLE = [
    ("Ann", "Chess", 1),
    ("Bob", "Chess", 2),
    ("Cas", "Chess", 3),
    ("Dia", "Football", 30),
    ("Eva", "Football", 40),
    ("Fem", "Football", 50),
]


def make_club_meeting(world):
    meeting, _regs = make_meeting(world, people=[])
    reg_services.registration_settings_update(
        actor=world.member, meeting=meeting, custom_questions=QUESTIONS
    )
    for name, club, years in CLUB_PEOPLE:
        reg_services.registration_admit(
            meeting=meeting,
            channel="online",
            name=name,
            privacy_consent=True,
            answers={"Which club?": club, "Years in the neighbourhood": years},
        )
    return meeting


def test_the_meetings_own_questions_can_be_mixed_and_balanced(world):
    meeting = make_club_meeting(world)
    options = dict(services.mix_options(meeting))
    assert options["q:Which club?"] == "Which club?"
    assert "q:Years in the neighbourhood" not in options  # numbers are balanced, not mixed
    assert "q:Years in the neighbourhood" in dict(services.balance_options(meeting))
    division = services.division_for(meeting=meeting)
    services.division_settings_save(
        actor=world.member,
        division=division,
        mix={"q:Which club?": 1, "q:not asked": 3},
        table_count=3,
    )
    assert division.mix == {"q:Which club?": 1.0}
    services.division_solve(actor=world.member, division=division, max_iterations=200)
    quality = services.quality_of(division=division, round_=1)
    assert quality is not None and quality.bound_gap == 0  # one chess and one football each
    # Balancing the years as well: every table gets a newcomer and an old hand.
    services.division_settings_save(
        actor=world.member,
        division=division,
        mix={},
        balance="q:Years in the neighbourhood",
        table_count=3,
    )
    services.division_solve(actor=world.member, division=division, max_iterations=300)
    built = services.division_build(division=division, round_=1)
    assignment = services.current_assignment(division, built, 1)
    years = built.problem.balance
    assert years is not None and not np.isnan(years).any()
    for t in range(3):
        here = sorted(years[assignment == t])
        assert here[0] < 10 < here[1]  # a newcomer and an old hand at every table
    (round_1,) = selectors.division_rounds(actor=world.member, division=division)
    assert "The average Years in the neighbourhood of a table differs at most" in round_1.quality


def test_only_a_numeric_answer_can_be_balanced(world):
    meeting = make_club_meeting(world)
    division = services.division_for(meeting=meeting)
    with pytest.raises(services.DivisionError, match="no numbers"):
        services.division_settings_save(
            actor=world.member, division=division, mix={}, balance="q:Which club?"
        )


def test_places_per_table(world):
    meeting, regs = make_meeting(world)
    # 12 people: tables of at most 3, 3 and 6 places.
    division = configure(world, meeting, table_count=0, table_sizes=[3, 3, 6])
    assert division.table_count == 3
    assert services.division_check(division=division) == []
    services.division_solve(actor=world.member, division=division, max_iterations=200)
    counts = {}
    built = services.division_build(division=division, round_=1)
    for row in TableAssignment.objects.filter(division=division, round=1):
        counts[row.table] = counts.get(row.table, 0) + len(built.seats[row.key])
    assert counts[1] <= 3 and counts[2] <= 3 and counts[3] <= 6
    assert sum(counts.values()) == 12
    too_small = configure(world, meeting, table_sizes=[3, 3, 3])
    problems = services.division_check(division=too_small)
    assert any("at most 9" in p for p in problems), problems


def test_rules_changed_from_two_stale_pages_are_both_kept(world):
    meeting, regs = make_meeting(world)
    configure(world, meeting)
    first = services.division_for(meeting=meeting)
    second = services.division_for(meeting=meeting)  # another page, loaded before the change
    one = [key(regs["Annie"]), key(regs["Henk"])]
    two = [key(regs["Karim"]), key(regs["Piet"])]
    services.division_apart_add(actor=world.member, division=first, keys=one)
    services.division_apart_add(actor=world.member, division=second, keys=two)
    services.division_fixed_set(actor=world.member, division=first, key=key(regs["Els"]), table=2)
    services.division_fixed_set(
        actor=world.member, division=second, key=key(regs["Truus"]), table=3
    )
    stored = services.division_for(meeting=meeting)
    assert stored.keep_apart == [sorted(one), sorted(two)]
    assert stored.fixed_tables == {key(regs["Els"]): 2, key(regs["Truus"]): 3}


def test_a_rule_is_removed_by_its_people_not_its_place(world):
    meeting, regs = make_meeting(world)
    division = configure(world, meeting)
    one = [key(regs["Annie"]), key(regs["Henk"])]
    two = [key(regs["Karim"]), key(regs["Piet"])]
    services.division_apart_add(actor=world.member, division=division, keys=one)
    services.division_apart_add(actor=world.member, division=division, keys=two)
    stale = services.division_for(meeting=meeting)
    services.division_apart_remove(actor=world.member, division=division, keys=one)
    # A page shown before that removal asks to remove the second rule (its place was 1).
    services.division_apart_remove(actor=world.member, division=stale, keys=reversed(two))
    assert services.division_for(meeting=meeting).keep_apart == []
    with pytest.raises(services.DivisionError, match="no longer exists"):
        services.division_apart_remove(actor=world.member, division=stale, keys=two)


def test_rules_list_people_without_building_the_solver_problem(world, monkeypatch):
    """Naming people needs no n×n distance matrix: the rules must not build the problem."""
    from meedoen.grouping.services import division as division_module

    meeting, regs = make_meeting(world)
    division = configure(world, meeting)

    def no_build(**kwargs):
        raise AssertionError("the solver problem was built")

    monkeypatch.setattr(selectors, "division_build", no_build)
    monkeypatch.setattr(division_module, "division_build", no_build)
    rules = selectors.division_rules(actor=world.member, division=division)
    assert (key(regs["Annie"]), "Annie") in rules.people
    services.division_apart_add(
        actor=world.member, division=division, keys=[key(regs["Annie"]), key(regs["Henk"])]
    )
    services.division_fixed_set(
        actor=world.member, division=division, key=key(regs["Els"]), table=1
    )
