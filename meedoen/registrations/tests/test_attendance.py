"""Attendance and no-show figures of a meeting that took place: counted from the door's
append-only log (an undone check-in does not count), per channel and per "I come as"; shown on
the export page and in the dashboard panel."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for as _client_for
from meedoen.meetings import services as meeting_services
from meedoen.registrations import selectors, services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

# (name, channel, comes as, companions, came)
PEOPLE = [
    ("Annie", "online", "resident", [], True),
    ("Mohamed", "online", "resident", ["Samira"], True),
    ("Joke", "online", "professional", [], False),
    ("Henk", "phone", "resident", [], False),
    ("Siham", "phone", "", [], True),
    ("Wim", "paper", "resident", [], False),  # checked in by mistake, then undone
    ("Truus", "paper", "informal_carer", [], True),
    ("Karim", "online", "resident", [], True),
]


def client_for(membership):
    client = _client_for(membership)
    client.cookies["meedoen_language"] = "en"
    return client


@pytest.fixture
def past(world):
    """A meeting that ended yesterday, registered for beforehand and checked in at the door."""
    start = timezone.now() - timedelta(days=2)
    meeting = meeting_services.meeting_create(
        actor=world.member,
        title="Kennismaken",
        purpose="x",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        capacity=20,
        now=start - timedelta(days=30),
    )
    services.registration_settings_update(actor=world.member, meeting=meeting, published=True)
    before, during = start - timedelta(days=3), start + timedelta(minutes=10)
    for name, channel, comes_as, companions, came in PEOPLE:
        staff = channel in ("phone", "paper")
        registration = services.registration_admit(
            meeting=meeting,
            channel=channel,
            actor=world.member if staff else None,
            name=name,
            comes_as=comes_as,
            companions=companions,
            privacy_consent=not staff,
            now=before,
        ).registration
        if came:
            services.check_in_record(actor=world.member, registration=registration, now=during)
        if name == "Wim":
            services.check_in_record(actor=world.member, registration=registration, now=during)
            services.check_in_record(
                actor=world.member, registration=registration, undo=True, now=during
            )
    # Cancelled beforehand: neither expected nor a no-show.
    cancelled = services.registration_admit(
        meeting=meeting, channel="online", name="Els", privacy_consent=True, now=before
    ).registration
    services.registration_cancel(registration=cancelled, now=before)
    # A double scan at two doors: still one person present.
    annie = meeting.registrations.get(name="Annie")
    services.check_in_record(actor=world.coordinator, registration=annie, now=during)
    for first_name in ("Ineke", "Abdel"):
        services.walk_in_add(actor=world.member, meeting=meeting, first_name=first_name, now=during)
    return meeting


def test_attendance_counts_places_walk_ins_and_no_shows(past):
    figures = selectors.attendance(meeting=past)
    assert figures.expected_places == 9  # 8 people, one brings Samira
    assert figures.present_places == 6  # Annie, Mohamed + Samira, Siham, Truus, Karim
    assert figures.walk_ins == 2
    assert figures.total_present == 8
    assert figures.still_to_come == 3
    assert figures.confirmed == 8
    assert figures.no_shows == 3  # Joke, Henk, Wim (his check-in was undone)
    assert figures.no_show_rate == pytest.approx(3 / 8)
    names = set(
        past.registrations.filter(pk__in=figures.present_registrations).values_list(
            "name", flat=True
        )
    )
    assert names == {"Annie", "Mohamed", "Siham", "Truus", "Karim"}


def test_no_shows_per_channel_and_comes_as(past):
    figures = selectors.attendance(meeting=past)
    assert figures.no_show_by_channel == {"online": (1, 4), "phone": (1, 2), "paper": (1, 2)}
    assert figures.no_show_by_comes_as == {
        "resident": (2, 5),
        "professional": (1, 1),
        "informal_carer": (0, 1),
        "?": (0, 1),
    }


def test_checking_in_again_after_an_undo_counts(world, past):
    wim = past.registrations.get(name="Wim")
    services.check_in_record(actor=world.member, registration=wim)
    figures = selectors.attendance(meeting=past)
    assert figures.no_shows == 2
    assert figures.no_show_by_channel["paper"] == (0, 2)


def export_page(world, meeting, membership=None):
    url = reverse(
        "exports:meeting_export", kwargs={"team_slug": world.team.slug, "meeting_id": meeting.pk}
    )
    response = client_for(membership or world.viewer).get(url)
    assert response.status_code == 200
    return response.content.decode()


def _table(html: str, table_id: str) -> list[list[str]]:
    block = html.split(f'id="{table_id}"')[1].split("</table>")[0]
    body = block.split("<tbody")[1]
    return [
        re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", row)
        for row in body.split("</tr>")
        if "<t" in row
    ]


def test_export_page_after_the_meeting_shows_the_no_show_rate(world, past):
    html = export_page(world, past)
    assert "Still to come" not in html  # the meeting is over
    assert "No-show rate: 38% (3 of 8 confirmed registrations did not come)" in html
    assert _table(html, "per-channel") == [
        # channel, confirmed, did not come, rate — largest group first
        ["Online", "4", "1", "25%"],
        ["By phone", "2", "1", "50%"],
        ["On paper", "2", "1", "50%"],
    ]
    assert _table(html, "per-comes-as") == [
        ["Resident", "5", "2", "40%"],
        ["Informal carer", "1", "0", "0%"],
        ["Not filled in", "1", "0", "0%"],
        ["Professional", "1", "1", "100%"],
    ]


def test_export_page_of_a_meeting_nobody_confirmed_for(world):
    start = timezone.now() - timedelta(days=2)
    empty = meeting_services.meeting_create(
        actor=world.member,
        title="Leeg",
        purpose="x",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        now=start - timedelta(days=5),
    )
    html = export_page(world, empty)
    assert "Nobody was confirmed for this meeting." in html
    assert "No-show rate:" not in html


def test_dashboard_panel_shows_recent_attendance(world, past):
    page = client_for(world.viewer).get(
        reverse("teams:dashboard", kwargs={"team_slug": world.team.slug})
    )
    html = page.content.decode()
    assert "Attendance of recent meetings" in html
    url = reverse(
        "exports:meeting_export", kwargs={"team_slug": world.team.slug, "meeting_id": past.pk}
    )
    panel = html.split("Attendance of recent meetings")[1].split("</section>")[0]
    assert url in panel
    assert "8 present, including 2 walk-ins" in panel
    assert "no-show rate 38%" in panel
