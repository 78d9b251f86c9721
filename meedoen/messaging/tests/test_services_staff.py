"""What staff do with messages in the messaging room itself: resend, record a call, a
what-to-bring note, own texts, settings and contacts (the meeting-scoped work is tested with
registrations, in test_services_messages.py)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from meedoen.messaging import selectors
from meedoen.messaging.composing import practical_note, team_text
from meedoen.messaging.models import Message, MessageKind, MessageTemplate, PracticalNote
from meedoen.messaging.services import (
    MessageNotResendable,
    call_outcome_record,
    contact_create,
    contact_delete,
    message_resend,
    message_template_reset,
    message_template_save,
    messaging_settings_save,
    practical_note_set,
    unsubscribe_record,
)
from meedoen.messaging.tests.factories import MessageFactory
from meedoen.messaging.tests.scenario import AMS, START, T0, evening_meeting
from meedoen.messaging.tokens import email_hash
from meedoen.registrations import services as registration_services
from meedoen.teams.errors import DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(world):
    return evening_meeting(world)


# ---------------------------------------------------------------------------------------------
# Resend


def test_a_failed_message_is_sent_again_as_the_same_row(world, django_capture_on_commit_callbacks):
    failed = MessageFactory(
        team=world.team, status=Message.Status.FAILED, attempts=10, last_error="550 unknown user"
    )
    with django_capture_on_commit_callbacks() as callbacks:
        message_resend(actor=world.member, message=failed, now=T0)
    failed.refresh_from_db()
    assert (failed.status, failed.due_at, failed.attempts) == ("scheduled", T0, 0)
    assert Message.objects.count() == 1
    assert len(callbacks) == 1


@pytest.mark.parametrize("status", ["scheduled", "sent", "cancelled"])
def test_only_failed_messages_are_sent_again(world, status):
    message = MessageFactory(team=world.team, status=status)
    with pytest.raises(MessageNotResendable):
        message_resend(actor=world.member, message=message)


def test_resend_is_for_editors_of_the_messages_own_team(world, other_world):
    message = MessageFactory(team=other_world.team, status=Message.Status.FAILED)
    with pytest.raises(PermissionDenied):
        message_resend(actor=world.coordinator, message=message)
    own = MessageFactory(team=world.team, status=Message.Status.FAILED)
    with pytest.raises(PermissionDenied):
        message_resend(actor=world.viewer, message=own)


# ---------------------------------------------------------------------------------------------
# The call list


def _phone_registration(world, meeting):
    admission = registration_services.registration_admit(
        meeting=meeting,
        channel="phone",
        actor=world.member,
        name="Piet Smit",
        phone="06 12345678",
        now=T0,
    )
    call = Message.objects.get(subject_key=f"registration:{admission.registration.pk}")
    return admission.registration, call


def test_the_call_list_shows_calls_from_a_week_before_they_are_due(world, meeting):
    _registration, call = _phone_registration(world, meeting)
    assert call.due_at == datetime(2027, 3, 18, 10, 0, tzinfo=AMS)
    week_before = call.due_at - timedelta(days=7)
    assert not selectors.calls_to_make(
        actor=world.member,
        meeting_id=meeting.pk,
        meeting_ends_at=meeting.ends_at,
        now=week_before - timedelta(minutes=1),
    ).exists()
    assert list(
        selectors.calls_later(
            actor=world.member,
            meeting_id=meeting.pk,
            meeting_ends_at=meeting.ends_at,
            now=week_before - timedelta(minutes=1),
        )
    ) == [call]
    assert list(
        selectors.calls_to_make(
            actor=world.member,
            meeting_id=meeting.pk,
            meeting_ends_at=meeting.ends_at,
            now=week_before,
        )
    ) == [call]
    counts = selectors.message_counts(
        actor=world.member, meeting_id=meeting.pk, meeting_ends_at=meeting.ends_at, now=call.due_at
    )
    assert (counts.calls_open, counts.scheduled) == (1, 0)
    over = selectors.message_counts(
        actor=world.member,
        meeting_id=meeting.pk,
        meeting_ends_at=meeting.ends_at,
        now=meeting.ends_at,
    )
    assert over.calls_open == 0  # once the meeting is over, nobody needs a reminder call


def _call(world, **fields):
    return MessageFactory(
        team=world.team,
        channel=Message.Channel.CALL,
        recipient_email="",
        recipient_phone="06 12345678",
        subject_key="registration:1",
        **fields,
    )


def test_recording_no_answer_keeps_the_call_open_and_called_closes_it(world):
    call = _call(world)
    call_outcome_record(actor=world.member, message=call, outcome="no_answer", now=T0)
    call.refresh_from_db()
    assert (call.status, call.call_outcome, call.call_noted_at) == ("scheduled", "no_answer", T0)
    call_outcome_record(actor=world.member, message=call, outcome="cancelled", now=T0)
    call.refresh_from_db()
    assert (call.status, call.call_outcome, call.sent_at, call.call_noted_by) == (
        "sent",
        "cancelled",
        T0,
        world.member.user,
    )
    with pytest.raises(DomainError):
        call_outcome_record(actor=world.member, message=call, outcome="called", now=T0)


def test_recording_a_call_needs_a_known_outcome_a_call_and_the_own_team(world, other_world):
    call = _call(world)
    with pytest.raises(ValidationError):
        call_outcome_record(actor=world.member, message=call, outcome="maybe")
    with pytest.raises(PermissionDenied):
        call_outcome_record(actor=other_world.coordinator, message=call, outcome="called")
    with pytest.raises(PermissionDenied):
        call_outcome_record(actor=world.viewer, message=call, outcome="called")
    email = MessageFactory(team=world.team)
    with pytest.raises(DomainError):
        call_outcome_record(actor=world.member, message=email, outcome="called")
    call.refresh_from_db()
    assert (call.status, call.call_outcome) == ("scheduled", "")


# ---------------------------------------------------------------------------------------------
# Texts, settings, contacts, what to bring


def test_an_own_text_replaces_the_built_in_one_until_reset(world):
    built_in = team_text(team=world.team, kind=MessageKind.REMINDER, language="nl")
    message_template_save(
        actor=world.member,
        kind=MessageKind.REMINDER,
        language="nl",
        subject="Tot {date}!",
        body="Hoi {name},\r\n\r\nTot snel.",
    )
    assert team_text(team=world.team, kind=MessageKind.REMINDER, language="nl") == (
        "Tot {date}!",
        "Hoi {name},\n\nTot snel.",
    )
    assert team_text(team=world.team, kind=MessageKind.REMINDER, language="en") != (
        "Tot {date}!",
        "Hoi {name},\n\nTot snel.",
    )
    assert message_template_reset(actor=world.member, kind=MessageKind.REMINDER, language="nl")
    assert team_text(team=world.team, kind=MessageKind.REMINDER, language="nl") == built_in
    assert not message_template_reset(actor=world.member, kind=MessageKind.REMINDER, language="nl")


def test_an_own_text_may_only_use_placeholders_its_kind_can_fill(world):
    with pytest.raises(ValidationError) as error:
        message_template_save(
            actor=world.member,
            kind=MessageKind.INVITATION,
            language="nl",
            subject="Welkom {naam}",
            body="Wijzig via {manage_link}",
        )
    assert set(error.value.message_dict) == {"subject", "body"}
    assert not MessageTemplate.objects.exists()
    with pytest.raises(PermissionDenied):
        message_template_save(
            actor=world.viewer, kind="reminder", language="nl", subject="x", body="y"
        )
    with pytest.raises(ValidationError):
        message_template_save(
            actor=world.member, kind="reminder", language="de", subject="x", body="y"
        )


def test_settings_are_for_coordinators_and_checked(world):
    with pytest.raises(PermissionDenied):
        messaging_settings_save(actor=world.member, sender_name="Wijkteam")
    with pytest.raises(ValidationError):
        messaging_settings_save(actor=world.coordinator, reminder_days_before=90)
    saved = messaging_settings_save(
        actor=world.coordinator,
        sender_name=" Buurtteam Noord ",
        reply_to="noord@example.org",
        thanks_days_after=2,
        thanks_time=time(9, 0),
    )
    assert saved.sender_name == "Buurtteam Noord"
    assert selectors.thanks_due_at(team=world.team, ends_at=START) == datetime(
        2027, 3, 27, 9, 0, tzinfo=AMS
    )


def test_contacts_are_added_once_and_removed(world, other_world):
    contact = contact_create(
        actor=world.member, name=" Els  de Boer ", email="Els@Example.org", consent="Markt, 3 juni"
    )
    assert (contact.name, contact.email) == ("Els de Boer", "els@example.org")
    with pytest.raises(ValidationError):
        contact_create(actor=world.member, name="Els", email="els@example.org", consent="x")
    with pytest.raises(ValidationError):
        contact_create(actor=world.member, name="Zonder", email="z@example.org", consent="")
    with pytest.raises(PermissionDenied):
        contact_delete(actor=other_world.coordinator, contact=contact)
    contact_delete(actor=world.member, contact=contact)
    assert not selectors.contacts_for_actor(actor=world.member).exists()


def test_a_what_to_bring_note_is_kept_per_subject_and_team(world, other_world):
    practical_note_set(actor=world.member, subject_key="meeting:7", bring="  Uw leesbril  ")
    practical_note_set(actor=world.member, subject_key="meeting:7", bring="Een pen")
    assert PracticalNote.objects.get().bring == "Een pen"
    assert practical_note(team=world.team, meeting_id=7) == "Een pen"
    assert practical_note(team=other_world.team, meeting_id=7) == ""
    assert practical_note(team=world.team, meeting_id=None) == ""
    with pytest.raises(PermissionDenied):
        practical_note_set(actor=world.viewer, subject_key="meeting:7", bring="x")


def test_counts_and_unsubscribed_addresses_for_the_callers(world, other_world):
    MessageFactory(team=world.team, subject_key="meeting:3", kind=MessageKind.INVITATION)
    MessageFactory(
        team=world.team, subject_key="meeting:3", kind=MessageKind.INVITATION, status="cancelled"
    )
    MessageFactory(team=world.team, subject_key="meeting:3", kind=MessageKind.SAVE_THE_DATE)
    MessageFactory(team=other_world.team, subject_key="meeting:3", kind=MessageKind.INVITATION)
    assert (
        selectors.messages_count(
            team=world.team, subject_key="meeting:3", kind=MessageKind.INVITATION
        )
        == 2
    )
    unsubscribe_record(team=world.team, email_hash_value=email_hash("gone@example.org"), via="link")
    assert selectors.emails_unsubscribed(
        team=world.team, emails=["gone@example.org", "here@example.org"]
    ) == {"gone@example.org"}
    assert (
        selectors.emails_unsubscribed(team=other_world.team, emails=["gone@example.org"]) == set()
    )
