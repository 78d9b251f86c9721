"""The participation plan as a PDF to print and share, and as a DOCX that teams edit in Word.

Both are rendered in the active language from one neutral outline (headings, paragraphs,
tables), so the two files always say the same thing.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from django.utils.formats import date_format
from django.utils.text import capfirst, slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from meedoen.plans.models import ParticipationPlan, Ring, Stakeholder
from meedoen.plans.selectors import PlanOverview, RungRow
from meedoen.teams.pdf import FONT as FONT_REGULAR
from meedoen.teams.pdf import FONT_BOLD, pdf_fonts_register

# ---------------------------------------------------------------------------------------------
# The outline both formats are rendered from


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1 or 2


@dataclass(frozen=True)
class Para:
    text: str
    muted: bool = False


@dataclass(frozen=True)
class Bullets:
    items: list[str]


@dataclass(frozen=True)
class Facts:
    """Label and value pairs, shown as a two-column table without a header row."""

    rows: list[tuple[str, str]]


@dataclass(frozen=True)
class Grid:
    """A table with a header row; `widths` are fractions of the text width."""

    header: list[str]
    rows: list[list[str]]
    widths: list[float]


Block = Heading | Para | Bullets | Facts | Grid

NO_VALUE = "–"


@dataclass
class Outline:
    title: str
    subtitle: str
    team: str
    blocks: list[Block] = field(default_factory=list)


# Characters XML (and so DOCX and reportlab's markup) cannot hold: C0 controls except tab/LF/CR.
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: object) -> str:
    """Plain text for the outline: lazy strings evaluated, characters XML refuses removed."""
    return _XML_INVALID.sub("", str(value)).strip()


def _date(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


def _period(plan: ParticipationPlan) -> str:
    start, end = plan.period_start, plan.period_end
    if start and end:
        return f"{_date(start)} – {_date(end)}"
    if start:
        return _("from %(date)s") % {"date": _date(start)}
    if end:
        return _("until %(date)s") % {"date": _date(end)}
    return _("Not set yet.")


def _names(stakeholders: Sequence[Stakeholder]) -> str:
    return ", ".join(_text(s.name) for s in stakeholders)


def _rung_used(row: RungRow) -> bool:
    return bool(row.stakeholders) or row.rung_plan is not None


def _long_text(value: str) -> list[Block]:
    """A free text field as paragraphs (one per line), or a short note when it is empty."""
    lines = [_text(line) for line in value.splitlines()]
    paragraphs: list[Block] = [Para(line) for line in lines if line]
    return paragraphs or [Para(_("Not filled in yet."), muted=True)]


def _plan_outline(overview: PlanOverview) -> Outline:
    """Everything in the plan, in the order of the method's four steps."""
    plan = overview.plan
    outline = Outline(
        title=_text(plan.title),
        subtitle=_("Participation plan of %(team)s") % {"team": _text(plan.team.name)},
        team=_text(plan.team.name),
    )
    add = outline.blocks.append

    add(Heading(_("About this plan"), 1))
    neighbourhoods = ", ".join(_text(n) for n in plan.neighbourhoods if _text(n))
    add(
        Facts(
            [
                (_("Theme"), _text(plan.theme) or NO_VALUE),
                (_("Period"), _period(plan)),
                (_("Neighbourhoods"), neighbourhoods or _("None given.")),
            ]
        )
    )
    for label, value in (
        (_("Goal"), plan.goal),
        (_("What is being decided"), plan.decision_at_stake),
        (_("Room for influence"), plan.room_for_influence),
    ):
        add(Heading(label, 2))
        outline.blocks.extend(_long_text(value))

    # Step 1: the stakeholders, from the inner ring (highest interest) outwards.
    add(Heading(_("Step 1: the stakeholders"), 1))
    if not overview.stakeholders:
        add(Para(_("No stakeholders yet."), muted=True))
    for ring, ring_label in Ring.choices:
        in_ring = overview.by_ring.get(ring, [])
        if not overview.stakeholders:
            break
        add(Heading(f"{capfirst(_text(ring_label))} ({len(in_ring)})", 2))
        if not in_ring:
            add(Para(_("No stakeholders in this ring."), muted=True))
            continue
        add(
            Grid(
                [_("Name"), _("Kind"), _("Contact person"), _("What they can contribute")],
                [
                    [
                        _text(s.name),
                        _text(s.get_kind_display()),
                        _text(s.contact_person) or NO_VALUE,
                        _text(s.contribution) or NO_VALUE,
                    ]
                    for s in in_ring
                ],
                [0.27, 0.18, 0.2, 0.35],
            )
        )

    # Step 2: the rung each stakeholder takes part on.
    add(Heading(_("Step 2: the ladder"), 1))
    add(
        Grid(
            [_("Rung"), _("Stakeholders")],
            [
                [_text(row.info.name), _names(row.stakeholders) or NO_VALUE]
                for row in overview.ladder
            ],
            [0.3, 0.7],
        )
    )
    without_rung = overview.without_rung
    if without_rung:
        add(Para(_("Without a rung yet: %(names)s") % {"names": _names(without_rung)}))
    elif overview.stakeholders:
        add(Para(_("Every stakeholder has a rung."), muted=True))

    used = [row for row in overview.ladder if _rung_used(row)]

    # Step 3: the methods chosen per rung.
    add(Heading(_("Step 3: methods per rung"), 1))
    if used:
        add(
            Grid(
                [_("Rung"), _("Methods")],
                [
                    [
                        _text(row.info.name),
                        ", ".join(_text(m.name) for m in row.methods) or _("No method chosen yet."),
                    ]
                    for row in used
                ],
                [0.3, 0.7],
            )
        )
    else:
        add(Para(_("No rung is used yet."), muted=True))

    # Step 4: what each rung should yield.
    add(Heading(_("Step 4: what each rung should yield"), 1))
    if used:
        add(
            Grid(
                [_("Rung"), _("What it should yield")],
                [
                    [
                        _text(row.info.name),
                        (_text(row.rung_plan.expected_yield) if row.rung_plan else "")
                        or _("Not filled in yet."),
                    ]
                    for row in used
                ],
                [0.3, 0.7],
            )
        )
    else:
        add(Para(_("No rung is used yet."), muted=True))

    add(Heading(_("Planned moments"), 1))
    if overview.moments:
        add(
            Grid(
                [_("What"), _("When"), _("Rung"), _("Method"), _("For whom")],
                [
                    [
                        _text(moment.what),
                        _text(moment.when) or NO_VALUE,
                        _text(moment.get_rung_display()) or NO_VALUE,
                        _text(moment.method.name) if moment.method else NO_VALUE,
                        _names(list(moment.stakeholders.all())) or NO_VALUE,
                    ]
                    for moment in overview.moments
                ],
                [0.26, 0.14, 0.16, 0.18, 0.26],
            )
        )
    else:
        add(Para(_("No moments planned yet."), muted=True))

    add(Heading(_("Points to check"), 1))
    if overview.warnings:
        add(Bullets([_text(warning.message) for warning in overview.warnings]))
    else:
        add(Para(_("Nothing to point out."), muted=True))
    return outline


# ---------------------------------------------------------------------------------------------
# PDF (reportlab)


def _markup(text: str) -> str:
    """User text for reportlab's mini-markup: escaped, so `<b>` and `&` print as typed; line
    breaks kept."""
    return escape(text).replace("\r\n", "\n").replace("\n", "<br/>")


def plan_pdf(overview: PlanOverview) -> bytes:
    """The plan as an A4 PDF with an embedded font, page header and page numbers."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import (
        CondPageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    pdf_fonts_register()
    outline = _plan_outline(overview)
    ink = colors.HexColor("#1a1a1a")
    muted = colors.HexColor("#555555")
    rule = colors.HexColor("#9aa3ab")
    shade = colors.HexColor("#e9edf0")
    body = ParagraphStyle(
        "body",
        fontName=FONT_REGULAR,
        bulletFontName=FONT_REGULAR,
        fontSize=10.5,
        leading=14.5,
        textColor=ink,
        spaceAfter=4,
    )
    styles = {
        "body": body,
        "muted": ParagraphStyle("muted", parent=body, textColor=muted),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12.5, spaceAfter=0),
        "head": ParagraphStyle(
            "head", parent=body, fontName=FONT_BOLD, fontSize=9.5, leading=12.5, spaceAfter=0
        ),
        "title": ParagraphStyle(
            "title", parent=body, fontName=FONT_BOLD, fontSize=20, leading=25, spaceAfter=2
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=body, fontSize=12, leading=16, textColor=muted, spaceAfter=10
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=15,
            leading=19,
            spaceBefore=14,
            spaceAfter=6,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=8,
            spaceAfter=3,
        ),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2),
    }

    margin = 18 * mm
    pad = 6  # the padding of SimpleDocTemplate's frame: text starts this far inside the margin
    page_width, page_height = A4
    left, right = margin + pad, page_width - margin - pad
    text_width = right - left
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin + 6 * mm,
        bottomMargin=margin + 4 * mm,
        title=outline.title,
        author=outline.team,
        subject=outline.subtitle,
        creator="Meedoen",
        initialFontName=FONT_REGULAR,  # else every page names Helvetica, which is not embedded
        initialFontSize=10.5,
        lang=get_language() or None,
    )

    def fit(text: str, width: float, size: float = 8.5) -> str:
        """Shorten a header or footer text with an ellipsis so it fits its place."""
        if stringWidth(text, FONT_REGULAR, size) <= width:
            return text
        while text and stringWidth(text + "…", FONT_REGULAR, size) > width:
            text = text[:-1]
        return text.rstrip() + "…"

    def decorate(canvas: Canvas, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT_REGULAR, 8.5)
        canvas.setFillColor(muted)
        canvas.setStrokeColor(rule)
        canvas.setLineWidth(0.5)
        top = page_height - margin + 1 * mm
        canvas.drawString(left, top, fit(outline.title, text_width * 0.68))
        canvas.drawRightString(right, top, fit(outline.team, text_width * 0.3))
        canvas.line(left, top - 2 * mm, right, top - 2 * mm)
        bottom = margin - 2 * mm
        canvas.line(left, bottom + 4 * mm, right, bottom + 4 * mm)
        canvas.drawString(left, bottom, fit(outline.subtitle, text_width * 0.75))
        canvas.drawRightString(right, bottom, _("Page %(number)s") % {"number": document.page})
        canvas.restoreState()

    def paragraph(text: str, style: str) -> Paragraph:
        return Paragraph(_markup(text), styles[style])

    def table(rows: list[list[Paragraph]], widths: list[float], *, header: bool) -> Table:
        grid = Table(
            rows,
            colWidths=[w * text_width for w in widths],
            repeatRows=1 if header else 0,
            splitInRow=1,  # a very long cell continues on the next page instead of failing
            hAlign="LEFT",
        )
        commands: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), FONT_REGULAR, 9.5),  # the cell default, else Helvetica
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.5, rule),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
        commands.append(("BACKGROUND", (0, 0), (-1, 0) if header else (0, -1), shade))
        grid.setStyle(TableStyle(commands))
        return grid

    story: list[Any] = [paragraph(outline.title, "title"), paragraph(outline.subtitle, "subtitle")]
    after_heading = False
    for block in outline.blocks:
        flowable: Any
        if isinstance(block, Heading):
            if not after_heading:
                # A heading near the foot of a page moves to the next one; a long table after
                # it still starts right below it and continues overleaf, header repeated.
                story.append(CondPageBreak(35 * mm))
            story.append(paragraph(block.text, "h1" if block.level == 1 else "h2"))
            after_heading = True
            continue
        after_heading = False
        if isinstance(block, Para):
            flowable = paragraph(block.text, "muted" if block.muted else "body")
        elif isinstance(block, Bullets):
            flowable = [
                Paragraph(_markup(item), styles["bullet"], bulletText="•") for item in block.items
            ]
        elif isinstance(block, Facts):
            flowable = table(
                [[paragraph(k, "head"), paragraph(v, "cell")] for k, v in block.rows],
                [0.25, 0.75],
                header=False,
            )
        else:
            header = [paragraph(text, "head") for text in block.header]
            body_rows = [[paragraph(text, "cell") for text in row] for row in block.rows]
            flowable = table([header, *body_rows], block.widths, header=True)
        story.extend(flowable if isinstance(flowable, list) else [flowable])
        story.append(Spacer(1, 5))
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# DOCX (python-docx)


def plan_docx(overview: PlanOverview) -> bytes:
    """The plan as a Word document with real headings and tables, for teams to edit."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    outline = _plan_outline(overview)
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(18))
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    core = document.core_properties
    core.title = outline.title
    core.subject = outline.subtitle
    core.author = outline.team
    core.language = get_language() or ""

    def header_row_repeat(row: Any) -> None:
        properties = row._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        properties.append(repeat)

    def bold_cell(cell: Any, text: str) -> None:
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True

    document.add_heading(outline.title, level=0)
    subtitle = document.add_paragraph()
    subtitle.add_run(outline.subtitle).font.color.rgb = RGBColor(0x55, 0x55, 0x55)

    usable = section.page_width - section.left_margin - section.right_margin  # type: ignore[operator]
    for block in outline.blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=block.level)
        elif isinstance(block, Para):
            paragraph = document.add_paragraph()
            run = paragraph.add_run(block.text)
            if block.muted:
                run.italic = True
        elif isinstance(block, Bullets):
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Facts):
            grid = document.add_table(rows=0, cols=2)
            grid.style = "Table Grid"
            for label, value in block.rows:
                cells = grid.add_row().cells
                bold_cell(cells[0], label)
                cells[1].text = value
            _docx_widths(grid, [0.25, 0.75], usable)
        else:
            grid = document.add_table(rows=1, cols=len(block.header))
            grid.style = "Table Grid"
            for cell, text in zip(grid.rows[0].cells, block.header, strict=True):
                bold_cell(cell, text)
            header_row_repeat(grid.rows[0])
            for row in block.rows:
                for cell, text in zip(grid.add_row().cells, row, strict=True):
                    cell.text = text
            _docx_widths(grid, block.widths, usable)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_widths(grid: Any, fractions: list[float], usable: int) -> None:
    for row in grid.rows:
        for cell, fraction in zip(row.cells, fractions, strict=True):
            cell.width = int(usable * fraction)


# ---------------------------------------------------------------------------------------------
# File name

_EXTENSION = re.compile(r"^[a-z0-9]{1,8}$")


def plan_export_filename(plan: ParticipationPlan, extension: str) -> str:
    """A safe ASCII file name, e.g. "participatieplan-gezond-ouder-worden-in-noord.pdf"."""
    extension = extension.lower().lstrip(".")
    if not _EXTENSION.match(extension):
        raise ValueError(f"not a file extension: {extension!r}")
    # Translators: start of the file name of an exported plan: lowercase, words joined by "-".
    prefix = slugify(_("participation-plan")) or "plan"
    title = slugify(plan.title)[:80].strip("-")
    stem = f"{prefix}-{title}" if title else prefix
    return f"{stem}.{extension}"


__all__ = ["plan_docx", "plan_export_filename", "plan_pdf"]
