"""Delivery of the outbox over a real SMTP server (aiosmtpd): what a sent message looks like,
retries with back-off, giving up, cancelling, claims and their leases."""

from __future__ import annotations

import email
import re
from datetime import timedelta
from email.header import decode_header, make_header

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from meedoen.messaging import delivery
from meedoen.messaging.delivery import (
    MAX_ATTEMPTS,
    backoff,
    outbox_claim,
    outbox_deliver,
    outbox_deliver_due,
)
from meedoen.messaging.models import Message, MessageKind, MessagingSettings
from meedoen.messaging.services import Recipient, message_enqueue, unsubscribe_record
from meedoen.messaging.tests.outbox_support import (
    GONE_ID,
    PREFIX,
    SinkServer,
    SwitchableSink,
    due_messages,
    expected_message_ids,
)
from meedoen.messaging.tokens import email_hash, unsubscribe_token_read

pytestmark = pytest.mark.django_db

# A moment ahead of the real clock: delivery honours an explicit `now` exactly until the
# real time passes it.
NOW = (timezone.now() + timedelta(days=1)).replace(microsecond=0)


def _header(message: email.message.Message, name: str) -> str:
    return str(make_header(decode_header(message[name])))


def _token(link: str) -> str:
    return link.removeprefix("http://127.0.0.1:8000/afmelden/").split("/")[0]


def _parsed(received) -> email.message.Message:
    return email.message_from_bytes(received.data)


@pytest.fixture
def sink(settings):
    server = SinkServer(SwitchableSink()).start()
    server.point_django_here(settings)
    yield server.sink
    server.stop()


def test_a_message_due_now_is_sent_when_the_enqueueing_transaction_commits(
    world, smtp_server, django_capture_on_commit_callbacks
):
    MessagingSettings.objects.create(
        team=world.team, sender_name="Wijkteam Noord – Zoë", reply_to="noord@example.org"
    )
    with django_capture_on_commit_callbacks(execute=True):
        message = message_enqueue(
            team=world.team,
            kind=MessageKind.REMINDER,
            recipient=Recipient(name="Ayşe Yılmaz", email="ayse@example.org"),
            subject_key=f"{PREFIX}:7",
        )
        assert smtp_server.messages == []  # nothing leaves before the commit
    assert len(smtp_server.messages) == 1
    received = smtp_server.messages[0]
    assert received.recipients == ["ayse@example.org"]
    parsed = email.message_from_bytes(received.data)
    assert _header(parsed, "From") == "Wijkteam Noord – Zoë <noreply@localhost>"
    assert parsed["Reply-To"] == "noord@example.org"
    assert "Ayşe Yılmaz" in _header(parsed, "To")
    assert parsed["Message-ID"] == f"<{message.idempotency_key[:32]}@127.0.0.1>"
    assert parsed["Auto-Submitted"] == "auto-generated"
    # A reminder of one's own registration is not optional: no unsubscribe headers.
    assert parsed["List-Unsubscribe"] is None
    assert parsed["List-Unsubscribe-Post"] is None
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.attempts == 1
    assert message.claimed_until is None
    assert message.sent_at is not None


def test_html_text_inline_image_and_calendar_travel_in_the_right_mime_structure(world, smtp_server):
    [message] = due_messages(world.team, 1, kind=MessageKind.REMINDER, due_at=NOW)
    report = outbox_deliver_due(now=NOW)
    assert report.sent == 1
    parsed = _parsed(smtp_server.messages[0])
    assert parsed.get_content_type() == "multipart/mixed"
    alternative, calendar = parsed.get_payload()
    assert alternative.get_content_type() == "multipart/alternative"
    plain, related = alternative.get_payload()
    assert plain.get_content_type() == "text/plain"
    assert related.get_content_type() == "multipart/related"
    html, image = related.get_payload()
    assert html.get_content_type() == "text/html"
    assert 'src="cid:checkin-qr"' in html.get_payload(decode=True).decode()
    assert image.get_content_type() == "image/png"
    assert image["Content-ID"] == "<checkin-qr>"
    assert calendar.get_content_type() == "text/calendar"
    assert calendar.get_param("method") == "PUBLISH"
    assert calendar.get_filename() == "bijeenkomst.ics"
    assert b"BEGIN:VCALENDAR" in calendar.get_payload(decode=True)
    assert "ABC234" in plain.get_payload(decode=True).decode()  # the provider's values
    assert "ABC234" in html.get_payload(decode=True).decode()
    message.refresh_from_db()
    assert message.status == Message.Status.SENT


def test_optional_mail_carries_rfc_8058_headers_and_a_visible_link(world, smtp_server):
    [message] = due_messages(world.team, 1, kind=MessageKind.INVITATION, due_at=NOW)
    outbox_deliver_due(now=NOW)
    parsed = _parsed(smtp_server.messages[0])
    header = parsed["List-Unsubscribe"].strip()
    assert header.startswith("<http://127.0.0.1:8000/afmelden/") and header.endswith("/>")
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    expected = (world.team.pk, email_hash("bewoner0@example.org"))
    assert unsubscribe_token_read(_token(header[1:-1])) == expected
    parts = {
        part.get_content_type(): part.get_payload(decode=True).decode()
        for part in parsed.walk()
        if part.get_content_type() in ("text/plain", "text/html")
    }
    for body in parts.values():  # the visible link, in both parts
        [link] = re.findall(r"http://127\.0\.0\.1:8000/afmelden/[^\s\"<]+", body)
        assert unsubscribe_token_read(_token(link)) == expected
    message.refresh_from_db()
    assert message.status == Message.Status.SENT


def test_every_message_of_a_batch_goes_over_one_smtp_connection(world, smtp_server, settings):
    messages = due_messages(world.team, 25, due_at=NOW)
    report = outbox_deliver_due(now=NOW, limit=10)
    assert (report.claimed, report.sent) == (25, 25)
    assert smtp_server.messages and len(smtp_server.messages) == 25
    assert {_parsed(r)["Message-ID"] for r in smtp_server.messages} == expected_message_ids(
        messages
    )


def test_a_temporary_refusal_is_retried_with_back_off_until_it_goes_through(world, sink):
    [message] = due_messages(world.team, 1, due_at=NOW)
    sink.refuse["bewoner0@example.org"] = "451 4.2.0 Mailbox busy, try later"
    report = outbox_deliver_due(now=NOW)
    assert (report.sent, report.retrying) == (0, 1)
    message.refresh_from_db()
    assert message.status == Message.Status.SCHEDULED
    assert message.attempts == 1
    assert message.due_at == NOW + timedelta(minutes=1)
    assert "451" in message.last_error
    # Not due yet a second later; the second attempt fails again, the third goes through.
    assert outbox_deliver_due(now=NOW + timedelta(seconds=30)).claimed == 0
    outbox_deliver_due(now=NOW + timedelta(minutes=1))
    message.refresh_from_db()
    assert (message.attempts, message.due_at) == (2, NOW + timedelta(minutes=3))
    sink.refuse.clear()
    assert outbox_deliver_due(now=NOW + timedelta(minutes=3)).sent == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Message.Status.SENT, 3)
    assert len(sink.received) == 1


def test_back_off_doubles_and_is_capped():
    assert [backoff(n) for n in (1, 2, 3, 4)] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert backoff(30) == delivery.BACKOFF_CAP


def test_after_the_last_attempt_the_message_shows_as_failed_with_its_reason(world, sink):
    [message] = due_messages(world.team, 1, due_at=NOW)
    sink.refuse["bewoner0@example.org"] = "451 4.2.0 Mailbox busy, try later"
    moment = NOW
    for _attempt in range(MAX_ATTEMPTS):
        outbox_deliver_due(now=moment)
        message.refresh_from_db()
        moment = message.due_at
    assert message.status == Message.Status.FAILED
    assert message.attempts == MAX_ATTEMPTS
    assert "451 4.2.0 Mailbox busy, try later" in message.last_error  # the server's words
    assert outbox_deliver_due(now=moment + timedelta(days=1)).claimed == 0
    assert sink.received == []


def test_a_permanent_refusal_fails_at_once(world, sink):
    [message, other] = due_messages(world.team, 2, due_at=NOW)
    sink.refuse["bewoner0@example.org"] = "550 5.1.1 No such user here"
    report = outbox_deliver_due(now=NOW)
    assert (report.failed, report.sent) == (1, 1)
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert message.attempts == 1
    assert "550 5.1.1 No such user here" in message.last_error
    assert [r.recipients for r in sink.received] == [["bewoner1@example.org"]]


def test_a_message_whose_subject_is_gone_is_cancelled_not_sent(world, sink):
    [message] = due_messages(world.team, 1, due_at=NOW, subject_id=GONE_ID)
    report = outbox_deliver_due(now=NOW)
    assert (report.cancelled, report.sent) == (1, 0)
    message.refresh_from_db()
    assert message.status == Message.Status.CANCELLED
    assert sink.received == []


def test_a_message_that_cannot_be_made_is_retried_with_its_reason(world, sink):
    [message] = due_messages(world.team, 1, due_at=NOW)
    Message.objects.filter(pk=message.pk).update(subject_key="nobody-provides:1")
    report = outbox_deliver_due(now=NOW)
    assert report.retrying == 1
    message.refresh_from_db()
    assert message.status == Message.Status.SCHEDULED
    assert "UnknownSubject" in message.last_error
    assert sink.received == []


def test_someone_who_unsubscribes_while_their_invitation_is_being_sent_gets_none(world, sink):
    [invitation] = due_messages(world.team, 1, kind=MessageKind.INVITATION, due_at=NOW)
    [reminder] = due_messages(world.team, 1, kind=MessageKind.REMINDER, due_at=NOW)
    claimed = outbox_claim(limit=10, now=NOW, worker="w1")
    # Claimed ("sending"), so unsubscribing does not cancel it; the check at sending does.
    unsubscribe_record(
        team=world.team, email_hash_value=email_hash("bewoner0@example.org"), via="link"
    )
    report = outbox_deliver(message_ids=claimed, now=NOW, claimed_until=NOW + delivery.lease())
    assert (report.cancelled, report.sent) == (1, 1)
    invitation.refresh_from_db()
    reminder.refresh_from_db()
    assert invitation.status == Message.Status.CANCELLED
    # Mail they asked for (their own reminder) still goes.
    assert reminder.status == Message.Status.SENT
    assert len(sink.received) == 1


def test_a_claim_is_kept_for_its_lease_and_taken_over_when_it_expires(world, settings):
    settings.MEEDOEN_OUTBOX_LEASE_SECONDS = 300
    messages = due_messages(world.team, 3, due_at=NOW)
    first = outbox_claim(limit=10, now=NOW, worker="killed")
    assert sorted(first) == sorted(m.pk for m in messages)
    assert outbox_claim(limit=10, now=NOW + timedelta(seconds=299), worker="other") == []
    again = outbox_claim(limit=10, now=NOW + timedelta(seconds=301), worker="other")
    assert sorted(again) == sorted(first)
    assert set(Message.objects.values_list("attempts", flat=True)) == {2}


def test_a_worker_that_lost_its_claim_sends_nothing(world, sink):
    """The lease is a fencing token: the late worker's claim no longer holds."""
    due_messages(world.team, 2, due_at=NOW)
    late = outbox_claim(limit=10, now=NOW, worker="late")
    later = NOW + delivery.lease() + timedelta(seconds=1)
    taken = outbox_claim(limit=10, now=later, worker="new")
    assert sorted(taken) == sorted(late)
    stale = outbox_deliver(
        message_ids=late, now=later, worker="late", claimed_until=NOW + delivery.lease()
    )
    assert (stale.claimed, stale.sent) == (0, 0)
    fresh = outbox_deliver(
        message_ids=taken, now=later, worker="new", claimed_until=later + delivery.lease()
    )
    assert fresh.sent == 2
    assert len(sink.received) == 2


def test_a_worker_overtaken_mid_batch_stops_sending_what_is_no_longer_its(world, sink, settings):
    """A worker that stalls past its lease loses the rest of its batch at its next lease check;
    at most the message it was busy with can go out twice (same Message-ID)."""
    settings.MEEDOEN_OUTBOX_LEASE_SECONDS = 0  # check the lease before every message
    messages = due_messages(world.team, 3, due_at=NOW)
    ids = outbox_claim(limit=10, now=NOW, worker="slow")
    taken: list[int] = []

    def stall_then_overtaken() -> None:
        # While "slow" is busy with its first message, another worker takes over.
        if not taken:
            taken.extend(outbox_claim(limit=10, now=NOW + timedelta(seconds=1), worker="fast"))

    from meedoen.messaging.tests import outbox_support

    original = outbox_support.provide_subject

    def provider(pk, message):
        stall_then_overtaken()
        return original(pk, message)

    from meedoen.messaging.subjects import subject_provider_register

    subject_provider_register(PREFIX, provider)
    try:
        slow = outbox_deliver(message_ids=ids, now=NOW, worker="slow", claimed_until=NOW)
    finally:
        subject_provider_register(PREFIX, original)
    assert sorted(taken) == sorted(ids)
    assert slow.sent == 0  # its one send could not be written down: the claim was gone
    assert slow.overtaken == 3
    assert len(sink.received) == 1
    fast = outbox_deliver(
        message_ids=taken, now=NOW, worker="fast", claimed_until=NOW + timedelta(seconds=1)
    )
    assert fast.sent == 3
    counts = sink.message_ids()
    assert set(counts) == expected_message_ids(messages)
    assert sorted(counts.values()) == [1, 1, 2]  # only the one in flight went twice


def test_calls_are_not_emailed(world, sink):
    message = message_enqueue(
        team=world.team,
        kind=MessageKind.REMINDER,
        recipient=Recipient(name="Henk", phone="0612345678"),
        subject_key=f"{PREFIX}:1",
        now=NOW,
    )
    assert message.channel == Message.Channel.CALL
    assert outbox_deliver_due(now=NOW + timedelta(days=1)).claimed == 0
    assert sink.received == []


def test_the_periodic_tick_sends_what_became_due(world, smtp_server):
    from meedoen.teams.periodic import periodic_tick

    due_messages(world.team, 2, due_at=NOW + timedelta(hours=1))
    with time_machine.travel(NOW + timedelta(minutes=30), tick=False):
        early = periodic_tick()
    assert early.ran["messaging.outbox"]["sent"] == 0
    with time_machine.travel(NOW + timedelta(hours=1, minutes=1), tick=False):
        report = periodic_tick()
    assert report.ran["messaging.outbox"]["sent"] == 2
    assert len(smtp_server.messages) == 2


def test_without_smtp_settings_tests_use_the_in_memory_outbox(world):
    """The flush on commit works with any mail backend (locmem in tests)."""
    due_messages(world.team, 1, due_at=NOW)
    assert outbox_deliver_due(now=NOW).sent == 1
    assert len(mail.outbox) == 1


def test_development_mail_goes_to_the_console_and_to_eml_files(world, settings, tmp_path, capsys):
    settings.EMAIL_BACKEND = "meedoen.messaging.mail.DevMailBackend"
    settings.MEEDOEN_MAIL_DIR = tmp_path / "mail"
    [message] = due_messages(world.team, 1, kind=MessageKind.INVITATION, due_at=NOW)
    assert outbox_deliver_due(now=NOW).sent == 1
    [saved] = (tmp_path / "mail").glob("*.eml")
    parsed = email.message_from_bytes(saved.read_bytes())
    assert parsed["Message-ID"] == f"<{message.idempotency_key[:32]}@127.0.0.1>"
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    printed = capsys.readouterr().out
    assert "Mail to Bewoner 0 <bewoner0@example.org>" in printed
    assert str(saved) in printed


def test_a_batch_reads_the_teams_text_and_the_practical_note_once(world, smtp_server):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    messages = due_messages(world.team, 5, kind=MessageKind.REMINDER, due_at=NOW)
    Message.objects.filter(pk__in=[m.pk for m in messages]).update(context={"meeting_id": 1})
    with CaptureQueriesContext(connection) as captured:
        assert outbox_deliver_due(now=NOW).sent == 5
    selects = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")]
    assert sum('FROM "messaging_messagetemplate"' in sql for sql in selects) == 1
    assert sum('FROM "messaging_practicalnote"' in sql for sql in selects) == 1
