"""The team dashboard is a frame: each room registers its own panels here, so `teams` never
imports the rooms above it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.functional import Promise

from meedoen.teams.models import Membership

PanelContext = Callable[[Membership, datetime], dict[str, Any] | None]


@dataclass(frozen=True)
class DashboardPanel:
    """A block on the dashboard. `context` returns None when the panel has nothing to show
    for this actor (for example a coordinator-only panel seen by a viewer)."""

    key: str
    title: str | Promise
    template: str
    context: PanelContext
    order: int = 100


@dataclass(frozen=True)
class RenderedPanel:
    panel: DashboardPanel
    context: dict[str, Any]


_PANELS: dict[str, DashboardPanel] = {}


def dashboard_panel_register(panel: DashboardPanel) -> None:
    _PANELS[panel.key] = panel


def dashboard_panels_for(*, actor: Membership, now: datetime) -> list[RenderedPanel]:
    rendered = []
    for panel in sorted(_PANELS.values(), key=lambda p: (p.order, p.key)):
        context = panel.context(actor, now)
        if context is not None:
            rendered.append(RenderedPanel(panel=panel, context=context))
    return rendered
