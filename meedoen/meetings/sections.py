"""Sections that other rooms add to a meeting's page (registrations, messages, groups, print
runs, …), so `meetings` never imports the rooms above it. A section's context gets
(actor: Membership, meeting: Meeting)."""

from __future__ import annotations

from meedoen.meetings.models import Meeting
from meedoen.teams.frames import Frame, Panel, RenderedPanel
from meedoen.teams.models import Membership

MeetingSection = Panel
MEETING_SECTIONS = Frame()


def meeting_section_register(section: Panel) -> None:
    MEETING_SECTIONS.register(section)


def meeting_sections_for(*, actor: Membership, meeting: Meeting) -> list[RenderedPanel]:
    return MEETING_SECTIONS.render(actor, meeting)
