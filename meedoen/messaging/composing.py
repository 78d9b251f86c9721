"""What a message says: the team's own text (or the built-in one) with its placeholders filled
from the subject's provider, as plain text and HTML, with the practical information, the
check-in QR code and the attachments its kind carries.

Delivery calls `message_render(message)`; the template editor's preview calls `compose` with
the same values, so what staff see is what residents get."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.template import TemplateDoesNotExist
from django.template.defaultfilters import linebreaksbr, urlize
from django.template.loader import get_template
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from meedoen.messaging import subjects
from meedoen.messaging.mail import message_unsubscribe_url
from meedoen.messaging.models import Message, MessageTemplate, PracticalNote
from meedoen.messaging.subjects import Attachment, SubjectContent, subject_content
from meedoen.messaging.texts import (
    PRACTICAL_KINDS,
    QR_CONTENT_ID,
    QR_KINDS,
    default_text,
    placeholders_for,
)
from meedoen.teams.models import Team

PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")


class SubjectGone(LookupError):
    """The registration or meeting a message is about no longer exists: cancel, do not send."""


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    text: str
    html: str
    attachments: list[Attachment] = field(default_factory=list)
    inline_images: dict[str, bytes] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Texts and placeholders


def placeholders_unknown(text: str, *, kind: str) -> list[str]:
    """Placeholders in a text that a message of this kind cannot fill (shown to staff as an
    error before they save)."""
    allowed = {p.key for p in placeholders_for(kind)}
    found = PLACEHOLDER.findall(text)
    return sorted({key for key in found if key not in allowed})


def placeholders_fill(text: str, values: Mapping[str, str]) -> str:
    """Replace each known ``{key}``; anything else stays as it was written."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


@dataclass
class TextCache:
    """What the messages of one delivery batch share, read once per batch instead of once per
    message: the teams' own texts and the meetings' what-to-bring notes. A change staff save
    while a batch is being sent shows from the next batch on."""

    templates: dict[tuple[int, str, str], MessageTemplate | None] = field(default_factory=dict)
    notes: dict[tuple[int, int], str] = field(default_factory=dict)


def _own_text(
    *, team: Team, kind: str, language: str, cache: TextCache | None
) -> MessageTemplate | None:
    key = (team.pk, kind, language)
    if cache is not None and key in cache.templates:
        return cache.templates[key]
    own = MessageTemplate.objects.filter(team=team, kind=kind, language=language).first()
    if cache is not None:
        cache.templates[key] = own
    return own


def team_text(
    *, team: Team, kind: str, language: str, cache: TextCache | None = None
) -> tuple[str, str]:
    """The (subject, body) the team uses for a kind and language: its own words where it wrote
    them, else the built-in text in the team's form of address."""
    own = _own_text(team=team, kind=kind, language=language, cache=cache)
    with translation.override(language):
        subject, body = default_text(kind, form_of_address=team.form_of_address)
    if own is not None:
        subject = own.subject.strip() or subject
        body = own.body.strip() or body
    return subject, body


def sender_name(team: Team) -> str:
    settings = getattr(team, "messaging_settings", None)
    return (settings.sender_name if settings else "") or team.name


def _meeting_id(message: Message) -> int | None:
    value = (message.context or {}).get("meeting_id")
    return value if isinstance(value, int) else None


def practical_note(*, team: Team, meeting_id: int | None, cache: TextCache | None = None) -> str:
    if meeting_id is None:
        return ""
    key = (team.pk, meeting_id)
    if cache is not None and key in cache.notes:
        return cache.notes[key]
    note = PracticalNote.objects.filter(
        team=team, subject_key=subjects.subject_key(subjects.MEETING_PREFIX, meeting_id)
    ).first()
    bring = note.bring if note else ""
    if cache is not None:
        cache.notes[key] = bring
    return bring


def message_values(
    message: Message, content: SubjectContent, *, cache: TextCache | None = None
) -> dict[str, str]:
    """Everything a placeholder can be: the recipient and team, what the caller fixed at
    enqueue time (string values of the context), then the subject's own values."""
    values = {
        "name": message.recipient_name,
        "team": sender_name(message.team),
        "bring": practical_note(team=message.team, meeting_id=_meeting_id(message), cache=cache),
    }
    values.update({k: v for k, v in (message.context or {}).items() if isinstance(v, str)})
    values.update(content.values)
    return values


# ---------------------------------------------------------------------------------------------
# Plain text and HTML


def _paragraphs_html(text: str) -> str:
    blocks = [b.strip("\n") for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    return format_html_join(
        "", "<p>{}</p>", ((linebreaksbr(urlize(block, autoescape=True)),) for block in blocks)
    )


def _practical_rows(values: Mapping[str, str]) -> list[tuple[str, str]]:
    when = values.get("date", "")
    if values.get("time"):
        when = _("%(date)s, %(start)s to %(end)s") % {
            "date": when,
            "start": values.get("time", ""),
            "end": values.get("end_time", ""),
        }
    where = ", ".join(v for v in (values.get("place", ""), values.get("address", "")) if v)
    rows = [
        (_("When"), when),
        (_("Where"), where),
        (_("Accessibility"), values.get("accessibility", "")),
        (_("Parking"), values.get("parking", "")),
        (_("Public transport"), values.get("route", "")),
        (_("Together"), values.get("social", "")),
        (_("Please bring"), values.get("bring", "")),
        (_("Check-in code"), values.get("checkin_code", "")),
        (_("Change or cancel"), values.get("manage_link", "")),
    ]
    return [(label, value) for label, value in rows if value]


def _practical_text(rows: list[tuple[str, str]]) -> str:
    lines = [_("Practical information"), ""]
    lines += [f"{label}: {value}" for label, value in rows]
    return "\n".join(lines)


def _practical_html(rows: list[tuple[str, str]], qr_src: str, qr_alt: str) -> str:
    items = format_html_join(
        "",
        '<tr><th scope="row" align="left" valign="top">{}</th><td>{}</td></tr>',
        ((label, urlize(value, autoescape=True)) for label, value in rows),
    )
    html = format_html(
        '<h2>{}</h2><table cellpadding="4">{}</table>',
        _("Practical information"),
        items,
    )
    if qr_src:
        html += format_html(
            '<p><img src="{}" alt="{}" width="180" height="180"></p>', qr_src, qr_alt
        )
    return html


def compose(
    *,
    kind: str,
    subject: str,
    body: str,
    values: Mapping[str, str],
    content: SubjectContent,
    image_src: Callable[[str, bytes], str] | None = None,
) -> RenderedMessage:
    """Fill a text and build both parts (without the team's wrapper). `image_src` gives the
    address of an inline image: a cid: reference in mail, a data: URI in the preview."""
    image_src = image_src or (lambda cid, _data: f"cid:{cid}")
    filled_body = placeholders_fill(body, values)
    text = filled_body.strip()
    html = _paragraphs_html(filled_body)
    if kind in PRACTICAL_KINDS:
        rows = _practical_rows(values)
        text += "\n\n" + _practical_text(rows)
        qr = content.inline_images.get(QR_CONTENT_ID) if kind in QR_KINDS else None
        qr_alt = _("QR code with your check-in code %(code)s") % {
            "code": values.get("checkin_code", "")
        }
        html += _practical_html(rows, image_src(QR_CONTENT_ID, qr) if qr else "", qr_alt)
    images = content.inline_images if kind in QR_KINDS else {}
    return RenderedMessage(
        subject=" ".join(placeholders_fill(subject, values).split()),
        text=text,
        html=html,
        attachments=list(content.attachments),
        inline_images=dict(images),
    )


def image_data_uri(_cid: str, data: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(data).decode()


def _wrap(name: str, context: dict[str, Any], fallback: str) -> str:
    """Put a part into the team's mail wrapper (messaging/email/base.*) when there is one."""
    try:
        template = get_template(name)
    except TemplateDoesNotExist:
        return fallback
    return template.render(context)


def message_render(message: Message, *, cache: TextCache | None = None) -> RenderedMessage:
    """The message as it is sent now: the current text and the subject as it is now (a
    reminder shows the meeting's current time and place). Raises SubjectGone when the
    registration or meeting was deleted. Delivery passes one ``cache`` per batch."""
    with translation.override(message.language):
        content = subject_content(message)
        if content is None:
            raise SubjectGone(message.subject_key)
        subject, body = team_text(
            team=message.team, kind=message.kind, language=message.language, cache=cache
        )
        values = message_values(message, content, cache=cache)
        rendered = compose(
            kind=message.kind, subject=subject, body=body, values=values, content=content
        )
        context = {
            "body_html": SafeString(rendered.html),
            "body_text": rendered.text,
            "team_name": values["team"],
            "unsubscribe_url": message_unsubscribe_url(message),
            "language": message.language,
        }
        html = _wrap("messaging/email/base.html", context, rendered.html)
        text = _wrap("messaging/email/base.txt", context, rendered.text)
    return RenderedMessage(
        subject=rendered.subject,
        text=text,
        html=html,
        attachments=rendered.attachments,
        inline_images=rendered.inline_images,
    )


def message_preview(
    *,
    team: Team,
    kind: str,
    language: str,
    subject: str,
    body: str,
    subject_key: str,
    meeting_id: int,
    recipient_name: str,
) -> RenderedMessage | None:
    """An unsaved text as it would read for a real subject (the editor's live preview). Inline
    images are data: URIs so the browser shows them. None when the subject is gone."""
    message = Message(
        team=team,
        kind=kind,
        language=language,
        recipient_name=recipient_name,
        subject_key=subject_key,
        context={"meeting_id": meeting_id, "test": True},
    )
    with translation.override(language):
        content = subject_content(message)
        if content is None:
            return None
        return compose(
            kind=kind,
            subject=subject,
            body=body,
            values=message_values(message, content),
            content=content,
            image_src=image_data_uri,
        )
