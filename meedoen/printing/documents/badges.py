"""Name badges on label stock or as folded name tents: first name large, an optional second
line, the table per round, and a discreet mark for people who would rather not be
photographed."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from meedoen.printing.documents.draw import (
    FONT,
    FONT_BOLD,
    GREY,
    Progress,
    clean,
    draw_fitted,
    fit_text,
    new_canvas,
    no_photo_mark,
)
from meedoen.printing.layouts import LabelStock


@dataclass(frozen=True)
class Badge:
    """What one badge says. An empty `name` is a blank badge to write on."""

    name: str = ""
    surname: str = ""
    second_line: str = ""
    tables: str = ""
    no_photo: bool = False


def _badge_draw(
    canvas: Canvas,
    badge: Badge,
    box: tuple[float, float, float, float],
    *,
    header: str,
) -> None:
    x, y, w, h = box
    pad = min(5 * mm, w * 0.06)
    scale = h / (67.7 * mm)
    inner_w = w - 2 * pad
    top = y + h - pad
    if header:
        size = max(6.0, 7.5 * scale)
        canvas.setFillColorRGB(*GREY)
        fitted = fit_text(
            header, FONT, box_width=inner_w, box_height=size * 1.2, max_size=size, max_lines=1
        )
        draw_fitted(canvas, fitted, FONT, x=x + pad, top=top, box_width=inner_w)
        canvas.setFillColorRGB(0, 0, 0)
    bottom_band = 11 * mm * scale if badge.tables or badge.no_photo else 4 * mm * scale
    second_h = 9 * mm * scale if badge.second_line else 0
    surname_h = 7 * mm * scale if badge.surname and badge.name else 0
    name_top = top - 5 * mm * scale
    name_h = name_top - (y + pad + bottom_band + second_h) - surname_h
    name_y = name_top
    if badge.name:
        fitted = fit_text(
            badge.name,
            FONT_BOLD,
            box_width=inner_w,
            box_height=name_h,
            max_size=44 * scale,
            min_size=16 * scale,
            max_lines=2,
        )
        # Centre the name block in its zone.
        block = fitted.size * 1.15 * len(fitted.lines)
        name_y = name_top - (name_h - block) / 2
        name_y = draw_fitted(canvas, fitted, FONT_BOLD, x=x + pad, top=name_y, box_width=inner_w)
        if surname_h:
            fitted = fit_text(
                badge.surname,
                FONT,
                box_width=inner_w,
                box_height=surname_h,
                max_size=12 * scale,
                min_size=6,
                max_lines=1,
            )
            draw_fitted(canvas, fitted, FONT, x=x + pad, top=name_y, box_width=inner_w)
    else:
        canvas.setStrokeColorRGB(0.6, 0.6, 0.6)
        canvas.setLineWidth(0.6)
        line_y = y + pad + bottom_band + second_h + name_h * 0.3
        canvas.line(x + pad, line_y, x + w - pad, line_y)
        name_y = line_y
    if badge.second_line:
        fitted = fit_text(
            badge.second_line,
            FONT,
            box_width=inner_w,
            box_height=second_h,
            max_size=13 * scale,
            min_size=7 * scale,
            max_lines=2,
        )
        draw_fitted(
            canvas, fitted, FONT, x=x + pad, top=y + pad + bottom_band + second_h, box_width=inner_w
        )
    mark = 6 * mm * scale
    if badge.tables:
        table_w = inner_w - (mark + 2 * mm if badge.no_photo else 0)
        fitted = fit_text(
            badge.tables,
            FONT_BOLD,
            box_width=table_w,
            box_height=bottom_band * 0.8,
            max_size=14 * scale,
            min_size=7,
            max_lines=1,
        )
        draw_fitted(
            canvas,
            fitted,
            FONT_BOLD,
            x=x + pad,
            top=y + pad + bottom_band * 0.85,
            box_width=table_w,
            align="left",
        )
    if badge.no_photo:
        no_photo_mark(canvas, x=x + w - pad - mark, y=y + pad, size=mark)


def _tent_draw(canvas: Canvas, badge: Badge, stock: LabelStock, header: str) -> None:
    """One A4 folded across the middle: the lower half upright, the upper half upside down,
    so the name reads from both sides of the table."""
    page_w, page_h = stock.page_size
    half = page_h / 2
    canvas.saveState()
    canvas.setStrokeColorRGB(0.75, 0.75, 0.75)
    canvas.setDash(3, 3)
    canvas.setLineWidth(0.4)
    canvas.line(0, half, page_w, half)
    canvas.restoreState()
    margin = 15 * mm
    box = (margin, margin, page_w - 2 * margin, half - 2 * margin)
    _badge_draw(canvas, badge, box, header=header)
    canvas.saveState()
    canvas.translate(page_w, page_h)
    canvas.rotate(180)
    _badge_draw(canvas, badge, box, header=header)
    canvas.restoreState()


def badges_pdf(
    badges: Sequence[Badge],
    stock: LabelStock,
    *,
    title: str,
    header: str = "",
    progress: Progress | None = None,
) -> bytes:
    """All badges in order, filling each sheet along its rows from the top left."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, stock.page_size, title)
    per_sheet = 1 if stock.folded else stock.per_sheet
    total = len(badges)
    header = clean(header)
    for index, badge in enumerate(badges):
        slot = index % per_sheet
        if index and slot == 0:
            canvas.showPage()
            if progress:
                progress(index, total)
        if stock.folded:
            _tent_draw(canvas, badge, stock, header)
        else:
            _badge_draw(canvas, badge, stock.label_box(slot), header=header)
    canvas.showPage()
    canvas.save()
    if progress:
        progress(total, total)
    return buffer.getvalue()
