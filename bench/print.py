"""Benchmark of the printing room (issue 10): 1,000 name badges into one PDF, straight from
plain data through the same document function the print page uses (no database).

    python bench/print.py                 # 2 x 4 labels (Avery L7165 size)
    python bench/print.py --layout a4-tent --count 200

Target: under 1 second for 1,000 badges. The last line of the output is JSON.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meedoen.settings.dev")

import django  # noqa: E402

django.setup()

import pypdf  # noqa: E402

from meedoen.printing.documents.badges import Badge, badges_pdf  # noqa: E402
from meedoen.printing.layouts import DEFAULT_LABEL_STOCK, LABEL_STOCKS_BY_KEY  # noqa: E402

FIRST = ["Zoë", "Łukasz", "Ngô", "Fatma", "Kees", "Aïcha", "Wilhelmina-Augustina", "Jan", "Ḥaddādī"]
SECOND = ["bewoner", "Woonstichting Rivierstad", "vrijwilliger", "mantelzorger", ""]


def badges(count: int, seed: int = 1) -> list[Badge]:
    rng = random.Random(seed)
    return [
        Badge(
            name=rng.choice(FIRST),
            second_line=rng.choice(SECOND),
            tables=f"Tafel {rng.randint(1, 12)} · {rng.randint(1, 12)}",
            no_photo=rng.random() < 0.1,
        )
        for _ in range(count)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument(
        "--layout", default=DEFAULT_LABEL_STOCK, choices=sorted(LABEL_STOCKS_BY_KEY)
    )
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()
    stock = LABEL_STOCKS_BY_KEY[args.layout]
    people = badges(args.count)
    badges_pdf(people[:10], stock, title="warm-up")  # font loading is not part of the figure
    times = []
    pdf = b""
    for _ in range(args.repeat):
        start = time.perf_counter()
        pdf = badges_pdf(people, stock, title="bench", header="Buurtavond Noord · 21 december")
        times.append(time.perf_counter() - start)
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    print(f"{args.count} badges on {stock.key}: best {min(times):.3f} s, {pages} pages")
    print(
        json.dumps(
            {
                "badges": args.count,
                "layout": stock.key,
                "seconds": round(min(times), 4),
                "pages": pages,
                "bytes": len(pdf),
            }
        )
    )


if __name__ == "__main__":
    main()
