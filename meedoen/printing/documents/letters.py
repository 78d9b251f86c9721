"""Invitation letters on A4 for residents without email ("bewonersbrief"): one per address,
to a name where it is known, else "to the residents of"; the address sits where the window
of a Dutch window envelope is (left, about 20 mm from the side and 50 mm from the top)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from meedoen.printing.documents.draw import (
    FONT,
    FONT_BOLD,
    GREY,
    Progress,
    clean,
    new_canvas,
    qr_draw,
    wrap,
)

LEFT = 22 * mm
WINDOW_TOP = 50 * mm
BODY_SIZE = 11.0
LEADING = 15.0
PARAGRAPH_LINES = 7


@dataclass(frozen=True)
class Recipient:
    """One address; `name` is empty when the letter goes to whoever lives there."""

    street: str
    postcode: str = ""
    city: str = ""
    name: str = ""


@dataclass(frozen=True)
class LetterText:
    """The letter in its language and the team's form of address."""

    sender: Sequence[str]
    date: str
    residents_of: str
    subject: str
    greeting: str
    greeting_named: str  # with %(name)s
    paragraphs: Sequence[str]
    facts: Sequence[tuple[str, str]]
    register: str
    url: str
    short_url: str
    closing: str
    signature: str


def _letter_draw(canvas: Canvas, recipient: Recipient, text: LetterText) -> None:
    page_w, page_h = A4
    right = page_w - 20 * mm
    body_w = right - LEFT
    canvas.setFillColorRGB(*GREY)
    canvas.setFont(FONT, 9)
    y = page_h - 18 * mm
    for line in text.sender:
        canvas.drawRightString(right, y, clean(line))
        y -= 11
    canvas.setFillColorRGB(0, 0, 0)
    y = page_h - WINDOW_TOP - 10
    canvas.setFont(FONT, 10.5)
    first = clean(recipient.name) or text.residents_of
    for line in (first, recipient.street, f"{recipient.postcode}  {recipient.city}".strip()):
        if clean(line):
            canvas.drawString(LEFT, y, clean(line)[:60])
            y -= 13
    y = page_h - 100 * mm
    canvas.setFont(FONT, BODY_SIZE)
    canvas.drawString(LEFT, y, text.date)
    y -= 2 * LEADING
    canvas.setFont(FONT_BOLD, BODY_SIZE)
    for line in wrap(text.subject, FONT_BOLD, BODY_SIZE, body_w):
        canvas.drawString(LEFT, y, line)
        y -= LEADING
    y -= LEADING
    canvas.setFont(FONT, BODY_SIZE)
    name = clean(recipient.name)
    greeting = text.greeting_named % {"name": name} if name else text.greeting
    canvas.drawString(LEFT, y, greeting)
    y -= 1.5 * LEADING
    for paragraph in text.paragraphs:
        lines = wrap(paragraph, FONT, BODY_SIZE, body_w)
        if len(lines) > PARAGRAPH_LINES:  # one page per letter, however long a text is
            lines = [
                *lines[: PARAGRAPH_LINES - 1],
                lines[PARAGRAPH_LINES - 1].rstrip(".,; ") + " …",
            ]
        for line in lines:
            canvas.drawString(LEFT, y, line)
            y -= LEADING
        y -= LEADING * 0.5
    label_w = 32 * mm
    for label, value in text.facts:
        canvas.setFont(FONT_BOLD, BODY_SIZE)
        canvas.drawString(LEFT, y, label)
        canvas.setFont(FONT, BODY_SIZE)
        lines = wrap(value, FONT, BODY_SIZE, body_w - label_w) or [""]
        for line in lines[:3]:
            canvas.drawString(LEFT + label_w, y, line)
            y -= LEADING
    y -= LEADING * 0.5
    qr_size = 30 * mm
    text_w = body_w - qr_size - 5 * mm
    qr_top = y
    for line in wrap(text.register, FONT, BODY_SIZE, text_w):
        canvas.drawString(LEFT, y, line)
        y -= LEADING
    canvas.setFont(FONT_BOLD, BODY_SIZE + 1)
    canvas.drawString(LEFT, y, text.short_url)
    y -= LEADING
    qr_draw(canvas, text.url, x=right - qr_size, y=qr_top - qr_size + LEADING * 0.7, size=qr_size)
    y = min(y, qr_top - qr_size) - LEADING
    canvas.setFont(FONT, BODY_SIZE)
    canvas.drawString(LEFT, y, text.closing)
    y -= LEADING
    canvas.drawString(LEFT, y, clean(text.signature))


def letters_pdf(
    recipients: Sequence[Recipient],
    text: LetterText,
    *,
    title: str,
    progress: Progress | None = None,
) -> bytes:
    """One page per recipient, in the order given."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, A4, title)
    total = len(recipients)
    for index, recipient in enumerate(recipients):
        if index:
            canvas.showPage()
            if progress and index % 25 == 0:
                progress(index, total)
        _letter_draw(canvas, recipient, text)
    canvas.showPage()
    canvas.save()
    if progress:
        progress(total, total)
    return buffer.getvalue()
