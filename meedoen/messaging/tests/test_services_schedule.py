"""Which messages a registration gets and when: the rules of scheduling, without sending."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
import time_machine

from meedoen.meetings import services as meeting_services
from meedoen.messaging.models import Message, MessageKind
from meedoen.messaging.services import messaging_settings_save
from meedoen.messaging.tests.scenario import AMS, START, T0, evening_meeting
from meedoen.registrations import services as registration_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(world):
    return evening_meeting(world, capacity=2, published=True)


def _online(meeting, name, email, now=T0, **fields):
    return registration_services.registration_admit(
        meeting=meeting, channel="online", name=name, email=email, now=now, **fields
    ).registration


def _kinds(registration):
    return sorted(
        Message.objects.filter(subject_key=f"registration:{registration.pk}").values_list(
            "kind", "status"
        )
    )


def test_a_confirmed_registration_gets_a_confirmation_and_a_reminder_at_the_teams_moment(
    meeting,
):
    registration = _online(meeting, "Annie", "annie@example.org")
    assert _kinds(registration) == [("confirmation", "scheduled"), ("reminder", "scheduled")]
    reminder = Message.objects.get(kind=MessageKind.REMINDER)
    assert reminder.due_at == datetime(2027, 3, 18, 10, 0, tzinfo=AMS)
    assert reminder.context == {"meeting_id": meeting.pk}


def test_the_reminder_follows_the_teams_settings(world, meeting):
    messaging_settings_save(
        actor=world.coordinator, reminder_days_before=2, reminder_time=time(18, 15)
    )
    _online(meeting, "Annie", "annie@example.org")
    reminder = Message.objects.get(kind=MessageKind.REMINDER)
    assert reminder.due_at == datetime(2027, 3, 23, 18, 15, tzinfo=AMS)


def test_someone_who_signs_up_in_the_last_week_gets_no_separate_reminder(meeting):
    registration = _online(meeting, "Annie", "annie@example.org", now=START - timedelta(days=3))
    assert _kinds(registration) == [("confirmation", "scheduled")]


def test_the_waiting_list_gets_a_notice_and_a_promotion_brings_the_reminder(world, meeting):
    first = _online(meeting, "Annie", "annie@example.org", companions=["Karel"])
    waiting = _online(meeting, "Bram", "bram@example.org")
    assert _kinds(waiting) == [("waiting_list", "scheduled")]
    registration_services.registration_cancel(registration=first, now=T0 + timedelta(days=1))
    assert _kinds(first) == [("confirmation", "cancelled"), ("reminder", "cancelled")]
    assert _kinds(waiting) == [
        ("promoted", "scheduled"),
        ("reminder", "scheduled"),
        ("waiting_list", "scheduled"),
    ]


def test_people_without_email_get_calls_only_where_a_call_makes_sense(world, meeting):
    admission = registration_services.registration_admit(
        meeting=meeting,
        channel="phone",
        actor=world.member,
        name="Piet Smit",
        phone="06 12345678",
        now=T0,
    )
    rows = Message.objects.filter(subject_key=f"registration:{admission.registration.pk}")
    assert [(m.kind, m.channel, m.recipient_phone) for m in rows] == [
        ("reminder", "call", "06 12345678")
    ]


def test_a_deleted_registration_leaves_no_messages_behind(meeting):
    registration = _online(meeting, "Annie", "annie@example.org")
    other = _online(meeting, "Bram", "bram@example.org")
    registration_services.registration_delete(registration=registration)
    assert not Message.objects.filter(recipient_email="annie@example.org").exists()
    assert Message.objects.filter(subject_key=f"registration:{other.pk}").count() == 2


def test_moving_twice_tells_twice_moving_back_before_the_reminder_cancels_it(world, meeting):
    registration = _online(meeting, "Annie", "annie@example.org")
    for days in (1, 2):
        meeting_services.meeting_update(
            actor=world.coordinator,
            meeting=meeting,
            starts_at=START + timedelta(days=days),
            ends_at=START + timedelta(days=days, hours=2),
            now=T0 + timedelta(days=days),
        )
    moved = Message.objects.filter(kind=MessageKind.MOVED)
    assert sorted(moved.values_list("occurrence", flat=True)) == ["2", "3"]
    # Moved to within the reminder's week: the moved message is the reminder.
    with time_machine.travel(START - timedelta(days=3), tick=False):
        meeting_services.meeting_update(
            actor=world.coordinator,
            meeting=meeting,
            starts_at=START - timedelta(days=1),
            ends_at=START - timedelta(days=1) + timedelta(hours=2),
        )
    assert ("reminder", "cancelled") in _kinds(registration)
    assert Message.objects.filter(kind=MessageKind.MOVED).count() == 3


def test_a_moved_meeting_gives_a_reminder_to_who_had_none_yet(world, meeting):
    late = _online(meeting, "Cor", "cor@example.org", now=START - timedelta(days=2))
    later = START + timedelta(days=14)
    meeting_services.meeting_update(
        actor=world.coordinator,
        meeting=meeting,
        starts_at=later,
        ends_at=later + timedelta(hours=2),
        now=START - timedelta(days=1),
    )
    reminder = Message.objects.get(kind=MessageKind.REMINDER, subject_key=f"registration:{late.pk}")
    assert reminder.due_at == datetime(2027, 4, 1, 10, 0, tzinfo=AMS)


def test_the_manage_token_is_rebuilt_by_the_server_and_not_stored(meeting):
    from meedoen.registrations.services import registration_manage_token, token_hash
    from meedoen.registrations.tests.factories import RegistrationFactory

    admission = registration_services.registration_admit(
        meeting=meeting, channel="online", name="Annie", email="annie@example.org", now=T0
    )
    registration = admission.registration
    assert registration_manage_token(registration) == admission.manage_token
    assert admission.manage_token not in (registration.manage_nonce, registration.manage_token_hash)
    assert registration.manage_token_hash == token_hash(admission.manage_token)
    assert registration_manage_token(RegistrationFactory(meeting=meeting)) == ""  # older rows


def test_a_new_email_address_gets_the_reminder_still_to_come(meeting):
    registration = _online(meeting, "Annie", "annie@example.org")
    registration_services.registration_update(
        registration=registration, email="annie.nieuw@example.org", now=T0 + timedelta(days=1)
    )
    reminders = Message.objects.filter(kind=MessageKind.REMINDER)
    assert sorted(reminders.values_list("recipient_email", "status")) == [
        ("annie.nieuw@example.org", "scheduled"),
        ("annie@example.org", "cancelled"),
    ]
    registration_services.registration_update(
        registration=registration, dietary="vegetarisch", now=T0 + timedelta(days=2)
    )
    assert reminders.filter(status="scheduled").count() == 1


def test_a_new_name_or_phone_with_the_same_email_keeps_the_reminder(meeting):
    registration = _online(meeting, "Annie", "annie@example.org")
    registration_services.registration_update(
        registration=registration, name="Annie de Jong", phone="06 1", now=T0 + timedelta(days=1)
    )
    assert Message.objects.get(kind=MessageKind.REMINDER).status == "scheduled"


def test_a_reminder_that_could_not_go_out_before_the_meeting_is_cancelled_not_sent_late(
    meeting, mailoutbox
):
    from meedoen.messaging.delivery import outbox_deliver_due

    registration = _online(meeting, "Annie", "annie@example.org")
    late = START + timedelta(hours=1)  # the worker was down until after the start
    with time_machine.travel(late, tick=False):
        outbox_deliver_due(now=late)
    assert _kinds(registration) == [("confirmation", "sent"), ("reminder", "cancelled")]
    assert [m.to for m in mailoutbox] == [["Annie <annie@example.org>"]]
