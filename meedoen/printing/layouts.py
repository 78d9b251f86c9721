"""Paper and label stock as data: a new stock of badge labels is one entry in `LABEL_STOCKS`.

All sizes are millimetres, measured from the top-left corner of the sheet, as printed on the
box of the labels (top margin, side margin, label size and the gaps between labels).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from reportlab.lib.units import mm

PAPER_MM: dict[str, tuple[float, float]] = {
    "A3": (297.0, 420.0),
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "A6": (105.0, 148.0),
    "A7": (74.0, 105.0),
}


@dataclass(frozen=True)
class LabelStock:
    """A sheet of equal labels in a grid; `folded` is a tent card: one sheet, folded once."""

    key: str
    name: str | Promise
    columns: int
    rows: int
    label_width: float
    label_height: float
    top: float = 0.0
    left: float = 0.0
    gap_x: float = 0.0
    gap_y: float = 0.0
    paper: str = "A4"
    folded: bool = False

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    @property
    def page_size(self) -> tuple[float, float]:
        """The sheet in points, for reportlab."""
        width, height = PAPER_MM[self.paper]
        return width * mm, height * mm

    def label_box(self, index: int) -> tuple[float, float, float, float]:
        """(x, y, width, height) in points of label `index` on its sheet (0 = top left, then
        along the row), with y measured from the bottom of the page as reportlab does."""
        column, row = index % self.columns, (index // self.columns) % self.rows
        _width, page_height = PAPER_MM[self.paper]
        x = self.left + column * (self.label_width + self.gap_x)
        top = self.top + row * (self.label_height + self.gap_y)
        return (
            x * mm,
            (page_height - top - self.label_height) * mm,
            self.label_width * mm,
            self.label_height * mm,
        )

    def fits_on_paper(self) -> bool:
        width, height = PAPER_MM[self.paper]
        right = self.left + self.columns * self.label_width + (self.columns - 1) * self.gap_x
        bottom = self.top + self.rows * self.label_height + (self.rows - 1) * self.gap_y
        return right <= width + 0.01 and bottom <= height + 0.01


LABEL_STOCKS: tuple[LabelStock, ...] = (
    LabelStock(
        key="a4-2x4-99x68",
        name=_("A4, 8 labels of 99.1 × 67.7 mm (2 × 4, for example Avery L7165)"),
        columns=2,
        rows=4,
        label_width=99.1,
        label_height=67.7,
        top=13.1,
        left=4.65,
        gap_x=2.5,
    ),
    LabelStock(
        key="a4-2x4-105x74",
        name=_("A4, 8 labels of 105 × 74 mm (2 × 4, no margin)"),
        columns=2,
        rows=4,
        label_width=105.0,
        label_height=74.0,
        top=0.5,
    ),
    LabelStock(
        key="a4-2x5-99x57",
        name=_("A4, 10 labels of 99.1 × 57 mm (2 × 5, for example Avery L7173)"),
        columns=2,
        rows=5,
        label_width=99.1,
        label_height=57.0,
        top=6.0,
        left=4.65,
        gap_x=2.5,
    ),
    LabelStock(
        key="a4-2x5-105x57",
        name=_("A4, 10 labels of 105 × 57 mm (2 × 5, no side margin)"),
        columns=2,
        rows=5,
        label_width=105.0,
        label_height=57.0,
        top=6.0,
    ),
    LabelStock(
        key="a4-tent",
        name=_("Name tent: one A4 per person, folded in half"),
        columns=1,
        rows=1,
        label_width=210.0,
        label_height=297.0,
        folded=True,
    ),
)

LABEL_STOCKS_BY_KEY: dict[str, LabelStock] = {stock.key: stock for stock in LABEL_STOCKS}
DEFAULT_LABEL_STOCK = LABEL_STOCKS[0].key


def label_stock(key: str) -> LabelStock:
    """The stock with this key. Raises KeyError for an unknown key."""
    return LABEL_STOCKS_BY_KEY[key]
