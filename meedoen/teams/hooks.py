"""What the teams room puts into the shared frames: dashboard panels, menu items, periodic jobs."""

from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from meedoen.teams.audit import audit_lines
from meedoen.teams.dashboard import DashboardPanel, dashboard_panel_register
from meedoen.teams.models import Membership
from meedoen.teams.navigation import NavItem, nav_item_register
from meedoen.teams.periodic import periodic_job_register
from meedoen.teams.selectors import audit_log_for_team, team_invitations_open, team_members
from meedoen.teams.services import invitations_purge_expired, task_results_prune


def _team_context(actor: Membership, now: datetime) -> dict[str, Any]:
    members = list(team_members(actor=actor))
    return {
        "members": members,
        "open_invitations": team_invitations_open(actor=actor, now=now).count(),
    }


def _activity_context(actor: Membership, now: datetime) -> dict[str, Any] | None:
    if not actor.is_coordinator:
        return None
    return {"lines": audit_lines(audit_log_for_team(actor=actor)[:8])}


dashboard_panel_register(
    DashboardPanel(
        key="teams.team",
        title=_("Your team"),
        template="teams/panels/team.html",
        context=_team_context,
        order=900,
    )
)
dashboard_panel_register(
    DashboardPanel(
        key="teams.activity",
        title=_("Recent activity"),
        template="teams/panels/activity.html",
        context=_activity_context,
        order=950,
    )
)

nav_item_register(NavItem("teams.dashboard", _("Overview"), "teams:dashboard", order=0))
nav_item_register(NavItem("teams.members", _("Team"), "teams:member_list", order=800))
nav_item_register(
    NavItem(
        "teams.settings", _("Settings"), "teams:team_settings", order=850, coordinator_only=True
    )
)
nav_item_register(
    NavItem("teams.audit", _("Audit log"), "teams:audit_log", order=860, coordinator_only=True)
)

periodic_job_register("teams.invitations_purge", lambda now: invitations_purge_expired(now=now))
periodic_job_register("teams.task_results_prune", lambda now: task_results_prune(now=now))
