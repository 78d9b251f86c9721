"""A meeting's messages pages and its call list: happy paths, invalid input, and other teams
(404)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from meedoen.meetings.tests.factories import MeetingFactory, VenueFactory
from meedoen.messaging.models import Message, MessageKind, PracticalNote
from meedoen.messaging.tests.factories import ContactFactory, MessageFactory
from meedoen.registrations import services as registration_services
from meedoen.registrations.models import Registration

pytestmark = pytest.mark.django_db


def _client(membership):
    """A team member's browser, in English (the source language) to match texts."""
    client = client_for(membership)
    client.cookies["meedoen_language"] = "en"
    return client


def _url(world, name, **kwargs):
    return reverse(f"registration_messages:{name}", kwargs={"team_slug": world.team.slug, **kwargs})


@pytest.fixture
def meeting(world):
    return MeetingFactory(
        team=world.team,
        title="Buurtavond",
        venue=VenueFactory(team=world.team, name="De Brug"),
        starts_at=timezone.now() + timedelta(days=5),
    )


def test_the_meeting_page_shows_the_messages_section(world, meeting):
    MessageFactory(team=world.team, context={"meeting_id": meeting.pk}, status="failed")
    page = _client(world.viewer).get(
        reverse(
            "meetings:meeting_detail",
            kwargs={"team_slug": world.team.slug, "meeting_id": meeting.pk},
        )
    )
    assert page.status_code == 200
    assert _url(world, "message_list", meeting_id=meeting.pk) in page.content.decode()


def test_the_message_list_counts_and_lists(world, meeting, django_assert_max_num_queries, english):
    for status in ("scheduled", "sent", "failed", "failed"):
        MessageFactory(
            team=world.team,
            context={"meeting_id": meeting.pk},
            status=status,
            last_error="550 mailbox unknown" if status == "failed" else "",
        )
    MessageFactory(team=world.team, context={"meeting_id": meeting.pk + 1000})  # another meeting
    client = _client(world.member)
    with django_assert_max_num_queries(20):
        page = client.get(_url(world, "message_list", meeting_id=meeting.pk))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("550 mailbox unknown") == 2
    assert html.count("Send again") == 2
    failed = client.get(_url(world, "message_list", meeting_id=meeting.pk), {"status": "failed"})
    assert failed.content.decode().count('<tr class="utrecht-table__row">') == 1 + 2


def test_send_a_test_to_myself(world, meeting):
    client = _client(world.member)
    response = client.post(_url(world, "message_test", meeting_id=meeting.pk), {"kind": "reminder"})
    assert response.status_code == 302
    assert Message.objects.get().recipient_email == world.member.user.email
    client.post(_url(world, "message_test", meeting_id=meeting.pk), {"kind": "nonsense"})
    assert Message.objects.count() == 1


def test_send_an_invitation_after_seeing_the_count(world, meeting, english):
    ContactFactory(team=world.team)
    ContactFactory(team=world.team)
    client = _client(world.member)
    url = _url(world, "message_send", meeting_id=meeting.pk)
    assert client.get(url).status_code == 200
    counted = client.post(url, {"kind": "invitation", "contacts": "on", "preview": "1"})
    assert counted.status_code == 200
    assert "goes to 2 people" in counted.content.decode()
    assert not Message.objects.exists()
    sent = client.post(url, {"kind": "invitation", "contacts": "on", "confirm": "1"})
    assert sent.status_code == 302
    assert Message.objects.filter(kind=MessageKind.INVITATION).count() == 2


def test_sending_without_an_audience_is_an_error(world, meeting, english):
    response = _client(world.member).post(
        _url(world, "message_send", meeting_id=meeting.pk), {"kind": "invitation", "confirm": "1"}
    )
    assert response.status_code == 400
    assert "Choose at least one group" in response.content.decode()
    empty = _client(world.member).post(
        _url(world, "message_send", meeting_id=meeting.pk),
        {"kind": "invitation", "contacts": "on", "confirm": "1"},
    )
    assert empty.status_code == 400
    assert not Message.objects.exists()


def test_the_call_list_and_noting_a_call(world, meeting, english):
    admission = registration_services.registration_admit(
        meeting=meeting,
        channel="phone",
        actor=world.member,
        name="Piet Smit",
        phone="06 1234 5678",
        now=meeting.starts_at - timedelta(days=20),
    )
    client = _client(world.member)
    page = client.get(_url(world, "call_list", meeting_id=meeting.pk))
    html = page.content.decode()
    assert 'href="tel:0612345678"' in html and "Piet Smit" in html
    call = Message.objects.get(channel="call")
    response = client.post(_url(world, "call_note", message_id=call.pk), {"outcome": "cancelled"})
    assert response.status_code == 302
    admission.registration.refresh_from_db()
    assert admission.registration.status == Registration.Status.CANCELLED
    after = client.get(_url(world, "call_list", meeting_id=meeting.pk)).content.decode()
    assert "Nobody to call this week." in after


def test_another_teams_meeting_and_calls_are_404(world, other_world):
    theirs = MeetingFactory(team=other_world.team)
    call = MessageFactory(
        team=other_world.team,
        channel="call",
        recipient_email="",
        recipient_phone="06 1",
        context={"meeting_id": theirs.pk},
    )
    client = _client(world.coordinator)
    for name in ("message_list", "call_list", "message_send"):
        assert client.get(_url(world, name, meeting_id=theirs.pk)).status_code == 404
    for name in ("message_test", "practical_note"):
        assert client.post(_url(world, name, meeting_id=theirs.pk)).status_code == 404
    response = client.post(_url(world, "call_note", message_id=call.pk), {"outcome": "called"})
    assert response.status_code == 404
    call.refresh_from_db()
    assert call.call_outcome == ""


def test_what_to_bring_is_saved_and_shown(world, meeting):
    client = _client(world.member)
    response = client.post(
        _url(world, "practical_note", meeting_id=meeting.pk), {"bring": "Een pen"}
    )
    assert response.status_code == 302
    assert response["Location"] == _url(world, "message_list", meeting_id=meeting.pk)
    assert "Een pen" in client.get(response["Location"]).content.decode()
    too_long = client.post(
        _url(world, "practical_note", meeting_id=meeting.pk), {"bring": "x" * 501}
    )
    assert too_long.status_code == 302
    assert PracticalNote.objects.get().bring == "Een pen"


def test_the_list_resends_back_to_itself(world, meeting):
    MessageFactory(team=world.team, context={"meeting_id": meeting.pk}, status="failed")
    html = (
        _client(world.member)
        .get(_url(world, "message_list", meeting_id=meeting.pk), {"status": "failed"})
        .content.decode()
    )
    here = f"/t/{world.team.slug}/bijeenkomsten/{meeting.pk}/berichten/?status=failed"
    assert f'name="next" value="{here}"' in html
