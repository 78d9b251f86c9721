"""The team dashboard is a frame: each room registers its own panels here, so `teams` never
imports the rooms above it. A panel's context gets (actor: Membership, now: datetime)."""

from __future__ import annotations

from datetime import datetime

from meedoen.teams.frames import Frame, Panel, RenderedPanel
from meedoen.teams.models import Membership

DashboardPanel = Panel
DASHBOARD = Frame()


def dashboard_panel_register(panel: Panel) -> None:
    DASHBOARD.register(panel)


def dashboard_panels_for(*, actor: Membership, now: datetime) -> list[RenderedPanel]:
    return DASHBOARD.render(actor, now)
