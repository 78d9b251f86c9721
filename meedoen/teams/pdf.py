"""The one embedded PDF font of every room (plan exports, the print room): DejaVu Sans,
vendored. It covers Latin Extended (Zoë, Łukasz, Ḥaddādī, Ngô), which reportlab's built-in
fonts do not."""

from __future__ import annotations

import threading
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "vendor" / "fonts" / "dejavu"
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
_lock = threading.Lock()
_registered = False


def pdf_fonts_register() -> None:
    """Register the font and its bold face once per process (thread-safe)."""
    global _registered
    if _registered:
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    with _lock:
        if _registered:
            return
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
        # <b> in paragraph markup picks the bold face; there is no italic face.
        for bold, italic, name in (
            (0, 0, FONT),
            (1, 0, FONT_BOLD),
            (0, 1, FONT),
            (1, 1, FONT_BOLD),
        ):
            addMapping(FONT, bold, italic, name)
        _registered = True
