"""Lists on paper: a list per table and round for the tables, a wall list by name, and the
sign-in sheet for the door with empty rows for people who walk in."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from meedoen.printing.documents.draw import (
    FONT,
    FONT_BOLD,
    GREY,
    clean,
    draw_fitted,
    fit_text,
    new_canvas,
)

MARGIN = 18 * mm


@dataclass(frozen=True)
class TableList:
    round: int
    table: int
    names: list[str]
    facilitators: list[str] = field(default_factory=list)
    accessible: bool = False


@dataclass(frozen=True)
class WallRow:
    name: str
    tables: list[int | None]  # per round


@dataclass(frozen=True)
class SignInRow:
    name: str
    party: str = ""
    comes_as: str = ""


def _header(canvas: Canvas, title: str, subtitle: str) -> float:
    """The document's title and the meeting at the top of a page; returns the y below."""
    page_w, page_h = canvas._pagesize
    top = page_h - MARGIN
    fitted = fit_text(
        title, FONT_BOLD, box_width=page_w - 2 * MARGIN, box_height=30, max_size=20, max_lines=1
    )
    top = draw_fitted(canvas, fitted, FONT_BOLD, x=MARGIN, top=top, box_width=0, align="left")
    canvas.setFillColorRGB(*GREY)
    fitted = fit_text(
        subtitle, FONT, box_width=page_w - 2 * MARGIN, box_height=16, max_size=11, max_lines=1
    )
    top = draw_fitted(canvas, fitted, FONT, x=MARGIN, top=top - 2, box_width=0, align="left")
    canvas.setFillColorRGB(0, 0, 0)
    return float(top - 6 * mm)


def _footer(canvas: Canvas, page: int) -> None:
    page_w, _page_h = canvas._pagesize
    canvas.setFont(FONT, 8)
    canvas.setFillColorRGB(*GREY)
    canvas.drawRightString(page_w - MARGIN, MARGIN / 2, _("page %(page)s") % {"page": page})
    canvas.setFillColorRGB(0, 0, 0)


def table_lists_pdf(tables: Sequence[TableList], *, title: str, meeting_line: str) -> bytes:
    """One page per table and round, in large type, to put on the table."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, A4, title)
    page_w, page_h = A4
    box_w = page_w - 2 * MARGIN
    for index, table in enumerate(tables):
        if index:
            canvas.showPage()
        canvas.setFillColorRGB(*GREY)
        canvas.setFont(FONT, 11)
        canvas.drawString(MARGIN, page_h - MARGIN, clean(meeting_line))
        canvas.setFillColorRGB(0, 0, 0)
        heading = _("Table %(table)s") % {"table": table.table}
        canvas.setFont(FONT_BOLD, 54)
        canvas.drawString(MARGIN, page_h - MARGIN - 62, heading)
        canvas.setFont(FONT, 20)
        sub = _("Round %(round)s") % {"round": table.round}
        if table.accessible:
            sub += " · " + _("wheelchair accessible")
        canvas.drawString(MARGIN, page_h - MARGIN - 92, sub)
        y = page_h - MARGIN - 120
        if table.facilitators:
            canvas.setFont(FONT, 14)
            label = _("Facilitator: %(names)s") % {"names": ", ".join(table.facilitators)}
            fitted = fit_text(label, FONT, box_width=box_w, box_height=40, max_size=16)
            y = draw_fitted(canvas, fitted, FONT, x=MARGIN, top=y, box_width=box_w, align="left")
            y -= 4 * mm
        names = [n for n in table.names if n] or ["–"]
        room = y - MARGIN
        size = min(26.0, room / (1.45 * len(names)))
        for name in names:
            fitted = fit_text(
                name, FONT, box_width=box_w, box_height=size * 1.3, max_size=size, max_lines=1
            )
            y = draw_fitted(canvas, fitted, FONT, x=MARGIN, top=y, box_width=box_w, align="left")
            y -= size * 0.3
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def wall_list_pdf(rows: Sequence[WallRow], *, rounds: int, title: str, meeting_line: str) -> bytes:
    """Everyone by name with their table per round, to hang on the wall at the entrance."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, A4, title)
    page_w, _page_h = A4
    size = 15.0
    row_h = size * 1.6
    col_w = 24 * mm
    name_w = page_w - 2 * MARGIN - rounds * col_w
    page = 1

    def head() -> float:
        y = _header(canvas, title, meeting_line)
        canvas.setFont(FONT_BOLD, 11)
        canvas.drawString(MARGIN, y, _("Name"))
        for r in range(rounds):
            x = MARGIN + name_w + r * col_w
            label = _("Round %(round)s") % {"round": r + 1} if rounds > 1 else _("Table")
            canvas.drawString(x, y, label)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, y - 4, page_w - MARGIN, y - 4)
        return y - 4 - row_h

    y = head()
    for index, row in enumerate(rows):
        if y < MARGIN + 6 * mm:
            _footer(canvas, page)
            canvas.showPage()
            page += 1
            y = head()
        if index % 2 == 0:
            canvas.setFillColorRGB(0.93, 0.93, 0.93)
            canvas.rect(MARGIN, y - size * 0.45, page_w - 2 * MARGIN, row_h, stroke=0, fill=1)
            canvas.setFillColorRGB(0, 0, 0)
        fitted = fit_text(
            row.name, FONT, box_width=name_w - 4, box_height=row_h, max_size=size, max_lines=1
        )
        canvas.setFont(FONT, fitted.size)
        canvas.drawString(MARGIN + 2, y, fitted.lines[0] if fitted.lines else "")
        canvas.setFont(FONT_BOLD, size)
        for r, table in enumerate(row.tables[:rounds]):
            canvas.drawString(MARGIN + name_w + r * col_w, y, str(table) if table else "–")
        y -= row_h
    _footer(canvas, page)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def signin_pdf(
    rows: Sequence[SignInRow], *, blank_rows: int, title: str, meeting_line: str
) -> bytes:
    """The attendance list for the door: tick who came; then empty rows for walk-ins."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, A4, title)
    page_w, _page_h = A4
    row_h = 9 * mm
    box = 5 * mm
    text_w = page_w - 2 * MARGIN
    widths = (16 * mm, text_w * 0.38, text_w * 0.22)
    page = 1

    def columns(y: float, labels: Sequence[str]) -> float:
        x = MARGIN
        for w, label in zip((*widths, text_w - sum(widths)), labels, strict=True):
            fitted = fit_text(
                label, FONT_BOLD, box_width=w - 4, box_height=14, max_size=10, max_lines=1
            )
            canvas.setFont(FONT_BOLD, fitted.size)
            canvas.drawString(x + 1, y, fitted.lines[0] if fitted.lines else "")
            x += w
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, y - 4, page_w - MARGIN, y - 4)
        return y - 4

    def new_page(labels: Sequence[str]) -> float:
        nonlocal page
        _footer(canvas, page)
        canvas.showPage()
        page += 1
        return columns(_header(canvas, title, meeting_line), labels)

    def row_lines(y: float) -> None:
        canvas.setStrokeColorRGB(0.7, 0.7, 0.7)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, y, page_w - MARGIN, y)
        canvas.setStrokeColorRGB(0, 0, 0)

    registered = (_("Came"), _("Name"), _("Coming along"), _("I come as"))
    y = columns(_header(canvas, title, meeting_line), registered)
    for row in rows:
        if y - row_h < MARGIN:
            y = new_page(registered)
        canvas.setLineWidth(0.8)
        canvas.rect(MARGIN + 2 * mm, y - row_h + 2 * mm, box, box, stroke=1, fill=0)
        x = MARGIN + widths[0]
        for w, value in zip(
            (widths[1], widths[2], text_w - sum(widths)),
            (row.name, row.party, row.comes_as),
            strict=True,
        ):
            fitted = fit_text(
                value, FONT, box_width=w - 4, box_height=row_h, max_size=11, max_lines=1
            )
            if fitted.lines:
                canvas.setFont(FONT, fitted.size)
                canvas.drawString(x + 1, y - row_h + 3 * mm, fitted.lines[0])
            x += w
        y -= row_h
        row_lines(y)
    walk_in = (_("Came"), _("Name"), _("I come as"), _("Email or phone, to hear what happens next"))
    if blank_rows:
        if y - 3 * row_h < MARGIN:
            y = new_page(walk_in)
        else:
            y -= row_h
            canvas.setFont(FONT_BOLD, 13)
            canvas.drawString(MARGIN, y, _("Came without registering"))
            y = columns(y - 7 * mm, walk_in)
        for _row in range(blank_rows):
            if y - row_h < MARGIN:
                y = new_page(walk_in)
            canvas.setLineWidth(0.8)
            canvas.rect(MARGIN + 2 * mm, y - row_h + 2 * mm, box, box, stroke=1, fill=0)
            y -= row_h
            row_lines(y)
    _footer(canvas, page)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
