"""Sections that other rooms add to a plan's overview (for example the meetings that serve the
plan), so `plans` never imports the rooms above it. A section's context gets
(actor: Membership, plan: ParticipationPlan)."""

from __future__ import annotations

from meedoen.plans.models import ParticipationPlan
from meedoen.teams.frames import Frame, Panel, RenderedPanel
from meedoen.teams.models import Membership

PlanSection = Panel
PLAN_SECTIONS = Frame()


def plan_section_register(section: Panel) -> None:
    PLAN_SECTIONS.register(section)


def plan_sections_for(*, actor: Membership, plan: ParticipationPlan) -> list[RenderedPanel]:
    return PLAN_SECTIONS.render(actor, plan)
