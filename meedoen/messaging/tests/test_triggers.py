"""Acceptance: messages of a registration over a real SMTP server (aiosmtpd in the process),
with time moved by time_machine. Registration → one confirmation with text, HTML, the .ics,
the manage link and the check-in QR; the reminder once at its moment, not to cancelled people;
a moved meeting → one "moved" message and the reminder moves along."""

from __future__ import annotations

import email
import io
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.policy import default as default_policy
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
import zxingcpp
from django.conf import settings
from PIL import Image

from meedoen.meetings import services as meeting_services
from meedoen.messaging.models import Message, MessageKind
from meedoen.registrations import services as registration_services
from meedoen.registrations.models import Registration
from meedoen.teams.periodic import periodic_tick

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
T0 = datetime(2027, 3, 1, 9, 0, tzinfo=AMS)
START = datetime(2027, 3, 25, 14, 0, tzinfo=AMS)  # reminder: Thursday 18 March, 10:00


def _meeting(world, *, capacity=40):
    actor = world.coordinator
    venue = meeting_services.venue_create(
        actor=actor,
        name="Buurthuis De Brug",
        address="Brugstraat 12",
        postcode="1234 AB",
        city="Rivierstad",
        parking="Achter het buurthuis.",
        step_free=True,
        now=T0,
    )
    meeting = meeting_services.meeting_create(
        actor=actor,
        title="Samen de buurt groener",
        purpose="Ideeën voor meer groen.",
        starts_at=START,
        ends_at=START + timedelta(hours=2),
        capacity=capacity,
        venue=venue,
        now=T0,
    )
    registration_services.registration_settings_update(
        actor=actor, meeting=meeting, published=True, now=T0
    )
    return meeting


def _register(meeting, name, email_address, **fields):
    return registration_services.registration_admit(
        meeting=meeting,
        channel="online",
        name=name,
        email=email_address,
        privacy_consent=True,
        **fields,
    )


def _received(sink) -> list[EmailMessage]:
    return [email.message_from_bytes(m.data, policy=default_policy) for m in sink.messages]


def _kinds(kind):
    return Message.objects.filter(kind=kind)


def test_a_registration_gets_one_complete_confirmation(
    world, smtp_server, client, django_capture_on_commit_callbacks
):
    with time_machine.travel(T0, tick=False):
        meeting = _meeting(world)
        with django_capture_on_commit_callbacks(execute=True):
            admission = _register(meeting, "Zoë Öztürk", "zoe@example.org")
        periodic_tick()  # nothing more is due: still one message

    mails = _received(smtp_server)
    assert len(mails) == 1
    mail = mails[0]
    assert smtp_server.messages[0].recipients == ["zoe@example.org"]
    assert "Samen de buurt groener" in mail["Subject"]

    types = [part.get_content_type() for part in mail.walk()]
    assert "text/plain" in types and "text/html" in types
    text = mail.get_body(preferencelist=("plain",)).get_content()
    html = mail.get_body(preferencelist=("html",)).get_content()
    assert "Zoë Öztürk" in text and "Brugstraat 12" in text

    calendars = [p for p in mail.walk() if p.get_content_type() == "text/calendar"]
    assert len(calendars) == 1
    ics = calendars[0].get_content()
    assert "BEGIN:VEVENT" in ics and "Samen de buurt groener" in ics

    manage_path = f"/b/{meeting.code}/aanmelding/{admission.manage_token}/"
    assert settings.MEEDOEN_BASE_URL + manage_path in text
    assert settings.MEEDOEN_BASE_URL + manage_path in html
    assert client.get(urlsplit(settings.MEEDOEN_BASE_URL + manage_path).path).status_code == 200

    images = [p for p in mail.walk() if p.get_content_type() == "image/png"]
    assert len(images) == 1
    assert f"cid:{images[0]['Content-ID'].strip('<>')}" in html
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(images[0].get_content())))
    assert [b.text for b in decoded] == [admission.registration.checkin_code]


def test_the_reminder_goes_out_once_at_its_moment_and_not_to_cancelled_people(
    world, smtp_server, django_capture_on_commit_callbacks
):
    with time_machine.travel(T0, tick=False):
        meeting = _meeting(world)
        with django_capture_on_commit_callbacks(execute=True):
            stays = _register(meeting, "Annie de Jong", "annie@example.org").registration
            leaves = _register(meeting, "Bram Dekker", "bram@example.org").registration
            registration_services.registration_cancel(registration=leaves)
    smtp_server.messages.clear()
    reminder_at = datetime(2027, 3, 18, 10, 0, tzinfo=AMS)

    with time_machine.travel(reminder_at - timedelta(minutes=1), tick=False):
        periodic_tick()
    assert smtp_server.messages == []

    for moment in (
        reminder_at,
        reminder_at + timedelta(minutes=1),
        reminder_at + timedelta(days=1),
    ):
        with time_machine.travel(moment, tick=False):
            periodic_tick()

    mails = _received(smtp_server)
    assert [m["To"].addresses[0].addr_spec for m in mails] == ["annie@example.org"]
    assert "Annie de Jong" in mails[0].get_body(preferencelist=("plain",)).get_content()
    reminder = _kinds(MessageKind.REMINDER).get(status=Message.Status.SENT)
    assert reminder.subject_key == f"registration:{stays.pk}"
    assert _kinds(MessageKind.REMINDER).filter(status=Message.Status.CANCELLED).count() == 1
    item = meeting.checklist.get(key="reminders_sent")
    assert item.status == "done"


def test_a_moved_meeting_sends_one_moved_message_and_moves_the_reminder(
    world, smtp_server, django_capture_on_commit_callbacks
):
    with time_machine.travel(T0, tick=False):
        meeting = _meeting(world)
        with django_capture_on_commit_callbacks(execute=True):
            _register(meeting, "Annie de Jong", "annie@example.org")
    smtp_server.messages.clear()
    new_start = START + timedelta(days=7)

    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            meeting_services.meeting_update(
                actor=world.coordinator,
                meeting=meeting,
                starts_at=new_start,
                ends_at=new_start + timedelta(hours=2),
            )
        # Saving again without a change of time is no second move.
        with django_capture_on_commit_callbacks(execute=True):
            meeting_services.meeting_update(
                actor=world.coordinator, meeting=meeting, title="Samen de buurt nog groener"
            )
        periodic_tick()

    mails = _received(smtp_server)
    assert len(mails) == 1
    text = mails[0].get_body(preferencelist=("plain",)).get_content()
    assert "1 april 2027" in text
    assert any(p.get_content_type() == "text/calendar" for p in mails[0].walk())
    reminder = _kinds(MessageKind.REMINDER).get()
    assert reminder.due_at == datetime(2027, 3, 25, 10, 0, tzinfo=AMS)

    # The old reminder moment passes in silence; the new one sends.
    with time_machine.travel(datetime(2027, 3, 18, 10, 5, tzinfo=AMS), tick=False):
        periodic_tick()
    assert len(smtp_server.messages) == 1
    with time_machine.travel(datetime(2027, 3, 25, 10, 0, tzinfo=AMS), tick=False):
        periodic_tick()
    assert len(smtp_server.messages) == 2
    assert _kinds(MessageKind.MOVED).count() == 1


def test_a_cancelled_meeting_tells_everyone_once_and_stops_reminders(
    world, smtp_server, django_capture_on_commit_callbacks
):
    with time_machine.travel(T0, tick=False):
        meeting = _meeting(world, capacity=1)
        with django_capture_on_commit_callbacks(execute=True):
            _register(meeting, "Annie de Jong", "annie@example.org")
            _register(meeting, "Cor van Dijk", "cor@example.org")  # on the waiting list
            registration_services.registration_admit(
                meeting=meeting,
                channel="phone",
                actor=world.member,
                name="Piet Smit",
                phone="06 12345678",
                overbook_reason="Belde op, komt met de buurvrouw",
            )
    smtp_server.messages.clear()
    with time_machine.travel(T0 + timedelta(days=2), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            meeting_services.meeting_cancel(
                actor=world.coordinator, meeting=meeting, reason="De zaal is niet beschikbaar."
            )
        periodic_tick()
    assert sorted(m.recipients[0] for m in smtp_server.messages) == [
        "annie@example.org",
        "cor@example.org",
    ]
    call = Message.objects.get(channel=Message.Channel.CALL, kind=MessageKind.CANCELLED)
    assert call.recipient_phone == "06 12345678"
    assert not Message.objects.filter(
        kind=MessageKind.REMINDER, status=Message.Status.SCHEDULED
    ).exists()


def test_thanks_after_the_meeting_for_those_who_came_and_who_did_not(world, smtp_server):
    with time_machine.travel(T0, tick=False):
        meeting = _meeting(world)
        came = _register(meeting, "Annie de Jong", "annie@example.org").registration
        _register(meeting, "Bram Dekker", "bram@example.org")
    with time_machine.travel(START + timedelta(minutes=5), tick=False):
        registration_services.check_in_record(actor=world.member, registration=came)
    thanks_at = datetime(2027, 3, 26, 10, 0, tzinfo=AMS)
    with time_machine.travel(thanks_at - timedelta(minutes=1), tick=False):
        periodic_tick()
    assert not _kinds(MessageKind.THANKS_ATTENDED).exists()
    smtp_server.messages.clear()
    for moment in (thanks_at, thanks_at + timedelta(minutes=1)):
        with time_machine.travel(moment, tick=False):
            periodic_tick()
            periodic_tick()
    assert sorted(m.recipients[0] for m in smtp_server.messages) == [
        "annie@example.org",
        "bram@example.org",
    ]
    assert _kinds(MessageKind.THANKS_ATTENDED).get().recipient_email == "annie@example.org"
    assert _kinds(MessageKind.THANKS_ABSENT).get().recipient_email == "bram@example.org"
    assert meeting.checklist.get(key="thanks_sent").status == "done"
    assert Registration.objects.count() == 2
