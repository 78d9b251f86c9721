"""Fixtures shared by every room's tests and the browser tests."""

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller
from django.test import Client
from django.utils import translation

from meedoen.teams.models import Membership, Role
from meedoen.teams.tests.factories import MembershipFactory, TeamFactory


@dataclass
class TeamWorld:
    """A team with one person in each role."""

    team: object
    coordinator: Membership
    member: Membership
    viewer: Membership


def _team_world(**team_kwargs: object) -> TeamWorld:
    team = TeamFactory(**team_kwargs)
    return TeamWorld(
        team=team,
        coordinator=MembershipFactory(team=team, role=Role.COORDINATOR),
        member=MembershipFactory(team=team, role=Role.MEMBER),
        viewer=MembershipFactory(team=team, role=Role.VIEWER),
    )


@pytest.fixture
def english():
    """Run a test in English, the source language (for matching messages)."""
    with translation.override("en"):
        yield


@pytest.fixture
def world(db) -> TeamWorld:
    return _team_world(name="Wijkteam Noord", slug="noord")


@pytest.fixture
def other_world(db) -> TeamWorld:
    return _team_world(name="Wijkteam Zuid", slug="zuid")


def client_for(membership: Membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    return client


# ---------------------------------------------------------------------------------------------
# A real SMTP server, in process


@dataclass
class ReceivedMail:
    mail_from: str
    recipients: list[str]
    data: bytes


@dataclass
class SmtpSink:
    host: str
    port: int
    messages: list[ReceivedMail] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd API)
        self.messages.append(
            ReceivedMail(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
        )
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings) -> Iterator[SmtpSink]:
    """A real SMTP server on localhost; Django's SMTP backend sends to it."""
    sink = SmtpSink(host="127.0.0.1", port=_free_port())
    controller = Controller(sink, hostname=sink.host, port=sink.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = sink.host
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield sink
    finally:
        controller.stop()


# ---------------------------------------------------------------------------------------------
# Say plainly which parts of the suite did not run and why


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = terminalreporter.stats.get("skipped", [])
    reasons: dict[str, int] = {}
    for report in skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        reasons[reason] = reasons.get(reason, 0) + 1
    if reasons:
        terminalreporter.section("parts of the suite that did not run")
        for reason, count in sorted(reasons.items()):
            terminalreporter.write_line(f"{count:4d} skipped: {reason}")
