"""Reading printed PDFs back in tests: text per page, text positions, the embedded fonts, and
page images."""

from __future__ import annotations

import io
import re
import struct
from dataclasses import dataclass

import pypdf
import pypdfium2 as pdfium
import zxingcpp
from PIL import Image


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


@dataclass(frozen=True)
class Placed:
    text: str
    x: float
    y: float


def placed_text(pdf: bytes, page_number: int = 0) -> list[Placed]:
    """Every piece of text on a page with where it starts (points from the bottom left)."""
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[page_number]
    out: list[Placed] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            out.append(Placed(text.strip(), tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    return out


def page_image(pdf: bytes, page_number: int = 0, scale: float = 2.0) -> Image.Image:
    document = pdfium.PdfDocument(pdf)
    try:
        return document[page_number].render(scale=scale).to_pil().convert("RGB")
    finally:
        document.close()


def qr_texts(pdf: bytes, page_number: int = 0) -> list[str]:
    image = page_image(pdf, page_number, scale=3.0)
    return [result.text for result in zxingcpp.read_barcodes(image)]


@dataclass(frozen=True)
class EmbeddedFont:
    base_font: str
    font_file: bytes
    to_unicode: dict[int, str]


def embedded_fonts(pdf: bytes) -> list[EmbeddedFont]:
    """Every font of every page, with its embedded TrueType file and ToUnicode map."""
    fonts: dict[str, EmbeddedFont] = {}
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            mapping = {
                int(code, 16): chr(int(uni, 16))
                for code, uni in re.findall(r"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]{4})>", cmap)
            }
            fonts[str(font["/BaseFont"])] = EmbeddedFont(
                str(font["/BaseFont"]),
                descriptor["/FontFile2"].get_object().get_data(),
                mapping,
            )
    return list(fonts.values())


def glyph_outlines(font_file: bytes) -> dict[int, bool]:
    """For an embedded TrueType subset as reportlab writes it (one format 6 cmap): for each
    character code, whether it maps to a real glyph (not .notdef, with an outline)."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    (num_tables,) = struct.unpack(">H", font_file[4:6])
    tables = {}
    for i in range(num_tables):
        tag, _checksum, offset, length = struct.unpack(
            ">4sIII", font_file[12 + 16 * i : 28 + 16 * i]
        )
        tables[tag.decode("latin-1")] = (offset, length)
    offset, _length = tables["cmap"]
    _platform, _encoding, sub = struct.unpack(">HHI", font_file[offset + 4 : offset + 12])
    start = offset + sub
    fmt, _len, _lang, first, entries = struct.unpack(">HHHHH", font_file[start : start + 10])
    assert fmt == 6, fmt
    glyphs = struct.unpack(f">{entries}H", font_file[start + 10 : start + 10 + 2 * entries])
    positions = TTFontFile(io.BytesIO(font_file), validate=0).glyphPos
    return {
        first + i: bool(glyph) and positions[glyph + 1] > positions[glyph]
        for i, glyph in enumerate(glyphs)
    }
