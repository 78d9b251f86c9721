"""Sections that other rooms add to a plan's overview (for example the meetings that serve the
plan), so `plans` never imports the rooms above it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from meedoen.plans.models import ParticipationPlan
from meedoen.teams.models import Membership

SectionContext = Callable[[Membership, ParticipationPlan], dict[str, Any] | None]


@dataclass(frozen=True)
class PlanSection:
    key: str
    title: str | Promise
    template: str
    context: SectionContext
    order: int = 100


@dataclass(frozen=True)
class RenderedSection:
    section: PlanSection
    context: dict[str, Any]


_SECTIONS: dict[str, PlanSection] = {}


def plan_section_register(section: PlanSection) -> None:
    _SECTIONS[section.key] = section


def plan_sections_for(*, actor: Membership, plan: ParticipationPlan) -> list[RenderedSection]:
    rendered = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        context = section.context(actor, plan)
        if context is not None:
            rendered.append(RenderedSection(section, context))
    return rendered
