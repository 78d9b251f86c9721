"""The division pages: happy paths, invalid input, and people who may not change anything."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for as _client_for
from meedoen.grouping import services
from meedoen.grouping.models import GroupDivision, SolveRun, TableAssignment
from meedoen.grouping.tests.test_services_division import configure, make_meeting

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def client_for(membership):
    client = _client_for(membership)
    client.cookies["meedoen_language"] = "en"
    return client


def url(meeting, name="division"):
    return reverse(
        f"grouping:{name}", kwargs={"team_slug": meeting.team.slug, "meeting_id": meeting.pk}
    )


SETTINGS = {
    "mix_comes_as": "2",
    "mix_street": "1",
    "mix_age_band": "0",
    "mix_heard_via": "0",
    "mix_languages": "0",
    "table_count": "3",
    "table_size": "6",
    "accessible_tables": "1",
    "minority_languages": "",
    "time_budget": "1",
}


def test_page_shows_check_first_and_the_meeting_section(world):
    meeting, _regs = make_meeting(world)
    client = client_for(world.member)
    page = client.get(url(meeting))
    assert page.status_code == 200
    assert "Check first" in page.text
    # No accessible table yet, but two wheelchair users: said before solving.
    assert "wheelchair-accessible table" in page.text
    detail = client.get(
        reverse(
            "meetings:meeting_detail",
            kwargs={"team_slug": meeting.team.slug, "meeting_id": meeting.pk},
        )
    )
    assert url(meeting) in detail.text


def test_settings_solve_move_lock(world, django_capture_on_commit_callbacks):
    meeting, regs = make_meeting(world)
    client = client_for(world.member)
    saved = client.post(url(meeting, "settings"), SETTINGS)
    assert saved.status_code == 302
    page = client.get(url(meeting))
    assert "Everything fits" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        queued = client.post(url(meeting, "solve"), {"round": "1"}, follow=True)
    assert "Searching for the best division of round 1." in queued.text
    solved = client.get(url(meeting))
    assert "The search for round 1 is done." in solved.text
    assert "Why this table" in solved.text
    assert "Quality:" in solved.text
    row = TableAssignment.objects.get(division__meeting=meeting, registration=regs["Annie"])
    target = 3 if row.table != 3 else 2
    moved = client.post(url(meeting, "move"), {"assignment": row.pk, "table": target}, follow=True)
    assert f"Moved to table {target}." in moved.text
    row.refresh_from_db()
    assert row.table == target
    client.post(url(meeting, "lock"), {"assignment": row.pk, "locked": "on"})
    row.refresh_from_db()
    assert row.locked
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url(meeting, "solve"), {"round": "1"}, follow=True)
    assert again.status_code == 200
    row = TableAssignment.objects.get(division__meeting=meeting, registration=regs["Annie"])
    assert row.table == target


def test_invalid_settings_show_errors(world):
    meeting, _regs = make_meeting(world)
    response = client_for(world.member).post(
        url(meeting, "settings"), {**SETTINGS, "accessible_tables": "one", "table_size": "0"}
    )
    assert response.status_code == 400
    assert "Give table numbers separated by commas" in response.text


def test_invalid_move_is_refused_with_a_message(world):
    meeting, regs = make_meeting(world)
    division = configure(world, meeting)
    services.division_solve(actor=world.member, division=division, max_iterations=100)
    joke = TableAssignment.objects.get(division=division, registration=regs["Joke"])
    client = client_for(world.member)
    response = client.post(url(meeting, "move"), {"assignment": joke.pk, "table": 2}, follow=True)
    assert "cannot take this person" in response.text
    joke.refresh_from_db()
    assert joke.table == 1
    bad = client.post(url(meeting, "move"), {"assignment": joke.pk}, follow=True)
    assert "Something is missing" in bad.text


def test_walk_in_is_placed_from_the_page(world):
    from meedoen.registrations import services as reg_services

    meeting, _regs = make_meeting(world)
    division = configure(world, meeting)
    services.division_solve(actor=world.member, division=division, max_iterations=100)
    walk_in = reg_services.walk_in_add(actor=world.member, meeting=meeting, first_name="Ria")
    client = client_for(world.member)
    assert "Find a table for Ria" in client.get(url(meeting)).text
    response = client.post(
        url(meeting, "walk_in_place"), {"walk_in": walk_in.pk, "round": "1"}, follow=True
    )
    assert "Ria sits at table" in response.text


@pytest.mark.parametrize(
    "name",
    [
        "settings",
        "solve",
        "move",
        "lock",
        "walk_in_place",
        "run_cancel",
        "apart_add",
        "apart_remove",
        "fixed_set",
        "fixed_remove",
    ],
)
def test_viewer_may_look_but_not_change(world, name):
    meeting, _regs = make_meeting(world)
    client = client_for(world.viewer)
    assert client.get(url(meeting)).status_code == 200
    assert client.post(url(meeting, name), {"round": "1"}).status_code == 403


def test_other_team_gets_404(world, other_world):
    meeting, regs = make_meeting(world)
    division = configure(world, meeting)
    services.division_solve(actor=world.member, division=division, max_iterations=50)
    row = TableAssignment.objects.filter(division=division).first()
    client = client_for(other_world.member)
    assert client.get(url(meeting)).status_code == 404
    other_url = reverse("grouping:move", kwargs={"team_slug": "zuid", "meeting_id": meeting.pk})
    assert client.post(other_url, {"assignment": row.pk, "table": 1}).status_code == 404


def test_another_teams_assignment_is_404_on_own_meeting(world, other_world):
    theirs, _regs = make_meeting(other_world)
    division = configure(other_world, theirs)
    services.division_solve(actor=other_world.member, division=division, max_iterations=50)
    row = TableAssignment.objects.filter(division=division).first()
    mine, _mine = make_meeting(world)
    client = client_for(world.member)
    for name in ("move", "lock"):
        response = client.post(url(mine, name), {"assignment": row.pk, "table": 1})
        assert response.status_code == 404
    row.refresh_from_db()
    assert not row.locked


def test_progress_is_polled_and_the_page_reloads_when_done(
    world, django_capture_on_commit_callbacks
):
    meeting, _regs = make_meeting(world)
    division = configure(world, meeting)
    client = client_for(world.member)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(url(meeting, "solve"), {"round": "1"})
    page = client.get(url(meeting))
    assert "waiting for the worker to start" in page.text
    assert 'hx-trigger="every 1s"' in page.text
    assert "<progress" in page.text
    assert "Cancel the search" in page.text
    assert "Make the division" not in page.text  # one search at a time
    partial = client.get(url(meeting, "run") + "?active=1", headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert "<html" not in partial.text
    assert "data-run-finished" not in partial.text
    # Without JavaScript the progress address shows the page itself.
    assert client.get(url(meeting, "run")).status_code == 302
    SolveRun.objects.filter(division=division).update(
        queued_at=timezone.now() - timedelta(minutes=1)
    )
    assert "Still waiting for the worker" in client.get(url(meeting)).text
    for callback in callbacks:
        callback()
    done = client.get(url(meeting, "run") + "?active=1", headers={"HX-Request": "true"})
    assert "data-run-finished" in done.text  # division.js shows the new tables
    assert "The search for round 1 is done." in done.text
    assert "Show the new tables" in done.text
    assert 'hx-trigger="every 1s"' not in done.text


def test_cancel_from_the_page(world, django_capture_on_commit_callbacks):
    meeting, _regs = make_meeting(world)
    division = configure(world, meeting)
    client = client_for(world.member)
    with django_capture_on_commit_callbacks(execute=False):
        client.post(url(meeting, "solve"), {"round": "1"})
    run = SolveRun.objects.get(division=division)
    response = client.post(url(meeting, "run_cancel"), {"run": run.pk}, follow=True)
    assert "cancelled before it started. Nothing changed." in response.text
    run.refresh_from_db()
    assert run.status == SolveRun.Status.CANCELLED
    again = client.post(url(meeting, "run_cancel"), {"run": run.pk}, follow=True)
    assert "The search has already ended." in again.text
    assert "Something is missing" in client.post(url(meeting, "run_cancel"), follow=True).text


def test_another_teams_run_is_404(world, other_world, django_capture_on_commit_callbacks):
    theirs, _regs = make_meeting(other_world)
    division = configure(other_world, theirs)
    with django_capture_on_commit_callbacks(execute=False):
        services.solve_run_request(actor=other_world.member, division=division)
    run = SolveRun.objects.get(division=division)
    mine, _mine = make_meeting(world)
    response = client_for(world.member).post(url(mine, "run_cancel"), {"run": run.pk})
    assert response.status_code == 404
    run.refresh_from_db()
    assert run.status == SolveRun.Status.QUEUED


def test_rules_from_the_page(world):
    meeting, regs = make_meeting(world)
    configure(world, meeting)
    client = client_for(world.member)
    annie, henk = f"r{regs['Annie'].pk}", f"r{regs['Henk'].pk}"
    page = client.get(url(meeting))
    assert "Nobody is kept apart." in page.text
    assert "Keep these people at different tables" in page.text
    added = client.post(url(meeting, "apart_add"), {"apart-people": [annie, henk]}, follow=True)
    assert "These people will sit at different tables." in added.text
    assert GroupDivision.objects.get(meeting=meeting).keep_apart == [sorted([annie, henk])]
    fixed = client.post(
        url(meeting, "fixed_set"), {"fixed-person": annie, "fixed-table": "2"}, follow=True
    )
    assert "This person will always sit at table 2." in fixed.text
    assert "Annie always sits at table 2" in fixed.text
    client.post(url(meeting, "apart_remove"), {"people": f"{annie},{henk}"})
    client.post(url(meeting, "fixed_remove"), {"person": annie})
    division = GroupDivision.objects.get(meeting=meeting)
    assert division.keep_apart == [] and division.fixed_tables == {}


def test_invalid_rules_show_errors_and_keep_the_choice(world):
    meeting, regs = make_meeting(world)
    configure(world, meeting)
    client = client_for(world.member)
    annie = f"r{regs['Annie'].pk}"
    one = client.post(url(meeting, "apart_add"), {"apart-people": [annie]})
    assert one.status_code == 400
    assert "Choose at least two people to keep apart." in one.text
    assert f'<option value="{annie}" selected>' in one.text
    stranger = client.post(url(meeting, "apart_add"), {"apart-people": [annie, "r999999"]})
    assert stranger.status_code == 400
    no_table = client.post(url(meeting, "fixed_set"), {"fixed-person": annie, "fixed-table": "x"})
    assert no_table.status_code == 400
    assert "There is a problem with what you entered" in no_table.text
    missing = client.post(url(meeting, "apart_remove"), {"people": f"{annie},r0"}, follow=True)
    assert "This rule no longer exists." in missing.text
    unknown = client.post(url(meeting, "fixed_remove"), {"person": "r0"}, follow=True)
    assert "This rule no longer exists." in unknown.text
    assert GroupDivision.objects.get(meeting=meeting).keep_apart == []


def test_settings_with_own_questions_balance_and_places_per_table(world):
    from meedoen.grouping.tests.test_services_rules import make_club_meeting

    meeting = make_club_meeting(world)
    client = client_for(world.member)
    page = client.get(url(meeting))
    assert "Mix by: Which club?" in page.text
    assert "Years in the neighbourhood" in page.text
    data = {
        **SETTINGS,
        "mix_q5": "2",
        "balance": "q:Years in the neighbourhood",
        "table_sizes": "2, 2, 2",
        "accessible_tables": "",
    }
    assert client.post(url(meeting, "settings"), data).status_code == 302
    division = GroupDivision.objects.get(meeting=meeting)
    assert division.mix == {"comes_as": 2.0, "street": 1.0, "q:Which club?": 2.0}
    assert division.balance == "q:Years in the neighbourhood"
    assert division.table_sizes == [2, 2, 2]
    wrong = client.post(url(meeting, "settings"), {**data, "table_sizes": "2, none"})
    assert wrong.status_code == 400
    assert "Give the places per table as numbers" in wrong.text
    not_a_number = client.post(url(meeting, "settings"), {**data, "balance": "street"})
    assert not_a_number.status_code == 400


def test_the_stop_button_stays_while_stopping(world):
    """A worker that stopped never ends the run: the button must stay to mark it failed."""
    meeting, _regs = make_meeting(world)
    division = configure(world, meeting)
    long_ago = timezone.now() - timedelta(minutes=10)
    run = SolveRun.objects.create(
        division=division,
        budget=1,
        status=SolveRun.Status.RUNNING,
        started_at=long_ago,
        queued_at=long_ago,
        cancel_requested=True,
    )
    client = client_for(world.member)
    page = client.get(url(meeting))
    assert "Stopping…" in page.text
    assert "Stop and keep the best so far" in page.text
    response = client.post(url(meeting, "run_cancel"), {"run": run.pk}, follow=True)
    assert "The worker stopped while searching." in response.text
    run.refresh_from_db()
    assert run.status == SolveRun.Status.FAILED


def test_moving_and_locking_are_offered_only_when_no_search_runs(world):
    meeting, _ = make_meeting(world)
    division = configure(world, meeting)
    services.division_solve(actor=world.member, division=division, max_iterations=50)
    client = client_for(world.member)
    assert 'id="move-form-' in client.get(url(meeting)).text
    run = SolveRun.objects.create(
        division=division, status=SolveRun.Status.RUNNING, started_at=timezone.now()
    )
    busy = client.get(url(meeting)).text
    assert 'id="move-form-' not in busy and 'draggable="true"' not in busy
    SolveRun.objects.filter(pk=run.pk).update(status=SolveRun.Status.DONE)
    assert 'id="move-form-' in client.get(url(meeting)).text
