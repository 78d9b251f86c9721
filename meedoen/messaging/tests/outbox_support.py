"""What the delivery tests share: a subject provider of their own ("testsubject:<id>"), due
messages made in bulk, SMTP sinks with switches (refuse, go down, hold a message), and counting
what arrived by Message-ID.

Importing this module registers the provider, also in a worker subprocess the kill test
starts, so that process renders the same messages as the test."""

from __future__ import annotations

import asyncio
import email
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from aiosmtpd.controller import Controller
from django.utils import timezone

from meedoen.messaging.models import Message, MessageKind
from meedoen.messaging.services.outbox import Recipient, idempotency_key
from meedoen.messaging.subjects import Attachment, SubjectContent, subject_provider_register

PREFIX = "testsubject"
GONE_ID = 404  # the provider says this subject was deleted
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99"
    b"=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)
ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Meedoen test//NL\r\nEND:VCALENDAR\r\n"


def provide_subject(pk: int, message: Message) -> SubjectContent | None:
    if pk == GONE_ID:
        return None
    return SubjectContent(
        values={
            "meeting": f"Buurtavond {pk}",
            "date": "donderdag 12 maart 2026",
            "time": "19:30",
            "end_time": "21:30",
            "place": "Buurthuis De Linde",
            "address": "Lindelaan 4, Rivierstad",
            "accessibility": "drempelvrije ingang, invalidentoilet",
            "meeting_link": f"http://127.0.0.1:8000/b/buurtavond-{pk}/",
            "manage_link": f"http://127.0.0.1:8000/b/buurtavond-{pk}/r/tok{message.pk}/",
            "checkin_code": "ABC234",
        },
        attachments=[Attachment("bijeenkomst.ics", ICS, "text/calendar")],
        inline_images={"checkin-qr": PNG},
    )


subject_provider_register(PREFIX, provide_subject)


def due_messages(
    team,
    count: int,
    *,
    kind: str = MessageKind.REMINDER,
    due_at: datetime | None = None,
    subject_id: int = 1,
    prefix: str = "bewoner",
) -> list[Message]:
    """``count`` scheduled email messages, made in one insert (the race and the benchmark need
    thousands); keys are built like message_enqueue builds them."""
    due_at = due_at or timezone.now()
    rows = []
    for number in range(count):
        recipient = Recipient(name=f"Bewoner {number}", email=f"{prefix}{number}@example.org")
        subject = f"{PREFIX}:{subject_id}"
        rows.append(
            Message(
                team=team,
                kind=kind,
                recipient_name=recipient.name,
                recipient_email=recipient.email,
                subject_key=subject,
                idempotency_key=idempotency_key(
                    recipient=recipient, kind=kind, subject_key=subject, occurrence=""
                ),
                due_at=due_at,
                created_at=due_at,
            )
        )
    return Message.objects.bulk_create(rows, batch_size=500)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Received:
    recipients: list[str]
    data: bytes

    @property
    def message_id(self) -> str:
        return str(email.message_from_bytes(self.data)["Message-ID"]).strip()


@dataclass
class SwitchableSink:
    """An SMTP server (aiosmtpd handler) that can refuse, go down and hold a message.

    - ``refuse``: address → reply to RCPT (e.g. "451 4.2.0 try later")
    - ``down_after``: after this many accepted messages, answer 421 to every MAIL FROM
    - ``hold_at``: the n-th DATA (1-based) waits until ``release`` is set; ``holding`` is set
      when it starts waiting. With ``commit_before_hold`` the message counts as received
      before the wait (a mail server that stored it and then lost the connection before its
      "250"); without, only after the wait (a connection lost before the end of the data).
    """

    received: list[Received] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)
    down_after: int | None = None
    hold_at: int | None = None
    commit_before_hold: bool = True
    holding: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    data_seen: int = 0

    async def handle_MAIL(self, server, session, envelope, address, mail_options):  # noqa: N802
        if self.down_after is not None and len(self.received) >= self.down_after:
            return "421 4.3.2 Service not available, closing transmission channel"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        answer = self.refuse.get(address.lower())
        if answer:
            return answer
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd API)
        self.data_seen += 1
        mail = Received(list(envelope.rcpt_tos), envelope.original_content)
        if self.hold_at is not None and self.data_seen == self.hold_at:
            if self.commit_before_hold:
                self.received.append(mail)
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.01)
            if not self.commit_before_hold:
                self.received.append(mail)
            return "250 Message accepted for delivery"
        self.received.append(mail)
        return "250 Message accepted for delivery"

    def message_ids(self) -> Counter[str]:
        return Counter(mail.message_id for mail in self.received)


class SinkServer:
    """Start and stop a SwitchableSink on a fixed port (so it can come back where it was)."""

    def __init__(self, sink: SwitchableSink, port: int | None = None) -> None:
        self.sink = sink
        self.port = port or free_port()
        self.controller: Controller | None = None

    def start(self) -> SinkServer:
        self.controller = Controller(self.sink, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def point_django_here(self, settings) -> None:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = self.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""


def expected_message_ids(messages: list[Message], domain: str = "127.0.0.1") -> set[str]:
    return {f"<{m.idempotency_key[:32]}@{domain}>" for m in messages}


def wait_for(condition: Callable[[], bool], seconds: float = 60.0) -> bool:
    """Poll until condition() holds (for a subprocess to reach a point); never a measurement."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()
