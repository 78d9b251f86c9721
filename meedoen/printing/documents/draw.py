"""Drawing helpers every printed document shares: the embedded font, text that shrinks and
then wraps to fit its box, QR codes as vectors, the no-photo mark and cut marks."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import segno
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from meedoen.teams.pdf import FONT as FONT
from meedoen.teams.pdf import FONT_BOLD as FONT_BOLD
from meedoen.teams.pdf import pdf_fonts_register

MIN_SIZE = 4.0
GREY = (0.35, 0.35, 0.35)

Progress = Callable[[int, int], None]

# Characters a PDF text string cannot hold sensibly: C0 controls.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean(value: object) -> str:
    """Text as typed, on one line, without control characters."""
    return " ".join(_CONTROL.sub(" ", str(value)).split())


def new_canvas(buffer: io.BytesIO, page_size: tuple[float, float], title: str) -> Canvas:
    pdf_fonts_register()
    canvas = Canvas(buffer, pagesize=page_size, initialFontName=FONT, initialFontSize=10)
    canvas.setTitle(title)
    canvas.setCreator("Meedoen")
    return canvas


def width(text: str, font: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, font, size))


@dataclass(frozen=True)
class Fitted:
    size: float
    lines: list[str]


def _split_long_word(word: str, font: str, limit: float) -> list[str]:
    """A word wider than `limit` at 1 pt, cut into pieces that each fit."""
    pieces, current = [], ""
    for char in word:
        if current and width(current + char, font, 1) > limit:
            pieces.append(current)
            current = char
        else:
            current += char
    return [*pieces, current] if current else pieces


def _balanced(words: Sequence[str], font: str, count: int) -> list[str]:
    """Words in `count` lines with the narrowest widest line (small inputs: exhaustive)."""
    if count <= 1 or len(words) <= 1:
        return [" ".join(words)]
    best: list[str] = []
    best_width = float("inf")
    for cut in range(1, len(words)):
        head = " ".join(words[:cut])
        tail = _balanced(words[cut:], font, count - 1)
        widest = max(width(line, font, 1) for line in [head, *tail])
        if widest < best_width:
            best, best_width = [head, *tail], widest
    return best


def fit_text(
    text: str,
    font: str,
    *,
    box_width: float,
    box_height: float,
    max_size: float,
    min_size: float = 8.0,
    max_lines: int = 2,
    leading: float = 1.15,
) -> Fitted:
    """The largest size at which `text` fits the box: on one line, shrinking down to
    `min_size`; then wrapped over up to `max_lines` lines; as a last resort smaller than
    `min_size`. Never wider or taller than the box."""
    text = clean(text)
    if not text:
        return Fitted(max_size, [])
    one = width(text, font, 1)
    size = min(max_size, box_width / one if one else max_size, box_height / leading)
    if size >= min_size or max_lines == 1:
        return Fitted(size, [text])
    words = text.replace("-", "- ").split()
    best = Fitted(size, [text])
    for count in range(2, max_lines + 1):
        if len(words) > 12:
            break
        lines = [line.replace("- ", "-") for line in _balanced(words, font, count)]
        widest = max(width(line, font, 1) for line in lines)
        candidate = min(max_size, box_width / widest, box_height / (leading * len(lines)))
        if candidate > best.size:
            best = Fitted(candidate, lines)
        if candidate >= min_size:
            return best
    if best.size >= min_size:
        return best
    # Long words without spaces: break inside the words at the smallest readable size.
    pieces = _split_long_word(text, font, box_width / min_size)
    if len(pieces) <= max_lines and min_size * leading * len(pieces) <= box_height:
        return Fitted(min_size, pieces)
    return best


def draw_fitted(
    canvas: Canvas,
    fitted: Fitted,
    font: str,
    *,
    x: float,
    top: float,
    box_width: float,
    align: str = "center",
    leading: float = 1.15,
) -> float:
    """Draw the lines from `top` down; returns the y below the last line."""
    canvas.setFont(font, fitted.size)
    y = top
    for line in fitted.lines:
        y -= fitted.size * leading
        baseline = y + fitted.size * (leading - 1) + fitted.size * 0.22
        if align == "center":
            canvas.drawCentredString(x + box_width / 2, baseline, line)
        elif align == "right":
            canvas.drawRightString(x + box_width, baseline, line)
        else:
            canvas.drawString(x, baseline, line)
    return y


def wrap(text: str, font: str, size: float, limit: float) -> list[str]:
    """Paragraph text in lines no wider than `limit` (line breaks in the text are kept)."""
    out: list[str] = []
    for paragraph in str(text).replace("\r\n", "\n").split("\n"):
        words = clean(paragraph).split()
        line = ""
        for word in words:
            if width(word, font, size) > limit:
                pieces = _split_long_word(word, font, limit / size)
            else:
                pieces = [word]
            for piece in pieces:
                candidate = f"{line} {piece}" if line else piece
                if line and width(candidate, font, size) > limit:
                    out.append(line)
                    line = piece
                else:
                    line = candidate
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


def qr_draw(canvas: Canvas, data: str, *, x: float, y: float, size: float) -> None:
    """A QR code as vector rectangles (crisp at any size), `size` including the quiet zone
    of four modules; (x, y) is its bottom-left corner."""
    code = segno.make(data, error="m", micro=False)
    matrix = code.matrix
    modules = len(matrix) + 8
    unit = size / modules
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    path = canvas.beginPath()
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + 4) * unit
        start = None
        for column, dark in enumerate([*row, 0]):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                path.rect(x + (start + 4) * unit, top - unit, (column - start) * unit, unit)
                start = None
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def no_photo_mark(canvas: Canvas, *, x: float, y: float, size: float) -> None:
    """A small camera with a stroke through it: this person would rather not be
    photographed. Drawn as vectors, so it needs no glyph and reads in any language."""
    canvas.saveState()
    canvas.setStrokeColorRGB(*GREY)
    canvas.setLineWidth(max(0.5, size / 14))
    body_h = size * 0.55
    canvas.roundRect(x, y + size * 0.15, size, body_h, size * 0.08, stroke=1, fill=0)
    canvas.rect(x + size * 0.3, y + size * 0.15 + body_h, size * 0.3, size * 0.12, stroke=1)
    canvas.circle(x + size / 2, y + size * 0.15 + body_h / 2, size * 0.17, stroke=1, fill=0)
    canvas.line(x - size * 0.05, y + size * 0.02, x + size * 1.05, y + size * 0.98)
    canvas.restoreState()


def cut_marks(canvas: Canvas, xs: Sequence[float], ys: Sequence[float], length: float) -> None:
    """Short lines at the page edges where the sheet is cut."""
    page_width, page_height = canvas._pagesize
    canvas.saveState()
    canvas.setStrokeColorRGB(0.5, 0.5, 0.5)
    canvas.setLineWidth(0.4)
    for x in xs:
        canvas.line(x, 0, x, length)
        canvas.line(x, page_height - length, x, page_height)
    for y in ys:
        canvas.line(0, y, length, y)
        canvas.line(page_width - length, y, page_width, y)
    canvas.restoreState()


def logo_draw(
    canvas: Canvas, image: bytes, *, x: float, top: float, box: tuple[float, float]
) -> None:
    """An uploaded logo, scaled into the box with its proportions, top-right aligned."""
    from reportlab.lib.utils import ImageReader

    reader = ImageReader(io.BytesIO(image))
    width_px, height_px = reader.getSize()
    scale = min(box[0] / width_px, box[1] / height_px)
    w, h = width_px * scale, height_px * scale
    canvas.drawImage(reader, x - w, top - h, w, h, mask="auto")
