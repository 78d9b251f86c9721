"""The division pages: happy paths, invalid input, and people who may not change anything."""

import pytest
from django.urls import reverse

from conftest import client_for as _client_for
from meedoen.grouping import services
from meedoen.grouping.models import TableAssignment
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


def test_settings_solve_move_lock(world):
    meeting, regs = make_meeting(world)
    client = client_for(world.member)
    saved = client.post(url(meeting, "settings"), SETTINGS)
    assert saved.status_code == 302
    page = client.get(url(meeting))
    assert "Everything fits" in page.text
    solved = client.post(url(meeting, "solve"), {"round": "1"}, follow=True)
    assert "Round 1 is divided." in solved.text
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


@pytest.mark.parametrize("name", ["settings", "solve", "move", "lock", "walk_in_place"])
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
