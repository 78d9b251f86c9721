"""Posters (A3, A4) and flyers (A5, A6) for the neighbourhood: the same design scaled to the
paper, large type, and a QR code to the public registration page with a readable address."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.units import mm

from meedoen.printing.documents.draw import (
    FONT,
    FONT_BOLD,
    GREY,
    clean,
    draw_fitted,
    fit_text,
    logo_draw,
    new_canvas,
    qr_draw,
    wrap,
)
from meedoen.printing.layouts import PAPER_MM

ACCENT = (0.12, 0.31, 0.47)


@dataclass(frozen=True)
class PosterText:
    """Everything the poster says, already in the chosen language and form of address."""

    welcome: str
    title: str
    when: str
    place: Sequence[str]
    why: str
    register: str
    url: str
    short_url: str
    scan: str
    team: str
    extras: Sequence[str] = field(default_factory=list)  # social moment, accessibility


def poster_pdf(text: PosterText, *, paper: str, logo: bytes | None = None) -> bytes:
    width_mm, height_mm = PAPER_MM[paper]
    page_w, page_h = width_mm * mm, height_mm * mm
    s = width_mm / 210.0
    margin = 14 * mm * s
    box_w = page_w - 2 * margin
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, (page_w, page_h), clean(text.title))

    canvas.setFillColorRGB(*ACCENT)
    canvas.rect(0, page_h - 8 * mm * s, page_w, 8 * mm * s, stroke=0, fill=1)
    top = page_h - 8 * mm * s - margin * 0.7
    canvas.setFillColorRGB(*GREY)
    canvas.setFont(FONT, 11 * s)
    canvas.drawString(margin, top - 11 * s, clean(text.team))
    if logo:
        logo_draw(canvas, logo, x=page_w - margin, top=top, box=(45 * mm * s, 22 * mm * s))
        top -= 24 * mm * s
    else:
        top -= 11 * s * 2

    canvas.setFillColorRGB(*ACCENT)
    fitted = fit_text(
        text.welcome, FONT_BOLD, box_width=box_w, box_height=30 * s, max_size=22 * s, max_lines=1
    )
    top = draw_fitted(canvas, fitted, FONT_BOLD, x=margin, top=top, box_width=box_w, align="left")
    canvas.setFillColorRGB(0, 0, 0)
    fitted = fit_text(
        text.title,
        FONT_BOLD,
        box_width=box_w,
        box_height=66 * mm * s,
        max_size=56 * s,
        min_size=30 * s,
        max_lines=3,
        leading=1.1,
    )
    top = draw_fitted(
        canvas,
        fitted,
        FONT_BOLD,
        x=margin,
        top=top - 4 * s,
        box_width=box_w,
        leading=1.1,
        align="left",
    )
    top -= 6 * mm * s
    canvas.setFillColorRGB(*ACCENT)
    for line in wrap(text.when, FONT_BOLD, 24 * s, box_w)[:2]:
        canvas.setFont(FONT_BOLD, 24 * s)
        top -= 24 * s * 1.2
        canvas.drawString(margin, top, line)
    canvas.setFillColorRGB(0, 0, 0)
    top -= 3 * mm * s
    for part in text.place:
        for line in wrap(part, FONT, 18 * s, box_w)[:2]:
            canvas.setFont(FONT, 18 * s)
            top -= 18 * s * 1.25
            canvas.drawString(margin, top, line)

    qr_size = 58 * mm * s
    bottom_block = margin + qr_size
    # What is left between the facts and the QR block: the why and the extras, shrinking.
    room = top - 6 * mm * s - bottom_block - 6 * mm * s
    for size in (20 * s, 18 * s, 16 * s, 14 * s, 12 * s, 10 * s, 8 * s, 7 * s, 6 * s):
        why = wrap(text.why, FONT, size, box_w)
        extras = [line for extra in text.extras for line in wrap(extra, FONT, size, box_w)]
        needed = (len(why) + len(extras) + (1 if why and extras else 0)) * size * 1.3
        if needed <= room:
            break
    else:
        keep = max(0, int(room // (size * 1.3)) - len(extras) - 1)
        why = why[:keep]
        if why:
            why[-1] = why[-1].rstrip(".,; ") + " …"
    top -= 6 * mm * s
    canvas.setFont(FONT, size)
    for line in why:
        top -= size * 1.3
        canvas.drawString(margin, top, line)
    if why and extras:
        top -= size * 1.3
    for line in extras:
        top -= size * 1.3
        if top < bottom_block:
            break
        canvas.drawString(margin, top, line)

    qr_draw(canvas, text.url, x=margin - 4 * mm * s, y=margin - 4 * mm * s, size=qr_size)
    right_x = margin - 4 * mm * s + qr_size + 4 * mm * s
    right_w = page_w - margin - right_x
    y = margin + qr_size - 10 * mm * s
    fitted = fit_text(
        text.register, FONT_BOLD, box_width=right_w, box_height=40 * s, max_size=20 * s, max_lines=2
    )
    y = draw_fitted(canvas, fitted, FONT_BOLD, x=right_x, top=y, box_width=right_w, align="left")
    canvas.setFillColorRGB(*ACCENT)
    fitted = fit_text(
        text.short_url,
        FONT_BOLD,
        box_width=right_w,
        box_height=50 * s,
        max_size=22 * s,
        min_size=12 * s,
        max_lines=2,
    )
    y = draw_fitted(
        canvas, fitted, FONT_BOLD, x=right_x, top=y - 3 * s, box_width=right_w, align="left"
    )
    canvas.setFillColorRGB(*GREY)
    fitted = fit_text(
        text.scan, FONT, box_width=right_w, box_height=30 * s, max_size=13 * s, max_lines=2
    )
    draw_fitted(canvas, fitted, FONT, x=right_x, top=y - 3 * s, box_width=right_w, align="left")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
