from datetime import timedelta
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from meedoen.meetings import services
from meedoen.meetings.models import Meeting, Venue

pytestmark = pytest.mark.django_db


def url(name, team, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"team_slug": team.slug, **kwargs})


def in_days(days):
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def meeting(world):
    starts = timezone.now().replace(microsecond=0) + timedelta(days=40)
    return services.meeting_create(
        actor=world.member,
        title="Buurtavond",
        purpose="Wat mist er?",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )


def form_data(**changes):
    data = {
        "title": "Prettig oud worden",
        "purpose": "Horen wat ouderen missen.",
        "date": in_days(30).isoformat(),
        "start": "14:00",
        "end": "16:30",
        "capacity": "40",
        "social_moment": "coffee",
        "grouping": "together",
        "languages": "Nederlands\nTurks",
    }
    data.update(changes)
    return data


def test_list_and_create(world):
    client = client_for(world.member)
    assert client.get(url("meeting_list", world.team)).status_code == 200
    assert client.get(url("meeting_create", world.team)).status_code == 200
    response = client.post(url("meeting_create", world.team), form_data())
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert timezone.localtime(meeting.starts_at).hour == 14
    assert meeting.languages == ["Nederlands", "Turks"]
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end": "13:00"}, "na het begin"),
        ({"date": in_days(-3).isoformat()}, "in de toekomst"),
        ({"capacity": "0"}, ""),
        ({"capacity": "1000000"}, ""),
        ({"capacity": "veel"}, ""),
        ({"title": ""}, ""),
        ({"date": "31-02-2027"}, ""),
        ({"registration_closes_at": f"{in_days(31).isoformat()}T10:00"}, "voor de bijeenkomst"),
        (
            {
                "registration_opens_at": f"{in_days(20).isoformat()}T10:00",
                "registration_closes_at": f"{in_days(10).isoformat()}T10:00",
            },
            "voordat het sluit",
        ),
    ],
)
def test_create_bad_input(world, changes, message):
    response = client_for(world.member).post(
        url("meeting_create", world.team), form_data(**changes)
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "md-error-summary" in page
    assert message in page
    assert not Meeting.objects.exists()


def test_empty_post_shows_errors(world):
    response = client_for(world.member).post(url("meeting_create", world.team), {})
    assert response.status_code == 400


def test_detail_shows_phases_tips_and_blockers(world, meeting):
    page = client_for(world.viewer).get(url("meeting_detail", world.team, meeting_id=meeting.pk))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Voorbereiden" in html and "Na afloop" in html
    assert "md-tips" in html
    assert "nog geen locatie gekozen" in html


def test_move_keeps_checklist_offsets(world, meeting):
    client = client_for(world.member)
    edit = url("meeting_update", world.team, meeting_id=meeting.pk)
    assert client.get(edit).status_code == 200
    new_day = in_days(50)
    assert (
        client.post(
            edit, form_data(date=new_day.isoformat(), start="19:00", end="21:00")
        ).status_code
        == 302
    )
    meeting.refresh_from_db()
    assert meeting.date == new_day
    assert meeting.checklist.get(key="reminders_sent").due_date == new_day - timedelta(days=7)


def test_checklist_update_with_htmx_and_without(world, meeting):
    item = meeting.checklist.get(key="venue_visited")
    client = client_for(world.member)
    target = url("checklist_item_update", world.team, checklist_item_id=item.pk)
    response = client.post(
        target, {"status": "done", "owner": "", "note": "Oké"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "<html" not in response.content.decode()
    item.refresh_from_db()
    assert item.status == "done"
    response = client.post(target, {"status": "maybe"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "done"
    assert client.get(target).status_code == 405


def test_custom_task(world, meeting):
    client = client_for(world.member)
    page = url("checklist_item_create", world.team, meeting_id=meeting.pk)
    assert client.post(page, {"phase": "prepare", "title": "", "due_days": "-3"}).status_code == 400
    assert (
        client.post(page, {"phase": "prepare", "title": "Tolk", "due_days": "9999"}).status_code
        == 400
    )
    assert (
        client.post(page, {"phase": "prepare", "title": "Tolk", "due_days": "-3"}).status_code
        == 302
    )
    assert meeting.checklist.filter(title="Tolk").exists()


def test_roles_page(world, meeting):
    client = client_for(world.member)
    page = url("meeting_roles", world.team, meeting_id=meeting.pk)
    assert client.get(page).status_code == 200
    data = {
        "chair_user": str(world.coordinator.user.pk),
        "co_facilitator_name": "Aïcha",
        "team_present_at": "17:30",
    }
    assert client.post(page, data).status_code == 302
    assert meeting.roles.get(role="chair").user == world.coordinator.user
    assert meeting.roles.get(role="co_facilitator").name == "Aïcha"
    assert client.post(page, {"chair_user": "999999"}).status_code == 400


def test_programme_pages_and_run_sheet(world, meeting):
    client = client_for(world.member)
    page = url("programme", world.team, meeting_id=meeting.pk)
    assert client.get(page).status_code == 200
    assert (
        client.post(page, {"title": "", "kind": "welcome", "duration_minutes": "10"}).status_code
        == 400
    )
    assert (
        client.post(
            page, {"title": "Lang", "kind": "welcome", "duration_minutes": "100000"}
        ).status_code
        == 400
    )
    assert (
        client.post(
            page, {"title": "Welkom", "kind": "welcome", "duration_minutes": "10"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            page, {"title": "Wereldcafé", "kind": "work_form", "duration_minutes": "200"}
        ).status_code
        == 302
    )
    html = client.get(page).content.decode()
    assert "te lang" in html
    item = meeting.programme.last()
    assert (
        client.get(url("programme_item_update", world.team, programme_item_id=item.pk)).status_code
        == 200
    )
    action = url("programme_item_action", world.team, programme_item_id=item.pk)
    assert client.post(action, {"action": "up"}).status_code == 302
    assert meeting.programme.first() == item

    sheet = url("run_sheet", world.team, meeting_id=meeting.pk)
    run = url("run_sheet_action", world.team, meeting_id=meeting.pk)
    assert client.get(sheet).status_code == 200
    assert client.post(run, {"action": "next"}).status_code == 302  # not started: a message
    assert client.post(run, {"action": "start"}).status_code == 302
    html = client.get(sheet).content.decode()
    assert "Wereldcafé" in html and "data-run-seconds" in html
    partial = client.get(sheet, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and 'id="sheet"' in partial


def test_scenarios_outreach_materials(world, meeting):
    client = client_for(world.member)
    create = url("scenario_create", world.team, meeting_id=meeting.pk)
    assert client.post(create, {"risk": "", "response": ""}).status_code == 400
    assert client.post(create, {"risk": "Regen", "response": "Tent"}).status_code == 302
    scenario = meeting.scenarios.get(risk="Regen")
    edit = url("scenario_update", world.team, meeting_id=meeting.pk, scenario_id=scenario.pk)
    assert client.get(edit).status_code == 200
    assert (
        client.post(url("scenario_delete", world.team, scenario_id=scenario.pk)).status_code == 302
    )

    outreach = url("outreach_create", world.team, meeting_id=meeting.pk)
    assert (
        client.post(
            outreach, {"kind": "alien", "description": "x", "status": "planned"}
        ).status_code
        == 400
    )
    data = {
        "kind": "posters",
        "description": "Supermarkt en huisarts",
        "status": "planned",
        "planned_on": in_days(10).isoformat(),
    }
    assert client.post(outreach, data).status_code == 302
    material = meeting.materials.first()
    target = url("material_update", world.team, meeting_id=meeting.pk, material_id=material.pk)
    assert client.post(target, {"name": material.label, "status": "ready"}).status_code == 302
    material.refresh_from_db()
    assert material.status == "ready"


def test_venue_pages(world):
    client = client_for(world.member)
    assert client.get(url("venue_list", world.team)).status_code == 200
    create = url("venue_create", world.team)
    assert client.get(create).status_code == 200
    assert client.post(create, {"name": "", "address": ""}).status_code == 400
    data = {
        "name": "Buurthuis De Brug",
        "address": "Brugstraat 1",
        "step_free": "true",
        "hearing_loop": "false",
        "visited_on": in_days(-2).isoformat(),
        "visited_by": str(world.member.user.pk),
    }
    assert client.post(create, data).status_code == 302
    venue = Venue.objects.get()
    assert (venue.step_free, venue.hearing_loop, venue.lift) == (True, False, None)


@pytest.mark.parametrize(
    ("next_url", "lands_on_next"),
    [
        ("/t/noord/bijeenkomsten/", True),
        ("/t/zuid/bijeenkomsten/", False),  # another team's page
        ("/t/noord/../zuid/bijeenkomsten/", False),
        ("/t/noord/%2e%2e/zuid/", False),
        ("https://evil.example/t/noord/", False),
        ("//evil.example/t/noord/", False),
    ],
)
def test_a_saved_venue_goes_back_only_to_an_own_team_page(
    world, other_world, next_url, lands_on_next
):
    client = client_for(world.member)
    data = {"name": "Buurthuis De Brug", "address": "Brugstraat 1"}
    response = client.post(url("venue_create", world.team) + "?next=" + quote(next_url), data)
    assert response.status_code == 302
    expected = next_url if lands_on_next else url("venue_list", world.team)
    assert response["Location"] == expected


def test_cancel_and_ready(world, meeting):
    client = client_for(world.member)
    ready = url("meeting_ready", world.team, meeting_id=meeting.pk)
    response = client.post(ready, follow=True)
    assert "Nog niet klaar" in response.content.decode()
    cancel = url("meeting_cancel", world.team, meeting_id=meeting.pk)
    assert client.post(cancel, {"reason": ""}).status_code == 400
    assert client.post(cancel, {"reason": "Te weinig aanmeldingen"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.is_cancelled
    response = client.post(url("meeting_update", world.team, meeting_id=meeting.pk), form_data())
    assert response.status_code == 400


def test_template_and_tips_and_calendar_pages(world):
    client = client_for(world.member)
    assert client.get(url("checklist_template", world.team)).status_code == 200
    new = url("checklist_template_item_create", world.team)
    assert (
        client.post(
            new, {"phase": "prepare", "title": "Tolk", "due_days": "-5", "active": "on"}
        ).status_code
        == 302
    )
    tip = url("team_tip_create", world.team)
    assert client.post(tip, {"phase": "prepare", "topic": "venue", "text": ""}).status_code == 400
    assert (
        client.post(
            tip, {"phase": "prepare", "topic": "venue", "text": "Sleutel bij de buren"}
        ).status_code
        == 302
    )
    dismiss = url("tip_dismiss", world.team)
    own_page = url("meeting_list", world.team)
    assert client.post(dismiss, {"tip": "x", "next": own_page})["Location"] == own_page
    # A "next" outside the team's pages is not followed (no open redirect).
    for elsewhere in ("https://evil.example/", "//evil.example/", "/t/zuid/bijeenkomsten/"):
        assert client.post(dismiss, {"tip": "x", "next": elsewhere})["Location"] == own_page
    calendar = url("calendar_settings", world.team)
    assert client.get(calendar).status_code == 200
    assert client.post(calendar).status_code == 302
    assert "/agenda/" in client.get(calendar).content.decode()


def test_dashboard_and_plan_show_meetings(world, meeting):
    html = (
        client_for(world.member)
        .get(reverse("teams:dashboard", kwargs={"team_slug": world.team.slug}))
        .content.decode()
    )
    assert "Buurtavond" in html
