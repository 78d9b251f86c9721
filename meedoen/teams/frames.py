"""A frame is a place on a page that other rooms fill with panels (the team dashboard, a plan's
overview, …), so the room that owns the page never imports the rooms above it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

PanelContext = Callable[..., dict[str, Any] | None]


@dataclass(frozen=True)
class Panel:
    """A block in a frame. `context` gets the frame's arguments and returns the template's
    context, or None when the panel has nothing to show (for example to a viewer)."""

    key: str
    title: str | Promise
    template: str
    context: PanelContext
    order: int = 100


@dataclass(frozen=True)
class RenderedPanel:
    panel: Panel
    context: dict[str, Any]


class Frame:
    def __init__(self) -> None:
        self._panels: dict[str, Panel] = {}

    def register(self, panel: Panel) -> None:
        self._panels[panel.key] = panel

    def render(self, *args: Any) -> list[RenderedPanel]:
        rendered = []
        for panel in sorted(self._panels.values(), key=lambda p: (p.order, p.key)):
            context = panel.context(*args)
            if context is not None:
                rendered.append(RenderedPanel(panel=panel, context=context))
        return rendered
