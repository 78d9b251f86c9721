"""The table division as a person uses it, on the demo meeting (which comes with two rounds):
choose what must mix, read the check-first message for an impossible set-up, solve in the
background with a progress bar, read the explanations, move a person with the keyboard and
by dragging and see the score change; axe on every state of the page."""

import re
import threading

import numpy as np
import pytest
from django.db import connection
from django_tasks_db.management.commands.db_worker import Worker
from playwright.sync_api import expect

from e2e.conftest import DEMO_PASSWORD, assert_accessible, login
from meedoen.grouping import services as grouping_services
from meedoen.grouping.models import GroupDivision, SolveRun, TableAssignment
from meedoen.meetings.models import Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BASE = "/t/wijkteam-noord"


@pytest.fixture
def meeting(demo, settings):
    # Solving goes through the database queue, as with `make run`; the test plays the worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return Meeting.objects.get(title="Prettig oud worden in Noord")


def _run_one_task() -> threading.Thread:
    """A worker in a thread that runs one queued task and stops."""

    def work() -> None:
        try:
            Worker(
                queue_names=["*"],
                interval=0.2,
                batch=False,
                backend_name="default",
                startup_delay=False,
                max_tasks=1,
                worker_id="e2e-worker",
                excluded_queue_names=[],
            ).run()
        finally:
            connection.close()

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread


def _last_seat_and_next_table(division):
    """The last person shown at a table (one person, no wheelchair) and the table below,
    so that both are on screen while dragging."""
    built = grouping_services.division_build(division=division, round_=1)
    rows = list(TableAssignment.objects.filter(division=division, round=1))
    for table in range(1, built.m):
        row = [r for r in rows if r.table == table][-1]
        seats = built.seats.get(row.key, [])
        if len(seats) == 1 and seats[0] not in built.problem.needs_accessible:
            return row, table + 1
    raise AssertionError("no table ends with a single person")


def _a_move_that_changes_the_score(division):
    """A party of one person (no wheelchair) and a table where moving them changes the
    score, computed from the stored division."""
    built = grouping_services.division_build(division=division, round_=1)
    current = grouping_services.current_assignment(division, built, 1)
    d = built.problem.distance
    for row in TableAssignment.objects.filter(
        division=division, round=1, registration__isnull=False
    ):
        seats = built.seats[row.key]
        if len(seats) != 1 or seats[0] in built.problem.needs_accessible:
            continue
        i = seats[0]
        here = float(d[i][current == current[i]].sum()) - d[i][i]
        for table in range(1, built.m + 1):
            there = float(d[i][current == table - 1].sum())
            if table != row.table and not np.isclose(here, there):
                return row, table
    raise AssertionError("no move changes the score")


def test_divide_explain_and_move_by_keyboard_and_drag(page, live_server, meeting):
    login(page, "member@example.org", DEMO_PASSWORD)
    page.context.add_cookies([{"name": "meedoen_language", "value": "en", "url": live_server.url}])
    page.goto(f"{BASE}/bijeenkomsten/{meeting.pk}/indeling/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Table division")
    # The demo comes with two rounds.
    expect(page.get_by_role("heading", name="Round 2", exact=True)).to_be_visible()
    assert_accessible(page)

    # Choose what must mix; no accessible table although the demo has wheelchair users.
    page.get_by_role("group", name="Mix by: I come as").get_by_label("mix most").check()
    page.get_by_role("group", name="Mix by: street or neighbourhood").get_by_label(
        "mix", exact=True
    ).check()
    page.get_by_role("group", name="Mix by: how they heard").get_by_label("do not mix").check()
    page.get_by_label("Balance the average of").select_option(label="age group (from young to old)")
    page.get_by_label("Wheelchair-accessible tables").fill("")
    page.get_by_label("Time to search, in seconds").fill("1")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("The settings of the division were saved.")).to_be_visible()
    problems = page.locator("#check-problems")
    expect(problems).to_contain_text("need a wheelchair-accessible table")
    expect(page.get_by_role("button", name=re.compile("Solve round"))).to_have_count(0)
    assert_accessible(page)

    page.get_by_label("Wheelchair-accessible tables").fill("1, 2")
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator("#check-ok")).to_contain_text("Everything fits")

    # Solve: the search waits for the worker, shows its progress, and the page shows the
    # new tables when it is done.
    page.get_by_role("button", name="Solve round 1 again around the locks").first.click()
    expect(page.get_by_text("Searching for the best division of round 1.")).to_be_visible()
    expect(page.get_by_test_id("run-state")).to_contain_text("waiting for the worker to start")
    expect(page.get_by_label("Progress of the search")).to_be_visible()
    assert_accessible(page)
    worker = _run_one_task()
    expect(page.get_by_test_id("run-state")).to_have_text(
        "The search for round 1 is done.", timeout=30_000
    )
    worker.join(timeout=30)
    # The page reloaded itself with the new tables (the flash message of the request is gone).
    expect(page.get_by_text("Searching for the best division of round 1.")).to_have_count(0)
    run = SolveRun.objects.get(division__meeting=meeting, status=SolveRun.Status.DONE)
    assert run.progress == 1.0

    # The explanations: the mix per table, a reason per person, the quality of the whole.
    expect(page.get_by_role("table").first).to_contain_text("Why this table")
    expect(page.get_by_text("Needs a wheelchair-accessible table").first).to_be_visible()
    expect(page.locator("caption").first).to_contain_text("streets")
    quality = page.get_by_test_id("quality-1")
    expect(quality).to_contain_text("a random division scores")
    before = quality.inner_text()
    assert_accessible(page)

    # Move a person with the keyboard: the score is recomputed at once.
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

    # Drag the last person of a table onto the next table: the same move, by mouse.
    dragged, target = _last_seat_and_next_table(division)
    source = page.locator(f'tr[data-assignment="{dragged.pk}"] td').first
    source.scroll_into_view_if_needed()
    box = source.bounding_box()
    drop = page.locator(f'[data-round="1"][data-drop-table="{target}"] caption').bounding_box()
    page.mouse.move(box["x"] + 5, box["y"] + 5)
    page.mouse.down()
    page.mouse.move(box["x"] + 15, box["y"] + 15, steps=5)
    page.mouse.move(drop["x"] + 10, drop["y"] + 5, steps=10)
    page.mouse.up()
    # The drop sends the row's own move form; the page comes back with the new table.
    expect(page.locator(f"#move-{dragged.pk}")).to_have_value(str(target))
    expect(page.get_by_text(f"Moved to table {target}.")).to_be_visible()
    dragged.refresh_from_db()
    assert dragged.table == target

    # A search can be cancelled while it waits: nothing changes.
    page.get_by_role("button", name="Solve round 2 again around the locks").click()
    page.get_by_role("button", name="Cancel the search").click()
    expect(
        page.get_by_text("The search was cancelled before it started. Nothing changed.")
    ).to_be_visible()
    expect(page.get_by_test_id("run-state")).to_contain_text("was cancelled before it started")
    assert_accessible(page)
    assert page.console_errors == []
