"""What a message says: placeholders, escaping, the practical block, the team's own words."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from meedoen.meetings.tests.factories import MeetingFactory, VenueFactory
from meedoen.messaging.composing import (
    SubjectGone,
    message_render,
    placeholders_fill,
    placeholders_unknown,
)
from meedoen.messaging.models import MessageKind
from meedoen.messaging.services import message_template_save
from meedoen.messaging.tests.factories import MessageFactory
from meedoen.messaging.texts import default_text
from meedoen.registrations.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
START = datetime(2027, 4, 1, 14, 0, tzinfo=AMS)


@pytest.fixture
def registration(world):
    venue = VenueFactory(
        team=world.team,
        name="De Brug",
        address="Brugstraat 12",
        postcode="1234 AB",
        city="Rivierstad",
        step_free=True,
        lift=False,
        parking="Achter het buurthuis",
    )
    meeting = MeetingFactory(
        team=world.team,
        title="Buurtavond",
        venue=venue,
        starts_at=START,
        ends_at=START + timedelta(hours=2),
    )
    return RegistrationFactory(
        meeting=meeting, name="Zoë <b>Öztürk</b>", email="zoe@example.org", manage_nonce="n0nce"
    )


def _message(registration, kind, language="nl"):
    return MessageFactory(
        team=registration.meeting.team,
        kind=kind,
        language=language,
        recipient_name=registration.name,
        recipient_email=registration.email,
        subject_key=f"registration:{registration.pk}",
        context={"meeting_id": registration.meeting_id},
    )


def test_placeholders_a_kind_cannot_fill_are_found():
    assert placeholders_unknown("{name} {meeting} {naam}", kind="reminder") == ["naam"]
    assert placeholders_unknown("{manage_link}", kind="invitation") == ["manage_link"]
    assert placeholders_unknown("{update}", kind="reminder") == ["update"]
    assert placeholders_unknown("{update}", kind="follow_up_update") == []
    assert placeholders_fill("{name} {other} {}", {"name": "Annie"}) == "Annie {other} {}"


def test_the_team_text_is_filled_escaped_and_never_run_as_a_template(world, registration):
    message_template_save(
        actor=world.member,
        kind=MessageKind.REMINDER,
        language="nl",
        subject="Tot {date}, {name}",
        body="Beste {name},\n\n{{ 7|add:1 }} {% now 'Y' %} <script>x</script>\nZie {manage_link}",
    )
    rendered = message_render(_message(registration, MessageKind.REMINDER))
    assert rendered.subject == "Tot donderdag 1 april 2027, Zoë <b>Öztürk</b>"
    assert "{{ 7|add:1 }} {% now 'Y' %} <script>x</script>" in rendered.text
    assert "<script>" not in rendered.html and "&lt;script&gt;" in rendered.html
    assert "Zoë &lt;b&gt;Öztürk&lt;/b&gt;" in rendered.html
    assert '<a href="http://' in rendered.html  # the manage link is clickable


def test_the_practical_information_follows_the_kind(registration):
    reminder = message_render(_message(registration, MessageKind.REMINDER))
    assert "Brugstraat 12, 1234 AB Rivierstad" in reminder.text
    assert "Achter het buurthuis" in reminder.text
    assert registration.checkin_code in reminder.text
    assert list(reminder.inline_images) == ["checkin-qr"]
    assert [a.mimetype for a in reminder.attachments] == ["text/calendar"]

    waiting = message_render(_message(registration, MessageKind.WAITING_LIST))
    assert "Brugstraat 12" not in waiting.text
    assert waiting.inline_images == {} and waiting.attachments == []


def test_english_messages_are_english(registration):
    rendered = message_render(_message(registration, MessageKind.CONFIRMATION, language="en"))
    assert "Thursday 1 April 2027" in rendered.text
    assert "Practical information" in rendered.text


def test_a_deleted_registration_is_gone(registration):
    message = _message(registration, MessageKind.REMINDER)
    registration.delete()
    with pytest.raises(SubjectGone):
        message_render(message)


def test_the_html_part_is_wrapped_in_the_teams_frame(world, registration):
    rendered = message_render(_message(registration, MessageKind.CONFIRMATION))
    assert rendered.html.lstrip().startswith("<!doctype html>")
    assert world.team.name in rendered.text


@pytest.mark.parametrize("kind", MessageKind.values)
@pytest.mark.parametrize("form", ["u", "je"])
def test_every_built_in_text_uses_only_placeholders_its_kind_can_fill(kind, form):
    subject, body = default_text(kind, form_of_address=form)
    assert subject and body
    assert placeholders_unknown(subject + body, kind=kind) == []
