"""What the meetings room puts into the shared frames: menu, dashboard panels, the plan's
meetings section, audit words."""

from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from meedoen.meetings.selectors import checklist_due, meetings_for_plan, meetings_upcoming
from meedoen.plans.models import ParticipationPlan
from meedoen.plans.sections import PlanSection, plan_section_register
from meedoen.teams.audit import audit_action_register
from meedoen.teams.dashboard import DashboardPanel, dashboard_panel_register
from meedoen.teams.models import Membership
from meedoen.teams.navigation import NavItem, nav_item_register

nav_item_register(NavItem("meetings.meetings", _("Meetings"), "meetings:meeting_list", order=50))
nav_item_register(NavItem("meetings.venues", _("Venues"), "meetings:venue_list", order=120))


def _upcoming(actor: Membership, now: datetime) -> dict[str, Any]:
    return {"meetings": list(meetings_upcoming(actor=actor, now=now)[:5]), "now": now}


def _due(actor: Membership, now: datetime) -> dict[str, Any]:
    return {"due": checklist_due(actor=actor, now=now)[:10]}


def _plan_meetings(actor: Membership, plan: ParticipationPlan) -> dict[str, Any]:
    return {"meetings": list(meetings_for_plan(actor=actor, plan=plan))}


dashboard_panel_register(
    DashboardPanel(
        "meetings.upcoming",
        _("Upcoming meetings"),
        "meetings/panels/upcoming.html",
        _upcoming,
        order=10,
    )
)
dashboard_panel_register(
    DashboardPanel(
        "meetings.due", _("Due this week and overdue"), "meetings/panels/due.html", _due, order=20
    )
)
plan_section_register(
    PlanSection(
        "meetings.for_plan",
        _("Meetings for this plan"),
        "meetings/panels/for_plan.html",
        _plan_meetings,
        order=50,
    )
)

for action, sentence in {
    "meeting.created": _("planned the meeting %(label)s"),
    "meeting.updated": _("changed the meeting %(label)s"),
    "meeting.moved": _("moved the meeting %(label)s"),
    "meeting.cancelled": _("cancelled the meeting %(label)s"),
    "meeting.ready": _("marked the meeting %(label)s ready"),
    "meeting.role": _("gave %(label)s a role in the meeting"),
    "checklist.status": _("changed the status of the task %(label)s"),
    "checklist.added": _("added the task %(label)s"),
    "checklist.ticked": _("completed the task %(label)s"),
    "checklist_template.saved": _("changed the checklist template: %(label)s"),
    "venue.created": _("added the venue %(label)s"),
    "venue.updated": _("changed the venue %(label)s"),
}.items():
    audit_action_register(action, sentence)
