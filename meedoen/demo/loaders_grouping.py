"""Demo data of the grouping room: the upcoming meeting gets a two-round table division, made
through the grouping services like a team member would (a fixed number of search steps, so
`meedoen demo` stays fast and gives the same tables every time)."""

from __future__ import annotations

from datetime import datetime

from meedoen.grouping import services as grouping_services
from meedoen.meetings.models import Meeting
from meedoen.teams.models import Membership

# Enough steps for a good mix of ~65 people at 10 tables, well within a second.
DEMO_ITERATIONS = 300


def demo_grouping_load(*, actor: Membership, meeting: Meeting, now: datetime | None = None) -> None:
    """Mix by "I come as", street, age group and how people heard; tables of about seven,
    the first two wheelchair accessible; two rounds with as few repeat encounters as possible."""
    division = grouping_services.division_for(meeting=meeting)
    grouping_services.division_settings_save(
        actor=actor,
        division=division,
        mix={"comes_as": 3, "street": 2, "age_band": 1, "heard_via": 1},
        table_size=7,
        accessible_tables=[1, 2],
        time_budget=2,
        now=now,
    )
    for round_ in (1, 2):
        grouping_services.division_solve(
            actor=actor,
            division=division,
            round_=round_,
            max_iterations=DEMO_ITERATIONS,
            now=now,
        )
