"""Layout of the stakeholder ring map: three concentric rings (high interest inside) with the
stakeholders as labels spread around their ring. The template draws it as SVG; a table with the
same content follows it for screen readers and print."""

from __future__ import annotations

import math
from dataclasses import dataclass

from meedoen.plans.models import Ring, Stakeholder

SIZE = 700
CENTRE = SIZE / 2
# Outer radius of each ring, and the two radii its labels alternate between, so that
# neighbouring labels sit at different heights and overlap less.
RADII = {Ring.HIGH: 155.0, Ring.MEDIUM: 255.0, Ring.LOW: 345.0}
LABEL_RADII = {Ring.HIGH: (62.0, 115.0), Ring.MEDIUM: (188.0, 228.0), Ring.LOW: (280.0, 318.0)}
# Each ring starts at another angle, so labels of different rings do not line up.
START_ANGLE = {Ring.HIGH: 0.35, Ring.MEDIUM: 0.0, Ring.LOW: 0.2}
LABEL_MAX = 20


@dataclass(frozen=True)
class MapLabel:
    x: float
    y: float
    text: str
    full_name: str


@dataclass(frozen=True)
class MapRing:
    key: str
    name: str
    radius: float
    labels: list[MapLabel]
    caption_y: float


@dataclass(frozen=True)
class RingMap:
    size: int
    centre: float
    rings: list[MapRing]  # outermost first, so inner rings are drawn on top


def _short(name: str) -> str:
    return name if len(name) <= LABEL_MAX else name[: LABEL_MAX - 1].rstrip() + "…"


def ring_map(by_ring: dict[str, list[Stakeholder]]) -> RingMap:
    rings = []
    for ring in reversed(Ring.values):
        members = by_ring.get(ring, [])
        radii = LABEL_RADII[Ring(ring)]
        count = len(members)
        labels = []
        for index, stakeholder in enumerate(members):
            if ring == Ring.HIGH and count == 1:
                x, y = CENTRE, CENTRE
            else:
                # Start right of the top, so the ring's caption at the top stays free.
                turn = (index + 0.5 + START_ANGLE[Ring(ring)]) / max(count, 1)
                angle = -math.pi / 2 + 2 * math.pi * turn
                radius = radii[index % 2]
                x = CENTRE + radius * math.cos(angle)
                y = CENTRE + radius * math.sin(angle)
            labels.append(
                MapLabel(round(x, 1), round(y, 1), _short(stakeholder.name), stakeholder.name)
            )
        rings.append(
            MapRing(
                key=ring,
                name=str(Ring(ring).label),
                radius=RADII[Ring(ring)],
                labels=labels,
                caption_y=round(CENTRE - RADII[Ring(ring)] + 20, 1),
            )
        )
    return RingMap(size=SIZE, centre=CENTRE, rings=rings)
