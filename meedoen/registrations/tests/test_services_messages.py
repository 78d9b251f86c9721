"""What staff do with a meeting's messages: a test to themselves, sending to an audience,
noting calls (a cancelling call cancels the registration), and what to bring."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from meedoen.meetings import services as meeting_services
from meedoen.meetings.tests.factories import MeetingFactory
from meedoen.messaging import selectors
from meedoen.messaging.composing import message_render
from meedoen.messaging.models import Message, MessageKind, PracticalNote
from meedoen.messaging.services import unsubscribe_record
from meedoen.messaging.tests.factories import ContactFactory
from meedoen.messaging.tests.scenario import T0, evening_meeting
from meedoen.messaging.tokens import email_hash
from meedoen.registrations import services as registration_services
from meedoen.registrations.models import Registration
from meedoen.registrations.services_messages import (
    Audience,
    AudienceEmpty,
    audience_recipients,
    call_outcome_note,
    meeting_messages_send,
    message_test_send,
    practical_note_save,
)
from meedoen.registrations.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(world):
    return evening_meeting(world)


# ---------------------------------------------------------------------------------------------
# A test to myself


def test_a_test_goes_to_myself_each_time_with_real_or_sample_data(world, meeting):
    first = message_test_send(actor=world.member, meeting=meeting, kind=MessageKind.REMINDER)
    second = message_test_send(actor=world.member, meeting=meeting, kind=MessageKind.REMINDER)
    assert first.pk != second.pk
    assert first.recipient_email == world.member.user.email
    assert first.subject_key == f"registration_sample:{meeting.pk}"
    rendered = message_render(first)
    assert "Buurtavond" in rendered.text and "VBD123" in rendered.text
    assert rendered.inline_images  # the sample's QR code

    registration = RegistrationFactory(meeting=meeting, name="Annie de Jong", manage_nonce="n")
    real = message_test_send(
        actor=world.member,
        meeting=meeting,
        kind=MessageKind.CONFIRMATION,
        registration_id=registration.pk,
    )
    real_text = message_render(real).text
    assert "Annie de Jong" in real_text
    # Never the person's own link (the key to their registration) in a test to staff.
    assert f"/b/{meeting.code}/aanmelding/" not in real_text
    invitation = message_test_send(actor=world.member, meeting=meeting, kind=MessageKind.INVITATION)
    assert invitation.subject_key == f"meeting:{meeting.pk}"
    assert f"/b/{meeting.code}/" in message_render(invitation).text
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


# ---------------------------------------------------------------------------------------------
# Audiences


def test_the_audience_is_everyone_chosen_once_without_who_unsubscribed(world, meeting):
    RegistrationFactory(meeting=meeting, name="Annie", email="annie@example.org")
    RegistrationFactory(
        meeting=meeting, name="Bram", email="bram@example.org", status=Registration.Status.WAITING
    )
    RegistrationFactory(meeting=meeting, name="Piet", phone="06 1")  # no email
    earlier = MeetingFactory(team=world.team)
    RegistrationFactory(
        meeting=earlier, name="Annie again", email="ANNIE@example.org", follow_up=True
    )
    RegistrationFactory(meeting=earlier, name="Cor", email="cor@example.org", follow_up=True)
    RegistrationFactory(meeting=earlier, name="Dirk", email="dirk@example.org", follow_up=False)
    registration_services.walk_in_add(
        actor=world.member,
        meeting=earlier,
        first_name="Ineke",
        contact="ineke@example.org",
        follow_up=True,
    )
    ContactFactory(team=world.team, name="Els", email="els@example.org")
    ContactFactory(team=world.team, name="Gone", email="gone@example.org")
    ContactFactory(email="elsewhere@example.org")  # another team's contact
    unsubscribe_record(team=world.team, email_hash_value=email_hash("gone@example.org"), via="link")

    def who(**audience):
        found = audience_recipients(
            actor=world.member, meeting=meeting, audience=Audience(**audience)
        )
        return sorted(r.email for r in found)

    assert who(statuses=("confirmed",)) == ["annie@example.org"]
    assert who(statuses=("confirmed", "waiting")) == ["annie@example.org", "bram@example.org"]
    assert who(follow_up=True) == ["annie@example.org", "cor@example.org", "ineke@example.org"]
    assert who(contacts=True) == ["els@example.org"]
    assert len(who(statuses=("confirmed",), follow_up=True, contacts=True)) == 4


def test_the_audience_by_attendance(world, meeting):
    came = RegistrationFactory(meeting=meeting, email="came@example.org")
    RegistrationFactory(meeting=meeting, email="away@example.org")
    registration_services.check_in_record(actor=world.member, registration=came)

    def who(**audience):
        found = audience_recipients(
            actor=world.member, meeting=meeting, audience=Audience(**audience)
        )
        return [r.email for r in found]

    assert who(attended=True) == ["came@example.org"]
    assert who(absent=True) == ["away@example.org"]


def test_an_invitation_goes_out_once_per_person_and_ticks_the_checklist(world, meeting):
    ContactFactory(team=world.team, email="els@example.org")
    ContactFactory(team=world.team, email="cor@example.org")
    assert (
        meeting_messages_send(
            actor=world.member,
            meeting=meeting,
            kind=MessageKind.INVITATION,
            audience=Audience(contacts=True),
            now=T0,
        )
        == 2
    )
    item = meeting.checklist.get(key="invitations_sent")
    assert item.status == "done" and "/berichten/" in item.evidence_url
    ContactFactory(team=world.team, email="new@example.org")
    again = meeting_messages_send(
        actor=world.member,
        meeting=meeting,
        kind=MessageKind.INVITATION,
        audience=Audience(contacts=True),
        now=T0,
    )
    assert again == 1
    assert Message.objects.filter(kind=MessageKind.INVITATION).count() == 3
    # Every message of the meeting carries it, so the meeting's page can list them.
    assert all(m.context == {"meeting_id": meeting.pk} for m in Message.objects.all())


def test_a_save_the_date_does_not_tick_invitations(world, meeting):
    ContactFactory(team=world.team)
    meeting_messages_send(
        actor=world.member,
        meeting=meeting,
        kind=MessageKind.SAVE_THE_DATE,
        audience=Audience(contacts=True),
    )
    assert meeting.checklist.get(key="invitations_sent").status == "open"


def test_sending_refuses_other_kinds_empty_audiences_and_cancelled_meetings(
    world, meeting, english
):
    with pytest.raises(ValidationError):
        meeting_messages_send(
            actor=world.member,
            meeting=meeting,
            kind=MessageKind.REMINDER,
            audience=Audience(contacts=True),
        )
    with pytest.raises(AudienceEmpty):
        meeting_messages_send(
            actor=world.member,
            meeting=meeting,
            kind=MessageKind.INVITATION,
            audience=Audience(contacts=True),
        )
    meeting_services.meeting_cancel(actor=world.coordinator, meeting=meeting, reason="")
    ContactFactory(team=world.team)
    with pytest.raises(Exception, match="cancelled"):
        meeting_messages_send(
            actor=world.member,
            meeting=meeting,
            kind=MessageKind.INVITATION,
            audience=Audience(contacts=True),
        )


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


def test_no_answer_keeps_the_call_on_the_list_and_called_takes_it_off(world, meeting, english):
    _registration, call = _phone_registration(world, meeting)
    when = call.due_at
    call_outcome_note(actor=world.member, message=call, outcome="no_answer", now=when)
    assert list(
        selectors.calls_to_make(
            actor=world.member, meeting_id=meeting.pk, meeting_ends_at=meeting.ends_at, now=when
        )
    ) == [call]
    call_outcome_note(actor=world.member, message=call, outcome="called", now=when)
    call.refresh_from_db()
    assert (call.status, call.call_outcome, call.call_noted_by) == (
        "sent",
        "called",
        world.member.user,
    )
    assert not selectors.calls_to_make(
        actor=world.member, meeting_id=meeting.pk, meeting_ends_at=meeting.ends_at, now=when
    ).exists()
    assert list(selectors.calls_noted(actor=world.member, meeting_id=meeting.pk)) == [call]
    with pytest.raises(Exception, match="no longer"):
        call_outcome_note(actor=world.member, message=call, outcome="called", now=when)


def test_a_call_that_ends_in_cancelling_cancels_the_registration(world, meeting):
    registration, call = _phone_registration(world, meeting)
    call_outcome_note(actor=world.member, message=call, outcome="cancelled", now=call.due_at)
    registration.refresh_from_db()
    call.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert (call.status, call.call_outcome) == ("sent", "cancelled")


def test_a_call_outcome_must_be_known_and_of_the_own_team(world, other_world, meeting):
    _registration, call = _phone_registration(world, meeting)
    with pytest.raises(ValidationError):
        call_outcome_note(actor=world.member, message=call, outcome="maybe")
    with pytest.raises(PermissionDenied):
        call_outcome_note(actor=other_world.coordinator, message=call, outcome="called")


# ---------------------------------------------------------------------------------------------
# What to bring


def test_what_to_bring_appears_in_the_practical_information(world, meeting):
    practical_note_save(actor=world.member, meeting=meeting, bring="  Uw leesbril  ")
    assert PracticalNote.objects.get().bring == "Uw leesbril"
    message = message_test_send(actor=world.member, meeting=meeting, kind=MessageKind.CONFIRMATION)
    assert "Uw leesbril" in message_render(message).text


def test_what_to_bring_is_for_editors_of_the_meetings_own_team(world, other_world, meeting):
    with pytest.raises(PermissionDenied):
        practical_note_save(actor=other_world.coordinator, meeting=meeting, bring="x")
    with pytest.raises(PermissionDenied):
        practical_note_save(actor=world.viewer, meeting=meeting, bring="x")
    assert not PracticalNote.objects.exists()
