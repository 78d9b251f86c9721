"""Turning a rendered message into a real email: the team's sender name and reply-to, a
Message-ID derived from the outbox row (so a re-send after a crash can be recognised), the
List-Unsubscribe headers of RFC 8058 for optional mail, HTML with inline images and attachments.

Also the development backend that prints each message and keeps a copy under ``var/mail/``.
The frame every message shares is ``templates/messaging/email/base.{html,txt}`` (its context
is described in the templates); composing renders the body into it."""

from __future__ import annotations

import re
import sys
from email.mime.image import MIMEImage
from email.mime.text import MIMEText
from email.utils import formataddr, parseaddr
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend
from django.core.mail.message import EmailMessage, SafeMIMEMultipart
from django.urls import reverse
from django.utils import timezone

from meedoen.messaging.models import OPTIONAL_KINDS, Message, MessagingSettings
from meedoen.messaging.tokens import unsubscribe_token

if TYPE_CHECKING:
    from meedoen.messaging.composing import RenderedMessage


def site_domain() -> str:
    """The host of MEEDOEN_BASE_URL, used on the right-hand side of Message-IDs."""
    return urlsplit(settings.MEEDOEN_BASE_URL).hostname or "localhost"


def message_id_header(message: Message) -> str:
    """The same outbox row always gets the same Message-ID: if a crash between the mail
    server's "accepted" and our database write makes us send it again, the copies carry one
    Message-ID and mail systems (and our tests) can tell them apart from two messages."""
    # 128 bits of the key keep the header on one line (no folding) and are unique enough.
    return f"<{message.idempotency_key[:32]}@{site_domain()}>"


def message_unsubscribe_url(message: Message) -> str:
    """The absolute unsubscribe link for optional mail; "" for mail the person asked for
    (a confirmation or a reminder of their own registration cannot be unsubscribed from)."""
    if message.kind not in OPTIONAL_KINDS or not message.recipient_email:
        return ""
    token = unsubscribe_token(team_id=message.team_id, email=message.recipient_email)
    path = reverse("messaging_public:unsubscribe", kwargs={"token": token})
    query = f"?lang={message.language}" if message.language != settings.LANGUAGE_CODE else ""
    return f"{settings.MEEDOEN_BASE_URL}{path}{query}"


def sender_address(*, team_name: str, sender_name: str = "") -> str:
    """The From header: the team's sender name (or its name) with the address of
    DEFAULT_FROM_EMAIL. The team speaks, the platform's domain sends (so SPF and DKIM hold)."""
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return formataddr(((sender_name or team_name).strip(), address or "noreply@localhost"))


class OutboxEmail(EmailMultiAlternatives):
    """An email whose HTML part may show inline images: text and HTML are alternatives, and
    the HTML travels in a multipart/related together with its images (cid: links)."""

    def __init__(self, *args: Any, inline_images: dict[str, bytes] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.inline_images = inline_images or {}

    def _create_alternatives(self, msg: Any) -> Any:
        if not self.inline_images:
            return super()._create_alternatives(msg)  # type: ignore[misc]  # not in the stubs
        encoding = self.encoding or settings.DEFAULT_CHARSET
        alternative = SafeMIMEMultipart(_subtype="alternative", encoding=encoding)
        if self.body:
            alternative.attach(msg)
        for content, mimetype in self.alternatives:
            part = self._create_mime_attachment(content, mimetype)  # type: ignore[attr-defined]
            if mimetype == "text/html":
                related = SafeMIMEMultipart(_subtype="related", encoding=encoding)
                related.attach(part)
                for content_id, data in self.inline_images.items():
                    image = MIMEImage(data)
                    image.add_header("Content-ID", f"<{content_id}>")
                    image.add_header("Content-Disposition", "inline", filename=f"{content_id}")
                    related.attach(image)
                part = related
            alternative.attach(part)
        return alternative


def message_email(
    *, message: Message, rendered: RenderedMessage, sending: MessagingSettings | None
) -> OutboxEmail:
    """Build the email for one outbox row from what composing rendered."""
    headers = {
        "Message-ID": message_id_header(message),
        "Auto-Submitted": "auto-generated",
    }
    unsubscribe_url = message_unsubscribe_url(message)
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    to = formataddr((message.recipient_name, message.recipient_email))
    email = OutboxEmail(
        subject=" ".join(rendered.subject.split()),
        body=rendered.text,
        from_email=sender_address(
            team_name=message.team.name, sender_name=sending.sender_name if sending else ""
        ),
        to=[to],
        reply_to=[sending.reply_to] if sending and sending.reply_to else None,
        headers=headers,
        inline_images=rendered.inline_images,
    )
    email.attach_alternative(rendered.html, "text/html")
    for attachment in rendered.attachments:
        if attachment.mimetype.startswith("text/calendar"):
            part = MIMEText(attachment.content.decode(), "calendar", "utf-8")
            part.set_param("method", "PUBLISH")
            part.add_header("Content-Disposition", "attachment", filename=attachment.filename)
            email.attach(part)
        else:
            email.attach(attachment.filename, attachment.content, attachment.mimetype)
    return email


class DevMailBackend(ConsoleEmailBackend):
    """Development mail: a short summary on the console, and the whole message as an .eml
    file under MEEDOEN_MAIL_DIR (``var/mail/``) to open in a mail program."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("stream", sys.stdout)
        super().__init__(*args, **kwargs)
        self.folder = Path(settings.MEEDOEN_MAIL_DIR)

    def write_message(self, message: EmailMessage) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S-%f")
        recipient = re.sub(r"[^A-Za-z0-9@._-]", "_", (message.to or ["unknown"])[0])[:60]
        path = self.folder / f"{stamp}-{recipient}.eml"
        path.write_bytes(message.message().as_bytes(linesep="\r\n"))
        self.stream.write(
            f"Mail to {', '.join(message.to)} from {message.from_email}\n"
            f"Subject: {message.subject}\n\n{message.body}\n"
            f"(saved as {path})\n{'-' * 79}\n"
        )
