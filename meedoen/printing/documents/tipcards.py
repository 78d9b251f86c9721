"""Tip cards for the tables: a prompt, room to write, and a short code that ties the card to
the meeting, so staff can type the cards in quickly afterwards. Several per A4, with cut
marks."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from meedoen.printing.documents.draw import (
    FONT,
    FONT_BOLD,
    GREY,
    cut_marks,
    draw_fitted,
    fit_text,
    new_canvas,
)

# Cards per A4: (columns, rows). A6 stands upright, A7 lies down.
CARD_GRID: dict[str, tuple[int, int]] = {"A6": (2, 2), "A7": (2, 4)}


@dataclass(frozen=True)
class TipCardText:
    header: str
    prompt: str
    code_label: str


def tip_card_codes(meeting_code: str, count: int) -> list[str]:
    """`<meeting code>-07`: short, and easy to read aloud or type."""
    digits = max(2, len(str(count)))
    return [f"{meeting_code}-{n:0{digits}d}" for n in range(1, count + 1)]


def tip_cards_pdf(codes: Sequence[str], text: TipCardText, *, size: str, title: str) -> bytes:
    columns, rows = CARD_GRID[size]
    page_w, page_h = A4
    card_w, card_h = page_w / columns, page_h / rows
    scale = card_h / (148.5 * mm) if size == "A6" else card_h / (74.25 * mm) * 0.62
    pad = 7 * mm
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, A4, title)
    per_page = columns * rows
    for index, code in enumerate(codes):
        slot = index % per_page
        if slot == 0:
            if index:
                canvas.showPage()
            cut_marks(
                canvas,
                [card_w * c for c in range(1, columns)],
                [card_h * r for r in range(1, rows)],
                5 * mm,
            )
        column, row = slot % columns, slot // columns
        x = column * card_w + pad
        top = page_h - row * card_h - pad
        inner_w = card_w - 2 * pad
        canvas.setFillColorRGB(*GREY)
        fitted = fit_text(
            text.header, FONT, box_width=inner_w, box_height=12, max_size=8, max_lines=1
        )
        top = draw_fitted(canvas, fitted, FONT, x=x, top=top, box_width=inner_w, align="left")
        canvas.setFillColorRGB(0, 0, 0)
        fitted = fit_text(
            text.prompt,
            FONT_BOLD,
            box_width=inner_w,
            box_height=34 * scale + 14,
            max_size=16 * scale + 4,
            min_size=8,
            max_lines=3,
        )
        top = draw_fitted(
            canvas, fitted, FONT_BOLD, x=x, top=top - 2 * mm, box_width=inner_w, align="left"
        )
        bottom = page_h - (row + 1) * card_h + pad
        code_h = 6 * mm
        canvas.setStrokeColorRGB(0.75, 0.75, 0.75)
        canvas.setLineWidth(0.5)
        y = top - 9 * mm
        while y > bottom + code_h + 2 * mm:
            canvas.line(x, y, x + inner_w, y)
            y -= 9 * mm
        canvas.setFillColorRGB(*GREY)
        canvas.setFont(FONT, 8)
        label = f"{text.code_label} "
        canvas.drawString(x, bottom + 1, label)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.setFont(FONT_BOLD, 11)
        canvas.drawString(x + canvas.stringWidth(label, FONT, 8), bottom + 1, code)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
