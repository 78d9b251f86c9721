"""Providers of the values a message needs, per subject prefix. The room that owns a subject
(registrations for ``registration:…``, meetings for ``meeting:…``) registers one, so messaging
never imports a room above it and a message sent a week later shows the meeting as it is then.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from meedoen.messaging.models import Message


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


@dataclass(frozen=True)
class SubjectContent:
    """What a provider gives for one message: values for the text's placeholders, files to
    attach, and inline images for the HTML part (content id → PNG bytes)."""

    values: dict[str, str]
    attachments: list[Attachment] = field(default_factory=list)
    inline_images: dict[str, bytes] = field(default_factory=dict)


# A provider gets the subject's id and the message; None means the subject is gone (deleted),
# and the message is cancelled rather than sent.
SubjectProvider = Callable[[int, "Message"], SubjectContent | None]
_PROVIDERS: dict[str, SubjectProvider] = {}


class UnknownSubject(LookupError):
    pass


# The subject of messages about a meeting as a whole (save-the-date, invitation). Messaging
# knows only the prefix, because it keeps a meeting's practical note under it; the meetings
# room provides the content.
MEETING_PREFIX = "meeting"


def subject_key(prefix: str, pk: int) -> str:
    return f"{prefix}:{pk}"


def subject_provider_register(prefix: str, provider: SubjectProvider) -> None:
    _PROVIDERS[prefix] = provider


def subject_content(message: Message) -> SubjectContent | None:
    prefix, _, raw_id = message.subject_key.partition(":")
    provider = _PROVIDERS.get(prefix)
    if provider is None or not raw_id.isdigit():
        raise UnknownSubject(message.subject_key)
    return provider(int(raw_id), message)
