"""The QR code on a resident's confirmation: it holds only the short check-in code (never the
personal manage link), so the door can scan it."""

import io

import segno
from django.utils.html import format_html
from django.utils.safestring import SafeString


def _checkin_qr(code: str) -> segno.QRCode:
    return segno.make(code, error="m", micro=False)


def checkin_qr_png(code: str) -> bytes:
    """The check-in code as a PNG for mail (mail programs do not show SVG)."""
    buffer = io.BytesIO()
    _checkin_qr(code).save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def checkin_qr_svg(code: str, *, label: str) -> SafeString:
    """An inline SVG (vector, crisp on any screen or print) with a text alternative."""
    svg = _checkin_qr(code).svg_inline(scale=6, border=2, dark="#000", light="#fff", omitsize=False)
    return format_html(
        '<div class="md-qr" role="img" aria-label="{}">{}</div>', label, SafeString(svg)
    )
