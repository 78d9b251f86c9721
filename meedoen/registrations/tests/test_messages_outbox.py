"""The outbox as registrations use it: a cancelled reminder comes back when it is due again,
and a transaction that enqueues many due messages starts one background flush."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from meedoen.meetings import services as meeting_services
from meedoen.messaging.models import Message, MessageKind
from meedoen.messaging.services import Recipient, message_enqueue
from meedoen.registrations import services as registration_services

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
T0 = datetime(2027, 3, 1, 9, 0, tzinfo=AMS)
START = datetime(2027, 3, 25, 14, 0, tzinfo=AMS)  # reminder: Thursday 18 March, 10:00


def _meeting(world):
    meeting = meeting_services.meeting_create(
        actor=world.coordinator,
        title="Samen de buurt groener",
        purpose="Ideeën voor meer groen.",
        starts_at=START,
        ends_at=START + timedelta(hours=2),
        capacity=40,
        now=T0,
    )
    registration_services.registration_settings_update(
        actor=world.coordinator, meeting=meeting, published=True, now=T0
    )
    return meeting


def _register(meeting, email_address):
    return registration_services.registration_admit(
        meeting=meeting,
        channel="online",
        name="Annie de Jong",
        email=email_address,
        privacy_consent=True,
    )


def _reminders():
    return Message.objects.filter(kind=MessageKind.REMINDER)


def _move(world, meeting, starts_at):
    meeting_services.meeting_update(
        actor=world.coordinator,
        meeting=meeting,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
    )


def test_a_reminder_cancelled_by_a_move_close_comes_back_when_the_meeting_moves_away(world):
    with time_machine.travel(T0, tick=False):
        meeting = _meeting(world)
        _register(meeting, "annie@example.org")
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        _move(world, meeting, T0 + timedelta(days=4))  # within a week: no reminder
        assert _reminders().get().status == Message.Status.CANCELLED
        later = START + timedelta(days=21)
        _move(world, meeting, later)

    reminder = _reminders().get()
    assert reminder.status == Message.Status.SCHEDULED
    assert reminder.due_at == datetime(2027, 4, 8, 10, 0, tzinfo=AMS)
    assert reminder.last_error == ""
    assert reminder.attempts == 0


def test_a_reminder_to_an_address_changed_away_and_back_goes_out_again(world):
    with time_machine.travel(T0, tick=False):
        meeting = _meeting(world)
        registration = _register(meeting, "annie@example.org").registration
        registration_services.registration_update(
            registration=registration, email="annie@elders.example"
        )
        registration_services.registration_update(
            registration=registration, email="annie@example.org"
        )

    by_address = {m.recipient_email: m.status for m in _reminders()}
    assert by_address == {
        "annie@example.org": Message.Status.SCHEDULED,
        "annie@elders.example": Message.Status.CANCELLED,
    }


def test_a_sent_or_failed_message_is_never_reopened(world):
    recipient = Recipient(name="Annie", email="annie@example.org")
    first = message_enqueue(
        team=world.team, kind=MessageKind.REMINDER, recipient=recipient, subject_key="x:1"
    )
    for status in (Message.Status.SENT, Message.Status.FAILED):
        Message.objects.filter(pk=first.pk).update(status=status)
        again = message_enqueue(
            team=world.team, kind=MessageKind.REMINDER, recipient=recipient, subject_key="x:1"
        )
        assert (again.pk, again.status) == (first.pk, status)


def test_a_call_that_comes_back_is_a_new_call_to_make(world):
    recipient = Recipient(name="Gerrit", phone="0570 123456")
    call = message_enqueue(
        team=world.team, kind=MessageKind.REMINDER, recipient=recipient, subject_key="x:1"
    )
    Message.objects.filter(pk=call.pk).update(
        status=Message.Status.CANCELLED, call_outcome=Message.CallOutcome.NO_ANSWER
    )
    again = message_enqueue(
        team=world.team, kind=MessageKind.REMINDER, recipient=recipient, subject_key="x:1"
    )
    assert (again.pk, again.status, again.call_outcome) == (call.pk, "scheduled", "")


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_many_due_messages_in_one_transaction_start_one_flush(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for n in range(3):
            message_enqueue(
                team=world.team,
                kind=MessageKind.CONFIRMATION,
                recipient=Recipient(name=f"Persoon {n}", email=f"p{n}@example.org"),
                subject_key=f"x:{n}",
            )
    flushes = DBTaskResult.objects.filter(task_path__endswith="outbox_flush")
    assert flushes.count() == 1


def test_a_cancelled_meeting_stops_its_invitations_and_save_the_dates(world):
    from meedoen.messaging.subjects import subject_content
    from meedoen.messaging.tests.factories import ContactFactory
    from meedoen.registrations.services_messages import Audience, meeting_messages_send

    with time_machine.travel(T0, tick=False):
        meeting = _meeting(world)
        ContactFactory(team=world.team, email="els@example.org")
        for kind in (MessageKind.SAVE_THE_DATE, MessageKind.INVITATION):
            meeting_messages_send(
                actor=world.member, meeting=meeting, kind=kind, audience=Audience(contacts=True)
            )
        retrying = Message.objects.get(kind=MessageKind.INVITATION)
        Message.objects.filter(pk=retrying.pk).update(attempts=2, last_error="SMTP down")
        in_flight = Message.objects.get(kind=MessageKind.SAVE_THE_DATE)
        Message.objects.filter(pk=in_flight.pk).update(status=Message.Status.SENDING)

        meeting_services.meeting_cancel(actor=world.coordinator, meeting=meeting, reason="")

    assert Message.objects.get(pk=retrying.pk).status == Message.Status.CANCELLED
    # A claim that was being sent at that moment is cancelled by delivery: no content.
    assert subject_content(Message.objects.get(pk=in_flight.pk)) is None


def _selects_by_table(queries) -> dict[str, int]:
    """How many SELECTs read each of the tables that per-person lookups used to hit."""
    tables = ("meetings_meeting", "teams_team", "messaging_messagingsettings", "messaging_message")
    counts = dict.fromkeys(tables, 0)
    for query in queries:
        sql = query["sql"]
        if not sql.startswith("SELECT"):
            continue
        for table in tables:
            counts[table] += f'FROM "{table}"' in sql
    return counts


def _promotion_queries(world, size):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with time_machine.travel(T0, tick=False):
        meeting = _meeting(world)
        meeting.capacity = size
        meeting.save(update_fields=["capacity"])
        party = registration_services.registration_admit(
            meeting=meeting,
            channel="online",
            name="Grote Groep",
            email="groep@example.org",
            companions=[f"Gast {n}" for n in range(size - 1)],
            privacy_consent=True,
        ).registration
        for n in range(size):
            _register(meeting, f"wacht{n}@example.org")
        with CaptureQueriesContext(connection) as captured:
            promoted = registration_services.registration_cancel(registration=party)
    assert len(promoted) == size
    assert Message.objects.filter(team=world.team, kind=MessageKind.PROMOTED).count() == size
    return _selects_by_table(captured.captured_queries)


def test_promoting_many_reads_the_meeting_settings_and_languages_once(world, other_world):
    assert _promotion_queries(world, 2) == _promotion_queries(other_world, 6)


def _move_queries(world, size):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with time_machine.travel(T0, tick=False):
        meeting = _meeting(world)
        for n in range(size):
            _register(meeting, f"p{n}@example.org")
        with CaptureQueriesContext(connection) as captured:
            _move(world, meeting, START + timedelta(days=14))
    assert Message.objects.filter(team=world.team, kind=MessageKind.MOVED).count() == size
    return _selects_by_table(captured.captured_queries)


def test_moving_a_meeting_reads_settings_and_languages_once_for_everyone(world, other_world):
    assert _move_queries(world, 2) == _move_queries(other_world, 6)


def test_a_meeting_whose_thanks_are_all_out_costs_one_query_per_tick(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from meedoen.registrations.messages import thanks_enqueue_due

    with time_machine.travel(T0, tick=False):
        meeting = _meeting(world)
        _register(meeting, "annie@example.org")
        _register(meeting, "bram@example.org")
    after = datetime(2027, 3, 26, 10, 0, tzinfo=AMS)
    assert thanks_enqueue_due(now=after) == 2
    with CaptureQueriesContext(connection) as captured:
        assert thanks_enqueue_due(now=after + timedelta(minutes=1)) == 0
    assert len(captured.captured_queries) == 1
    # Someone without a thank-you yet (e.g. their message was deleted) is still found.
    Message.objects.filter(recipient_email="bram@example.org").delete()
    assert thanks_enqueue_due(now=after + timedelta(minutes=2)) == 1
