"""The demo's upcoming meeting comes with a two-round table division, made through the
services: every hard rule holds, and the second round avoids the first round's encounters."""

import pytest

from meedoen.demo.loaders import demo_load
from meedoen.grouping import selectors, services
from meedoen.grouping.models import GroupDivision
from meedoen.grouping.solver import objective
from meedoen.grouping.solver.problem import build_units
from meedoen.meetings.models import ChecklistStatus, Meeting
from meedoen.teams.models import Membership

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_the_demo_meeting_has_two_mixed_rounds(settings):
    settings.MEEDOEN_DEMO_PASSWORD = "meedoen-demo"  # noqa: S105
    demo_load()
    meeting = Meeting.objects.get(title="Prettig oud worden in Noord")
    division = GroupDivision.objects.get(meeting=meeting)
    assert services.rounds_of(division) == [1, 2]
    assert services.division_check(division=division) == []
    for round_ in (1, 2):
        built = services.division_build(division=division, round_=round_)
        assignment = services.current_assignment(division, built, round_)
        assert objective.violations(built.problem, assignment) == []
        assert built.problem.needs_accessible  # the demo has wheelchair users
    second = services.division_build(division=division, round_=2)
    units = build_units(second.problem)
    repeats = objective.repeat_pairs(
        second.problem, units, services.current_assignment(division, second, 2)
    )
    same_table_pairs = sum(
        len(t.seats) * (len(t.seats) - 1) // 2
        for t in selectors.division_rounds(
            actor=Membership.objects.filter(team=meeting.team).first(), division=division
        )[1].tables
    )
    # A random second round repeats about one pair in m; the solved one far fewer.
    assert len(repeats) < same_table_pairs / second.m / 4
    item = meeting.checklist.get(key="groups_made")
    assert item.status == ChecklistStatus.DONE
