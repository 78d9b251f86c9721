"""The table division as a person uses it: choose what must mix, read the check-first message
for an impossible set-up, solve, read the explanations, move a person with the keyboard and
see the score change; axe on every state of the page."""

import re

import numpy as np
import pytest
from playwright.sync_api import expect

from e2e.conftest import DEMO_PASSWORD, assert_accessible, login
from meedoen.grouping import services as grouping_services
from meedoen.grouping.models import GroupDivision, TableAssignment
from meedoen.meetings.models import Meeting
from meedoen.registrations import services
from meedoen.teams.models import Membership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BASE = "/t/wijkteam-noord"


@pytest.fixture
def meeting(demo):
    meeting = Meeting.objects.get(title="Prettig oud worden in Noord")
    actor = Membership.objects.get(user__email="member@example.org", team=meeting.team)
    for name, comes_as, street, needs in [
        ("Kees Post", "resident", "Dorpsstraat", ["wheelchair"]),
        ("Riet Smits", "professional", "Kerkweg", []),
        ("Ahmed Bakr", "resident", "Molenlaan", []),
        ("Fenna Wolf", "professional", "Dorpsstraat", []),
        ("Bram Kok", "resident", "Kerkweg", []),
    ]:
        services.registration_admit(
            meeting=meeting,
            channel="phone",
            actor=actor,
            name=name,
            comes_as=comes_as,
            street=street,
            needs=needs,
        )
    return meeting


def _a_move_that_changes_the_score(division):
    """A party (not a wheelchair user, not in a bigger party) and a table where it changes
    the score, computed from the stored division."""
    built = grouping_services.division_build(division=division, round_=1)
    current = grouping_services.current_assignment(division, built, 1)
    d = built.problem.distance
    for row in TableAssignment.objects.filter(division=division, round=1):
        seats = built.seats[row.key]
        if len(seats) != 1 or seats[0] in built.problem.needs_accessible:
            continue
        i = seats[0]
        here = float(d[i][current == current[i]].sum())
        for table in range(1, built.m + 1):
            there = float(d[i][current == table - 1].sum())
            if table != row.table and not np.isclose(here, there):
                return row, table
    raise AssertionError("every move keeps the score")


def test_divide_explain_and_move_by_keyboard(page, live_server, meeting):
    login(page, "member@example.org", DEMO_PASSWORD)
    page.context.add_cookies([{"name": "meedoen_language", "value": "en", "url": live_server.url}])
    page.goto(f"{BASE}/bijeenkomsten/{meeting.pk}/indeling/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Table division")
    assert_accessible(page)

    # Choose what must mix; no accessible table although Kees uses a wheelchair.
    page.get_by_role("group", name="Mix by: I come as").get_by_label("mix more").check()
    page.get_by_role("group", name="Mix by: street or neighbourhood").get_by_label(
        "mix", exact=True
    ).check()
    page.get_by_label("Number of tables").fill("0")
    page.get_by_label("People per table (without the facilitator)").fill("4")
    page.get_by_label("Time to search, in seconds").fill("1")
    page.get_by_role("button", name="Save settings").click()
    problems = page.locator("#check-problems")
    expect(problems).to_contain_text("need a wheelchair-accessible table")
    expect(page.get_by_role("button", name="Make the division")).to_have_count(0)
    assert_accessible(page)

    page.get_by_label("Wheelchair-accessible tables").fill("1, 2")
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator("#check-ok")).to_contain_text("Everything fits")
    page.get_by_role("button", name="Make the division").click()
    expect(page.get_by_text("Round 1 is divided.")).to_be_visible()
    expect(page.get_by_role("table").first).to_contain_text("Why this table")
    expect(page.get_by_text("Needs a wheelchair-accessible table").first).to_be_visible()
    quality = page.get_by_test_id("quality-1")
    expect(quality).to_contain_text("a random division scores")
    before = quality.inner_text()
    assert_accessible(page)

    division = GroupDivision.objects.get(meeting=meeting)
    row, table = _a_move_that_changes_the_score(division)
    select = page.locator(f"#move-{row.pk}")
    select.focus()
    steps = table - row.table
    for _ in range(abs(steps)):
        page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
    expect(select).to_have_value(str(table))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text(f"Moved to table {table}.")).to_be_visible()
    after = page.get_by_test_id("quality-1").inner_text()
    assert after != before
    assert re.search(r"Mix score [\d.]+", after)
    row.refresh_from_db()
    assert row.table == table
    assert_accessible(page)
