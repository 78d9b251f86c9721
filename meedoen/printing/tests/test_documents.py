"""The documents on their own (no database): the right names on the right badges and pages,
page counts per layout, text that fits, a font that has every glyph, a QR code that reads,
and cards, lists and letters that say what they should."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.units import mm

from meedoen.printing.documents.badges import Badge, badges_pdf
from meedoen.printing.documents.draw import FONT_BOLD, fit_text, width
from meedoen.printing.documents.letters import LetterText, Recipient, letters_pdf
from meedoen.printing.documents.lists import (
    SignInRow,
    TableList,
    WallRow,
    signin_pdf,
    table_lists_pdf,
    wall_list_pdf,
)
from meedoen.printing.documents.poster import PosterText, poster_pdf
from meedoen.printing.documents.tipcards import TipCardText, tip_card_codes, tip_cards_pdf
from meedoen.printing.layouts import LABEL_STOCKS, label_stock
from meedoen.printing.tests.pdfs import (
    embedded_fonts,
    glyph_outlines,
    page_image,
    pages_text,
    placed_text,
    qr_texts,
)

ACCENTED = ["Zoë", "Özdemir", "Ngô", "Ḥaddādī", "Łukasz"]
URL = "https://meedoen.rivierstad.nl/b/noord-21dec/"


def _people(count: int) -> list[Badge]:
    return [Badge(name=f"Naam{i:03d}", tables=f"Tafel {i % 7 + 1}") for i in range(count)]


@pytest.mark.parametrize(
    ("key", "people", "pages"),
    [
        ("a4-2x4-99x68", 17, 3),
        ("a4-2x4-105x74", 16, 2),
        ("a4-2x5-99x57", 17, 2),
        ("a4-2x5-105x57", 21, 3),
        ("a4-tent", 3, 3),
    ],
)
def test_page_count_per_layout(key, people, pages):
    texts = pages_text(badges_pdf(_people(people), label_stock(key), title="t"))
    assert len(texts) == pages
    per_sheet = 1 if label_stock(key).folded else label_stock(key).per_sheet
    for index in range(people):
        assert f"Naam{index:03d}" in texts[index // per_sheet]


@pytest.mark.parametrize("stock", [s for s in LABEL_STOCKS if not s.folded], ids=lambda s: s.key)
def test_every_name_is_inside_its_own_label(stock):
    count = stock.per_sheet + 3
    pdf = badges_pdf(_people(count), stock, title="t")
    for page in range(2):
        for placed in placed_text(pdf, page):
            if not placed.text.startswith("Naam"):
                continue
            index = int(placed.text[4:7])
            x, y, w, h = stock.label_box(index % stock.per_sheet)
            assert index // stock.per_sheet == page
            assert x <= placed.x <= x + w and y <= placed.y <= y + h, (placed, stock.key)


def test_label_stocks_fit_on_their_paper():
    for stock in LABEL_STOCKS:
        assert stock.fits_on_paper(), stock.key


def test_badge_shows_the_second_line_tables_and_surname():
    pdf = badges_pdf(
        [Badge(name="Fatma", surname="Yılmaz", second_line="Buurtteam", tables="Tafel 3 · 5")],
        label_stock("a4-2x4-99x68"),
        title="t",
        header="Buurtavond Noord",
    )
    text = pages_text(pdf)[0]
    for part in ("Fatma", "Yılmaz", "Buurtteam", "Tafel 3 · 5", "Buurtavond Noord"):
        assert part in text


def test_long_names_shrink_or_wrap_inside_the_badge():
    name = "Wilhelmina-Augustina van Oldenbarnevelt-Vlaardingerbroek"
    fitted = fit_text(name, FONT_BOLD, box_width=80 * mm, box_height=30 * mm, max_size=40)
    assert len(fitted.lines) == 2
    assert all(width(line, FONT_BOLD, fitted.size) <= 80 * mm + 0.01 for line in fitted.lines)
    assert fitted.size * 1.15 * len(fitted.lines) <= 30 * mm + 0.01
    one_word = "NgôzdemirḤaddādīłukaszvlaardingerbroekwilhelmina"
    fitted = fit_text(one_word, FONT_BOLD, box_width=40 * mm, box_height=20 * mm, max_size=40)
    assert all(width(line, FONT_BOLD, fitted.size) <= 40 * mm + 0.01 for line in fitted.lines)
    assert "".join(fitted.lines) == one_word
    short = fit_text("Jan", FONT_BOLD, box_width=80 * mm, box_height=30 * mm, max_size=40)
    assert short.size == 40 and short.lines == ["Jan"]


def test_the_embedded_font_has_real_glyphs_for_accented_names():
    pdf = badges_pdf(
        [Badge(name=name) for name in ACCENTED], label_stock("a4-2x4-99x68"), title="t"
    )
    assert pages_text(pdf)[0].split() == ACCENTED
    fonts = embedded_fonts(pdf)
    assert fonts and all("DejaVuSans" in font.base_font for font in fonts)
    wanted = set("".join(ACCENTED))
    covered: set[str] = set()
    for font in fonts:
        real = glyph_outlines(font.font_file)
        covered |= {char for code, char in font.to_unicode.items() if real.get(code)}
    assert wanted <= covered, wanted - covered
    # The control: a character DejaVu Sans has no glyph for is found missing.
    control = badges_pdf([Badge(name="Zoë 中")], label_stock("a4-2x4-99x68"), title="t")
    found = set()
    for font in embedded_fonts(control):
        real = glyph_outlines(font.font_file)
        found |= {char for code, char in font.to_unicode.items() if real.get(code)}
    assert "ë" in found and "中" not in found
    assert "中" not in pages_text(control)[0]


def test_no_photo_mark_is_drawn_only_where_asked():
    stock = label_stock("a4-2x4-99x68")
    plain = badges_pdf([Badge(name="Anna")], stock, title="t")
    marked = badges_pdf([Badge(name="Anna", no_photo=True)], stock, title="t")
    x, y, w, _h = stock.label_box(0)
    corner = (int((x + w - 16 * mm) * 2), int((841.89 - y - 16 * mm) * 2))
    box = (corner[0], corner[1], int((x + w) * 2), int((841.89 - y) * 2))
    assert page_image(plain).convert("L").crop(box).getextrema()[0] == 255
    assert page_image(marked).convert("L").crop(box).getextrema()[0] < 200


def test_first_page_as_png_is_not_blank():
    pdf = badges_pdf(_people(8), label_stock("a4-2x4-99x68"), title="t")
    image = page_image(pdf).convert("L")
    histogram = image.histogram()
    dark = sum(histogram[:128])
    assert image.size[0] > 1000
    assert dark > 1000


def _poster_text(**overrides) -> PosterText:
    values = {
        "welcome": "U bent van harte welkom!",
        "title": "Samen de Lindelaan groener maken",
        "when": "Dinsdag 21 december 2026, 19:30 – 21:30",
        "place": ["Buurthuis De Linde", "Lindelaan 4", "1234 AB Rivierstad"],
        "why": "We willen samen met u bepalen waar bomen en bankjes komen. " * 4,
        "register": "Meld u aan, het is gratis:",
        "url": URL,
        "short_url": "meedoen.rivierstad.nl/b/noord-21dec",
        "scan": "Scan de code met de camera van uw telefoon.",
        "team": "Wijkteam Noord",
        "extras": ["Er is koffie en thee.", "Toegankelijkheid: drempelvrije ingang."],
    }
    values.update(overrides)
    return PosterText(**values)


@pytest.mark.parametrize("paper", ["A3", "A4", "A5", "A6"])
def test_poster_qr_code_reads_as_the_public_address(paper):
    pdf = poster_pdf(_poster_text(), paper=paper)
    assert qr_texts(pdf) == [URL]
    text = pages_text(pdf)[0]
    assert "meedoen.rivierstad.nl/b/noord-21dec" in text
    assert "Buurthuis De Linde" in text
    assert "Er is koffie en thee." in text
    assert len(pages_text(pdf)) == 1


def test_poster_with_a_logo(tmp_path):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (200, 80), (200, 30, 30)).save(buffer, format="PNG")
    pdf = poster_pdf(_poster_text(), paper="A4", logo=buffer.getvalue())
    image = page_image(pdf, scale=1).convert("RGB")
    width_px = image.size[0]
    # The red logo sits in the top right corner.
    assert any(
        image.getpixel((x, y))[0] > 150 and image.getpixel((x, y))[1] < 80
        for x in range(width_px - 120, width_px - 40, 4)
        for y in range(40, 110, 4)
    )


def test_poster_with_a_very_long_why_stays_on_one_page():
    pdf = poster_pdf(_poster_text(why="Heel veel uitleg. " * 400), paper="A6")
    assert len(pages_text(pdf)) == 1
    assert qr_texts(pdf) == [URL]


def test_tip_cards_codes_and_sheets():
    codes = tip_card_codes("noord-21dec", 9)
    assert codes[0] == "noord-21dec-01" and codes[-1] == "noord-21dec-09"
    assert tip_card_codes("x", 120)[0] == "x-001"
    text = TipCardText(header="Buurtavond", prompt="Uw tip voor de buurt:", code_label="Kaart")
    a6 = pages_text(tip_cards_pdf(codes, text, size="A6", title="t"))
    a7 = pages_text(tip_cards_pdf(codes, text, size="A7", title="t"))
    assert len(a6) == 3 and len(a7) == 2
    assert "noord-21dec-05" in a6[1] and "noord-21dec-09" in a6[2]
    assert "noord-21dec-08" in a7[0] and "noord-21dec-09" in a7[1]
    assert "Uw tip voor de buurt:" in a7[0]


def test_table_lists_wall_list_and_sign_in_sheet():
    tables = [
        TableList(round=1, table=1, names=["Zoë", "Kees Post"], facilitators=["Anna"]),
        TableList(round=1, table=2, names=["Ngô"], accessible=True),
    ]
    pages = pages_text(table_lists_pdf(tables, title="t", meeting_line="Avond"))
    assert len(pages) == 2
    assert "Kees Post" in pages[0] and "Anna" in pages[0] and "Ngô" not in pages[0]
    assert "Ngô" in pages[1]

    rows = [WallRow(f"Bewoner {i:03d}", [i % 5 + 1, None]) for i in range(90)]
    pages = pages_text(wall_list_pdf(rows, rounds=2, title="Waar zit u?", meeting_line="Avond"))
    assert len(pages) > 1
    assert "Bewoner 000" in pages[0] and "Bewoner 089" in pages[-1]

    rows = [SignInRow("Kees Post", "Anna", "bewoner"), SignInRow("Łukasz", "", "")]
    pages = pages_text(signin_pdf(rows, blank_rows=40, title="Presentielijst", meeting_line="x"))
    assert "Kees Post" in pages[0] and "Łukasz" in pages[0]
    assert len(pages) == 2  # 40 empty rows do not fit on the first page


def test_letters_one_per_address_with_window_position_and_qr():
    text = LetterText(
        sender=["Wijkteam Noord", "Rivierstad"],
        date="1 december 2026",
        residents_of="Aan de bewoners van",
        subject="Uitnodiging: Buurtavond",
        greeting="Beste bewoner,",
        greeting_named="Beste %(name)s,",
        paragraphs=["We nodigen u uit.", "Waarom: samen beslissen."],
        facts=[("Wanneer", "dinsdag 21 december"), ("Waar", "Buurthuis")],
        register="Meld u aan op de website.",
        url=URL,
        short_url="meedoen.rivierstad.nl/b/noord-21dec",
        closing="Met vriendelijke groet,",
        signature="Wijkteam Noord",
    )
    recipients = [
        Recipient("Lindelaan 1", "1234 AB", "Rivierstad"),
        Recipient("Eikstraat 2", "1234 AC", "Rivierstad", name="Fatma Yılmaz"),
    ]
    pdf = letters_pdf(recipients, text, title="t")
    pages = pages_text(pdf)
    assert len(pages) == 2
    assert "Aan de bewoners van" in pages[0] and "Lindelaan 1" in pages[0]
    assert "Fatma Yılmaz" in pages[1] and "Beste Fatma Yılmaz," in pages[1]
    assert qr_texts(pdf, 1) == [URL]
    long_text = LetterText(**{**text.__dict__, "paragraphs": ["Heel veel uitleg. " * 600] * 3})
    assert len(pages_text(letters_pdf(recipients, long_text, title="t"))) == 2
    placed = next(p for p in placed_text(pdf, 0) if p.text == "Aan de bewoners van")
    # In the window of a Dutch window envelope: about 20 mm from the left, 50 mm from the top.
    assert 18 * mm <= placed.x <= 25 * mm
    assert 50 * mm <= 841.89 - placed.y <= 60 * mm


def test_one_font_registration_for_plans_and_printing():
    """Both rooms embed the same DejaVu faces through one helper, with <b> mapped to bold."""
    from reportlab.lib.fonts import tt2ps
    from reportlab.pdfbase import pdfmetrics

    from meedoen.plans import exports
    from meedoen.printing.documents import draw
    from meedoen.teams.pdf import FONT, FONT_BOLD, pdf_fonts_register

    assert (draw.FONT, draw.FONT_BOLD) == (exports.FONT_REGULAR, exports.FONT_BOLD)
    assert draw.pdf_fonts_register is exports.pdf_fonts_register is pdf_fonts_register
    pdf_fonts_register()
    assert pdfmetrics.getFont(FONT).fontName == FONT
    assert tt2ps(FONT, 1, 0) == FONT_BOLD


def test_the_preview_library_is_installed_without_the_dev_extras():
    """The print page renders page 1 with pypdfium2: it must be a run-time dependency."""
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).resolve().parents[3] / "pyproject.toml").read_text())
    names = [d.split(">")[0].split("=")[0].strip() for d in project["project"]["dependencies"]]
    assert "pypdfium2" in names
    dev = project["project"]["optional-dependencies"]["dev"]
    assert not any(d.startswith("pypdfium2") for d in dev)
    assert any(d.startswith("zxing-cpp") for d in dev)
